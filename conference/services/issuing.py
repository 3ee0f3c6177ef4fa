"""The conference day's documents as register documents: drafts until the Office issues them.

Each kind of document the conference day sends out (``TYPES``) is made from a target (the
conference, a movement, a progress date) and known to the register by its ``source``
("conference.report:3"). Until it is issued, every download is a fresh draft: "DỰ THẢO", the
number and the date left blank. ``issue`` gives it, once, its number, the entered date, the signer
and the recipients through ``registry.services.issue``, which stores the rendered PDF; from then
on every download is that stored file, byte for byte (``document_pdf``).

The Giấy mời is one register document printed as one copy per delegate: ``issue_invitation``
numbers every delegate not yet invited under one number, stores the whole batch and remembers
on each delegate the document and the pages of their copy. A delegate added later goes on the
next issue: a supplementary invitation with its own number.

A single-copy document (not the invitation) may be issued from the draft finished in Word
(``edited``, the .docx bytes): the register's number and date are written into its blanks and the
PDF LibreOffice makes of it is the stored file (``edited_pdf``). A file that cannot be filled in
or converted is refused, and then nothing is issued: no number is taken.
"""

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader, PdfWriter

from awards.models import Signer
from conference.documents import launch_plan, progress, report, summary
from conference.documents.invitations import conference_title, invitation_sheet
from conference.models import Delegate
from hoinghi import office
from hoinghi.downloads import PrintedPdf, named_pdf
from hoinghi.letterhead import Signature, two_digits, vn_date
from hoinghi.pdf import render_pdf_in_chunks
from reference.models import Conference, Movement
from registry import services as register
from registry.enums import DocumentKind, DocumentStatus
from registry.models import OutgoingDocument
from registry.selectors import issued_for, stored_file
from registry.services import RegisterError

INVITATION_TEMPLATE = "conference/pdf/invitations.html"
INVITATION_CHUNK = 50  # copies per WeasyPrint document when the whole batch is rendered


@dataclass(frozen=True)
class ProgressTarget:
    """The progress report is made as of a day: one document per (conference, day)."""

    conference: Conference
    on: Date


@dataclass(frozen=True)
class DocumentType:
    code: str  # in the URL: /conference/documents/<code>/issue/
    kind: DocumentKind
    label: Any  # lazy: what the page calls it
    conference: Callable[[Any], Conference]
    source: Callable[[Any], str]
    summary: Callable[[Any], str]  # the register's trích yếu
    recipients: Callable[[Any], tuple[str, ...]]  # the default Nơi nhận
    render: Callable[[Any, OutgoingDocument | None], bytes]  # the PDF of the draft (None) or the issued record
    stem: Callable[[Any], str]


def _invitation_render(conference: Conference, record: OutgoingDocument | None) -> bytes:
    return render_invitations(conference, list(pending_delegates(conference)), record)


TYPES: dict[str, DocumentType] = {
    t.code: t
    for t in (
        DocumentType(
            "invitation",
            DocumentKind.INVITATION,
            gettext_lazy("Invitation (Giấy mời)"),
            conference=lambda c: c,
            source=lambda c: f"conference.invitation:{c.pk}",
            summary=lambda c: f"Mời dự {conference_title(c)}",
            recipients=lambda c: ("- Như trên;", "- Lưu: VT, VP."),
            render=_invitation_render,
            stem=lambda c: f"Giấy-mời-{c.slug}",
        ),
        DocumentType(
            "report",
            DocumentKind.REPORT,
            gettext_lazy("Report to the Department of Home Affairs"),
            conference=lambda c: c,
            source=lambda c: f"conference.report:{c.pk}",
            summary=lambda c: f"Kết quả tổng kết các phong trào thi đua và công tác khen thưởng năm {c.year}",
            recipients=lambda c: report.REPORT_RECIPIENTS,
            render=report.render_report,
            stem=report.report_stem,
        ),
        DocumentType(
            "summary",
            DocumentKind.REPORT,
            gettext_lazy("Summary report of the movements"),
            conference=lambda c: c,
            source=lambda c: f"conference.summary:{c.pk}",
            summary=lambda c: f"Tổng kết các phong trào thi đua năm {c.year}",
            recipients=lambda c: summary.SUMMARY_RECIPIENTS,
            render=summary.render_summary,
            stem=summary.summary_stem,
        ),
        DocumentType(
            "progress",
            DocumentKind.REPORT,
            gettext_lazy("Progress report"),
            conference=lambda t: t.conference,
            source=lambda t: f"conference.progress:{t.conference.pk}:{t.on:%Y-%m-%d}",
            summary=lambda t: f"Tiến độ tổ chức {t.conference.name} (đến hết ngày {t.on:%d/%m/%Y})",
            recipients=lambda t: progress.PROGRESS_RECIPIENTS,
            render=lambda t, record: progress.render_progress(t.conference, t.on, record),
            stem=lambda t: progress.progress_stem(t.conference, t.on),
        ),
        DocumentType(
            "launch-plan",
            DocumentKind.PLAN,
            gettext_lazy("Launch plan of a movement"),
            conference=lambda m: m.conference,
            source=lambda m: f"conference.launch_plan:{m.pk}",
            summary=lambda m: launch_plan.launch_plan_document(m).summary,
            recipients=lambda m: launch_plan.LAUNCH_PLAN_RECIPIENTS,
            render=launch_plan.render_launch_plan,
            stem=launch_plan.launch_plan_stem,
        ),
    )
}

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def target_of(dtype: DocumentType, conference: Conference, key: str = "") -> Any:
    """What ``dtype`` is made from in ``conference``, from the URL's key; None when there is none."""
    if dtype.code == "launch-plan":
        if not key.isdigit():
            return None
        return (
            Movement.objects.select_related("conference__organisation", "launch_plan")
            .filter(pk=int(key), conference=conference, launch_plan__isnull=False)
            .first()
        )
    if dtype.code == "progress":
        if not ISO_DAY.fullmatch(key):
            return None
        try:
            return ProgressTarget(conference, Date.fromisoformat(key))
        except ValueError:
            return None
    return None if key else conference


