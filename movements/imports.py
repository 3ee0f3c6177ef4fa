"""The figures of the movement reports by Excel: the fill-in template and the all-or-nothing import.

The template's sheet "Số liệu" has one row per (movement, indicator), with drop-down lists for
the movement, the indicator and the unit; a unit's staff get their own unit written in. The
import reads every row, collects ALL problems as (row, column, message) and saves nothing when
there is one; otherwise it writes every figure in one transaction through
``movements.services.set_figures``, creating a unit's draft report where there is none yet.
A row whose "Số liệu" is empty is skipped (the unit has nothing to say on that indicator yet).

Headers are Vietnamese constants: they are what the template says and what users type.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction as db_transaction
from django.utils.translation import gettext as _

from hoinghi.excel import CellError, ExcelError, Sheet, read_xlsx
from hoinghi.excel_template import ListChoice, write_template_xlsx
from hoinghi.roles import can_propose, is_office, unit_of
from hoinghi.text import fold, normalize_text
from movements import services
from movements.forms import MAX_FIGURE
from movements.models import Indicator, MovementReport
from movements.transitions import EDITABLE
from reference.models import Conference, Movement, Unit

SHEET_TITLE = "Số liệu"
STT = "STT"
MOVEMENT = "Phong trào thi đua"
INDICATOR = "Chỉ tiêu"
MEASURE = "Đơn vị tính"
UNIT = "Đơn vị báo cáo"
VALUE = "Số liệu"
REQUIRED_HEADERS = (MOVEMENT, INDICATOR, UNIT, VALUE)
HEADERS = (STT, MOVEMENT, INDICATOR, MEASURE, UNIT, VALUE)
COLUMN_CHARS = {STT: 10, MOVEMENT: 400, INDICATOR: 300, MEASURE: 50, UNIT: 200, VALUE: 30}
WIDTHS = (6, 60, 45, 14, 40, 12)


@dataclass
class ImportResult:
    figures: int
    reports: int


def _by_name(objects) -> dict[str, list]:
    found = defaultdict(list)
    for obj in objects:
        found[fold(obj.name)].append(obj)
    return found


def build_template(conference: Conference, *, user: User) -> bytes:
    """One row per (movement, indicator); the unit's own name written in for unit staff."""
    own = None if is_office(user) else unit_of(user)
    units = [own.name] if own is not None else [u.name for u in Unit.objects.filter(is_active=True)]
    movements = list(Movement.objects.filter(conference=conference))
    indicators = list(Indicator.objects.filter(movement__conference=conference).select_related("movement"))
    rows = [
        (n, i.movement.name, i.name, i.unit_of_measure, own.name if own else "", None)
        for n, i in enumerate(indicators, start=1)
    ]
    data = Sheet(title=SHEET_TITLE, headers=HEADERS, rows=rows, widths=WIDTHS)
    guide = Sheet(
        title="Hướng dẫn",
        headers=["Cột", "Cách ghi"],
        rows=[
            [MOVEMENT, "Chọn trong danh sách thả xuống (tên phong trào của Hội nghị)."],
            [INDICATOR, "Chỉ tiêu của phong trào đó, do Văn phòng quy định; chọn trong danh sách."],
            [MEASURE, "Chỉ để tham khảo; không cần sửa."],
            [UNIT, "Đơn vị báo cáo. Cán bộ đơn vị chỉ nhập được số liệu của đơn vị mình."],
            [VALUE, "Một số không âm, ví dụ 12 hoặc 3,5. Để trống: dòng đó không được ghi."],
            [
                "Lưu ý",
                "Nếu có lỗi thì không dòng nào được lưu: hệ thống liệt kê mọi lỗi theo dòng và cột. "
                "Báo cáo đã gửi Văn phòng hoặc đã được chấp nhận thì không sửa được số liệu.",
            ],
        ],
        widths=(24, 100),
    )
    lists = [
        ListChoice(MOVEMENT, [m.name for m in movements], "Chọn phong trào thi đua"),
        ListChoice(INDICATOR, sorted({i.name for i in indicators}), "Chọn chỉ tiêu"),
        ListChoice(UNIT, units, "Chọn đơn vị báo cáo"),
    ]
    return write_template_xlsx([data, guide], lists=lists, rows=max(len(rows), 1) + 200)


