"""Import nominations from the Excel template, in two phases (all or nothing).

Phase 1 (``parse_nominations``) reads the sheet through ``hoinghi.excel.read_xlsx`` and
cleans every row with the same rules as the web form (``nominations.validation``), collecting
ALL errors as (row, column, message). Phase 2 (``save_nominations``) runs only when there is
no error and writes everything in one transaction with bulk inserts.

Headers and the "Loại"/"Giới tính" values are Vietnamese constants: they are what the template
says and what users type, not interface text.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from hoinghi.excel import PROGRESS_EVERY, CellError, ExcelError, Progress, check_workbook, read_xlsx
from hoinghi.roles import can_propose, is_office, unit_of
from hoinghi.text import fold, normalize_multiline, normalize_text
from nominations import validation
from nominations.enums import Gender
from nominations.models import Nomination, Nominee
from nominations.selectors import LIVE_STATUSES
from nominations.services import NominationInput, create_nominations, prepared_nominee
from reference.enums import NomineeKind
from reference.models import AwardForm, Conference, Movement, Unit

SHEET_TITLE = "Danh sách"
STT = "STT"
KIND = "Loại"
NAME = "Họ và tên / Tên tập thể"
GENDER = "Giới tính"
BIRTH_DATE = "Ngày sinh"
BIRTH_YEAR = "Năm sinh"
POSITION = "Chức vụ"
WORK_UNIT = "Đơn vị công tác"
PARENT_BODY = "Cơ quan chủ quản"
PROPOSING_UNIT = "Đơn vị đề nghị"
AWARD_FORM = "Hình thức đề nghị"
MOVEMENTS = "Phong trào thi đua"
SUMMARY = "Tóm tắt thành tích"
REQUIRED_HEADERS = (
    KIND,
    NAME,
    GENDER,
    BIRTH_DATE,
    BIRTH_YEAR,
    POSITION,
    WORK_UNIT,
    PARENT_BODY,
    PROPOSING_UNIT,
    AWARD_FORM,
    MOVEMENTS,
    SUMMARY,
)
HEADERS = (STT, *REQUIRED_HEADERS)
KIND_VALUES = {NomineeKind.INDIVIDUAL: "Cá nhân", NomineeKind.COLLECTIVE: "Tập thể"}
GENDER_VALUES = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
# Several movements in one cell: one per line (Alt+Enter); ";" between names is accepted too, but
# names are matched whole first, because some movement names contain ";" (docs/nominations.md).
_SEMICOLON = re.compile(r"\s*;\s*")
# The summary's one limit (hoinghi.limits): the form's, the admin's and the import's.
SUMMARY_MAX_LENGTH = Nomination._meta.get_field("achievement_summary").max_length
# The most characters a cell of each column can need: the free-text limits, the names' field lengths,
# about five movement names. They bound each unpacked part of an upload (hoinghi.xlsx_scan.part_limit).
COLUMN_CHARS = {
    STT: 10,
    KIND: 10,
    NAME: 200,
    GENDER: 10,
    BIRTH_DATE: 20,
    BIRTH_YEAR: 10,
    POSITION: 200,
    WORK_UNIT: 200,
    PARENT_BODY: 200,
    PROPOSING_UNIT: 200,
    AWARD_FORM: 200,
    MOVEMENTS: 1000,
    SUMMARY: SUMMARY_MAX_LENGTH,
}
LOOKUP_CHUNK = 900


@dataclass(frozen=True)
class DuplicateWarning:
    row: int
    name: str
    message: str


@dataclass
class ParsedRow:
    number: int
    data: NominationInput
    nominee: Nominee  # unsaved, normalised, keys computed


@dataclass
class ParsedImport:
    rows: list[ParsedRow]
    warnings: list[DuplicateWarning] = field(default_factory=list)


@dataclass
class ImportResult:
    created: int
    warnings: list[DuplicateWarning]


def _loose_key(text: str) -> str:
    """How names typed loosely are compared: folded (accents, case), any spaces around ";"."""
    return _SEMICOLON.sub("; ", fold(text))


class _Lookup:
    """Find reference data by exact name, then by folded name (accents/case typed loosely), or code."""

    def __init__(self, objects: Iterable[Any], *, with_code: bool = False):
        self.exact: dict[str, Any] = {}
        self.folded: dict[str, list[Any]] = defaultdict(list)
        self.codes: dict[str, Any] = {}
        self.most_semicolons = 0
        for obj in objects:
            self.exact[normalize_text(obj.name)] = obj
            self.folded[_loose_key(obj.name)].append(obj)
            self.most_semicolons = max(self.most_semicolons, obj.name.count(";"))
            if with_code:
                self.codes[obj.code.lower()] = obj

    def knows(self, text: str) -> bool:
        return text in self.exact or _loose_key(text) in self.folded

    def find(self, text: str) -> Any:
        """The object, or raise ValidationError (unknown or ambiguous)."""
        if text in self.exact:
            return self.exact[text]
        found = self.folded.get(_loose_key(text), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ValidationError(
                _("“%(name)s” matches several names; write it exactly as in the drop-down list.") % {"name": text},
                code="ambiguous",
            )
        if text.lower() in self.codes:
            return self.codes[text.lower()]
        raise ValidationError(_("“%(name)s” is not in the list.") % {"name": text}, code="unknown")


@dataclass
class _Context:
    conference: Conference
    user: User
    own_unit: Unit | None
    units: _Lookup
    award_forms: _Lookup
    movements: _Lookup

    @classmethod
    def build(cls, conference: Conference, user: User) -> "_Context":
        return cls(
            conference=conference,
            user=user,
            own_unit=None if is_office(user) else unit_of(user),
            units=_Lookup(Unit.objects.filter(is_active=True), with_code=True),
            award_forms=_Lookup(AwardForm.objects.all(), with_code=True),
            movements=_Lookup(Movement.objects.filter(conference=conference)),
        )


class _RowCleaner:
    """Cleans one row; every problem goes to ``errors`` and the row carries on."""

    def __init__(self, row, ctx: _Context, errors: list[CellError], bad_cells: set[tuple[int, str]]):
        self.number = row.number
        self.values = row.values
        self.ctx = ctx
        self.errors = errors
        self.bad_cells = bad_cells  # cells read_xlsx already reported (formula, date)
        self.ok = True

    def error(self, header: str, message: str, code: str = "invalid") -> None:
        self.errors.append(CellError(self.number, header, message, code))
        self.ok = False

    def raw(self, header: str) -> Any:
        return self.values.get(header)

    def text(self, header: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.raw(header)
        text = "" if value is None else normalize_text(str(value))
        if required and not text and (self.number, header) not in self.bad_cells:
            self.error(header, _("This field is required."), "required")
        self.check_length(header, text, max_length)
        return text

    def check_length(self, header: str, text: str, max_length: int | None) -> None:
        if max_length and len(text) > max_length:
            message = _("Write at most %(max)s characters (this has %(count)s).")
            self.error(header, message % {"max": max_length, "count": len(text)}, "max_length")

    def run(self, header: str, func, *args) -> Any:
        try:
            return func(*args)
        except ValidationError as exc:
            for message in exc.messages:
                self.error(header, message, exc.error_list[0].code or "invalid")
            return None

    def choice(self, header: str, values: dict[str, str]) -> str | None:
        """One of two fixed values (Loại, Giới tính), matched without accents or case."""
        text = self.text(header, required=True)
        if not text:
            return None
        for key, label in values.items():
            if fold(text) == fold(label):
                return key
        first, second = (f"“{label}”" for label in values.values())
        self.error(header, _("Write %(first)s or %(second)s.") % {"first": first, "second": second}, "choice")
        return None

    def lookup(self, header: str, table: _Lookup, *, required: bool = True) -> Any:
        text = self.text(header, required=required)
        return self.run(header, table.find, text) if text else None


def _birth_year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(_("Write the year as four digits, for example 1980."), code="year")
    return validation.clean_birth_year(value)


def _individual(c: _RowCleaner, name: str) -> dict[str, Any]:
    gender = c.choice(GENDER, GENDER_VALUES)
    birth_date = c.run(BIRTH_DATE, validation.clean_birth_date, c.raw(BIRTH_DATE))
    birth_year = c.run(BIRTH_YEAR, _birth_year, c.raw(BIRTH_YEAR))
    given = c.raw(BIRTH_DATE) not in (None, "") or c.raw(BIRTH_YEAR) not in (None, "")
    reported = {(c.number, BIRTH_DATE), (c.number, BIRTH_YEAR)} & c.bad_cells
    if not given and not reported:
        c.error(BIRTH_DATE, _("Give the date or at least the year of birth."), "birth_required")
    if birth_date and birth_year and birth_date.year != birth_year:
        c.error(BIRTH_YEAR, _("The year of birth does not match the date of birth."), "birth_mismatch")
    position = c.text(POSITION, required=True, max_length=200)
    unit = c.lookup(WORK_UNIT, c.ctx.units)
    return {
        "kind": NomineeKind.INDIVIDUAL,
        "full_name": name,
        "gender": gender or "",
        "birth_date": birth_date,
        "birth_year": birth_date.year if birth_date else birth_year,
        "position": position,
        "unit": unit,
        "parent_body": "",
    }


def _collective(c: _RowCleaner, name: str) -> dict[str, Any]:
    # The web form pre-fills the Department's name; an empty cell means the same here.
    parent_body = c.text(PARENT_BODY, max_length=200) or c.ctx.conference.organisation.name
    return {"kind": NomineeKind.COLLECTIVE, "full_name": name, "parent_body": parent_body}


def _proposing_unit(c: _RowCleaner) -> Unit | None:
    own = c.ctx.own_unit
    if own is not None and not c.text(PROPOSING_UNIT):
        return own  # unit staff propose for their own unit (the web form fixes it too)
    unit = c.lookup(PROPOSING_UNIT, c.ctx.units)
    if unit is not None and not is_office(c.ctx.user) and (own is None or own.pk != unit.pk):
        c.error(PROPOSING_UNIT, _("You may only propose for your own unit."), "other_unit")
        return None
    return unit


def movement_names(cell: str, movements: _Lookup) -> list[str]:
    """The names written in one cell: a line each; within a line, ";"-separated parts re-joined greedily.

    From each part on, the longest run of parts that is a known name (its own ";" included) is one
    name; a part that starts no known name stays alone (and is reported as unknown).
    """
    names: list[str] = []
    for line in cell.split("\n"):
        parts = [normalize_text(part) for part in line.split(";") if normalize_text(part)]
        start = 0
        while start < len(parts):
            end = min(len(parts), start + movements.most_semicolons + 1)
            while end > start + 1 and not movements.knows("; ".join(parts[start:end])):
                end -= 1
            names.append("; ".join(parts[start:end]))
            start = end
    return names


def _movements(c: _RowCleaner) -> list[Movement]:
    text = c.text(MOVEMENTS)
    names = movement_names(normalize_multiline(str(c.raw(MOVEMENTS) or "")), c.ctx.movements)
    if not text or not names:
        if (c.number, MOVEMENTS) not in c.bad_cells:
            c.error(MOVEMENTS, _("Choose at least one emulation movement."), "required")
        return []
    found: list[Movement] = []
    for name in names:
        movement = c.run(MOVEMENTS, c.ctx.movements.find, name)
        if movement is not None and movement not in found:
            found.append(movement)
    return found


def _clean_row(c: _RowCleaner) -> NominationInput | None:
    kind = c.choice(KIND, KIND_VALUES)
    name = c.text(NAME, required=True, max_length=200)
    if name and kind:
        name = c.run(NAME, validation.clean_full_name, name, kind) or name
    nominee = _individual(c, name) if kind == NomineeKind.INDIVIDUAL else _collective(c, name)
    proposing_unit = _proposing_unit(c)
    award_form = c.lookup(AWARD_FORM, c.ctx.award_forms)
    movements = _movements(c)
    summary = normalize_multiline(str(c.raw(SUMMARY) or ""))
    if not summary and (c.number, SUMMARY) not in c.bad_cells:
        c.error(SUMMARY, _("This field is required."), "required")
    c.check_length(SUMMARY, summary, SUMMARY_MAX_LENGTH)
    if not c.ok or kind is None:
        return None
    return NominationInput(
        nominee=nominee,
        proposing_unit=proposing_unit,
        award_form=award_form,
        achievement_summary=summary,
        movements=movements,
    )


def _existing_units(conference: Conference, keys: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(keys), LOOKUP_CHUNK):
        rows = (
            Nomination.objects.alive()
            .filter(
                conference=conference,
                status__in=LIVE_STATUSES,
                nominee__identity_key__in=keys[start : start + LOOKUP_CHUNK],
            )
            .values_list("nominee__identity_key", "proposing_unit__name")
        )
        for key, unit_name in rows:
            found[key].add(unit_name)
    return found


def _duplicate_warnings(conference: Conference, rows: list[ParsedRow]) -> list[DuplicateWarning]:
    """Same person or collective twice in the file, or already proposed in this conference."""
    keys = sorted({row.nominee.identity_key for row in rows})
    existing = _existing_units(conference, keys)
    first_row: dict[str, int] = {}
    warnings: list[DuplicateWarning] = []
    for row in rows:
        key, name = row.nominee.identity_key, row.nominee.full_name
        if key in first_row:
            message = _("Row %(row)s: %(name)s is the same as row %(first)s.")
            values = {"row": row.number, "name": name, "first": first_row[key]}
            warnings.append(DuplicateWarning(row.number, name, message % values))
        else:
            first_row[key] = row.number
        if key in existing:
            units = ", ".join(sorted(existing[key]))
            message = _("Row %(row)s: %(name)s is already proposed in this conference by: %(units)s.")
            values = {"row": row.number, "name": name, "units": units}
            warnings.append(DuplicateWarning(row.number, name, message % values))
    return warnings


def check_nominations_workbook(upload) -> None:
    """The cheap checks of ``parse_nominations``'s reading, for the web request (nothing is parsed)."""
    check_workbook(
        upload, max_rows=settings.IMPORT_MAX_ROWS, headers=HEADERS, sheet_title=SHEET_TITLE, column_chars=COLUMN_CHARS
    )


