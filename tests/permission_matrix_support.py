"""The permission matrix's machinery: every URL of the URL configuration, the roles, the world.

``all_routes()`` walks ``get_resolver()`` recursively, so a URL added anywhere (an app's
``urls.py``, the admin, a third-party include) shows up without anyone listing it. The
expected answers live in ``tests/permission_matrix_table.py``; this module only builds
concrete URLs (converters filled with real objects of the demo world) and asks them.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Roles, in the order the matrix reports them. Usernames are the demo world's (seed_demo).
ROLES = ["anon", "unit_a", "unit_b", "office", "council", "secretary", "director", "superuser"]
ROLE_USERS = {
    "unit_a": "donvi-qlkh",
    "unit_b": "donvi-cds",
    "office": "vanphong",
    "council": "uyvien1",
    "secretary": "thuky",
    "director": "giamdoc",
    "superuser": "admin",
}
UNIT_A, UNIT_B = "qlkh", "cds"

# Answers: a status code, or one of these redirects.
LOGIN = "login"  # 302 to /accounts/login/?next=<the URL>
ADMIN_LOGIN = "admin-login"  # 302 to /admin/login/?next=<the URL>
REDIRECT = "redirect"  # 302 anywhere else (a POST's "done" redirect, the admin's own redirects)


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full name (``namespace:name``, or ``None``) and its full route text."""

    name: str | None
    route: str
    pattern: URLPattern

    @property
    def key(self) -> str:
        """What the expectation table is keyed by: the name, or ``route:<text>`` for unnamed patterns."""
        return self.name or f"route:{self.route}"


def all_routes() -> list[Route]:
    """Every URL pattern of ROOT_URLCONF, includes resolved, in resolution order."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            else:
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                found.append(Route(name=name, route=prefix + str(entry.pattern), pattern=entry))

    walk(get_resolver().url_patterns, "", None)
    return found


# ----------------------------------------------------------------------------- admin


ADMIN_VIEWS = ("changelist", "add", "change", "history", "delete")


def admin_models() -> dict[str, type]:
    """``app_model`` URL prefix -> model, for every registered ModelAdmin."""
    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}


def split_admin_name(name: str) -> tuple[str, str] | None:
    """``admin:awards_ballot_change`` -> ("awards_ballot", "change") for a registered model, else None."""
    if not name.startswith("admin:"):
        return None
    bare = name.removeprefix("admin:")
    for prefix in sorted(admin_models(), key=len, reverse=True):
        if bare.startswith(prefix + "_"):
            return prefix, bare.removeprefix(prefix + "_")
    return None


# ----------------------------------------------------------------------------- URLs


_PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?[^)]*\)")


def fill(route: str, values: dict[str, object], positional: list[object] | None = None) -> str:
    """The concrete URL of ``route`` with its converters (and regex groups) filled from ``values``.

    Done textually rather than by ``reverse`` so that unnamed patterns get a URL too.
    """

    text = route
    if "(" in text or "^" in text:
        queue = list(positional or [])

        def group(match: re.Match) -> str:
            return str(values[match["name"]]) if match["name"] else str(queue.pop(0))

        text = _REGEX_GROUP.sub(group, text).replace("^", "").replace("$", "")

    def placeholder(match: re.Match) -> str:
        return str(values[match["parameter"]])

    text = _PLACEHOLDER.sub(placeholder, text)
    return "/" + text


def parameters(route: str) -> set[str]:
    named = {m["parameter"] for m in _PLACEHOLDER.finditer(route)}
    return named | {m["name"] for m in _REGEX_GROUP.finditer(route) if m["name"]}


# ----------------------------------------------------------------------------- clients


def clients() -> dict[str, Client]:
    """One logged-in client per role (anonymous: none)."""
    made = {"anon": Client()}
    for role, username in ROLE_USERS.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        made[role] = client
    return made


def api_clients() -> dict[str, Client]:
    """One client per role that sends a token of the role's user (anonymous: no token)."""
    from api.services import issue_token

    made = {"anon": Client()}
    for role, username in ROLE_USERS.items():
        user = User.objects.get(username=username)
        plain = issue_token(user=user, name=f"Ma trận {role}", created_by=user)[1]
        made[role] = Client(headers={"Authorization": f"Bearer {plain}"})
    return made


