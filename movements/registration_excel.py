"""Bản đăng ký thi đua by Excel: the Office's export, the fill-in template and the all-or-nothing import.

The template's sheet "Đăng ký" has one row per title registered: the movement, the unit, the
individual (empty: the unit itself), the title and the pledge, with drop-down lists for the
movement, the unit and the title. The import reads every row, collects ALL problems as (row,
column, message) and saves nothing when there is one; otherwise it adds every pledge in one
transaction through ``movements.registrations``, opening a unit's draft registration where there
is none. Every cell is written through ``hoinghi.excel`` (user text never becomes a formula).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction as db_transaction
from django.utils.translation import gettext as _

from hoinghi.excel import CellError, ExcelError, Sheet, read_xlsx, write_xlsx
from hoinghi.excel_template import ListChoice, write_template_xlsx
from hoinghi.roles import can_propose, is_office, unit_of
from hoinghi.text import fold, normalize_text
from movements import registrations as services
from movements.enums import RegistrationStatus
from movements.models import PLEDGE_TEXT, Registration
from reference.models import Conference, Movement, Unit

SHEET_TITLE = "Đăng ký"
STT = "STT"
MOVEMENT = "Phong trào thi đua"
UNIT = "Đơn vị"
PERSON = "Cá nhân"
TITLE = "Danh hiệu đăng ký"
PLEDGE = "Nội dung cam kết"
STATUS = "Trạng thái"
REQUIRED_HEADERS = (MOVEMENT, UNIT, TITLE)
HEADERS = (STT, MOVEMENT, UNIT, PERSON, TITLE, PLEDGE)
COLUMN_CHARS = {STT: 10, MOVEMENT: 400, UNIT: 200, PERSON: 200, TITLE: 200, PLEDGE: PLEDGE_TEXT}
WIDTHS = (6, 50, 36, 28, 36, 70)
EXPORT_HEADERS = (STT, UNIT, STATUS, PERSON, TITLE, PLEDGE)
EXPORT_WIDTHS = (6, 36, 14, 28, 36, 70)


@dataclass
class ImportResult:
    pledges: int
    registrations: int


def export_registrations(movement: Movement) -> bytes:
    """The compiled registrations of ``movement`` by unit, as the Office sees them."""
    rows = [
        (n, r.unit, r.status, r.person, r.title, r.pledge)
        for n, r in enumerate(services.compiled_rows(movement), start=1)
    ]
    return write_xlsx([Sheet(title=SHEET_TITLE, headers=EXPORT_HEADERS, rows=rows, widths=EXPORT_WIDTHS)])


def _titles(movements: list[Movement]) -> list[str]:
    names: list[str] = []
    for movement in movements:
        forms, others = services.titles_of(movement.launch_plan)
        names += [f.name for f in forms] + others
    return list(dict.fromkeys(names))


def build_template(conference: Conference, *, user: User) -> bytes:
    """An empty sheet with drop-downs; the unit's own name is the only unit offered to unit staff."""
    own = None if is_office(user) else unit_of(user)
    units = [own.name] if own is not None else [u.name for u in Unit.objects.filter(is_active=True)]
    movements = list(services.open_movements(conference))
    data = Sheet(title=SHEET_TITLE, headers=HEADERS, rows=[], widths=WIDTHS)
    guide = Sheet(
        title="Hướng dẫn",
        headers=["Cột", "Cách ghi"],
        rows=[
            [MOVEMENT, "Chọn phong trào đang nhận đăng ký trong danh sách thả xuống."],
            [UNIT, "Đơn vị đăng ký. Cán bộ đơn vị chỉ đăng ký được cho đơn vị mình."],
            [PERSON, "Họ và tên cá nhân đăng ký; để trống nếu tập thể đơn vị đăng ký."],
            [TITLE, "Danh hiệu, hình thức khen thưởng của phong trào; chọn trong danh sách."],
            [PLEDGE, "Nội dung đăng ký, cam kết thực hiện."],
            ["Lưu ý", "Nếu có lỗi thì không dòng nào được lưu: hệ thống liệt kê mọi lỗi theo dòng và cột. "
             "Bản đăng ký đã gửi Văn phòng thì không bổ sung được."],
        ],
        widths=(24, 100),
    )  # fmt: skip
    lists = [
        ListChoice(MOVEMENT, [m.name for m in movements], "Chọn phong trào thi đua"),
        ListChoice(UNIT, units, "Chọn đơn vị"),
        ListChoice(TITLE, _titles(movements), "Chọn danh hiệu đăng ký"),
    ]
    return write_template_xlsx([data, guide], lists=lists, rows=500)


