"""Printing: every PDF of the council and awards stage, rendered by ``hoinghi.pdf.render_pdf`` and logged.

- Documents (Quyết định, Tờ trình, Biên bản họp, Biên bản kiểm phiếu; the conference's
  invitations and agenda too): one ``PrintedDocument`` per download (``record_printed``).
- Certificates: one ``CertificatePrint`` per certificate (who, when, mode, whether with the whole
  decision, and the reprint number = earlier prints of that entry + 1). The entries are locked
  while numbering, so two prints at once never get the same number.

Both are tracked by django-simple-history: their ``+`` rows are the audit trail of printing.

Rendering happens before anything is written: a failed rendering logs nothing.
"""

from collections.abc import Callable
from typing import BinaryIO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from awards import documents
from awards.documents import word
from awards.documents.common import COUNTED
from awards.enums import DocumentType, PrintMode
from awards.models import Ballot, CertificatePrint, CouncilMeeting, Decision, DecisionEntry, PrintedDocument
from hoinghi.downloads import PrintedDocx, PrintedPdf, named_docx, named_pdf
from hoinghi.models import set_history_user
from hoinghi.pdf import render_pdf, render_pdf_in_chunks

CERTIFICATE_CHUNK = 50  # certificates per WeasyPrint document in a background batch


class NotPrintable(ValidationError):
    """The document cannot be printed in its current state (message for the Office)."""


def _decision_stem(decision: Decision) -> str:
    """ "QĐ-05-2026-SKHCN"; a draft: "QĐ-du-thao-17-SKHCN"."""
    type_code = "QĐ" if decision.document_type == DocumentType.DECISION else "TTr"
    abbreviation = decision.conference.organisation.abbreviation
    if not decision.number or decision.date is None:  # a draft: neither numbered nor dated yet
        return f"{type_code}-du-thao-{decision.pk}-{abbreviation}"
    return f"{type_code}-{decision.number:02d}-{decision.date.year}-{abbreviation}"


def record_printed(conference, what: str, *, by: User) -> PrintedDocument:
    """Log one print of a document (its history row names who and when)."""
    document = PrintedDocument(conference=conference, what=what[:300], printed_by=by)
    set_history_user(document, by)  # also outside a request (background jobs)
    document.save()
    return document


def decision_pdf(decision: Decision, *, by: User) -> PrintedPdf:
    """The Quyết định with its list (a draft prints marked "DỰ THẢO", without number and date)."""
    if decision.document_type != DocumentType.DECISION:
        raise NotPrintable(_("This is a proposal, not a decision."), code="type")
    content = render_pdf("awards/pdf/decision.html", {"doc": documents.decision_document(decision)})
    record_printed(decision.conference, f"Quyết định {decision}", by=by)
    return named_pdf(content, _decision_stem(decision))


def proposal_pdf(decision: Decision, *, by: User) -> PrintedPdf:
    if decision.document_type != DocumentType.PROPOSAL:
        raise NotPrintable(_("This is a decision, not a proposal."), code="type")
    content = render_pdf("awards/pdf/proposal.html", {"doc": documents.proposal_document(decision)})
    record_printed(decision.conference, f"Tờ trình {decision}", by=by)
    return named_pdf(content, _decision_stem(decision))


def minutes_pdf(meeting: CouncilMeeting, *, by: User) -> PrintedPdf:
    content = render_pdf("awards/pdf/minutes.html", {"doc": documents.minutes_document(meeting)})
    record_printed(meeting.conference, f"Biên bản họp {meeting}", by=by)
    return named_pdf(content, f"BB-hop-HĐTĐKT-{meeting.date:%Y-%m-%d}")


def vote_count_pdf(ballot: Ballot, *, by: User) -> PrintedPdf:
    if ballot.status not in COUNTED:
        raise NotPrintable(_("The ballot is not closed yet: its counts are not shown."), code="open")
    content = render_pdf("awards/pdf/vote_count.html", {"doc": documents.vote_count_document(ballot)})
    record_printed(ballot.meeting.conference, f"Biên bản kiểm phiếu {ballot}", by=by)
    return named_pdf(content, f"BB-kiem-phieu-{ballot.meeting.date:%Y-%m-%d}-{ballot.pk}")


def decision_docx(decision: Decision, *, by: User) -> PrintedDocx:
    """The Quyết định as a Word file, from the same data as the PDF (logged like a print)."""
    if decision.document_type != DocumentType.DECISION:
        raise NotPrintable(_("This is a proposal, not a decision."), code="type")
    content = word.decision_docx(documents.decision_document(decision))
    record_printed(decision.conference, f"Quyết định {decision} (Word)", by=by)
    return named_docx(content, _decision_stem(decision))


def proposal_docx(decision: Decision, *, by: User) -> PrintedDocx:
    if decision.document_type != DocumentType.PROPOSAL:
        raise NotPrintable(_("This is a decision, not a proposal."), code="type")
    content = word.proposal_docx(documents.proposal_document(decision))
    record_printed(decision.conference, f"Tờ trình {decision} (Word)", by=by)
    return named_docx(content, _decision_stem(decision))