def signers_for(organisation) -> list[Signer]:
    """The active signers, the head first (no "KT." line), then by their order."""
    signers = Signer.objects.filter(organisation=organisation, is_active=True)
    return sorted(signers, key=lambda s: (s.authority_prefix != "", s.order, s.pk))


def issued_document(dtype: DocumentType, target: Any) -> OutgoingDocument | None:
    return issued_for(dtype.source(target))


def issued_progress_reports(conference: Conference) -> list[OutgoingDocument]:
    """Every issued progress report of ``conference`` (one per day it reports on), oldest first."""
    return list(
        OutgoingDocument.objects.filter(
            conference=conference,
            status=DocumentStatus.ISSUED,
            source__startswith=f"conference.progress:{conference.pk}:",
        ).order_by("issued_at", "id")
    )


def issued_stem(dtype: DocumentType, target: Any, record: OutgoingDocument) -> str:
    return f"{dtype.stem(target)}-{two_digits(record.number or 0)}-{record.year}"


def stored_pdf(record: OutgoingDocument) -> PrintedPdf:
    """The issued file, as it was stored (named after the stored file)."""
    stored = stored_file(record)
    return PrintedPdf(bytes(stored.content), stored.filename, stored.filename)


def document_pdf(dtype: DocumentType, target: Any) -> PrintedPdf:
    """The issued file if the document was issued, else a fresh draft."""
    record = issued_document(dtype, target)
    if record is not None:
        return stored_pdf(record)
    return named_pdf(dtype.render(target, None), f"{dtype.stem(target)}-du-thao")


def _lock_conference(conference: Conference) -> None:
    """Issuing a conference's documents (and adding its delegates) waits its turn on the conference row."""
    Conference.objects.select_for_update().only("pk").get(pk=conference.pk)


def edited_pdf(edited: bytes, record: OutgoingDocument) -> bytes:
    """The PDF of the Word file ``edited`` with ``record``'s number and date filled in; RegisterError if it fails."""
    try:
        filled = office.fill_in_issue(
            edited, number_label=record.number_label, symbol=record.symbol, date_line=vn_date(record.date)
        )
        return office.convert_docx_to_pdf(filled)
    except office.ConversionFailed as error:
        raise RegisterError(str(error), code="word_file") from error


def issue(
    dtype: DocumentType,
    target: Any,
    *,
    on: Date,
    signer: Signature,
    recipients: Sequence[str],
    by: User,
    edited: bytes | None = None,
) -> OutgoingDocument:
    """Issue the document made from ``target`` (once; a correction started in the register is issued likewise).

    ``edited``: the draft finished in Word (.docx), which then becomes the issued file.
    """
    if dtype.code == "invitation":
        if edited is not None:
            raise RegisterError(
                _(
                    "An invitation is printed as one personalised copy per delegate, so it cannot be issued "
                    "from a Word file. Issue it without the file."
                ),
                code="word_file_refused",
            )
        return issue_invitation(target, on=on, signer=signer, recipients=recipients, by=by)
    conference = dtype.conference(target)
    source = dtype.source(target)
    with transaction.atomic():
        _lock_conference(conference)
        draft = OutgoingDocument.objects.filter(source=source, status=DocumentStatus.DRAFT).first()
        if draft is None:
            if issued_for(source) is not None:
                raise RegisterError(_("This document has already been issued."), code="issued")
            draft = register.open_draft(
                kind=dtype.kind,
                issuer_code=conference.organisation.abbreviation,
                source=source,
                summary=dtype.summary(target),
                by=by,
                conference=conference,
            )
        return register.issue(
            draft,
            on=on,
            signer=signer,
            recipients=recipients,
            render=lambda record: edited_pdf(edited, record) if edited is not None else dtype.render(target, record),
            filename=named_pdf(b"", issued_stem(dtype, target, draft)).filename,
            by=by,
        )


# ------------------------------------------------------------------ invitations


