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
from datetime import date as Date
from typing import BinaryIO, TypeGuard

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from awards import documents
from awards.documents import word
from awards.documents.common import COUNTED, KIND_LABELS
from awards.documents.council import COUNCIL_RECIPIENTS, minutes_signatures, vote_count_signatures
from awards.documents.decisions import DECISION_RECIPIENTS, PROPOSAL_RECIPIENTS
from awards.enums import DocumentType, MeetingStatus, PrintMode
from awards.models import Ballot, CertificatePrint, CouncilMeeting, Decision, DecisionEntry, PrintedDocument
from hoinghi.downloads import PrintedDocx, PrintedPdf, named_docx, named_pdf
from hoinghi.models import set_history_user
from hoinghi.pdf import render_pdf, render_pdf_in_chunks
from hoinghi.roles import is_office
from reference.enums import NomineeKind
from registry import selectors as register_selectors
from registry import services as register
from registry.enums import COUNCIL_ISSUER, DocumentKind
from registry.models import OutgoingDocument

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


def _issued(document: OutgoingDocument | None) -> TypeGuard[OutgoingDocument]:
    return document is not None and not document.is_draft


def recipients_of(decision: Decision) -> tuple[str, ...]:
    """The Nơi nhận of a decision or proposal (as printed and as registered)."""
    return DECISION_RECIPIENTS if decision.document_type == DocumentType.DECISION else PROPOSAL_RECIPIENTS


def render_decision(decision: Decision) -> bytes:
    """The PDF of a decision or proposal as it stands (a draft is marked "DỰ THẢO")."""
    if decision.document_type == DocumentType.DECISION:
        return render_pdf("awards/pdf/decision.html", {"doc": documents.decision_document(decision)})
    return render_pdf("awards/pdf/proposal.html", {"doc": documents.proposal_document(decision)})


def decision_filename(decision: Decision) -> str:
    """ "QĐ-05-2026-SKHCN.pdf" (the name the register stores the issued file under)."""
    return f"{_decision_stem(decision)}.pdf"


def _decision_or_stored(decision: Decision) -> PrintedPdf:
    """An issued decision is the file the register stored, byte for byte; a draft is rendered now."""
    if _issued(decision.document):
        return register_selectors.stored_pdf(decision.document)
    return named_pdf(render_decision(decision), _decision_stem(decision))


def decision_pdf(decision: Decision, *, by: User) -> PrintedPdf:
    """The Quyết định with its list (a draft prints marked "DỰ THẢO", without number and date)."""
    if decision.document_type != DocumentType.DECISION:
        raise NotPrintable(_("This is a proposal, not a decision."), code="type")
    printed = _decision_or_stored(decision)
    record_printed(decision.conference, f"Quyết định {decision}", by=by)
    return printed


def proposal_pdf(decision: Decision, *, by: User) -> PrintedPdf:
    if decision.document_type != DocumentType.PROPOSAL:
        raise NotPrintable(_("This is a decision, not a proposal."), code="type")
    printed = _decision_or_stored(decision)
    record_printed(decision.conference, f"Tờ trình {decision}", by=by)
    return printed


# ------------------------------------------------------------------ the council's own documents


def minutes_source(meeting: CouncilMeeting) -> str:
    return f"awards.minutes:{meeting.pk}"


def vote_count_source(ballot: Ballot) -> str:
    return f"awards.vote_count:{ballot.pk}"


def render_minutes(meeting: CouncilMeeting, document: OutgoingDocument | None = None) -> bytes:
    return render_pdf("awards/pdf/minutes.html", {"doc": documents.minutes_document(meeting, document)})


def render_vote_count(ballot: Ballot, document: OutgoingDocument | None = None) -> bytes:
    return render_pdf("awards/pdf/vote_count.html", {"doc": documents.vote_count_document(ballot, document)})


def minutes_pdf(meeting: CouncilMeeting, *, by: User) -> PrintedPdf:
    """The minutes as issued (the register's file), or the draft rendered now (number blank, "DỰ THẢO")."""
    if _issued(meeting.minutes_document):
        printed = register_selectors.stored_pdf(meeting.minutes_document)
    else:
        printed = named_pdf(render_minutes(meeting), f"BB-hop-HĐTĐKT-{meeting.date:%Y-%m-%d}")
    record_printed(meeting.conference, f"Biên bản họp {meeting}", by=by)
    return printed


