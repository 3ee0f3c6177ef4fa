"""The one Excel reader and the one Excel writer of the project (openpyxl).

Writing: ``write_xlsx`` streams sheets in write-only mode; ``write_template_xlsx`` (in
``hoinghi.excel_template``) builds a small workbook with drop-down lists. Both write
every user string as a text cell, so a value such as ``=HYPERLINK(...)`` or ``+84...`` is
never a formula: the cell keeps the exact text, has data type "s" and carries Excel's
"quote prefix" style, so Excel keeps it as text even when someone edits the cell.

Reading: ``read_xlsx`` checks the upload by content, then by streaming (``check_workbook``:
part sizes, rows counted; the only checks a web request runs on a large file), opens it read-only
without evaluating formulas, checks the header row and returns NFC-normalised rows. Problems with the file
raise ``ExcelError`` at once; problems in single cells (formulas, bad dates) are collected
in ``Table.errors`` so that the importer can show them together with its own.
"""

import datetime
import io
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from copy import copy
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from hoinghi.text import fold, normalize_multiline
from hoinghi.uploads import check_upload
from hoinghi.xlsx_scan import (
    DEFAULT_COLUMN_CHARS,
    HEADER_SEARCH_ROWS,
    ScanRefusal,
    scan_workbook,
    too_many_rows_message,
)

XLSX_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
XLSX_CONTENT_TYPE = XLSX_TYPES["xlsx"]
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Strings Excel (or a CSV reader) could take for a formula: =, +, -, @, tab, carriage return.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 200
DATE_FORMAT = "DD/MM/YYYY"
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_HINT = re.compile(r"\s*\(.*\)\s*$")

Progress = Callable[[int, int], None]
# openpyxl ships no types: its cells and worksheets are Any to mypy (Workbook is imported).
Cell = Any
Worksheet = Any


# --------------------------------------------------------------------------- writing


@dataclass
class Sheet:
    """One sheet to write: a bold header row, then rows (any iterable, read once)."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]] = ()
    widths: Sequence[float] = ()
    wrap: bool = True
    total: int | None = None
    text_columns: Sequence[int] = field(default_factory=tuple)  # 0-based; formatted "@" (templates)


def export_filename(conference_slug: str, identifier: str, *, now: datetime.datetime | None = None) -> str:
    """``<slug>-<identifier>-<YYYYMMDD-HHMM>.xlsx`` in Vietnamese local time."""
    moment = timezone.localtime(now or timezone.now(), LOCAL_TZ)
    return f"{conference_slug}-{identifier}-{moment:%Y%m%d-%H%M}.xlsx"


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


class _Styles:
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    header_alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap_alignment = Alignment(wrap_text=True, vertical="top")
    top_alignment = Alignment(vertical="top")


def _cell_value(value: Any) -> Any:
    """Numbers and dates as they are; anything else as text Excel can store.

    Control characters Excel refuses are dropped, and a carriage return becomes a line feed
    (XML turns a bare CR into LF anyway, and LF is Excel's own line break in a cell).
    """
    if value is None:
        return None
    if isinstance(value, bool | int | float | datetime.datetime | datetime.date):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


class StyleCache:
    """One workbook's cell styles, computed once per kind and copied (openpyxl hashes every assignment)."""

    def __init__(self) -> None:
        self._styles: dict[tuple, Any] = {}

    def apply(self, cell: Cell, *, header: bool, wrap: bool, quote: bool, date: bool) -> None:
        key = (header, wrap, quote, date)
        if key in self._styles:
            cell._style = copy(self._styles[key])
            return
        if quote:
            cell.quotePrefix = True
        if date:
            cell.number_format = DATE_FORMAT
        if header:
            cell.font = _Styles.header_font
            cell.fill = _Styles.header_fill
            cell.alignment = _Styles.header_alignment
        else:
            cell.alignment = _Styles.wrap_alignment if wrap else _Styles.top_alignment
        self._styles[key] = copy(cell._style)


def fill_cell(cell: Cell, value: Any, styles: StyleCache, *, header: bool = False, wrap: bool = False) -> Cell:
    """Give ``cell`` a value that can never become a formula, and its style."""
    risky = is_formula_like(value)
    value = _cell_value(value)
    cell.value = value
    quote = False
    if isinstance(value, str) and value:
        cell.data_type = "s"  # openpyxl would turn "=..." into a formula otherwise
        quote = risky or is_formula_like(value)
    date = isinstance(value, datetime.date)
    styles.apply(cell, header=header, wrap=wrap, quote=quote, date=date)
    return cell


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        if width:
            ws.column_dimensions[get_column_letter(index)].width = width


def _total(sheets: Sequence[Sheet]) -> int:
    total = 0
    for sheet in sheets:
        if sheet.total is not None:
            total += sheet.total
        elif isinstance(sheet.rows, Sized):
            total += len(sheet.rows)
    return total


def write_xlsx(sheets: Sequence[Sheet], *, progress: Progress | None = None) -> bytes:
    """Write ``sheets`` to an .xlsx file (write-only mode) and return its bytes.

    ``progress(current, total)`` is called every few hundred rows and once at the end;
    ``total`` is known when a sheet's rows have a length or ``Sheet.total`` is set (else 0).
    """
    workbook = Workbook(write_only=True)
    styles = StyleCache()
    total = _total(sheets)
    done = 0
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title[:31])
        set_widths(ws, sheet.widths)
        ws.freeze_panes = "A2"
        ws.append([fill_cell(WriteOnlyCell(ws), h, styles, header=True) for h in sheet.headers])
        count = 0
        for row in sheet.rows:
            ws.append([fill_cell(WriteOnlyCell(ws), value, styles, wrap=sheet.wrap) for value in row])
            count += 1
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, max(total, done))
        if sheet.headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{count + 1}"
    if not sheets:
        workbook.create_sheet("Sheet1")
    if progress is not None:
        progress(done, max(total, done))
    return save_workbook(workbook)