def answer(response, url: str) -> int | str:
    """The response as the table spells it: a status code or LOGIN/ADMIN_LOGIN/REDIRECT."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/?next=") and location.endswith(_quoted(url)):
            return LOGIN
        if location.startswith("/admin/login/?next="):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def _quoted(url: str) -> str:
    from urllib.parse import quote

    return quote(url.split("?")[0], safe="/")


def row_counts() -> dict[str, int]:
    """Rows per table of the whole project (sessions aside), in one query: a denied POST must change none."""
    from django.db import connection

    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and model._meta.label != "sessions.Session"
        }
    )
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608 (model tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


Values = Callable[[], dict[str, object]]


# ----------------------------------------------------------------------------- the world


@dataclass
class World:
    """The demo world (seed_demo) plus a draft dossier with a file in units A and B."""

    nomination_a: object
    nomination_b: object
    attachment_a: object
    attachment_b: object
    decision: object
    proposal: object
    entry: object
    award_form: object
    meeting: object
    ballot: object
    member: object
    delegate: object
    agenda_item: object
    job: object
    device: object
    message: object

    movement_report_a: object = None
    movement_attachment_a: object = None
    indicator: object = None
    summary_section: object = None
    registration_a: object = None
    pledge_a: object = None
    talk_item: object = None

    def admin_object_id(self, model: type) -> object:
        """The pk of one row of ``model`` (the world's own where it has one), or 0 when there is none."""
        preferred = {
            "nominations.Nomination": self.nomination_a,
            "nominations.Attachment": self.attachment_a,
            "awards.Decision": self.decision,
            "awards.CouncilMeeting": self.meeting,
            "awards.Ballot": self.ballot,
            "conference.Delegate": self.delegate,
        }.get(model._meta.label)
        if preferred is not None:
            return preferred.pk
        row = model._default_manager.order_by("pk").first()
        return row.pk if row is not None else 0


def build_world() -> World:
    from django.core.management import call_command

    from awards import models as awards
    from nominations.models import Nomination
    from reference.models import Unit
    from tests import factories as f

    call_command("seed_demo", stdout=io.StringIO())
    conference = Nomination.objects.first().conference
    drafts = {}
    for code, username in ((UNIT_A, ROLE_USERS["unit_a"]), (UNIT_B, ROLE_USERS["unit_b"])):
        unit = Unit.objects.get(code=code)
        author = User.objects.get(username=username)
        nominee = f.NomineeFactory(full_name=f"Người Thử Quyền {code}", unit=unit)
        nomination = f.NominationFactory(
            conference=conference,
            nominee=nominee,
            proposing_unit=unit,
            award_form=conference.quotas.first().award_form,
            created_by=author,
        )
        drafts[code] = (nomination, f.AttachmentFactory(nomination=nomination, uploaded_by=author))
    decision = awards.Decision.objects.filter(document_type="decision").order_by("pk").first()
    ballot = awards.Ballot.objects.order_by("pk").first()
    office = User.objects.get(username=ROLE_USERS["office"])
    entry = decision.entries.order_by("pk").first()
    member = awards.CouncilMember.objects.order_by("pk").first()
    tie = awards.TieDecision.objects.create(ballot=ballot, decided_by=member, reason="Thử quyền", recorded_by=office)
    tie.chosen.set(ballot.items.all()[:1])
    awards.CertificatePrint.objects.create(entry=entry, mode="full", printed_by=office)
    awards.PrintedDocument.objects.create(conference=decision.conference, what="Giấy mời", printed_by=office)
    world = _world(drafts, decision, ballot, entry, member)
    world.movement_report_a, world.movement_attachment_a, world.indicator = _movement_report(conference)
    from conference.models import SummarySection

    world.summary_section = SummarySection.objects.get_or_create(
        conference=conference, movement=world.indicator.movement
    )[0]
    world.talk_item = _talk_item(conference, world.nomination_a)
    world.registration_a, world.pledge_a = _registration(world.indicator.movement)
    return world


def _registration(movement):
    """Unit A's draft registration (one pledge) for a movement with a launch plan."""
    from movements.models import LaunchPlan, Pledge, Registration

    author = User.objects.get(username=ROLE_USERS["unit_a"])
    LaunchPlan.objects.get_or_create(movement=movement, defaults={"other_titles": "Tập thể lao động tiên tiến"})
    registration, _ = Registration.objects.update_or_create(
        movement=movement, unit=author.staff_profile.unit, defaults={"created_by": author, "status": "draft"}
    )
    pledge = Pledge.objects.create(registration=registration, other_title="Tập thể lao động tiên tiến", text="Cam kết")
    return registration, pledge


def _talk_item(conference, nomination):
    """An exemplar-talk agenda item given by unit A's exemplar, with an uploaded talk."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from conference.models import AgendaItem, ExemplarTalk
    from tests import factories as f

    item = AgendaItem.objects.create(
        conference=conference, order=99, kind="exemplar_talk", title="Tham luận thử quyền", nomination=nomination
    )
    talk = ExemplarTalk(
        agenda_item=item, title="Tham luận thử quyền", original_name="tham-luan.pdf", extension=".pdf",
        content_type="application/pdf", size=len(f.PDF_BYTES), uploaded_at=timezone.now(),
        uploaded_by=User.objects.get(username=ROLE_USERS["unit_a"]),
    )  # fmt: skip
    talk.file.save("tham-luan.pdf", ContentFile(f.PDF_BYTES), save=False)
    talk.save()
    return item


def _movement_report(conference):
    """Unit A's movement report (a draft with a file) on a movement with one indicator."""
    from movements.models import Indicator, MovementReport, ReportAttachment
    from tests import factories as f

    movement = conference.movements.order_by("order", "pk").first()
    indicator = Indicator.objects.create(movement=movement, name="Chỉ tiêu thử quyền", unit_of_measure="lượt")
    author = User.objects.get(username=ROLE_USERS["unit_a"])
    unit = author.staff_profile.unit
    report = MovementReport.objects.filter(movement=movement, unit=unit).first()
    if report is None:
        report = MovementReport.objects.create(movement=movement, unit=unit, created_by=author)
    else:
        MovementReport.objects.filter(pk=report.pk).update(status="draft")
    attachment = ReportAttachment(
        report=report, original_name="bao-cao.pdf", extension=".pdf", content_type="application/pdf",
        size=len(f.PDF_BYTES), uploaded_by=author,
    )  # fmt: skip
    from django.core.files.base import ContentFile

    attachment.file.save("bao-cao.pdf", ContentFile(f.PDF_BYTES), save=False)
    attachment.save()
    return report, attachment, indicator


def _api_token_with_a_request(user) -> None:
    """A token and one logged request, so that the admin's pages for them have a row to show."""
    from api.models import ApiRequestLog
    from api.services import issue_token

    token = issue_token(user=user, name="Cổng thông tin của Sở", created_by=User.objects.get(username="admin"))[0]
    ApiRequestLog.objects.create(token=token, method="GET", path="/api/v1/nominations/", status=200, address="10.0.0.1")


def _world(drafts, decision, ballot, entry, member) -> World:
    from django.core.files.base import ContentFile
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from awards import models as awards
    from conference.models import AgendaItem, Delegate
    from jobs.models import GeneratedFile
    from outbox.models import Message

    unit_a_user = User.objects.get(username=ROLE_USERS["unit_a"])
    job = GeneratedFile(
        kind="nominations_export",
        title="Danh sách đề nghị",
        filename="danh-sach.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        requested_by=unit_a_user,
        status="done",
        task_path="nominations.tasks.export_nominations_xlsx",
    )
    job.save()  # the file's folder is named after the row's date and id
    job.file.save("danh-sach.xlsx", ContentFile(b"PK\x03\x04 not really a workbook"))
    _api_token_with_a_request(unit_a_user)

    delegate = Delegate.objects.order_by("pk").first()
    message = Message.objects.create(
        kind="invitation",
        event_key="permission-matrix",
        to_email="daibieu@hoinghi.example",
        subject="Giấy mời",
        body="Kính mời",
        attachments={"builder": "conference.mail.invitation_files", "params": {"delegate": delegate.pk}},
    )
    return World(
        nomination_a=drafts[UNIT_A][0],
        nomination_b=drafts[UNIT_B][0],
        attachment_a=drafts[UNIT_A][1],
        attachment_b=drafts[UNIT_B][1],
        decision=decision,
        proposal=awards.Decision.objects.get(document_type="proposal"),
        entry=entry,
        award_form=decision.award_form,
        meeting=ballot.meeting,
        ballot=ballot,
        member=member,
        delegate=delegate,
        agenda_item=AgendaItem.objects.order_by("pk").first(),
        job=job,
        device=TOTPDevice.objects.create(user=unit_a_user, name="Điện thoại", confirmed=False),
        message=message,
    )
