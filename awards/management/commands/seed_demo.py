"""Load the seed plan's demo data: organisation, units, conference, movements, award forms,
quotas, demo accounts and a few sample nominations — then the council stage (awards/demo.py).

It lives in the awards app because it reads every app (conference ← nominations ← awards).

Idempotent: every row is found by its natural key and saved only when a value differs, so a
second run writes nothing (no new rows, no new audit-history rows). The data lives in
``fixtures/demo_seed.json``; docs/reference-data.md says where each piece comes from.
"""

import datetime
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from conference.enums import NomineeKind
from conference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit
from conference.roles import Role
from hoinghi.text import collation_key, fold, normalize_text
from nominations import services
from nominations.enums import AttachmentKind, NominationStatus
from nominations.models import Nomination

DEMO_PASSWORD = "hoinghi-demo"  # noqa: S105 (published demo password, documented in README)
DATA_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_seed.json"
OFFICE_USERNAME = "vanphong"
UNIT_USERNAME_PREFIX = "donvi-"

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _clean(value: Any) -> Any:
    """What the model will store, so that comparing with the database is exact."""
    return normalize_text(value) if isinstance(value, str) else value


def sync(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[models.Model, str]:
    """Create the row found by ``lookup``, or update only the fields that differ.

    Unlike ``update_or_create`` this saves nothing when nothing changed, so re-running the
    command leaves no new django-simple-history rows behind.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj, CREATED
    changed = [name for name, value in values.items() if getattr(obj, name) != _clean(value)]
    if not changed:
        return obj, UNCHANGED
    for name in changed:
        setattr(obj, name, values[name])
    obj.save()
    return obj, UPDATED


def sample_pdf(title: str) -> bytes:
    """A minimal, valid one-page PDF standing in for a scanned achievement report."""
    text = fold(title).encode("ascii", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 14 Tf 72 770 Td (Bao cao thanh tich - tep mau) Tj 0 -24 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


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
        parser.add_argument("--no-samples", action="store_true", help="Do not create the sample nominations.")
        parser.add_argument("--data", default=str(DATA_FILE), help="JSON file with the demo data.")

    def handle(self, *args, **options):
        data = self.load(Path(options["data"]))
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
        samples = Counter()
        if not options["no_samples"]:
            samples = self.seed_samples(conference, units, movements, award_forms, data["samples"])
        self.report(conference, samples)

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

    # ---------------------------------------------------------------- samples

    def seed_samples(self, conference, units, movements, award_forms, rows: list[dict]) -> Counter:
        """Sample dossiers, made the way users make them: through nominations.services."""
        counts = Counter()
        office = User.objects.get(username=OFFICE_USERNAME)
        for row in rows:
            name = normalize_text(row["nominee"]["full_name"])
            if Nomination.objects.filter(conference=conference, nominee__full_name=name).exists():
                counts["skipped"] += 1
                continue
            # A fresh user object per sample: roles and the staff profile are cached on it.
            author = User.objects.get(username=f"{UNIT_USERNAME_PREFIX}{row['unit']}")
            with transaction.atomic():
                self.create_sample(conference, units, movements, award_forms, row, author, office)
            counts[row["status"]] += 1
        return counts

    def create_sample(self, conference, units, movements, award_forms, row, author, office) -> Nomination:
        nominee = dict(row["nominee"])
        if "unit" in nominee:
            nominee["unit"] = units[nominee["unit"]]
        commendations = [
            {**record, "decision_date": datetime.date.fromisoformat(record["decision_date"])}
            if record.get("decision_date")
            else dict(record)
            for record in row["commendations"]
        ]
        data = services.NominationInput(
            nominee=nominee,
            proposing_unit=units[row["unit"]],
            award_form=award_forms[row["award_form"]],
            achievement_summary=row["achievement_summary"],
            movements=[movements[key] for key in row["movements"]],
            commendations=commendations,
        )
        nomination = services.create_nomination(conference, data, by=author)
        target = row["status"]
        if target == NominationStatus.DRAFT:
            return nomination
        upload = SimpleUploadedFile(
            f"Bao-cao-thanh-tich-{fold(nominee['full_name']).replace(' ', '-')}.pdf",
            sample_pdf(nominee["full_name"]),
            content_type="application/pdf",
        )
        services.add_attachment(nomination, upload, kind=AttachmentKind.ACHIEVEMENT_REPORT, by=author)
        services.transition(nomination, NominationStatus.SUBMITTED, by=author)
        if target == NominationStatus.RETURNED:
            services.transition(nomination, NominationStatus.RETURNED, by=office, note=row["return_note"])
        elif target == NominationStatus.ACCEPTED:
            services.transition(nomination, NominationStatus.ACCEPTED, by=office)
        elif target != NominationStatus.SUBMITTED:
            raise CommandError(f"Sample status {target!r} is not supported by seed_demo.")
        return nomination

    # ----------------------------------------------------------------- output

    def report(self, conference: Conference, samples: Counter) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo data for “{conference.slug}” ({conference.year}):"))
        for label, counter in self.counts.items():
            parts = ", ".join(f"{counter[s]} {s}" for s in (CREATED, UPDATED, UNCHANGED) if counter[s])
            self.stdout.write(f"  {label}: {parts}")
        if samples:
            parts = ", ".join(f"{n} {status}" for status, n in sorted(samples.items()))
            self.stdout.write(f"  sample nominations: {parts}")
        self.stdout.write(
            f"  log in at /accounts/login/ as admin, vanphong, giamdoc, thuky, uyvien1…8 or "
            f"{UNIT_USERNAME_PREFIX}<unit code>; password of new accounts: {DEMO_PASSWORD}"
        )