def save_workbook(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class CellError:
    """One problem: Excel row number (None for the whole file), column header, message."""

    row: int | None
    column: str
    message: str
    code: str = "invalid"


class ExcelError(Exception):
    """Everything wrong with one uploaded workbook, as a list of ``CellError``."""

    def __init__(self, errors: Sequence[CellError]):
        self.errors = sorted(errors, key=lambda e: e.row or 0)
        super().__init__("; ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [e.message for e in self.errors]

    @classmethod
    def single(cls, message: str, code: str, row: int | None = None, column: str = "") -> "ExcelError":
        return cls([CellError(row, column, message, code)])


@dataclass
class Row:
    number: int  # the Excel row number the user sees
    values: dict[str, Any]  # expected header -> value (str NFC-stripped, date, number or None)


@dataclass
class Table:
    sheet_title: str
    header_row: int
    rows: list[Row]
    errors: list[CellError]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ExcelError(self.errors)


def header_key(header: Any) -> str:
    """How headers are matched: folded (no accents, any case), without a trailing "(hint)"."""
    return fold(_HINT.sub("", normalize_multiline(str(header or "")).replace("\n", " ")))


def parse_date_text(text: str) -> datetime.date:
    """``05/01/1980``, ``5/1/1980``, ``5-1-1980``, ``5.1.1980`` (day first) or ``1980-01-05``."""
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(x) for x in match.groups())
    else:
        match = _ISO_DATE_TEXT.match(text)
        if not match:
            raise ValueError(text)
        year, month, day = (int(x) for x in match.groups())
    return datetime.date(year, month, day)


def _not_a_workbook() -> ExcelError:
    message = _(
        "The file is not a valid Excel workbook (.xlsx). Open it in Excel, save it as “Excel Workbook (.xlsx)”, "
        "and upload it again."
    )
    return ExcelError.single(message, "corrupt")


def check_workbook(
    upload: File,
    *,
    max_rows: int,
    headers: Sequence[str],
    sheet_title: str | None = None,
    column_chars: Mapping[str, int] | None = None,
) -> None:
    """Refuse (ExcelError) an upload that is not a safe workbook, before it is kept for a background import.

    Only the cheap checks, safe inside a web request (content, size, zip bomb, macros, each part's
    unpacked size, the data sheet's rows counted by streaming): openpyxl parses nothing here.
    ``column_chars``: the most characters a cell of each header can need (else DEFAULT_COLUMN_CHARS).
    """
    try:
        check_upload(upload, allowed=XLSX_TYPES, max_bytes=settings.IMPORT_MAX_BYTES)
    except ValidationError as exc:
        if exc.error_list[0].code == "damaged":  # not a readable zip: the workbook's own advice
            raise _not_a_workbook() from exc
        raise ExcelError.single(" ".join(exc.messages), exc.error_list[0].code or "bad_type") from exc
    budgets = [(column_chars or {}).get(h, DEFAULT_COLUMN_CHARS) for h in headers]
    try:
        scan_workbook(upload, max_rows=max_rows, column_chars=budgets, sheet_title=sheet_title)
    except ScanRefusal as exc:
        raise ExcelError.single(exc.message, exc.code) from exc
    except ValueError as exc:
        raise _not_a_workbook() from exc


def _open(upload: File) -> Workbook:
    """Open a workbook that passed ``check_workbook`` read-only, without evaluating formulas."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            return load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=False)
    except Exception as exc:  # zipfile, the XML parser and openpyxl raise many kinds
        raise _not_a_workbook() from exc


def _pick_sheet(workbook: Workbook, sheet_title: str | None) -> Worksheet:
    if sheet_title:
        for ws in workbook.worksheets:
            if fold(ws.title) == fold(sheet_title):
                return ws
    return workbook.worksheets[0]


def _find_header(rows_iter: Iterator[tuple[int, Sequence[Cell]]]) -> tuple[int, list[Any]] | None:
    for number, cells in rows_iter:
        values = [c.value for c in cells]
        if any(v not in (None, "") for v in values):
            return number, values
        if number >= HEADER_SEARCH_ROWS:
            return None
    return None


def _check_headers(found: list[Any], required: Sequence[str], optional: Sequence[str], row: int) -> dict[int, str]:
    """Map column index -> expected header, or raise with the missing and unknown ones."""
    wanted = {header_key(h): h for h in [*required, *optional]}
    columns: dict[int, str] = {}
    unknown, seen, errors = [], set(), []
    for index, raw in enumerate(found):
        if raw in (None, ""):
            continue
        name = wanted.get(header_key(raw))
        if name is None:
            unknown.append(normalize_multiline(str(raw)))
        elif name in seen:
            errors.append(CellError(row, name, _("This column appears twice."), "duplicate_column"))
        else:
            seen.add(name)
            columns[index] = name
    missing = [h for h in required if h not in seen]
    if missing:
        names = ", ".join(f"“{h}”" for h in missing)
        errors.append(CellError(row, "", _("These columns are missing: %(names)s.") % {"names": names}, "missing"))
    if unknown:
        names = ", ".join(f"“{h}”" for h in unknown)
        message = _("These columns are not in the template: %(names)s.") % {"names": names}
        errors.append(CellError(row, "", message, "unknown"))
    if errors:
        raise ExcelError(errors)
    return columns


def _read_cell(cell: Cell, number: int, header: str, is_date: bool, errors: list[CellError]) -> Any:
    value = cell.value
    if cell.data_type == "f":
        errors.append(CellError(number, header, _("Formulas are not accepted; type the value itself."), "formula"))
        return None
    if cell.data_type == "e":
        message = _("The cell shows an Excel error (%(value)s).") % {"value": value}
        errors.append(CellError(number, header, message, "cell_error"))
        return None
    if isinstance(value, str):
        value = normalize_multiline(value) or None
    if is_date and value is not None:
        return _to_date(value, number, header, errors)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _to_date(value: Any, number: int, header: str, errors: list[CellError]) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value)
    try:
        return parse_date_text(text)
    except ValueError:
        if _DATE_TEXT.match(text) or _ISO_DATE_TEXT.match(text):
            message = _("This date does not exist.")
        else:
            message = _("Write the date as dd/mm/yyyy, for example 05/01/1980.")
        errors.append(CellError(number, header, message, "date"))
        return None


def read_xlsx(
    upload: File,
    *,
    max_rows: int,
    expected_headers: Sequence[str],
    optional_headers: Sequence[str] = (),
    date_headers: Sequence[str] = (),
    sheet_title: str | None = None,
    column_chars: Mapping[str, int] | None = None,
) -> Table:
    """Read the data sheet of an uploaded .xlsx into rows keyed by the expected headers.

    Raises ``ExcelError`` when the file is not a readable workbook, the headers do not match,
    there is no data row, or there are more than ``max_rows`` data rows. Formula cells, Excel
    error cells and unreadable dates are returned in ``Table.errors`` (their value is None).
    Fully empty rows are skipped; row numbers are the ones Excel shows.
    """
    headers = [*expected_headers, *optional_headers]
    check_workbook(upload, max_rows=max_rows, headers=headers, sheet_title=sheet_title, column_chars=column_chars)
    workbook = _open(upload)
    try:
        ws = _pick_sheet(workbook, sheet_title)
        ws.reset_dimensions()  # some writers store a wrong size; read what is really there
        rows_iter = enumerate(ws.iter_rows(), start=1)
        found = _find_header(rows_iter)
        if found is None:
            raise ExcelError.single(_("The sheet is empty: the header row is missing."), "no_header")
        header_row, header_values = found
        columns = _check_headers(header_values, expected_headers, optional_headers, header_row)
        table = Table(sheet_title=ws.title, header_row=header_row, rows=[], errors=[])
        dates = set(date_headers)
        # A row counts when a required column has something (a lone "STT" is not a row).
        significant = [i for i, h in columns.items() if h in expected_headers]
        for number, cells in rows_iter:
            if all(i >= len(cells) or cells[i].value in (None, "") for i in significant):
                continue
            if len(table.rows) >= max_rows:
                raise ExcelError.single(too_many_rows_message(max_rows), "too_many_rows")
            values = dict.fromkeys([*expected_headers, *optional_headers])
            for index, header in columns.items():
                if index < len(cells):
                    values[header] = _read_cell(cells[index], number, header, header in dates, table.errors)
            table.rows.append(Row(number=number, values=values))
    finally:
        workbook.close()
    if not table.rows and not table.errors:
        raise ExcelError.single(_("There are no data rows under the header row."), "no_rows", row=header_row)
    return table
