"""Invitations: the Giấy mời PDFs (all delegates in one document, or one alone) and the replies.

A reply (RSVP) is set by the Office, or by the delegate through the private link printed on the
letter; both go through ``set_rsvp``, which moves the reply through ``conference.transitions.REPLIES``
and keeps the substitute's name only for "sends a substitute". PDFs render through
``hoinghi.pdf.render_pdf`` and are logged like the awards documents (a ``PrintedDocument`` row,
``awards.services.printing.record_printed``, when a user prints).
"""

from collections.abc import Callable
from typing import BinaryIO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.services.printing import record_printed
from conference.documents.agenda import agenda_document
from conference.documents.invitations import invitation_sheet
from conference.documents.word import agenda_docx as agenda_word
from conference.documents.word import invitations_docx as invitations_word
from conference.enums import Rsvp
from conference.models import Delegate
from conference.services import issuing
from conference.transitions import FROM_THE_LINK, PRIVATE_LINK_NOTE, REPLIES
from hoinghi.downloads import PrintedDocx, PrintedPdf, named_docx, named_pdf
from hoinghi.models import set_history_user
from hoinghi.pdf import render_pdf, render_pdf_in_chunks

INVITATION_TEMPLATE = "conference/pdf/invitations.html"
AGENDA_TEMPLATE = "conference/pdf/agenda.html"
INVITATION_CHUNK = 50  # letters per WeasyPrint document in a background batch


def delegates_of(conference):
    """The conference's delegates in the letters' order: by invitation number."""
    return Delegate.objects.filter(conference=conference).select_related("conference__organisation", "group")


def set_rsvp(
    delegate: Delegate, rsvp: str, substitute_name: str = "", *, by: User | None = None, from_link: bool = False
) -> Delegate:
    """Record a reply; "sends a substitute" needs the substitute's name, other replies drop it.

    ``by``: who records it (None: the delegate, not logged in); ``from_link``: the delegate's
    private page, which may not set "invited" again. A different reply is a move of
    ``REPLIES`` (its history row reads "from → to"); the same reply again only updates the
    substitute's name. The row is locked meanwhile.
    """
    if rsvp not in Rsvp.values or (from_link and rsvp not in FROM_THE_LINK):
        raise ValidationError(_("Unknown reply."), code="rsvp")
    substitute_name = " ".join((substitute_name or "").split())
    if rsvp == Rsvp.SUBSTITUTE and not substitute_name:
        raise ValidationError(_("Give the name of the person who comes instead."), code="substitute")
    with transaction.atomic():
        locked = Delegate.objects.select_for_update().get(pk=delegate.pk)
        locked.substitute_name = substitute_name if rsvp == Rsvp.SUBSTITUTE else ""
        if rsvp == locked.rsvp:
            set_history_user(locked, by)
            locked.save(update_fields=["substitute_name"])
        else:
            note = PRIVATE_LINK_NOTE if from_link else ""
            REPLIES.move(locked, rsvp, by=by, note=note, fields=["substitute_name"])
    delegate.rsvp, delegate.substitute_name, delegate.version = locked.rsvp, locked.substitute_name, locked.version
    return delegate


def render_invitations(conference, delegates) -> bytes:
    """Draft copies of ``delegates`` as one PDF (nothing logged): "DỰ THẢO", no number, no date."""
    return issuing.render_invitations(conference, list(delegates))


def invitations_pdf(conference, *, by) -> PrintedPdf:
    """The draft of the next invitation (the delegates not yet invited), else the last issued one as stored."""
    content, stem = issuing.all_invitations_content(conference)
    record_printed(conference, f"Giấy mời: {stem}", by=by)
    return named_pdf(content, stem)


def invitations_batch(
    conference, out: BinaryIO, *, by, progress: Callable[[int, int], None] | None = None
) -> PrintedPdf:
    """``invitations_pdf`` for a background job: the draft rendered in chunks into ``out``, or the stored file."""
    delegates = list(issuing.pending_delegates(conference))
    if delegates or not issuing.invitation_documents(conference):
        render_pdf_in_chunks(
            INVITATION_TEMPLATE,
            delegates,
            lambda chunk: {"sheet": invitation_sheet(conference, list(chunk))},
            out,
            chunk_size=INVITATION_CHUNK,
            progress=progress,
        )
        stem = f"Giấy-mời-{conference.slug}-du-thao"
    else:
        content, stem = issuing.all_invitations_content(conference)
        out.write(content)
        if progress is not None:
            progress(1, 1)
    record_printed(conference, f"Giấy mời: {stem}", by=by)
    return named_pdf(b"", stem)


def invitation_pdf(delegate: Delegate, *, by) -> PrintedPdf:
    """The delegate's copy: their pages of the issued invitation (identical on every reprint), else a draft."""
    content = issuing.delegate_copy(delegate)
    record_printed(delegate.conference, f"Giấy mời {delegate.invitation_number:02d}", by=by)
    return named_pdf(content, f"Giấy-mời-{delegate.invitation_number:02d}-{delegate.full_name}")


def agenda_pdf(conference, *, by) -> PrintedPdf:
    """The programme, dated as the invitation it goes with (blank before the invitation is issued)."""
    content = render_pdf(AGENDA_TEMPLATE, {"doc": agenda_document(conference, on=issuing.agenda_date(conference))})
    record_printed(conference, "Chương trình Hội nghị", by=by)
    return named_pdf(content, f"Chương-trình-{conference.slug}")


def invitations_docx(conference, *, by) -> PrintedDocx:
    """The letters of the next invitation (the delegates not yet invited; when none, the last issued
    one's, with its number and date) in one Word file, one section per delegate, worded as the PDF."""
    delegates, record = list(issuing.pending_delegates(conference)), None
    if not delegates:
        issued = issuing.invitation_documents(conference)
        record = issued[-1] if issued else None
        covered = delegates_of(conference).filter(invitation=record) if record else delegates_of(conference)
        delegates = list(covered.order_by("invitation_number"))
    content = invitations_word(invitation_sheet(conference, delegates, record))
    record_printed(conference, f"Giấy mời: {len(delegates)} đại biểu (Word)", by=by)
    return named_docx(content, f"Giấy-mời-{conference.slug}")


def agenda_docx(conference, *, by) -> PrintedDocx:
    content = agenda_word(agenda_document(conference, on=issuing.agenda_date(conference)))
    record_printed(conference, "Chương trình Hội nghị (Word)", by=by)
    return named_docx(content, f"Chương-trình-{conference.slug}")
