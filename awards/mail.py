"""The council's e-mail: a ballot opened (to each member present) and a decision issued (to the units concerned).

Registered with the outbox at start-up (``AwardsConfig.ready``); the events queue their messages
through ``outbox.services.queue``. Nothing here carries a vote or a count: the secret ballot's
property holds (docs/council-voting.md).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.enums import BallotStatus, DecisionStatus, DocumentType
from awards.models import Ballot, Decision, MeetingAttendance
from nominations.enums import NominationStatus
from nominations.mail import SIGNATURE, day, unit_recipients
from outbox import kinds
from outbox.services import Recipient, absolute, queue


def _ballot_context(ballot: Ballot) -> dict:
    meeting = ballot.meeting
    return {
        "ballot": f"{ballot.award_form.name} – {ballot.get_kind_display()}",
        "meeting": day(meeting.date),
        "place": meeting.place,
        "link": absolute(reverse("admin:awards_ballot_vote", args=[ballot.pk])),
        "conference": meeting.conference.name,
    }


def _decision_context(decision: Decision, entries=None) -> dict:
    kind = "Quyết định" if decision.document_type == DocumentType.DECISION else "Tờ trình"
    return {
        "decision": f"{kind} số {decision.number_label} ngày {day(decision.date)}",
        "title": decision.title,
        "list": "\n".join(f"- {e.recipient}" for e in entries or []),
        "link": absolute(reverse("nomination_list") + f"?status={NominationStatus.AWARDED}"),
        "conference": decision.conference.name,
    }


def _sample_ballot() -> dict | None:
    ballot = Ballot.objects.select_related("meeting__conference", "award_form").order_by("-opened_at", "-id").first()
    return _ballot_context(ballot) if ballot else None


def _sample_decision() -> dict | None:
    decision = (
        Decision.objects.filter(status=DecisionStatus.ISSUED)
        .select_related("conference")
        .order_by("-issued_at")
        .first()
    )
    if decision is None:
        return None
    entries = list(decision.entries.order_by("id")[:3])
    unit = entries[0].nomination.proposing_unit.name if entries else ""
    return {**_decision_context(decision, entries), "unit": unit}


KINDS = [
    kinds.Kind(
        code="ballot_opened",
        label=_("Ballot opened (to each council member present)"),
        placeholders={
            "ballot": _("the ballot: award form and kind"),
            "meeting": _("the meeting's date"),
            "place": _("the meeting's place"),
            "link": _("the link to the voting page"),
            "conference": _("the conference's name"),
        },
        subject="Mời bỏ phiếu: {{ ballot }}",
        body=(
            "Kính gửi {{ recipient_title }} {{ recipient_name }},\n\n"
            "Phiên họp Hội đồng Thi đua – Khen thưởng ngày {{ meeting }} tại {{ place }} "
            "đã mở lượt bỏ phiếu {{ ballot }}.\n\n"
            "Bỏ phiếu tại: {{ link }}\n"
            "Phiếu kín: không ai biết đồng chí đã bỏ phiếu thế nào." + SIGNATURE
        ),
        sample=_sample_ballot,
    ),
    kinds.Kind(
        code="decision_issued",
        label=_("Decision issued (to the units concerned)"),
        placeholders={
            "decision": _("the document's number and date"),
            "title": _("the document's summary line"),
            "list": _("the unit's awardees in it, one per line"),
            "unit": _("the unit's name"),
            "link": _("the link to the unit's awarded dossiers"),
            "conference": _("the conference's name"),
        },
        subject="{{ decision }}: {{ title }}",
        body=(
            "Kính gửi {{ recipient_name }} – {{ unit }},\n\n"
            "Văn phòng Sở thông báo {{ decision }}: {{ title }}. "
            "Các tập thể, cá nhân của đơn vị có tên trong danh sách:\n\n"
            "{{ list }}\n\n"
            "Xem tại: {{ link }}" + SIGNATURE
        ),
        sample=_sample_decision,
    ),
]


def register() -> None:
    for kind in KINDS:
        kinds.register(kind)


def ballot_opened(ballot: Ballot) -> list:
    """Each member recorded present at the meeting, with an account and an address (once per ballot)."""
    if ballot.status != BallotStatus.OPEN:
        return []
    ballot = Ballot.objects.select_related("meeting__conference", "award_form").get(pk=ballot.pk)
    present = MeetingAttendance.objects.filter(meeting=ballot.meeting, present=True).select_related("member__user")
    recipients = [
        Recipient(email=a.member.user.email, name=a.member.full_name, title="đồng chí", user=a.member.user)
        for a in present.order_by("member__order", "member__id")
        if a.member.user_id and a.member.user.is_active and a.member.user.email
    ]
    return queue(
        "ballot_opened", event_key=f"ballot-opened:{ballot.pk}", recipients=recipients, context=_ballot_context(ballot)
    )


def decision_issued(decision: Decision) -> list:
    """Each unit whose dossiers are on the list: its staff, with that unit's own names (once per decision)."""
    entries = list(decision.entries.select_related("nomination__proposing_unit").order_by("register_number", "id"))
    by_unit: dict[int, list] = {}
    for entry in entries:
        by_unit.setdefault(entry.nomination.proposing_unit_id, []).append(entry)
    created = []
    for unit_id, unit_entries in by_unit.items():
        created += queue(
            "decision_issued",
            event_key=f"decision-issued:{decision.pk}",
            recipients=unit_recipients([unit_id]),
            context=_decision_context(decision, unit_entries),
        )
    return created
