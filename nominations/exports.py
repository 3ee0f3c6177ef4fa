"""Excel exports of nominations and the import template, written through hoinghi.excel.

Column headers and the template's instructions are document content in Vietnamese (like
the PDF templates), not interface strings.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from hoinghi.excel import Progress, Sheet, write_xlsx
from hoinghi.excel_template import ListChoice, write_template_xlsx
from hoinghi.roles import is_office, unit_of
from nominations import imports as cols
from nominations.models import Nomination
from reference.enums import NomineeKind
from reference.models import AwardForm, Conference, Movement, Unit


class NominationListExporter:
    """Danh sách đề nghị khen thưởng: collectives first, then individuals, in the list's order."""

    identifier = "danh-sach-de-nghi"
    verbose_name = gettext_lazy("Nomination list")
    sheet_title = "Danh sách"
    headers = (
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ – đơn vị",
        "Tóm tắt thành tích",
        "Hình thức đề nghị",
        "Loại",
        "Đơn vị đề nghị",
        "Phong trào thi đua",
        "Trạng thái",
    )
    widths = (6, 30, 36, 60, 28, 10, 28, 40, 18)

    def __init__(self, queryset: QuerySet):
        """``queryset``: already scoped and filtered, with nominee, unit, award form and movements loaded."""
        self.queryset = queryset

    def ordered(self) -> list[Nomination]:
        nominations = list(self.queryset)
        collectives = [n for n in nominations if n.nominee.kind == NomineeKind.COLLECTIVE]
        return collectives + [n for n in nominations if n.nominee.kind != NomineeKind.COLLECTIVE]

    def rows(self) -> Iterator[list[Any]]:
        for number, nomination in enumerate(self.ordered(), start=1):
            nominee = nomination.nominee
            yield [
                number,
                " ".join(part for part in (nominee.honorific, nominee.full_name) if part),
                nominee.description,
                nomination.achievement_summary,
                nomination.award_form.name,
                cols.KIND_VALUES.get(nominee.kind, ""),
                nomination.proposing_unit.name,
                "; ".join(m.name for m in nomination.movements.all()),
                str(nomination.get_status_display()),
            ]

    def sheet(self) -> Sheet:
        return Sheet(title=self.sheet_title, headers=self.headers, rows=self.rows(), widths=self.widths)

    def render(self, *, progress: Progress | None = None) -> bytes:
        return write_xlsx([self.sheet()], progress=progress)


# --------------------------------------------------------------------------- import template

TEMPLATE_HEADERS = {
    cols.GENDER: "Giới tính (Nam/Nữ)",
    cols.BIRTH_DATE: "Ngày sinh (dd/mm/yyyy)",
    cols.MOVEMENTS: "Phong trào thi đua (mỗi phong trào một dòng)",
}
TEMPLATE_WIDTHS = (6, 10, 30, 12, 14, 10, 22, 30, 30, 30, 34, 44, 60)