def vote_count_pdf(ballot: Ballot, *, by: User) -> PrintedPdf:
    if ballot.status not in COUNTED:
        raise NotPrintable(_("The ballot is not closed yet: its counts are not shown."), code="open")
    if _issued(ballot.count_document):
        printed = register_selectors.stored_pdf(ballot.count_document)
    else:
        printed = named_pdf(render_vote_count(ballot), f"BB-kiem-phieu-{ballot.meeting.date:%Y-%m-%d}-{ballot.pk}")
    record_printed(ballot.meeting.conference, f"Biên bản kiểm phiếu {ballot}", by=by)
    return printed


def _ensure_office(by: User) -> None:
    if not is_office(by):
        raise PermissionDenied(_("Only the Office registers and issues documents."))


def issue_minutes(meeting: CouncilMeeting, *, by: User, on: Date | None = None) -> OutgoingDocument:
    """Register the minutes of a closed meeting in the council's series ("Số: 01/BB-HĐTĐKT").

    Side effects, in one transaction: the register's entry (number, date — the meeting's by
    default —, the chair as signer, the recipients), the issued PDF stored with its SHA-256 and
    linked from the meeting. Every later download is that file.
    """
    _ensure_office(by)
    with transaction.atomic():
        meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.CLOSED:
            raise NotPrintable(_("The minutes are issued once the meeting is closed."), code="open")
        draft = register.open_draft(
            kind=DocumentKind.MINUTES,
            issuer_code=COUNCIL_ISSUER,
            source=minutes_source(meeting),
            summary=f"Biên bản họp Hội đồng Thi đua - Khen thưởng {meeting.date:%d/%m/%Y}",
            by=by,
            conference=meeting.conference,
        )
        chair = minutes_signatures(meeting)[1]

        def linked_and_printed(document: OutgoingDocument) -> bytes:
            meeting.minutes_document = document
            set_history_user(meeting, by)
            meeting.save(update_fields=["minutes_document"])
            return render_minutes(meeting, document)

        return register.issue(
            draft,
            on=on or meeting.date,
            signer=chair,
            recipients=COUNCIL_RECIPIENTS,
            render=linked_and_printed,
            filename=lambda document: f"{document.number:02d}-BB-HĐTĐKT-{document.year}.pdf",
            by=by,
        )


def issue_vote_count(ballot: Ballot, *, by: User, on: Date | None = None) -> OutgoingDocument:
    """Register a counted ballot's vote-count record in the council's series (as ``issue_minutes``);
    the head of the vote-counting board signs (the chair when the meeting chose no board)."""
    _ensure_office(by)
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().select_related("meeting", "award_form").get(pk=ballot.pk)
        if ballot.status not in COUNTED:
            raise NotPrintable(_("The ballot is not closed yet: its counts are not shown."), code="open")
        meeting = ballot.meeting
        draft = register.open_draft(
            kind=DocumentKind.MINUTES,
            issuer_code=COUNCIL_ISSUER,
            source=vote_count_source(ballot),
            summary=f"Biên bản kiểm phiếu – {ballot.award_form.name} – {KIND_LABELS[NomineeKind(ballot.kind)]}",
            by=by,
            conference=meeting.conference,
        )

        def linked_and_printed(document: OutgoingDocument) -> bytes:
            ballot.count_document = document
            set_history_user(ballot, by)
            ballot.save(update_fields=["count_document"])
            return render_vote_count(ballot, document)

        return register.issue(
            draft,
            on=on or meeting.date,
            signer=vote_count_signatures(meeting)[-1],
            recipients=COUNCIL_RECIPIENTS,
            render=linked_and_printed,
            filename=lambda document: f"{document.number:02d}-BB-HĐTĐKT-{document.year}.pdf",
            by=by,
        )


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
    content = word.minutes_docx(documents.minutes_document(meeting, meeting.minutes_document))
    record_printed(meeting.conference, f"Biên bản họp {meeting} (Word)", by=by)
    return named_docx(content, f"BB-hop-HĐTĐKT-{meeting.date:%Y-%m-%d}")


def vote_count_docx(ballot: Ballot, *, by: User) -> PrintedDocx:
    if ballot.status not in COUNTED:
        raise NotPrintable(_("The ballot is not closed yet: its counts are not shown."), code="open")
    content = word.vote_count_docx(documents.vote_count_document(ballot, ballot.count_document))
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