def pending_delegates(conference: Conference):
    """The delegates no issued invitation covers yet, in the list's order (the next invitation's copies)."""
    return (
        Delegate.objects.filter(conference=conference, invitation__isnull=True)
        .select_related("conference__organisation", "group")
        .order_by("invitation_number")
    )


def invitation_documents(conference: Conference) -> list[OutgoingDocument]:
    """The conference's issued invitations, the first one first (the others are supplementary)."""
    return list(
        OutgoingDocument.objects.filter(
            source=TYPES["invitation"].source(conference), status=DocumentStatus.ISSUED
        ).order_by("issued_at", "id")
    )


def render_invitations(conference: Conference, delegates: list, record: OutgoingDocument | None = None) -> bytes:
    """One copy per delegate of the invitation ``record`` (None: the draft), in chunks, as one PDF."""
    out = io.BytesIO()
    render_pdf_in_chunks(
        INVITATION_TEMPLATE,
        delegates,
        lambda chunk: {"sheet": invitation_sheet(conference, list(chunk), record)},
        out,
        chunk_size=INVITATION_CHUNK,
    )
    return out.getvalue()


def copy_pages(content: bytes) -> list[tuple[int, int]]:
    """(first page, page count) of each copy in an invitation PDF, from its outline (one entry a copy)."""
    reader = PdfReader(io.BytesIO(content))
    starts = []
    for entry in reader.outline:
        page = None if isinstance(entry, list) else reader.get_destination_page_number(entry)
        if page is not None:
            starts.append(page + 1)
    ends = [*starts[1:], len(reader.pages) + 1]
    return [(start, end - start) for start, end in zip(starts, ends, strict=True)]


def issue_invitation(
    conference: Conference, *, on: Date, signer: Signature, recipients: Sequence[str], by: User
) -> OutgoingDocument:
    """One invitation for every delegate not yet invited: one number, one date, the batch stored.

    The first one is the Giấy mời; any later one is a supplementary invitation (Giấy mời bổ sung)
    with the next number of the series. Refused when every delegate is covered already.
    """
    dtype = TYPES["invitation"]
    source = dtype.source(conference)
    with transaction.atomic():
        _lock_conference(conference)  # adding a delegate waits: the batch is exactly these delegates
        delegates = list(pending_delegates(conference))
        if not delegates:
            raise RegisterError(_("Every delegate is covered by an issued invitation."), code="nothing_to_issue")
        supplementary = OutgoingDocument.objects.filter(source=source, status=DocumentStatus.ISSUED).exists()
        summary_text = dtype.summary(conference)
        if supplementary:
            summary_text = f"Mời bổ sung dự {conference_title(conference)}"
        draft = register.open_draft(
            kind=dtype.kind,
            issuer_code=conference.organisation.abbreviation,
            source=source,
            summary=summary_text,
            by=by,
            conference=conference,
        )
        pages: list[tuple[int, int]] = []

        def render(record: OutgoingDocument) -> bytes:
            content = render_invitations(conference, delegates, record)
            pages.extend(copy_pages(content))
            if len(pages) != len(delegates):
                raise RuntimeError(f"{len(pages)} copies found for {len(delegates)} delegates")
            return content

        stem = f"Giấy-mời-bổ-sung-{conference.slug}" if supplementary else dtype.stem(conference)
        record = register.issue(
            draft,
            on=on,
            signer=signer,
            recipients=recipients,
            render=render,
            filename=named_pdf(b"", f"{stem}-{on.year}").filename,
            by=by,
        )
        for delegate, (first, count) in zip(delegates, pages, strict=True):
            delegate.invitation, delegate.invitation_first_page, delegate.invitation_page_count = record, first, count
        Delegate.objects.bulk_update(delegates, ["invitation", "invitation_first_page", "invitation_page_count"])
    return record


def delegate_copy(delegate: Delegate) -> bytes:
    """One delegate's invitation: their pages of the issued file (the same bytes every time), else a draft copy."""
    if delegate.invitation is None or delegate.invitation_first_page is None:
        return render_invitations(delegate.conference, [delegate])
    reader = PdfReader(io.BytesIO(bytes(stored_file(delegate.invitation).content)))
    writer = PdfWriter()
    first = delegate.invitation_first_page - 1
    for index in range(first, first + (delegate.invitation_page_count or 1)):
        writer.add_page(reader.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def all_invitations_content(conference: Conference) -> tuple[bytes, str]:
    """The draft of the next invitation when some delegates wait for one, else the last issued file."""
    delegates = list(pending_delegates(conference))
    issued = invitation_documents(conference)
    if delegates or not issued:
        return render_invitations(conference, delegates), f"Giấy-mời-{conference.slug}-du-thao"
    stored = stored_file(issued[-1])
    return bytes(stored.content), stored.filename.removesuffix(".pdf")


def agenda_date(conference: Conference) -> Date | None:
    """The agenda goes with the (first) invitation and carries its date; none before it is issued."""
    issued = invitation_documents(conference)
    return issued[0].date if issued else None
