"""The demo data of the council and awards stage, loaded by ``manage.py seed_demo`` (issue 3).

Two parts, both read from ``fixtures/demo_awards.json``:

- **Reference data** for decisions and certificates, loaded on every run and found by natural
  keys: the default eligibility rules (``nominations.eligibility.load_default_rules``), the legal
  bases (by text), the signers (organisation, name), the base salary (start date), the reward
  rules (award form, kind, start date) and the certificate layouts (award form).
- **The story**, made through the same services the pages call: more accepted sample
  nominations, the council (ten seats on the demo accounts), its meeting of 20/06/2025 with the
  attendance, one secret ballot per award form and kind, every vote, the tally, the Director's
  Giấy khen decision and the Bằng khen proposal to the province. The province's decision is left
  for the user to record. The story runs once: it is skipped as soon as the conference has a
  council meeting, and it is all or nothing (one transaction).
- **The second round** (``run_second_round``, after the conference day's demo): a late
  nomination submitted and accepted, a second meeting (10/07/2025) with a ballot of its own, and
  a second Giấy khen decision, 02/QĐ-SKHCN, whose register numbers run on from the first; then
  one more nomination accepted, left waiting for a meeting the user holds. Told
  once: only when the first round's meeting is there and the second's is not.

The helpers the sample nominations of issue 2 use (``sync``, ``create_sample``) live here too,
so that the command and the story make dossiers the same way.
"""

import datetime
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction

from awards.enums import Choice, CouncilRole, VoteMethod
from awards.models import (
    BaseSalary,
    CertificateLayout,
    CouncilMeeting,
    CouncilMember,
    Decision,
    LegalBasis,
    RewardRule,
    Signer,
)
from awards.services import council as council_services
from awards.services import decisions as decision_services
from awards.services import tally as tally_services
from awards.services import voting as voting_services
from hoinghi.models import set_history_user
from hoinghi.text import fold, normalize_text
from nominations import services
from nominations.eligibility import DEFAULT_RULES_PATH, load_default_rules
from nominations.enums import AttachmentKind, NominationStatus
from nominations.models import Nomination
from reference.models import AwardForm, Conference, Movement, Organisation, Unit

DATA_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_awards.json"
OFFICE_USERNAME = "vanphong"
UNIT_USERNAME_PREFIX = "donvi-"

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class DemoError(Exception):
    """The demo data cannot be loaded (message for the command line)."""


# --- shared helpers --------------------------------------------------------------------------------


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


def load_data(path: Path = DATA_FILE) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DemoError(f"Cannot read {path}: {exc}") from exc
    return json.loads(unicodedata.normalize("NFC", text))


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


@dataclass
class Setting:
    """What the samples hang on: the conference and its reference rows by code."""

    conference: Conference
    units: dict[str, Unit]
    movements: dict[str, Movement]
    award_forms: dict[str, AwardForm]


def create_sample(setting: Setting, row: dict, author: User, office: User) -> Nomination:
    """One sample dossier, made the way users make them: through nominations.services."""
    nominee = dict(row["nominee"])
    if "unit" in nominee:
        nominee["unit"] = setting.units[nominee["unit"]]
    commendations = [
        {**record, "decision_date": datetime.date.fromisoformat(record["decision_date"])}
        if record.get("decision_date")
        else dict(record)
        for record in row["commendations"]
    ]
    data = services.NominationInput(
        nominee=nominee,
        proposing_unit=setting.units[row["unit"]],
        award_form=setting.award_forms[row["award_form"]],
        achievement_summary=row["achievement_summary"],
        movements=[setting.movements[key] for key in row["movements"]],
        commendations=commendations,
    )
    nomination = services.create_nomination(setting.conference, data, by=author)
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
        raise DemoError(f"Sample status {target!r} is not supported by seed_demo.")
    return nomination


