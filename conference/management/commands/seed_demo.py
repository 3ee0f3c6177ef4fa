"""Load the seed plan's demo data: organisation, units, conference, movements, award forms,
quotas, demo accounts and a few sample nominations — then the council stage (awards/demo.py).

It lives in the top floor (``conference``, the conference day) because it seeds every app, each
through its own demo builder (``awards.demo``, ``conference.demo``); no lower app imports a higher
one (docs/architecture.md).

Idempotent: every row is found by its natural key and saved only when a value differs, so a
second run writes nothing (no new rows, no new audit-history rows). The data lives in
``fixtures/demo_seed.json``; docs/reference-data.md says where each piece comes from.
"""

import json
import unicodedata
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from awards import demo
from awards.demo import CREATED, UNCHANGED, UNIT_USERNAME_PREFIX, UPDATED, sync
from conference import demo as conference_demo
from conference import demo_register, demo_summing_up
from hoinghi.roles import Role
from hoinghi.text import collation_key, normalize_text
from reference.enums import NomineeKind
from reference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit

DEMO_PASSWORD = "hoinghi-demo"  # noqa: S105 (published demo password, documented in README)  # nosec B105
DATA_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_seed.json"
DEMO_MAIL_DOMAIN = "hoinghi.example"


class Command(BaseCommand):
    help = (
        "Load the demo data of the Hưng Yên Department of Science and Technology's 2025 conference "
        "(idempotent). Demo accounts get the password 'hoinghi-demo' when they are created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the password of every existing demo account back to 'hoinghi-demo'.",
        )
        parser.add_argument(
            "--no-samples",
            action="store_true",
            help="Do not create the sample nominations (nor the council stage, which needs them).",
        )
        parser.add_argument(
            "--no-council",
            action="store_true",
            help="Skip the council story (both meetings, votes, decisions, proposal); its reference data still loads.",
        )
        parser.add_argument(
            "--no-conference-day",
            action="store_true",
            help="Skip the conference day's demo (delegate groups, delegates and their replies).",
        )
        parser.add_argument("--data", default=str(DATA_FILE), help="JSON file with the demo data.")

    def handle(self, *args, **options):
        data = self.load(Path(options["data"]))
        try:
            council_data = demo.load_data()
        except demo.DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.counts: dict[str, Counter] = {}
        missing = [role.value for role in Role if not Group.objects.filter(name=role.value).exists()]
        if missing:
            raise CommandError(f"Role groups are missing ({', '.join(missing)}): run 'manage.py migrate' first.")
        with transaction.atomic():
            organisation = self.seed_organisation(data["organisation"])
            units = self.seed_units(organisation, data["units"])
            conference = self.seed_conference(organisation, data["conference"])
            movements = self.seed_movements(conference, data["movements"])
            award_forms = self.seed_award_forms(data["award_forms"])
            self.seed_quotas(conference, award_forms, data["quota"])
            self.seed_accounts(data, units, reset=options["reset_passwords"])
        demo.seed_reference(organisation, award_forms, council_data, self.counts)
        setting = demo.Setting(conference, units, movements, award_forms)
        samples, story = Counter(), None
        if not options["no_samples"]:
            samples = self.run_demo(demo.seed_samples, setting, data["samples"])
            if not options["no_council"]:
                story = self.run_demo(demo.run_story, setting, council_data)
        self.report(conference, samples, story)
        if not options["no_conference_day"]:
            self.stdout.write(f"  {self.run_demo(conference_demo.run_story, conference).summary()}")
        if story is not None:  # after the conference day: a late nomination, a second meeting and decision
            self.stdout.write(f"  {self.run_demo(demo.run_second_round, setting, council_data).summary()}")
        if not options["no_samples"]:  # units' reports, registrations, talks and the book's photos (issue 13)
            self.stdout.write(f"  {self.run_demo(demo_summing_up.run_story, conference, movements).summary()}")
        if not options["no_conference_day"]:  # last: the issued documents carry everything above
            self.stdout.write(f"  {self.run_demo(demo_register.issue_demo_documents, conference).summary()}")

    def run_demo(self, step, *args):
        """A demo step (awards.demo, conference.demo), its refusals a command error (nothing of the step kept)."""
        try:
            return step(*args)
        except (demo.DemoError, ValidationError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError(f"{step.__name__}: {' '.join(messages)}") from exc

    # ------------------------------------------------------------------ input

    def load(self, path: Path) -> dict:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        return json.loads(unicodedata.normalize("NFC", text))

    def count(self, label: str, status: str) -> None:
        self.counts.setdefault(label, Counter())[status] += 1

    # -------------------------------------------------------- reference data

    def seed_organisation(self, row: dict) -> Organisation:
        values = {k: v for k, v in row.items() if k != "abbreviation"}
        organisation, status = sync(Organisation, {"abbreviation": row["abbreviation"]}, values)
        self.count("organisation", status)
        return organisation

    def seed_units(self, organisation: Organisation, rows: list[dict]) -> dict[str, Unit]:
        units = {}
        for order, row in enumerate(rows, start=1):
            values = {"organisation": organisation, "name": row["name"], "kind": row["kind"], "order": order}
            unit, status = sync(Unit, {"code": row["code"]}, values)
            if status == UNCHANGED and unit.sort_key != collation_key(unit.name):
                unit.save()  # a sort key stored by an older collation_key: recompute it
                status = UPDATED
            units[row["code"]] = unit
            self.count("units", status)
        return units

    def seed_conference(self, organisation: Organisation, row: dict) -> Conference:
        values = {k: v for k, v in row.items() if k != "slug"}
        values["organisation"] = organisation
        # The demo conference is made current unless another one is: never take the flag
        # away from a conference the Office has made current since.
        if not Conference.objects.filter(is_current=True).exclude(slug=row["slug"]).exists():
            values["is_current"] = True
        conference, status = sync(Conference, {"slug": row["slug"]}, values)
        self.count("conference", status)
        return conference

    def seed_movements(self, conference: Conference, rows: list[dict]) -> dict[str, Movement]:
        movements = {}
        for order, row in enumerate(rows, start=1):
            values = {
                "scope": row["scope"],
                "launched_by": row["launched_by"],
                "start_year": row["start_year"],
                "end_year": row["end_year"],
                "order": order,
            }
            lookup = {"conference": conference, "name": normalize_text(row["name"])}
            movements[row["key"]], status = sync(Movement, lookup, values)
            self.count("movements", status)
        return movements

    def seed_award_forms(self, rows: list[dict]) -> dict[str, AwardForm]:
        forms = {}
        for order, row in enumerate(rows, start=1):
            values = {"name": row["name"], "level": row["level"], "issuer": row["issuer"], "order": order}
            forms[row["code"]], status = sync(AwardForm, {"code": row["code"]}, values)
            self.count("award forms", status)
        return forms

    def seed_quotas(self, conference: Conference, award_forms: dict[str, AwardForm], quota: dict) -> None:
        for award_form in award_forms.values():
            for kind in (NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL):
                lookup = {"conference": conference, "award_form": award_form, "kind": kind}
                _, status = sync(Quota, lookup, {"minimum": quota["minimum"], "maximum": quota["maximum"]})
                self.count("quotas", status)

    # --------------------------------------------------------------- accounts

    def seed_accounts(self, data: dict, units: dict[str, Unit], *, reset: bool) -> None:
        groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        # One hash for every demo account: the password is published, and PBKDF2 at
        # Django's default cost would add ~0.5 s per account to every first start.
        self.password_hash = make_password(DEMO_PASSWORD)
        for row in data["accounts"]:
            self.seed_user(row, groups, unit=None, reset=reset)
        for code, unit in units.items():
            row = {"username": f"{UNIT_USERNAME_PREFIX}{code}", "roles": [Role.UNIT_STAFF.value], "staff": False}
            row.update(data["unit_accounts"].get(code, {"last_name": "Cán bộ", "first_name": unit.name}))
            self.seed_user(row, groups, unit=unit, reset=reset)

    def seed_user(self, row: dict, groups: dict[str, Group], *, unit: Unit | None, reset: bool) -> User:
        values = {
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            # A reserved domain (RFC 2606): the demo's mail stays in the application (docs/outbox.md).
            "email": row.get("email", f"{row['username']}@{DEMO_MAIL_DOMAIN}"),
            "is_staff": bool(row.get("staff")),
            "is_superuser": bool(row.get("superuser")),
            "is_active": True,
        }
        user = User.objects.filter(username=row["username"]).first()
        if user is None:
            user = User(username=row["username"], password=self.password_hash, **values)
            user.save()
            status = CREATED
        else:
            changed = [name for name, value in values.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, values[name])
            if reset and not user.check_password(DEMO_PASSWORD):
                user.password = self.password_hash
                changed.append("password")
            if changed:
                user.save(update_fields=changed)
            status = UPDATED if changed else UNCHANGED
        present = set(user.groups.values_list("name", flat=True))
        for role in row["roles"]:
            if role not in present:
                user.groups.add(groups[role])
                status = UPDATED if status == UNCHANGED else status
        _, profile_status = sync(StaffProfile, {"user": user}, {"unit": unit, "position": row.get("position", "")})
        if status == UNCHANGED and profile_status != UNCHANGED:
            status = UPDATED
        self.count("accounts", status)
        return user

    # ----------------------------------------------------------------- output

    def report(self, conference: Conference, samples: Counter, story: demo.Story | None) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo data for “{conference.slug}” ({conference.year}):"))
        for label, counter in self.counts.items():
            parts = ", ".join(f"{counter[s]} {s}" for s in (CREATED, UPDATED, UNCHANGED) if counter[s])
            self.stdout.write(f"  {label}: {parts}")
        if samples:
            parts = ", ".join(f"{n} {status}" for status, n in sorted(samples.items()))
            self.stdout.write(f"  sample nominations: {parts}")
        if story is not None:
            self.stdout.write(f"  {story.summary()}")
        self.stdout.write(
            f"  log in at /accounts/login/ as admin, vanphong, giamdoc, thuky, uyvien1…8 or "
            f"{UNIT_USERNAME_PREFIX}<unit code>; password of new accounts: {DEMO_PASSWORD}"
        )
