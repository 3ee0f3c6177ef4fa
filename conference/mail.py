"""Invitations by e-mail: each delegate with an address gets their Giấy mời (PDF), the reply link and
the conference as a calendar entry (.ics).

The kind is registered with the outbox at start-up (``ConferenceConfig.ready``). The PDF and the
.ics are built when the message is sent (``invitation_files``, named on the message and called
by the outbox's worker), so queueing sixty invitations renders nothing in the web request.
"""

from django.utils.translation import gettext_lazy as _

from conference.documents.calendar import conference_ics
from conference.documents.invitations import conference_title, public_url, time_line
from conference.models import Delegate
from conference.services.invitations import delegates_of, render_invitations
from hoinghi.downloads import ascii_name
from nominations.mail import SIGNATURE
from outbox import kinds
from outbox.services import Recipient, queue
from reference.models import Conference

ICS_NAME = "Hoi-nghi.ics"


def pdf_name(delegate: Delegate) -> str:
    return f"Giay-moi-{delegate.invitation_number:02d}-{ascii_name(delegate.full_name)}.pdf"


def _context(conference: Conference) -> dict:
    return {
        "conference": conference_title(conference),
        "time": time_line(conference),
        "venue": conference.venue,
        "contact": conference.contact,
    }


def _delegate_context(delegate: Delegate) -> dict:
    return {"link": public_url(delegate), "honorific": delegate.honorific or "Quý đại biểu"}


def _sample() -> dict | None:
    conference = Conference.objects.current()
    if conference is None:
        return None
    delegate = delegates_of(conference).order_by("invitation_number").first()
    context = _context(conference)
    if delegate is not None:
        context.update(_delegate_context(delegate), recipient_name=delegate.full_name)
    return context


KINDS = [
    kinds.Kind(
        code="invitation",
        label=_("Invitation to the conference (to each delegate)"),
        placeholders={
            "conference": _("the conference's name"),
            "time": _("the conference's time and date"),
            "venue": _("the venue"),
            "contact": _("the contact person"),
            "honorific": _("Ông, Bà, or Quý đại biểu for a representative"),
            "link": _("the delegate's private reply link"),
        },
        subject="Giấy mời: {{ conference }}",
        body=(
            "Kính gửi {{ honorific }} {{ recipient_name }},\n\n"
            "Sở Khoa học và Công nghệ trân trọng kính mời {{ honorific }} tới dự {{ conference }}.\n\n"
            "Thời gian: {{ time }}\n"
            "Địa điểm: {{ venue }}\n\n"
            "Giấy mời kèm theo thư này (tệp PDF), cùng lịch hội nghị để thêm vào lịch của {{ honorific }} (tệp .ics).\n"
            "Xin {{ honorific }} xác nhận tham dự tại: {{ link }}\n\n"
            "Liên hệ: {{ contact }}" + SIGNATURE
        ),
        sample=_sample,
    ),
]


def register() -> None:
    for kind in KINDS:
        kinds.register(kind)


def invitation_files(delegate: int) -> list[tuple[str, bytes, str]]:
    """The attachments of one delegate's invitation, built now: the letter (PDF) and the .ics."""
    row = Delegate.objects.select_related("conference__organisation").get(pk=delegate)
    files = [(pdf_name(row), render_invitations(row.conference, [row]), "application/pdf")]
    ics = conference_ics(row.conference, row)
    if ics is not None:
        files.append((ICS_NAME, ics, "text/calendar"))
    return files


def queue_invitations(conference: Conference) -> tuple[list, list[Delegate]]:
    """One message per delegate with an address (once per delegate).

    Returns the messages created now and the delegates without an address (their letters are printed).
    """
    delegates = list(delegates_of(conference).order_by("invitation_number"))
    with_address = [d for d in delegates if d.email]
    names = [pdf_name(d) for d in with_address]
    recipients = [
        Recipient(
            email=d.email,
            name=d.full_name,
            title=d.honorific,
            context=_delegate_context(d),
            attachments={
                "builder": "conference.mail.invitation_files",
                "params": {"delegate": d.pk},
                "names": [name, ICS_NAME] if conference.date else [name],
            },
        )
        for d, name in zip(with_address, names, strict=True)
    ]
    created = []
    for recipient, delegate in zip(recipients, with_address, strict=True):
        created += queue(
            "invitation",
            event_key=f"invitation:{conference.pk}:{delegate.pk}",
            recipients=[recipient],
            context=_context(conference),
        )
    return created, [d for d in delegates if not d.email]