def _instructions(conference: Conference, award_forms: Sequence[str]) -> list[list[str]]:
    forms = "; ".join(f"“{name}”" for name in award_forms)
    organisation = conference.organisation.name
    return [
        [cols.STT, "Không", "Số thứ tự, để tiện theo dõi; hệ thống không dùng cột này."],
        [cols.KIND, "Có", "Chọn “Cá nhân” hoặc “Tập thể” trong danh sách thả xuống."],
        [
            cols.NAME,
            "Có",
            "Cá nhân: ghi đầy đủ họ, tên đệm và tên, không viết tắt (ví dụ: Nguyễn Văn An). "
            "Tập thể: ghi đầy đủ tên tập thể.",
        ],
        [cols.GENDER, "Cá nhân", "Chọn “Nam” hoặc “Nữ”. Tập thể bỏ trống."],
        [
            cols.BIRTH_DATE,
            "Cá nhân (ngày sinh hoặc năm sinh)",
            "Ghi theo dạng ngày/tháng/năm, ví dụ 05/01/1980. Tập thể bỏ trống.",
        ],
        [
            cols.BIRTH_YEAR,
            "Cá nhân (ngày sinh hoặc năm sinh)",
            "Chỉ ghi khi không rõ ngày sinh, ví dụ 1980. Nếu ghi cả hai thì năm sinh phải khớp với ngày sinh.",
        ],
        [cols.POSITION, "Cá nhân", "Chức vụ hiện giữ, ví dụ: Trưởng phòng, Chuyên viên."],
        [cols.WORK_UNIT, "Cá nhân", "Chọn tên đơn vị trong danh sách thả xuống (hoặc ghi mã đơn vị)."],
        [
            cols.PARENT_BODY,
            "Tập thể",
            f"Cơ quan cấp trên của tập thể; bỏ trống thì lấy tên “{organisation}”. Cá nhân bỏ trống.",
        ],
        [
            cols.PROPOSING_UNIT,
            "Có (cán bộ đơn vị có thể bỏ trống)",
            "Đơn vị trình đề nghị. Cán bộ đơn vị chỉ được đề nghị cho đơn vị mình; bỏ trống thì lấy đơn vị mình.",
        ],
        [cols.AWARD_FORM, "Có", f"Chọn trong danh sách: {forms}."],
        [
            cols.MOVEMENTS,
            "Có",
            "Chọn một phong trào trong danh sách thả xuống. Nhiều phong trào: ghi đúng tên từng phong trào, "
            "mỗi phong trào một dòng trong ô (xuống dòng bằng Alt+Enter). Dấu chấm phẩy (;) giữa các tên "
            "cũng được nhận; tên phong trào có sẵn dấu chấm phẩy vẫn được nhận nguyên tên.",
        ],
        [
            cols.SUMMARY,
            "Có",
            f"Tóm tắt thành tích nổi bật, tối đa {cols.SUMMARY_MAX_LENGTH} ký tự; xuống dòng trong ô bằng Alt+Enter.",
        ],
        [],
        [
            "Lưu ý",
            "",
            f"Nhập ở sheet “{cols.SHEET_TITLE}”, mỗi dòng một đề nghị, tối đa {settings.IMPORT_MAX_ROWS} dòng; "
            "không đổi tên các cột tiêu đề; không dùng công thức. Nếu có lỗi thì không dòng nào được lưu: "
            "hệ thống liệt kê mọi lỗi theo dòng và cột để sửa một lần rồi tải lên lại.",
        ],
        [],
        ["VÍ DỤ (chỉ để tham khảo, không nhập ở sheet này):"],
    ]


def _examples(conference: Conference, units: Sequence[str], forms: Sequence[str], movements: Sequence[str]):
    unit = units[0] if units else "Phòng Quản lý khoa học"
    form = forms[0] if forms else "Giấy khen của Giám đốc Sở"
    movement = movements[0] if movements else "Tên phong trào thi đua"
    individual = [1, "Cá nhân", "Nguyễn Văn An", "Nam", "05/01/1980", 1980, "Trưởng phòng", unit, "", unit, form]
    collective = [2, "Tập thể", unit, "", "", "", "", "", conference.organisation.name, unit, form]
    summary = "Hoàn thành xuất sắc nhiệm vụ năm 2024; chủ trì 02 đề tài cấp tỉnh."
    return [
        [TEMPLATE_HEADERS.get(h, h) for h in cols.HEADERS],
        [*individual, movement, summary],
        [*collective, movement, summary],
    ]


def build_import_template(conference: Conference, *, user: User) -> bytes:
    """The fill-in workbook: data sheet with drop-down lists, instructions with examples, hidden lists."""
    units = [u.name for u in Unit.objects.filter(is_active=True)]
    own = None if is_office(user) else unit_of(user)
    proposing = [own.name] if own is not None else units
    forms = [f.name for f in AwardForm.objects.all()]
    movements = [m.name for m in Movement.objects.filter(conference=conference)]
    headers = [TEMPLATE_HEADERS.get(h, h) for h in cols.HEADERS]
    data = Sheet(
        title=cols.SHEET_TITLE,
        headers=headers,
        widths=TEMPLATE_WIDTHS,
        text_columns=(cols.HEADERS.index(cols.BIRTH_DATE),),
    )
    guide = Sheet(
        title="Hướng dẫn",
        headers=["Cột", "Bắt buộc", "Cách ghi"],
        rows=_instructions(conference, forms) + _examples(conference, units, forms, movements),
        widths=(28, 24, 90),
    )
    lists = [
        ListChoice(cols.KIND, list(cols.KIND_VALUES.values()), "Cá nhân hoặc Tập thể"),
        ListChoice(cols.GENDER, list(cols.GENDER_VALUES.values()), "Nam hoặc Nữ"),
        ListChoice(cols.WORK_UNIT, units, "Chọn đơn vị công tác"),
        ListChoice(cols.PROPOSING_UNIT, proposing, "Chọn đơn vị đề nghị"),
        ListChoice(cols.AWARD_FORM, forms, "Chọn hình thức đề nghị"),
        ListChoice(cols.MOVEMENTS, movements, "Nhiều phong trào: mỗi phong trào một dòng (Alt+Enter)", strict=False),
    ]
    return write_template_xlsx([data, guide], lists=lists, rows=settings.IMPORT_MAX_ROWS)
