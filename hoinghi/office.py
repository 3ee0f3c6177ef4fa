"""A Word file that comes back from a clerk: checking the upload and converting it to PDF.

- ``validate_docx_upload`` checks the file by its content (``hoinghi.uploads.check_upload``: size,
  type, zip bombs, macros), then that it really is a Word document: a zip holding
  ``[Content_Types].xml`` and ``word/document.xml`` whose main part is a plain document — not a
  macro-enabled .docm, nor a template.
- ``convert_docx_to_pdf`` runs LibreOffice headless (Debian's ``libreoffice-writer-nogui``) with a
  profile directory of its own for each call, so two conversions at once never share (and lock)
  one profile, and stops it after ``timeout`` seconds. Times New Roman is rendered with its
  metric twin Liberation Serif, embedded in the PDF.
- ``fill_in_issue`` writes the register's number and date into an edited draft: the blank number
  ("Số:        /BC-SKHCN", and "Báo cáo số      /BC-SKHCN" in an annex's reference) and the blank
  date ("ngày      tháng      năm") become "Số: 01/BC-SKHCN" and "ngày 05 tháng 7 năm 2025", and
  the "DỰ THẢO" mark is taken off. Word
  splits a paragraph's text into runs as it likes, so each paragraph's runs are read as one text
  and the result written into its first run. A file without both blanks is refused.
"""

import io
import os
import re
import shutil
import signal
import subprocess  # noqa: S404 (soffice with a fixed argument list)  # nosec B404
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from hoinghi.docx import DRAFT_MARK
from hoinghi.downloads import DOCX_CONTENT_TYPE
from hoinghi.uploads import CheckedFile, _macro_message, check_upload

DOCUMENT_PART = "word/document.xml"
CONTENT_TYPES_PART = "[Content_Types].xml"
DOCUMENT_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
REFUSED_MAIN_TYPES = (
    b"application/vnd.ms-word.document.macroenabled.main+xml",  # .docm
    b"application/vnd.ms-word.template.macroenabledtemplate.main+xml",  # .dotm
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
)
CONVERSION_TIMEOUT = 120  # seconds; a few pages take 2-5 s


class ConversionFailed(RuntimeError):
    """LibreOffice could not turn the .docx into a PDF (the message is for the user, in Vietnamese)."""


def max_docx_bytes() -> int:
    return getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def validate_docx_upload(upload: File) -> CheckedFile:
    """Raise ValidationError (Vietnamese) unless ``upload`` is a harmless Word .docx within the size limit."""
    checked = check_upload(upload, allowed={"docx": DOCX_CONTENT_TYPE}, max_bytes=max_docx_bytes())
    not_word = _("The file is not a Word document (.docx).")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if CONTENT_TYPES_PART not in names or DOCUMENT_PART not in names:
                raise ValidationError(not_word, code="not_docx")
            with archive.open(CONTENT_TYPES_PART) as part:
                types = part.read(1024 * 1024).lower()
    except zipfile.BadZipFile as error:
        raise ValidationError(_("The file is damaged and cannot be opened."), code="damaged") from error
    finally:
        upload.seek(0)
    if any(refused in types for refused in REFUSED_MAIN_TYPES):
        raise ValidationError(
            _macro_message() if b"macroenabled" in types else not_word,
            code="macro" if b"macroenabled" in types else "not_docx",
        )
    if DOCUMENT_MAIN_TYPE not in types:
        raise ValidationError(not_word, code="not_docx")
    return checked


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_docx_to_pdf(data: bytes, *, timeout: int = CONVERSION_TIMEOUT) -> bytes:
    """The PDF LibreOffice makes of the .docx ``data``; ``ConversionFailed`` (Vietnamese message) otherwise."""
    executable = soffice_path()
    if executable is None:
        raise ConversionFailed(_("LibreOffice is not installed on the server: the Word file cannot be converted."))
    with tempfile.TemporaryDirectory(prefix="hoinghi-docx-") as tmp:
        work = Path(tmp)
        source, out = work / "document.docx", work / "out"
        source.write_bytes(data)
        command = [
            executable,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",  # one profile per call
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8"}
        process = subprocess.Popen(  # noqa: S603 (fixed arguments, no shell)  # nosec B603
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)  # soffice and the soffice.bin it started
            process.communicate()
            raise ConversionFailed(
                _("Converting the Word file to PDF took longer than %(seconds)s seconds and was stopped.")
                % {"seconds": timeout}
            ) from error
        pdf = out / "document.pdf"
        if process.returncode != 0 or not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
            raise ConversionFailed(
                _("The Word file could not be converted to PDF. Open it in Word, save it again as .docx and retry.")
            )
        return pdf.read_bytes()


BLANK_DATE = re.compile(r"ngày\s{2,}tháng\s{2,}năm")  # "ngày tháng năm sinh" (single spaces) is no blank


def blank_number(symbol: str) -> re.Pattern[str]:
    """The number left blank: the header's "Số:        /BC-SKHCN", an annex's "Báo cáo số      /BC-SKHCN"."""
    return re.compile(r"\b(Số:|số)\s*/\s*" + re.escape(symbol))


def _paragraphs(tables: list[Table], paragraphs: list[Paragraph]) -> Iterator[Paragraph]:
    """Every paragraph of a body: its own, then those of its tables' cells (nested tables too)."""
    yield from paragraphs
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell.tables, cell.paragraphs)


def _replace(paragraph: Paragraph, pattern: re.Pattern[str], text: str) -> int:
    runs = paragraph.runs
    joined = "".join(run.text for run in runs)
    new, count = pattern.subn(text, joined)
    if count:
        runs[0].text = new
        for run in runs[1:]:
            run.text = ""
    return count


def _take_off_draft_mark(document: DocxDocument) -> None:
    for section in document.sections:
        for header in (section.first_page_header, section.header, section.even_page_header):
            for paragraph in header.paragraphs:
                if paragraph.text.strip() == DRAFT_MARK:
                    for run in paragraph.runs:
                        run.text = ""
                    borders = paragraph._p.pPr.find(qn("w:pBdr")) if paragraph._p.pPr is not None else None
                    if borders is not None:
                        paragraph._p.pPr.remove(borders)


def fill_in_issue(data: bytes, *, number_label: str, symbol: str, date_line: str) -> bytes:
    """The edited draft ``data`` with ``number_label`` ("01/BC-SKHCN") and ``date_line`` ("ngày 05 tháng 7
    năm 2025") in its blanks and no "DỰ THẢO"; ``ConversionFailed`` when the header's blanks are missing."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError) as error:  # lxml: SyntaxError
        raise ConversionFailed(_("The file is damaged and cannot be opened.")) from error
    number, numbers, dates = blank_number(symbol), 0, 0
    for paragraph in _paragraphs(document.tables, document.paragraphs):
        numbers += _replace(paragraph, number, rf"\1 {number_label}")
        dates += _replace(paragraph, BLANK_DATE, date_line)
    if not numbers:
        raise ConversionFailed(
            _("The Word file has no blank number “Số:        /%(symbol)s”: keep the header of the downloaded draft.")
            % {"symbol": symbol}
        )
    if not dates:
        raise ConversionFailed(
            _("The Word file has no blank date “ngày      tháng      năm”: keep the header of the downloaded draft.")
        )
    _take_off_draft_mark(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