def _by_name(objects) -> dict[str, list]:
    found = defaultdict(list)
    for obj in objects:
        found[fold(obj.name)].append(obj)
    return found


class _Rows:
    """Cleans the rows; every problem goes to ``errors`` with its row and column."""

    def __init__(self, conference: Conference, user: User):
        self.own = None if is_office(user) else unit_of(user)
        self.movements = _by_name(services.open_movements(conference))
        self.units = _by_name(Unit.objects.filter(is_active=True))
        self.registrations = {
            (r.movement_id, r.unit_id): r for r in Registration.objects.filter(movement__conference=conference)
        }
        self.errors: list[CellError] = []

    def error(self, row: int | None, column: str, message: str, code: str = "invalid") -> None:
        self.errors.append(CellError(row, column, message, code))

    def _one(self, row: int, column: str, table: dict, raw) -> object | None:
        text = normalize_text(str(raw or ""))
        if not text:
            self.error(row, column, _("This field is required."), "required")
            return None
        found = table.get(fold(text), [])
        if len(found) != 1:
            self.error(row, column, _("“%(name)s” is not in the list.") % {"name": text}, "unknown")
            return None
        return found[0]

    def clean(self, row) -> tuple | None:
        n, values = row.number, row.values
        movement = self._one(n, MOVEMENT, self.movements, values[MOVEMENT])
        unit = self._one(n, UNIT, self.units, values[UNIT])
        title = normalize_text(str(values[TITLE] or ""))
        resolved = None
        if not title:
            self.error(n, TITLE, _("This field is required."), "required")
        elif movement is not None:
            try:
                resolved = services.resolve_title(movement.launch_plan, title)
            except services.RegistrationError as exc:
                self.error(n, TITLE, exc.messages[0], "unknown_title")
        if unit is not None and self.own is not None and unit.pk != self.own.pk:
            self.error(n, UNIT, _("You may only register for your own unit."), "other_unit")
            return None
        if movement is None or unit is None or resolved is None:
            return None
        registration = self.registrations.get((movement.pk, unit.pk))
        if registration is not None and registration.status != RegistrationStatus.DRAFT:
            message = _("The registration of %(unit)s is “%(status)s”; it can no longer change.")
            self.error(n, UNIT, message % {"unit": unit.name, "status": registration.get_status_display()}, "locked")
            return None
        person = normalize_text(str(values[PERSON] or ""))
        return movement, unit, person, resolved, str(values[PLEDGE] or "").strip()


def import_registrations(upload, *, conference: Conference, by: User) -> ImportResult:
    """Read and check every row (ExcelError with ALL problems, nothing saved), then save them all."""
    if not can_propose(by):
        raise PermissionDenied(_("You may not make this change."))
    table = read_xlsx(
        upload,
        max_rows=settings.IMPORT_MAX_ROWS,
        expected_headers=REQUIRED_HEADERS,
        optional_headers=(STT, PERSON, PLEDGE),
        sheet_title=SHEET_TITLE,
        column_chars=COLUMN_CHARS,
    )
    cleaner = _Rows(conference, by)
    cleaner.errors.extend(table.errors)
    rows = [cleaned for row in table.rows if (cleaned := cleaner.clean(row)) is not None]
    if cleaner.errors:
        order = {header: index for index, header in enumerate(HEADERS)}
        raise ExcelError(sorted(cleaner.errors, key=lambda e: (e.row or 0, order.get(e.column, -1))))
    return _save(rows, by)


def _save(rows, by: User) -> ImportResult:
    opened: dict[tuple[int, int], Registration] = {}
    with db_transaction.atomic():
        for movement, unit, person, (award_form, other), text in rows:
            key = (movement.pk, unit.pk)
            if key not in opened:
                opened[key] = services.start_registration(movement, unit, by=by)
            title = award_form.name if award_form is not None else other
            services.add_pledge(opened[key], person=person, title=title, text=text, by=by)
    return ImportResult(pledges=len(rows), registrations=len(opened))
