"""The nominations' e-mail: the call for nominations, reminders, a dossier returned / accepted / rejected,
and the Office's daily digest of new submissions.

Each kind is registered with the outbox at start-up (``NominationsConfig.ready``); each event
queues its messages through ``outbox.services.queue`` (drafts the Office reviews, unless the
template says otherwise). Mail for a unit reaches the unit's active staff accounts that have an
e-mail address (``reference.selectors.unit_staff``).
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.enums import NominationStatus
from nominations.models import Nomination
from outbox import kinds
from outbox.services import Recipient, absolute, queue, user_recipients
from reference.models import Conference, Unit
from reference.selectors import office_staff, unit_staff

S = NominationStatus
UNIT = {"unit": _("the unit's name")}
CONFERENCE = {"conference": _("the conference's name"), "deadline": _("the nomination deadline (dd/mm/yyyy)")}
DOSSIER = {
    "dossier": _("the nominee's name"),
    "award_form": _("the award form proposed"),
    "link": _("the link to the dossier"),
    **UNIT,
}
SIGNATURE = "\n\nVăn phòng Sở – bộ phận Thi đua, Khen thưởng\n{{ site_url }}"


def day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


# --- samples for the preview (real data: the latest matching row) ---------------------------


def _dossier_context(nomination: Nomination) -> dict:
    return {
        "dossier": nomination.nominee.full_name,
        "award_form": nomination.award_form.name,
        "unit": nomination.proposing_unit.name,
        "reason": nomination.status_note,
        "link": absolute(reverse("nomination_detail", args=[nomination.public_id])),
        "conference": nomination.conference.name,
    }


def _sample_dossier(status: str):
    def sample() -> dict | None:
        rows = Nomination.objects.alive().select_related("nominee", "award_form", "proposing_unit", "conference")
        nomination = rows.filter(status=status).order_by("-updated_at").first() or rows.order_by("-id").first()
        return _dossier_context(nomination) if nomination else None

    return sample


def _conference_context(conference: Conference) -> dict:
    return {
        "conference": conference.name,
        "deadline": day(conference.nomination_deadline),
        "link": absolute(reverse("nomination_list")),
    }


def _sample_call() -> dict | None:
    conference = Conference.objects.current()
    unit = Unit.objects.filter(is_active=True).order_by("order").first()
    if conference is None:
        return None
    return {**_conference_context(conference), "unit": unit.name if unit else "", "days_left": 7}


def _sample_digest() -> dict | None:
    today = timezone.localdate()
    lines, count = _digest_lines(today)
    return {"date": day(today), "count": count, "list": lines, "link": absolute(reverse("review_queue"))}


KINDS = [
    kinds.Kind(
        code="call_for_nominations",
        label=_("Call for nominations (to every unit)"),
        placeholders={**CONFERENCE, **UNIT, "link": _("the link to the nominations page")},
        subject="Đề nghị khen thưởng – {{ conference }}",
        body=(
            "Kính gửi {{ recipient_name }} – {{ unit }},\n\n"
            "Văn phòng Sở đề nghị đơn vị rà soát, lựa chọn và gửi hồ sơ đề nghị khen thưởng các tập thể, "
            "cá nhân tiêu biểu cho {{ conference }}.\n\n"
            "Hạn gửi hồ sơ: {{ deadline }}.\n"
            "Lập và gửi hồ sơ tại: {{ link }}" + SIGNATURE
        ),
        sample=_sample_call,
    ),
    kinds.Kind(
        code="nomination_reminder",
        label=_("Reminder before the nomination deadline"),
        placeholders={**CONFERENCE, **UNIT, "days_left": _("days left before the deadline"), "link": _("the link")},
        subject="Nhắc hạn gửi hồ sơ đề nghị khen thưởng – còn {{ days_left }} ngày",
        body=(
            "Kính gửi {{ recipient_name }} – {{ unit }},\n\n"
            "Đến nay đơn vị chưa gửi hồ sơ đề nghị khen thưởng nào cho {{ conference }}. "
            "Hạn gửi hồ sơ là {{ deadline }} (còn {{ days_left }} ngày).\n\n"
            "Lập và gửi hồ sơ tại: {{ link }}" + SIGNATURE
        ),
        sample=_sample_call,
    ),
    kinds.Kind(
        code="dossier_returned",
        label=_("Dossier returned for correction"),
        placeholders={**DOSSIER, "reason": _("the Office's reason"), "conference": _("the conference's name")},
        subject="Hồ sơ đề nghị khen thưởng cần bổ sung: {{ dossier }}",
        body=(
            "Kính gửi {{ recipient_name }} – {{ unit }},\n\n"
            "Văn phòng Sở trả lại hồ sơ đề nghị {{ award_form }} cho {{ dossier }} để đơn vị bổ sung, chỉnh sửa.\n\n"
            "Lý do: {{ reason }}\n\n"
            "Sửa hồ sơ và gửi lại tại: {{ link }}" + SIGNATURE
        ),
        sample=_sample_dossier(S.RETURNED),
    ),
    kinds.Kind(
        code="dossier_accepted",
        label=_("Dossier accepted for the council"),
        placeholders={**DOSSIER, "conference": _("the conference's name")},
        subject="Hồ sơ đã được tiếp nhận: {{ dossier }}",
        body=(
            "Kính gửi {{ recipient_name }} – {{ unit }},\n\n"
            "Hồ sơ đề nghị {{ award_form }} cho {{ dossier }} đã được Văn phòng Sở tiếp nhận và trình "
            "Hội đồng Thi đua – Khen thưởng xét.\n\n"
            "Xem hồ sơ: {{ link }}" + SIGNATURE
        ),
        sample=_sample_dossier(S.ACCEPTED),
    ),
    kinds.Kind(
        code="dossier_rejected",
        label=_("Dossier rejected"),
        placeholders={**DOSSIER, "reason": _("the Office's reason"), "conference": _("the conference's name")},
        subject="Hồ sơ không được tiếp nhận: {{ dossier }}",
        body=(
            "Kính gửi {{ recipient_name }} – {{ unit }},\n\n"
            "Hồ sơ đề nghị {{ award_form }} cho {{ dossier }} không được tiếp nhận.\n\n"
            "Lý do: {{ reason }}\n\n"
            "Xem hồ sơ: {{ link }}" + SIGNATURE
        ),
        sample=_sample_dossier(S.REJECTED),
    ),
    kinds.Kind(
        code="submissions_digest",
        label=_("Daily digest of new submissions (to the Office)"),
        placeholders={
            "date": _("the day (dd/mm/yyyy)"),
            "count": _("how many dossiers were sent that day"),
            "list": _("one line per dossier: nominee, award form, unit"),
            "link": _("the link to the review queue"),
        },
        subject="Hồ sơ mới gửi ngày {{ date }}: {{ count }} hồ sơ",
        body=(
            "Kính gửi {{ recipient_name }},\n\n"
            "Ngày {{ date }} có {{ count }} hồ sơ đề nghị khen thưởng được gửi đến Văn phòng:\n\n"
            "{{ list }}\n\n"
            "Xem và xét duyệt tại: {{ link }}" + SIGNATURE
        ),
        sample=_sample_digest,
    ),
]


def register() -> None:
    for kind in KINDS:
        kinds.register(kind)


# --- events ----------------------------------------------------------------------------------

MOVE_KINDS = {S.RETURNED: "dossier_returned", S.ACCEPTED: "dossier_accepted", S.REJECTED: "dossier_rejected"}


def unit_recipients(unit_ids) -> list[Recipient]:
    recipients = []
    for user in unit_staff(unit_ids):
        (recipient,) = user_recipients([user])
        recipient.title = user.staff_profile.position
        recipient.context = {"unit": user.staff_profile.unit.name}
        recipients.append(recipient)
    return recipients


def dossier_moved(nomination: Nomination, to: str) -> list:
    """A dossier returned, accepted or rejected: its proposing unit's staff (one event per move,
    the move being the nomination's latest history row)."""
    code = MOVE_KINDS.get(to)
    if code is None:
        return []
    move_id = nomination.history.order_by("-history_id").values_list("history_id", flat=True).first()
    nomination = Nomination.objects.select_related("nominee", "award_form", "proposing_unit", "conference").get(
        pk=nomination.pk
    )
    return queue(
        code,
        event_key=f"nomination:{nomination.pk}:{to}:{move_id}",
        recipients=unit_recipients([nomination.proposing_unit_id]),
        context=_dossier_context(nomination),
    )


