"""The register's one write path: open a draft, issue it (number, date, signer, file), correct it.

Numbers come from ``SeriesCounter`` under a row lock, inside the transaction that issues the
document and stores its file, so two clerks issuing at once get consecutive numbers and a failed
render gives no number away. Callers (awards, conference) check who may issue what; this module
checks the document's own rules (draft → issued once; an issued document never changes).
"""

import hashlib
from collections.abc import Callable, Sequence
from datetime import date as Date

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.letterhead import Signature
from hoinghi.models import set_change_reason, set_history_user
from reference.models import Conference
from registry.enums import COUNCIL_ISSUER, DocumentKind, DocumentStatus, SeriesMode
from registry.models import IssuedFile, OutgoingDocument, SeriesCounter

Renderer = Callable[[OutgoingDocument], bytes]


class RegisterError(Exception):
    """A refusal with a message for the user (Vietnamese through gettext)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def series_of(issuer_code: str, kind: str) -> str:
    """The series a document is numbered in: the council's documents always by kind; the agency's
    by kind or in one common series, as settings.DOCUMENT_REGISTER_SERIES says."""
    if issuer_code == COUNCIL_ISSUER or settings.DOCUMENT_REGISTER_SERIES == SeriesMode.PER_KIND:
        return kind
    return ""


def take_number(issuer_code: str, series: str, year: int) -> int:
    """The next number of the series under a row lock (call inside a transaction)."""
    SeriesCounter.objects.get_or_create(issuer_code=issuer_code, series=series, year=year)
    counter = SeriesCounter.objects.select_for_update().get(issuer_code=issuer_code, series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def open_draft(
    *,
    kind: DocumentKind,
    issuer_code: str,
    source: str,
    summary: str,
    by: User,
    conference: Conference | None,
    corrects: OutgoingDocument | None = None,
    reason: str = "",
) -> OutgoingDocument:
    """The draft made from ``source`` ("awards.decision:12"), created on first use.

    ``corrects``: the issued document this one corrects (a correction cites it; ``reason`` says why).
    The draft's summary follows ``summary`` until it is issued.
    """
    if corrects is not None and corrects.status != DocumentStatus.ISSUED:
        raise RegisterError(_("Only an issued document can be corrected."), code="not_issued")
    with transaction.atomic():
        draft = (
            OutgoingDocument.objects.select_for_update()
            .filter(source=source, status=DocumentStatus.DRAFT, kind=kind)
            .first()
        )
        if draft is None:
            draft = OutgoingDocument(
                conference=conference,
                kind=kind,
                issuer_code=issuer_code,
                source=source,
                summary=summary,
                corrects=corrects,
                correction_reason=(reason or "").strip() if corrects is not None else "",
                created_by=by,
            )
            set_history_user(draft, by)
            draft.save()
        elif draft.summary != summary:
            draft.summary = summary
            set_history_user(draft, by)
            draft.save(update_fields=["summary"])
        return draft


def issue(
    document: OutgoingDocument,
    *,
    on: Date,
    signer: Signature,
    recipients: Sequence[str],
    render: Renderer,
    filename: str | Callable[[OutgoingDocument], str],
    by: User,
    copies: int | None = None,
) -> OutgoingDocument:
    """Draft → issued, once: number, date, signer and recipients fixed, the rendered file stored.

    ``render`` gets the document with its number and date set (and its status issued) and returns
    the PDF bytes that are stored (and served from then on); it runs inside the transaction, so a
    failed render gives no number away. ``filename`` may be a function of the numbered document.
    """
    with transaction.atomic():
        document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if document.status != DocumentStatus.DRAFT:
            raise RegisterError(_("This document has already been issued."), code="issued")
        document.series = series_of(document.issuer_code, document.kind)
        document.year = on.year
        document.number = take_number(document.issuer_code, document.series, on.year)
        document.date = on
        document.signer_authority, document.signer_position = signer.authority, signer.position
        document.signer_name = signer.name
        document.recipients = "\n".join(line.strip() for line in recipients if line.strip())
        document.status = DocumentStatus.ISSUED
        document.issued_by, document.issued_at = by, timezone.now()
        document.copies = copies
        content = render(document)
        set_history_user(document, by)
        set_change_reason(document, f"→ {document.number_label}")
        document.save()
        store_file(document, content, filename=filename(document) if callable(filename) else filename)
    return document


def store_file(
    document: OutgoingDocument, content: bytes, *, filename: str, content_type: str = "application/pdf"
) -> IssuedFile:
    return IssuedFile.objects.create(
        document=document,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        filename=filename,
        content_type=content_type,
    )


def edit_draft(document: OutgoingDocument, *, summary: str, by: User) -> OutgoingDocument:
    """Change a draft's summary (trích yếu); an issued document is never edited."""
    with transaction.atomic():
        document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if document.status != DocumentStatus.DRAFT:
            raise RegisterError(_("An issued document is never changed; issue a correction instead."), code="issued")
        document.summary = summary
        set_history_user(document, by)
        document.save(update_fields=["summary"])
    return document


def start_correction(document: OutgoingDocument, *, reason: str, by: User) -> OutgoingDocument:
    """A new draft that cites the issued document it corrects (the old one is kept as it is)."""
    reason = (reason or "").strip()
    if not reason:
        raise RegisterError(_("Give the reason for the correction."), code="reason_required")
    if document.status != DocumentStatus.ISSUED:
        raise RegisterError(_("Only an issued document can be corrected."), code="not_issued")
    correction = OutgoingDocument(
        conference=document.conference,
        kind=document.kind,
        issuer_code=document.issuer_code,
        source=document.source,
        summary=document.summary,
        corrects=document,
        correction_reason=reason,
        created_by=by,
    )
    set_history_user(correction, by)
    correction.save()
    return correction