def _number(value) -> Decimal:
    """A figure from a cell: a number, or text such as "12", "3,5" or "1.250" (ValueError otherwise)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
            text = text.replace(".", "")  # 1.250: dots between thousands
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(value) from exc
    if not number.is_finite():
        raise ValueError(value)
    return number


class _Rows:
    """Cleans the rows; every problem goes to ``errors`` with its row and column."""

    def __init__(self, conference: Conference, user: User):
        self.user = user
        self.own = None if is_office(user) else unit_of(user)
        self.movements = _by_name(Movement.objects.filter(conference=conference))
        self.units = _by_name(Unit.objects.filter(is_active=True))
        self.indicators = defaultdict(dict)
        for i in Indicator.objects.filter(movement__conference=conference):
            self.indicators[i.movement_id][fold(i.name)] = i
        self.reports = {
            (r.movement_id, r.unit_id): r for r in MovementReport.objects.filter(movement__conference=conference)
        }
        self.errors: list[CellError] = []
        self.seen: dict[tuple[int, int, int], int] = {}

    def error(self, row: int, column: str, message: str, code: str = "invalid") -> None:
        self.errors.append(CellError(row, column, message, code))

    def _one(self, row: int, column: str, table: dict, text) -> object | None:
        text = normalize_text(str(text or ""))
        if not text:
            self.error(row, column, _("This field is required."), "required")
            return None
        found = table.get(fold(text), [])
        if len(found) != 1:
            self.error(row, column, _("“%(name)s” is not in the list.") % {"name": text}, "unknown")
            return None
        return found[0]

    def clean(self, row) -> tuple[Movement, Indicator, Unit, Decimal] | None:
        n, values = row.number, row.values
        if values[VALUE] in (None, ""):
            return None
        movement = self._one(n, MOVEMENT, self.movements, values[MOVEMENT])
        unit = self._one(n, UNIT, self.units, values[UNIT])
        indicator = None
        if movement is not None:
            name = normalize_text(str(values[INDICATOR] or ""))
            indicator = self.indicators[movement.pk].get(fold(name))
            if indicator is None:
                message = _("“%(name)s” is not an indicator of this movement.") % {"name": name}
                self.error(n, INDICATOR, message, "unknown")
        value = self._value(n, values[VALUE])
        if unit is not None and self.own is not None and unit.pk != self.own.pk:
            self.error(n, UNIT, _("You may only report for your own unit."), "other_unit")
            return None
        if None in (movement, indicator, unit, value):
            return None
        return self._checked(n, movement, indicator, unit, value)

    def _value(self, n: int, raw) -> Decimal | None:
        try:
            value = _number(raw)
        except ValueError:
            self.error(n, VALUE, _("Write a number, for example 12 or 3,5."), "number")
            return None
        if value < 0 or value > MAX_FIGURE or value != value.quantize(Decimal("0.01")):
            self.error(n, VALUE, _("Write a number from 0 with at most two decimals."), "number")
            return None
        return value

    def _checked(self, n, movement, indicator, unit, value):
        key = (movement.pk, indicator.pk, unit.pk)
        if key in self.seen:
            message = _("The same figure is already on row %(row)s.") % {"row": self.seen[key]}
            self.error(n, INDICATOR, message, "duplicate")
            return None
        self.seen[key] = n
        report = self.reports.get((movement.pk, unit.pk))
        if report is not None and report.status not in EDITABLE:
            message = _("The report of %(unit)s on this movement is “%(status)s”; its figures can no longer change.")
            self.error(n, UNIT, message % {"unit": unit.name, "status": report.get_status_display()}, "locked")
            return None
        return movement, indicator, unit, value


def import_figures(upload, *, conference: Conference, by: User) -> ImportResult:
    """Read and check every row (ExcelError with ALL problems, nothing saved), then save them all."""
    if not can_propose(by):
        raise PermissionDenied(_("You may not make this change."))
    table = read_xlsx(
        upload,
        max_rows=settings.IMPORT_MAX_ROWS,
        expected_headers=REQUIRED_HEADERS,
        optional_headers=(STT, MEASURE),
        sheet_title=SHEET_TITLE,
        column_chars=COLUMN_CHARS,
    )
    cleaner = _Rows(conference, by)
    cleaner.errors.extend(table.errors)
    rows = [cleaned for row in table.rows if (cleaned := cleaner.clean(row)) is not None]
    if not rows and not cleaner.errors:
        cleaner.error(None, VALUE, _("No row has a figure: fill in the column “Số liệu”."), "no_figures")
    if cleaner.errors:
        order = {header: index for index, header in enumerate(HEADERS)}
        raise ExcelError(sorted(cleaner.errors, key=lambda e: (e.row or 0, order.get(e.column, -1))))
    return _save(rows, by)


def _save(rows, by: User) -> ImportResult:
    grouped: dict[tuple, dict[int, Decimal]] = defaultdict(dict)
    for movement, indicator, unit, value in rows:
        grouped[(movement, unit)][indicator.pk] = value
    with db_transaction.atomic():
        for (movement, unit), figures in grouped.items():
            report = services.start_report(movement, unit, by=by)
            locked = MovementReport.objects.select_for_update().get(pk=report.pk)
            services.ensure_can_edit(by, locked)
            services.set_figures(locked, figures, by=by)
    return ImportResult(figures=len(rows), reports=len(grouped))