def seed_samples(setting: Setting, rows: list[dict]) -> Counter:
    """Create each sample unless a nomination for the same nominee name exists in the conference."""
    counts = Counter()
    office = User.objects.get(username=OFFICE_USERNAME)
    for row in rows:
        name = normalize_text(row["nominee"]["full_name"])
        if Nomination.objects.alive().filter(conference=setting.conference, nominee__full_name=name).exists():
            counts["skipped"] += 1
            continue
        # A fresh user object per sample: roles and the staff profile are cached on it.
        author = User.objects.get(username=f"{UNIT_USERNAME_PREFIX}{row['unit']}")
        with transaction.atomic():
            create_sample(setting, row, author, office)
        counts[row["status"]] += 1
    return counts


# --- reference data --------------------------------------------------------------------------------


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def seed_reference(
    organisation: Organisation, award_forms: dict[str, AwardForm], data: dict, counts: dict[str, Counter]
) -> None:
    """Eligibility rules, legal bases, signers, base salary, reward rules, certificate layouts."""

    def count(label: str, status: str, n: int = 1) -> None:
        counts.setdefault(label, Counter())[status] += n

    with transaction.atomic():
        created = load_default_rules()
        in_file = json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))["rules"]
        known = sum(1 for rule in in_file if rule["award_form"] in award_forms)
        count("eligibility rules", CREATED, created)
        count("eligibility rules", UNCHANGED, known - created)
        for order, row in enumerate(data["legal_bases"], start=1):
            values = {
                "effective_from": _date(row["effective_from"]),
                "effective_to": _date(row.get("effective_to")),
                "for_decisions": row.get("for_decisions", True),
                "for_proposals": row.get("for_proposals", True),
                "order": order,
            }
            count("legal bases", sync(LegalBasis, {"text": normalize_text(row["text"])}, values)[1])
        for order, row in enumerate(data["signers"], start=1):
            lookup = {"organisation": organisation, "full_name": normalize_text(row["full_name"])}
            values = {
                "position": row["position"],
                "authority_prefix": row["authority_prefix"],
                "is_active": True,
                "order": order,
            }
            count("signers", sync(Signer, lookup, values)[1])
        for row in data["base_salaries"]:
            values = {"amount": row["amount"], "legal_reference": row["legal_reference"]}
            count("base salary", sync(BaseSalary, {"effective_from": _date(row["effective_from"])}, values)[1])
        for row in data["reward_rules"]:
            lookup = {
                "award_form": award_forms[row["award_form"]],
                "kind": row["kind"],
                "effective_from": _date(row["effective_from"]),
            }
            values = {"multiple": Decimal(row["multiple"]), "round_to": 10_000}
            count("reward rules", sync(RewardRule, lookup, values)[1])
        for row in data["layouts"]:
            values = {key: value for key, value in row.items() if key != "award_form"}
            lookup = {"award_form": award_forms[row["award_form"]]}
            count("certificate layouts", sync(CertificateLayout, lookup, values)[1])


# --- the story -------------------------------------------------------------------------------------


@dataclass
class Story:
    """What the story made, for the command's summary line."""

    skipped: bool = False
    samples: Counter = field(default_factory=Counter)
    meeting: CouncilMeeting | None = None
    ballots: int = 0
    votes: int = 0
    approved: int = 0
    not_approved: int = 0
    documents: list[Decision] = field(default_factory=list)

    def summary(self) -> str:
        if self.skipped:
            return "council stage: skipped (the conference already has a council meeting)"
        documents = ", ".join(
            f"{d.number_label} of {d.date:%d/%m/%Y} ({d.entries.count()} on the list)" for d in self.documents
        )
        return (
            f"council stage: {self.samples['accepted']} more accepted nominations, a council of "
            f"{CouncilMember.objects.filter(conference=self.meeting.conference).count()}, the meeting of "
            f"{self.meeting.date:%d/%m/%Y}, {self.ballots} secret ballots, {self.votes} votes, "
            f"{self.approved} approved and {self.not_approved} not approved; {documents}; "
            "the province's decision on the proposal is left to record"
        )


def _user(username: str) -> User:
    # Fresh from the database each time: roles and the staff profile are cached on a user object.
    try:
        return User.objects.select_related("staff_profile").get(username=username)
    except User.DoesNotExist as exc:
        raise DemoError(f"The demo account {username!r} is missing.") from exc


def _seat(conference: Conference, username: str) -> CouncilMember:
    return CouncilMember.objects.select_related("user").get(conference=conference, user__username=username)