def minutes_docx(meeting: CouncilMeeting, *, by: User) -> PrintedDocx:
    content = word.minutes_docx(documents.minutes_document(meeting))
    record_printed(meeting.conference, f"Biên bản họp {meeting} (Word)", by=by)
    return named_docx(content, f"BB-hop-HĐTĐKT-{meeting.date:%Y-%m-%d}")


def vote_count_docx(ballot: Ballot, *, by: User) -> PrintedDocx:
    if ballot.status not in COUNTED:
        raise NotPrintable(_("The ballot is not closed yet: its counts are not shown."), code="open")
    content = word.vote_count_docx(documents.vote_count_document(ballot))
    record_printed(ballot.meeting.conference, f"Biên bản kiểm phiếu {ballot} (Word)", by=by)
    return named_docx(content, f"BB-kiem-phieu-{ballot.meeting.date:%Y-%m-%d}-{ballot.pk}")


def resolve_mode(decision_or_form, mode: str | None) -> str:
    """The requested mode, or the layout's default; an unknown mode is refused."""
    award_form = getattr(decision_or_form, "award_form", decision_or_form)
    if not mode:
        return documents.layout_for(award_form).default_mode
    if mode not in PrintMode.values:
        raise NotPrintable(_("Unknown print mode: %(mode)s.") % {"mode": mode}, code="mode")
    return mode


def log_certificate_prints(
    entries: list[DecisionEntry], *, mode: str, in_batch: bool, by: User
) -> list[CertificatePrint]:
    """One CertificatePrint per entry, numbered after the entry's earlier prints (entries locked)."""
    ids = sorted(e.pk for e in entries)
    with transaction.atomic():
        list(DecisionEntry.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
        done = dict(
            CertificatePrint.objects.filter(entry__in=ids)
            .order_by()
            .values("entry")
            .annotate(n=Count("id"))
            .values_list("entry", "n")
        )
        return bulk_create_with_history(
            [
                CertificatePrint(
                    entry_id=pk, mode=mode, in_batch=in_batch, reprint_number=done.get(pk, 0) + 1, printed_by=by
                )
                for pk in ids
            ],
            CertificatePrint,
            default_user=by,
        )


def _ensure_printable(decision: Decision) -> None:
    if not documents.printable(decision):
        raise NotPrintable(
            _("Certificates print only for an issued decision, or a proposal once the province has decided."),
            code="not_issued",
        )


def _certificate_stem(decision: Decision, mode: str) -> str:
    heading = documents.layout_for(decision.award_form).heading
    suffix = "-phoi" if mode == PrintMode.TEXT_ONLY else ""
    return f"{heading.replace(' ', '-')}-{_decision_stem(decision)}{suffix}"


def certificates_pdf(decision: Decision, *, mode: str | None = None, by: User) -> PrintedPdf:
    """Every certificate of the decision in one PDF (one HTML document, one page per awardee)."""
    _ensure_printable(decision)
    mode = resolve_mode(decision, mode)
    entries = list(decision.entries.order_by("register_number", "id"))
    sheet = documents.certificate_sheet(decision, entries, mode)
    content = render_pdf("awards/pdf/certificates.html", {"sheet": sheet})
    log_certificate_prints(entries, mode=mode, in_batch=True, by=by)
    return named_pdf(content, _certificate_stem(decision, mode))


def certificates_batch(
    decision: Decision,
    out: BinaryIO,
    *,
    mode: str | None = None,
    by: User,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int | None = None,
) -> PrintedPdf:
    """``certificates_pdf`` for a background job: the same pages and log, written to ``out``.

    The certificates render ``chunk_size`` at a time (one WeasyPrint document each) and are joined
    with pypdf, so the renderer's memory does not grow with the batch and ``progress(done, total)``
    is called after each chunk. The returned PrintedPdf carries the names only (``content`` empty).
    """
    _ensure_printable(decision)
    mode = resolve_mode(decision, mode)
    entries = list(decision.entries.order_by("register_number", "id"))
    render_pdf_in_chunks(
        "awards/pdf/certificates.html",
        entries,
        lambda chunk: {"sheet": documents.certificate_sheet(decision, list(chunk), mode)},
        out,
        chunk_size=chunk_size or CERTIFICATE_CHUNK,
        progress=progress,
    )
    log_certificate_prints(entries, mode=mode, in_batch=True, by=by)
    return named_pdf(b"", _certificate_stem(decision, mode))


def certificate_pdf(entry: DecisionEntry, *, mode: str | None = None, by: User) -> PrintedPdf:
    """One certificate alone, for a reprint."""
    decision = entry.decision
    _ensure_printable(decision)
    mode = resolve_mode(decision, mode)
    sheet = documents.certificate_sheet(decision, [entry], mode)
    content = render_pdf("awards/pdf/certificates.html", {"sheet": sheet})
    log_certificate_prints([entry], mode=mode, in_batch=False, by=by)
    return named_pdf(content, f"{_certificate_stem(decision, mode)}-so-{entry.register_number}")


def calibration_pdf(award_form) -> PrintedPdf:
    """The calibration page of an award form's certificate layout (not logged: it prints no one's name)."""
    calibration = documents.calibration_sheet(award_form)
    content = render_pdf("awards/pdf/calibration.html", {"calibration": calibration})
    return named_pdf(content, f"can-chinh-{calibration.sheet.heading.replace(' ', '-')}")
