"""Cheap streaming checks of an uploaded workbook, before anything parses it (docs/performance.md).

openpyxl, even read-only, loads the whole shared-strings part into memory and walks every row a
sheet declares, so a 4 MB upload can hold a process for seconds and hundreds of megabytes. These
checks cost at most what 10,000 rows cost and keep almost nothing in memory:

- every part's unpacked size, read from the zip directory, is bounded by what the import's
  ``max_rows`` rows can need (``part_limit``: the row limit times the columns' character budgets);
- the data sheet's XML is streamed through expat, a chunk at a time, counting rows; it stops at the
  first row past the limits (more than ``max_rows`` rows with a value, or a row, even an empty
  formatted one, further down than twice the row limit), so a sheet of a million rows costs what
  ten thousand cost.
"""

import posixpath
import zipfile
from collections.abc import Callable, Sequence
from typing import IO, NoReturn
from xml.parsers import expat

from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from hoinghi.text import fold

# What one row of an import can need once unpacked: each cell's XML (<c r=".." s=".." t="s"><v>..</v></c>,
# or its <si><t>..</t></si> in the shared strings) and its text. Vietnamese text in UTF-8 averages
# 1.3 bytes a character (the demo data); 2 leaves room for text heavy in marks.
BYTES_PER_CHAR = 2
CELL_XML_BYTES = 64
ROW_XML_BYTES = 64
DEFAULT_COLUMN_CHARS = 300
# The header row, the instructions sheet, styles and the hidden drop-down lists of the template.
PART_ALLOWANCE = 1024 * 1024
HEADER_SEARCH_ROWS = 10
_CHUNK = 64 * 1024
_TEXT_ELEMENTS = {"v", "t", "f"}


class ScanRefusal(Exception):
    """The workbook is refused before it is parsed: a Vietnamese message and a code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def part_limit(max_rows: int, column_chars: Sequence[int]) -> int:
    """The largest unpacked part ``max_rows`` rows of these columns (character budgets) can need."""
    per_row = ROW_XML_BYTES + sum(CELL_XML_BYTES + BYTES_PER_CHAR * chars for chars in column_chars)
    return PART_ALLOWANCE + max_rows * per_row


def last_row_allowed(max_rows: int) -> int:
    """Rows further down are refused: the data, a title above it, and as many empty formatted rows."""
    return 2 * max_rows + HEADER_SEARCH_ROWS


def too_many_rows_message(max_rows: int) -> str:
    message = _("The file has more than %(max)s data rows. Split it into files of at most %(max)s rows.")
    return message % {"max": max_rows}


def _check_parts(archive: zipfile.ZipFile, max_rows: int, limit: int) -> None:
    largest = max(archive.infolist(), key=lambda info: info.file_size)
    if largest.file_size > limit:
        message = _(
            "A part of the file unpacks to %(size)s, more than the %(limit)s that %(rows)s data rows can need; "
            "the file was refused. Copy the rows into the import template and upload that file."
        )
        sizes = {"size": filesizeformat(largest.file_size), "limit": filesizeformat(limit), "rows": max_rows}
        raise ScanRefusal(message % sizes, "part_too_large")


def _parse(
    stream: IO[bytes],
    start: Callable[[str, dict[str, str]], None] | None = None,
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Stream ``stream`` through expat (namespaces split off; a DTD, never in a workbook, is refused)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _refuse_doctype(*args: object) -> NoReturn:
    raise expat.ExpatError("DTD")


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _relationships(archive: zipfile.ZipFile, path: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) of ``path``'s .rels part."""
    folder, name = posixpath.split(path)
    found: dict[str, tuple[str, str]] = {}

    def start(element: str, attrs: dict[str, str]) -> None:
        if _local(element) == "Relationship":
            target = attrs.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), posixpath.normpath(target))

    with archive.open(posixpath.join(folder, "_rels", f"{name}.rels")) as stream:
        _parse(stream, start=start)
    return found


def _sheet_path(archive: zipfile.ZipFile, sheet_title: str | None) -> tuple[str, str]:
    """(title, part) of the sheet read_xlsx will read: the one titled ``sheet_title``, else the first."""
    workbook = next(t for kind, t in _relationships(archive, "").values() if kind.endswith("/officeDocument"))
    targets = _relationships(archive, workbook)
    sheets: list[tuple[str, str]] = []

    def start(element: str, attrs: dict[str, str]) -> None:
        if _local(element) == "sheet":
            rel = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append((attrs.get("name", ""), targets[rel][1]))

    with archive.open(workbook) as stream:
        _parse(stream, start=start)
    wanted = fold(sheet_title) if sheet_title else None
    return next((sheet for sheet in sheets if fold(sheet[0]) == wanted), sheets[0])


class _RowCounter:
    """expat handlers counting a sheet's rows; they raise ScanRefusal at the first row past a limit."""

    def __init__(self, title: str, max_rows: int) -> None:
        self.title = title
        self.max_rows = max_rows
        self.last_allowed = last_row_allowed(max_rows)
        self.position = 0
        self.rows_with_values = 0
        self.in_text = False
        self.row_has_value = False

    def start(self, element: str, attrs: dict[str, str]) -> None:
        local = _local(element)
        if local == "row":
            number = attrs.get("r", "")
            self.position = int(number) if number.isdigit() else self.position + 1
            self.row_has_value = False
            if self.position > self.last_allowed:
                message = _(
                    "The sheet “%(sheet)s” has rows below row %(last)s; an import may use rows up to %(last)s "
                    "(at most %(max)s data rows). Delete the unused rows below the data (empty formatted rows "
                    "count too) or split the file."
                )
                values = {"sheet": self.title, "last": self.last_allowed, "max": self.max_rows}
                raise ScanRefusal(message % values, "too_many_rows")
        elif local in _TEXT_ELEMENTS:
            self.in_text = True

    def text(self, data: str) -> None:
        if self.in_text and data.strip():
            self.row_has_value = True

    def end(self, element: str) -> None:
        local = _local(element)
        if local in _TEXT_ELEMENTS:
            self.in_text = False
        elif local == "row" and self.row_has_value:
            self.rows_with_values += 1
            # The header row and up to HEADER_SEARCH_ROWS - 1 title rows above it are not data.
            if self.rows_with_values > self.max_rows + HEADER_SEARCH_ROWS:
                raise ScanRefusal(too_many_rows_message(self.max_rows), "too_many_rows")


def scan_workbook(upload: File, *, max_rows: int, column_chars: Sequence[int], sheet_title: str | None = None) -> None:
    """Raise ScanRefusal for a workbook the import must not parse; ``ValueError`` for an unreadable one.

    ``upload`` has passed ``check_upload`` (a zip of a sane size and ratio, without macros).
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_parts(archive, max_rows, part_limit(max_rows, column_chars))
            title, path = _sheet_path(archive, sheet_title)
            counter = _RowCounter(title, max_rows)
            with archive.open(path) as stream:
                _parse(stream, start=counter.start, end=counter.end, text=counter.text)
    except (KeyError, IndexError, StopIteration, zipfile.BadZipFile, expat.ExpatError) as exc:
        raise ValueError("not a readable workbook") from exc
    finally:
        upload.seek(0)