def seed_council(conference: Conference, rows: list[dict]) -> list[CouncilMember]:
    """One seat per demo account, with the account's name and position (found by conference and user)."""
    seats = []
    for order, row in enumerate(rows, start=1):
        user = _user(row["username"])
        profile = getattr(user, "staff_profile", None)
        values = {
            "full_name": f"{user.last_name} {user.first_name}",
            "position": profile.position if profile else "",
            "role": CouncilRole(row["role"]),
            "order": order,
        }
        seats.append(sync(CouncilMember, {"conference": conference, "user": user}, values)[0])
    return seats


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _vote_targets(items, voters: int, plan: dict) -> dict[int, int]:
    """Votes for per item: the pattern in turn, the one nominee below the threshold its own number."""
    below = normalize_text(plan["below_threshold"]["nominee"])
    pattern = plan["votes_for_pattern"]
    return {
        item.pk: min(
            voters,
            plan["below_threshold"]["votes_for"]
            if item.nomination.nominee.full_name == below
            else pattern[index % len(pattern)],
        )
        for index, item in enumerate(items)
    }


def _vote(ballot, plan: dict, *, secretary: User) -> int:
    """Every present member votes, then the secretary records the absent member's written opinion.

    Voter v agrees with item i when (v + i) mod n < the item's target, so each item gets exactly
    its target of "agree" and no voter agrees with everything.
    """
    meeting = ballot.meeting
    attendance = list(meeting.attendance.select_related("member__user").order_by("member__order", "member_id"))
    voters = [(row.member, row.member.user) for row in attendance if row.present]
    voters += [(row.member, secretary) for row in attendance if not row.present and row.written_opinion]
    items = list(ballot.items.select_related("nomination__nominee").order_by("order", "id"))
    targets = _vote_targets(items, len(voters), plan)
    for v, (member, by) in enumerate(voters):
        choices = {
            item.pk: Choice.AGREE if (v + index) % len(voters) < targets[item.pk] else Choice.DISAGREE
            for index, item in enumerate(items)
        }
        voting_services.cast_secret_vote(ballot, member, choices, by=by)
    return len(voters)


def _choose_board(meeting: CouncilMeeting, secretary: User) -> None:
    """The vote-counting board: the first three members present who neither chair nor minute the meeting."""
    present = [
        row.member
        for row in meeting.attendance.filter(present=True).select_related("member").order_by("member__order")
        if row.member_id not in (meeting.chair_id, meeting.secretary_id)
    ]
    meeting.board_head, meeting.board_member_1, meeting.board_member_2 = present[:3]
    meeting._history_user = secretary
    meeting.save(update_fields=["board_head", "board_member_1", "board_member_2"])


def _hold_meeting(conference: Conference, plan: dict, *, secretary: User, office: User) -> tuple[CouncilMeeting, dict]:
    """One council meeting from attendance to its close: a secret ballot per award form and kind
    with accepted nominations, every vote, the tally applied by the Office, the end time entered."""
    meeting = CouncilMeeting(
        conference=conference,
        purpose=plan["purpose"],
        date=_date(plan["date"]),
        start_time=_time(plan["start_time"]),
        place=plan["place"],
        chair=_seat(conference, plan["chair"]),
        secretary=_seat(conference, plan["secretary"]),
    )
    set_history_user(meeting, secretary)
    meeting.save()
    absent = {row["username"]: row for row in plan["absent"]}
    for member in CouncilMember.objects.filter(conference=conference).select_related("user"):
        row = absent.get(member.user.username if member.user else "")
        council_services.record_attendance(
            meeting,
            member,
            present=row is None,
            written_opinion=bool(row and row["written_opinion"]),
            note=row["note"] if row else "",
            by=secretary,
        )
    _choose_board(meeting, secretary)
    council_services.open_meeting(meeting, by=secretary)
    counts = Counter()
    ballots = voting_services.create_ballots_for_meeting(meeting, method=VoteMethod.SECRET, by=secretary)
    passphrase = voting_services.open_ballots(ballots, by=secretary)  # the board's head keeps it
    for ballot in ballots:
        counts["votes"] += _vote(ballot, plan, secretary=secretary)
    voting_services.close_ballots(ballots, by=secretary)
    voting_services.count_ballots(ballots, passphrase=passphrase, by=secretary)
    for ballot in ballots:
        ballot.refresh_from_db()
        result = tally_services.apply_tally(ballot, by=office)
        counts["approved"] += len(result.approved)
        counts["not_approved"] += len(result.items) - len(result.approved)
    counts["ballots"] = len(ballots)
    council_services.close_meeting(meeting, by=secretary, end_time=_time(plan["end_time"]))
    return meeting, counts