def parse_nominations(upload, *, conference: Conference, by: User, progress: Progress | None = None) -> ParsedImport:
    """Phase 1: read and clean every row; raise ExcelError with ALL errors, or return the rows.

    ``progress(checked, total)`` is called every PROGRESS_EVERY rows and at the end (background import).
    """
    if not can_propose(by):
        raise PermissionDenied(_("You may not propose nominations."))
    table = read_xlsx(
        upload,
        max_rows=settings.IMPORT_MAX_ROWS,
        expected_headers=REQUIRED_HEADERS,
        optional_headers=(STT,),
        date_headers=(BIRTH_DATE,),
        sheet_title=SHEET_TITLE,
        column_chars=COLUMN_CHARS,
    )
    ctx = _Context.build(conference, by)
    errors = list(table.errors)
    bad_cells = {(e.row, e.column) for e in table.errors}
    parsed: list[ParsedRow] = []
    for checked, row in enumerate(table.rows, start=1):
        data = _clean_row(_RowCleaner(row, ctx, errors, bad_cells))
        if data is not None:
            parsed.append(ParsedRow(row.number, data, prepared_nominee(data.nominee)))
        if progress is not None and (checked % PROGRESS_EVERY == 0 or checked == len(table.rows)):
            progress(checked, len(table.rows))
    if errors:
        order = {header: index for index, header in enumerate(HEADERS)}
        raise ExcelError(sorted(errors, key=lambda e: (e.row or 0, order.get(e.column, -1))))
    return ParsedImport(rows=parsed, warnings=_duplicate_warnings(conference, parsed))


def save_nominations(parsed: ParsedImport, *, conference: Conference, by: User) -> ImportResult:
    """Phase 2: create every nominee and draft nomination in one transaction, through the service.

    ``nominations.services.create_nominations`` writes them, as it does the web form's; each
    first status change notes the row it came from.
    """
    notes = [_("Imported from Excel (row %(row)s).") % {"row": row.number} for row in parsed.rows]
    nominations = create_nominations(
        conference,
        [row.data for row in parsed.rows],
        by=by,
        notes=notes,
        reason="Excel import",
        nominees=[row.nominee for row in parsed.rows],
    )
    return ImportResult(created=len(nominations), warnings=parsed.warnings)


def import_nominations(upload, *, conference: Conference, by: User) -> ImportResult:
    """Both phases: raise ExcelError (nothing saved) or save every row."""
    return save_nominations(parse_nominations(upload, conference=conference, by=by), conference=conference, by=by)
