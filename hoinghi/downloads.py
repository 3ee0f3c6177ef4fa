"""Files handed to the browser: a printed PDF with its two names, and the PDF and Excel responses.

Every download of the application answers through here, so they all carry the same headers:
``attachment``, the ASCII filename (plus the Vietnamese one as RFC 5987 ``filename*`` for PDFs)
and ``Cache-Control: no-store`` (the files hold personal data; no cache keeps a copy).
"""

from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseBase

from hoinghi.excel import XLSX_CONTENT_TYPE
from hoinghi.text import fold
from hoinghi.uploads import display_name


@dataclass(frozen=True)
class PrintedPdf:
    content: bytes
    filename: str  # ASCII only, for the plain filename= parameter
    display_name: str  # the Vietnamese name, for filename*= (RFC 5987)


@dataclass(frozen=True)
class PrintedDocx(PrintedPdf):
    """A Word file (.docx) of an administrative document, with its two names."""


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def ascii_name(text: str) -> str:
    """ "QĐ-05-2026-SKHCN" -> "QD-05-2026-SKHCN": Vietnamese letters folded, anything else a dash."""
    text = fold(text, keep_case=True).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)
    return "-".join(part for part in cleaned.split("-") if part)


def named_pdf(content: bytes, stem: str) -> PrintedPdf:
    """The PDF named "<stem>.pdf" in Vietnamese and with its letters folded to ASCII."""
    return PrintedPdf(content, f"{ascii_name(stem)}.pdf", f"{stem}.pdf")


def named_docx(content: bytes, stem: str) -> PrintedDocx:
    """The Word file named "<stem>.docx" in Vietnamese and with its letters folded to ASCII."""
    return PrintedDocx(content, f"{ascii_name(stem)}.docx", f"{stem}.docx")


def as_attachment(response: HttpResponseBase, filename: str, display_name: str | None = None) -> HttpResponseBase:
    """Mark ``response`` a download named ``filename`` (ASCII), plus ``display_name`` as RFC 5987 ``filename*``."""
    disposition = f'attachment; filename="{filename}"'
    if display_name:
        disposition += f"; filename*=UTF-8''{quote(display_name)}"
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "no-store"
    return response


def pdf_response(printed: PrintedPdf) -> HttpResponseBase:
    """application/pdf, an ASCII filename plus the Vietnamese one."""
    response = HttpResponse(printed.content, content_type="application/pdf")
    return as_attachment(response, printed.filename, printed.display_name)


def docx_response(printed: PrintedDocx) -> HttpResponseBase:
    """A Word file as an attachment, an ASCII filename plus the Vietnamese one."""
    response = HttpResponse(printed.content, content_type=DOCX_CONTENT_TYPE)
    return as_attachment(response, printed.filename, printed.display_name)


def xlsx_response(content: bytes, filename: str) -> HttpResponseBase:
    """An Excel workbook as an attachment (the filename is ASCII already: ``hoinghi.excel.export_filename``)."""
    return as_attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), filename)


class StoredUpload(Protocol):
    """A file a user uploaded, as the models that keep one store it (attachments, report files, talks)."""

    file: FieldFile
    original_name: str
    extension: str
    content_type: str


def upload_response(upload: StoredUpload) -> FileResponse:
    """An uploaded file, always as a download under its cleaned name, never rendered by the browser."""
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=display_name(upload.original_name, extension=upload.extension),
        content_type=upload.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