def _issue(setting: Setting, row: dict, office: User) -> Decision:
    """Draft the award form's document from every approved nomination waiting, then issue it."""
    conference = setting.conference
    signer = Signer.objects.get(organisation=conference.organisation, full_name=normalize_text(row["signer"]))
    draft = decision_services.draft_decision(conference, setting.award_forms[row["award_form"]], by=office)
    return decision_services.issue_decision(draft, date=_date(row["date"]), signer=signer, by=office)


def run_story(setting: Setting, data: dict) -> Story:
    """The council stage from accepted nominations to an issued decision and a sent proposal."""
    conference = setting.conference
    if CouncilMeeting.objects.filter(conference=conference).exists():
        return Story(skipped=True)
    story = Story()
    plan = data["meeting"]
    with transaction.atomic():
        story.samples = seed_samples(setting, data["samples"])
        seed_council(conference, data["council"])
        secretary, office = _user(plan["secretary"]), _user(OFFICE_USERNAME)
        story.meeting, counts = _hold_meeting(conference, plan, secretary=secretary, office=office)
        story.ballots, story.votes = counts["ballots"], counts["votes"]
        story.approved, story.not_approved = counts["approved"], counts["not_approved"]
        story.documents = [_issue(setting, data[key], office) for key in ("decision", "proposal")]
    return story


@dataclass
class SecondRound:
    """The second round: a late nomination, a second meeting and ballot, a second Giấy khen decision."""

    skipped: str = ""
    meeting: CouncilMeeting | None = None
    counts: Counter = field(default_factory=Counter)
    decision: Decision | None = None

    def summary(self) -> str:
        if self.skipped:
            return f"second round: skipped ({self.skipped})"
        numbers = list(self.decision.entries.order_by("register_number").values_list("register_number", flat=True))
        return (
            f"second round: a late nomination accepted, the meeting of {self.meeting.date:%d/%m/%Y}, "
            f"{self.counts['ballots']} secret ballot, {self.counts['votes']} votes, {self.counts['approved']} "
            f"approved; {self.decision.number_label} of {self.decision.date:%d/%m/%Y} "
            f"({len(numbers)} on the list, register number {', '.join(map(str, numbers))}); "
            "one more nomination accepted, waiting for the next meeting"
        )


def run_second_round(setting: Setting, data: dict) -> SecondRound:
    """After the first round (and the conference day): a late nomination goes through a second meeting.

    Told once, all or nothing: only when the first round's meeting is there and the second's is not.
    """
    conference, first, second = setting.conference, data["meeting"], data["second_round"]
    meetings = CouncilMeeting.objects.filter(conference=conference)
    if not meetings.filter(date=_date(first["date"]), purpose=normalize_text(first["purpose"])).exists():
        return SecondRound(skipped="the first round's meeting is not there")
    if meetings.filter(date=_date(second["meeting"]["date"])).exists():
        return SecondRound(skipped="the conference already has the second meeting")
    story = SecondRound()
    plan = second["meeting"]
    with transaction.atomic():
        sample = second["sample"]
        author, office = _user(f"{UNIT_USERNAME_PREFIX}{sample['unit']}"), _user(OFFICE_USERNAME)
        create_sample(setting, sample, author, office)
        story.meeting, story.counts = _hold_meeting(conference, plan, secretary=_user(plan["secretary"]), office=office)
        story.decision = _issue(setting, second["decision"], office)
        waiting = second["waiting"]  # accepted after the meeting: left for the user's own meeting
        create_sample(setting, waiting, _user(f"{UNIT_USERNAME_PREFIX}{waiting['unit']}"), office)
    return story
