"""Import delegates from the Excel template, all or nothing (the pattern of nominations.imports).

Phase 1 (``parse_delegates``) reads every row and collects ALL errors as (row, column,
message); phase 2 (``save_delegates``) runs only when there is none and creates every
delegate in one transaction, numbered on from the last invitation number.
Headers and the "Danh xưng" values are Vietnamese constants: what the template says.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from conference.models import DelegateGroup
from conference.services.delegates import add_delegates
from hoinghi.excel import CellError, ExcelError, read_xlsx
from hoinghi.roles import is_office
from hoinghi.text import fold, normalize_text
from nominations.enums import Gender
from reference.models import Conference

SHEET_TITLE = "Đại biểu"
STT = "STT"
GROUP = "Thành phần"
HONORIFIC = "Danh xưng"
NAME = "Họ và tên"
POSITION = "Chức vụ"
ORGANISATION = "Cơ quan, đơn vị"
PHONE = "Điện thoại"
EMAIL = "Email"
NOTE = "Ghi chú"
REQUIRED_HEADERS = (GROUP, HONORIFIC, NAME, POSITION, ORGANISATION, PHONE, EMAIL, NOTE)
HEADERS = (STT, *REQUIRED_HEADERS)
HONORIFIC_VALUES = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}
MAX_LENGTHS = {NAME: 200, POSITION: 200, ORGANISATION: 300, PHONE: 30, NOTE: 300}


@dataclass
class ParsedDelegate:
    number: int
    values: dict


def _groups(conference: Conference) -> dict[str, DelegateGroup]:
    found = {}
    for group in DelegateGroup.objects.filter(conference=conference):
        found[fold(group.name)] = group
        found[fold(group.code)] = group
    return found


def _text(row, header: str, errors: list[CellError]) -> str:
    value = row.values.get(header)
    text = "" if value is None else normalize_text(str(value))
    limit = MAX_LENGTHS.get(header)
    if limit and len(text) > limit:
        message = _("Write at most %(max)s characters (this has %(count)s).") % {"max": limit, "count": len(text)}
        errors.append(CellError(row.number, header, message, "max_length"))
    return text


def _clean_row(row, groups: dict, errors: list[CellError], bad_cells: set) -> dict | None:
    before = len(errors)
    name = _text(row, NAME, errors)
    if not name and (row.number, NAME) not in bad_cells:
        errors.append(CellError(row.number, NAME, _("This field is required."), "required"))
    group_text = _text(row, GROUP, errors)
    group = groups.get(fold(group_text)) if group_text else None
    if group is None and (row.number, GROUP) not in bad_cells:
        message = _("“%(name)s” is not in the list.") % {"name": group_text} if group_text else None
        errors.append(CellError(row.number, GROUP, message or _("This field is required."), "group"))
    honorific = _text(row, HONORIFIC, errors)
    gender = ""
    if honorific:
        matches = [key for key, label in HONORIFIC_VALUES.items() if fold(label) == fold(honorific)]
        if matches:
            gender = matches[0]
        else:
            message = _("Write %(first)s or %(second)s.") % {"first": "“Ông”", "second": "“Bà”"}
            errors.append(CellError(row.number, HONORIFIC, message, "choice"))
    email = _text(row, EMAIL, errors)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(CellError(row.number, EMAIL, _("Enter a valid e-mail address."), "email"))
    values = {
        "group": group,
        "gender": gender,
        "full_name": name,
        "position": _text(row, POSITION, errors),
        "organisation": _text(row, ORGANISATION, errors),
        "phone": _text(row, PHONE, errors),
        "email": email,
        "note": _text(row, NOTE, errors),
    }
    return values if len(errors) == before else None


def parse_delegates(upload, *, conference: Conference, by: User) -> list[ParsedDelegate]:
    """Phase 1: read and clean every row; raise ExcelError with ALL errors, or return the rows."""
    if not is_office(by):
        raise PermissionDenied
    table = read_xlsx(
        upload,
        max_rows=settings.IMPORT_MAX_ROWS,
        expected_headers=REQUIRED_HEADERS,
        optional_headers=(STT,),
        sheet_title=SHEET_TITLE,
    )
    errors = list(table.errors)
    bad_cells = {(e.row, e.column) for e in table.errors}
    groups = _groups(conference)
    parsed = []
    for row in table.rows:
        values = _clean_row(row, groups, errors, bad_cells)
        if values is not None:
            parsed.append(ParsedDelegate(row.number, values))
    if errors:
        order = {header: index for index, header in enumerate(HEADERS)}
        raise ExcelError(sorted(errors, key=lambda e: (e.row or 0, order.get(e.column, -1))))
    return parsed


def save_delegates(parsed: list[ParsedDelegate], *, conference: Conference, by: User) -> int:
    """Phase 2: create every delegate in one transaction, numbered in the file's order (the service's)."""
    return len(add_delegates(conference, [row.values for row in parsed], by=by))


def import_delegates(upload, *, conference: Conference, by: User) -> int:
    """Both phases: raise ExcelError (nothing saved) or save every row; returns how many were added."""
    return save_delegates(parse_delegates(upload, conference=conference, by=by), conference=conference, by=by)