def call_for_nominations(conference: Conference) -> list:
    """The call to every active unit's staff (once per conference: queued again, it adds only new addresses)."""
    units = Unit.objects.filter(organisation_id=conference.organisation_id, is_active=True).values_list("pk", flat=True)
    return queue(
        "call_for_nominations",
        event_key=f"call:{conference.pk}",
        recipients=unit_recipients(units),
        context=_conference_context(conference),
    )


PROPOSED = [S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.ACCEPTED, S.APPROVED, S.NOT_APPROVED, S.AWARDED, S.REJECTED]


def remind(conference: Conference, today: datetime.date, days: list[int]) -> list:
    """Units that proposed nothing yet, ``days`` days before the deadline (once per deadline and day count)."""
    deadline = conference.nomination_deadline
    if deadline is None or (deadline - today).days not in days:
        return []
    left = (deadline - today).days
    proposed = Nomination.objects.alive().filter(conference=conference, status__in=PROPOSED)
    units = (
        Unit.objects.filter(organisation_id=conference.organisation_id, is_active=True)
        .exclude(pk__in=proposed.values("proposing_unit"))
        .values_list("pk", flat=True)
    )
    return queue(
        "nomination_reminder",
        event_key=f"reminder:{conference.pk}:{deadline.isoformat()}:{left}",
        recipients=unit_recipients(units),
        context={**_conference_context(conference), "days_left": left},
    )


def _digest_lines(on: datetime.date) -> tuple[str, int]:
    start = timezone.make_aware(datetime.datetime.combine(on, datetime.time.min))
    rows = (
        Nomination.objects.alive()
        .filter(submitted_at__gte=start, submitted_at__lt=start + datetime.timedelta(days=1))
        .select_related("nominee", "award_form", "proposing_unit")
        .order_by("submitted_at", "id")
    )
    lines = [f"- {n.nominee.full_name} – {n.award_form.name} – {n.proposing_unit.name}" for n in rows]
    return "\n".join(lines), len(lines)


def digest(on: datetime.date) -> list:
    """The Office's digest of the dossiers sent on ``on`` (nothing when none was sent)."""
    lines, count = _digest_lines(on)
    if not count:
        return []
    return queue(
        "submissions_digest",
        event_key=f"digest:{on.isoformat()}",
        recipients=user_recipients(office_staff()),
        context={"date": day(on), "count": count, "list": lines, "link": absolute(reverse("review_queue"))},
    )
