"""The figures' Excel template and its all-or-nothing import, with Vietnamese messages per row and column."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from movements import services
from movements.enums import ReportStatus as S
from movements.imports import HEADERS
from movements.models import Figure, MovementReport
from tests.movements.conftest import fill

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MOVEMENT = "Đổi mới sáng tạo, ứng dụng tiến bộ khoa học và công nghệ"


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue(), content_type=XLSX)


def test_the_template_lists_the_indicators_with_drop_downs(client_a, indicators, unit_a):
    response = client_a.get(reverse("movement_report_template"))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Số liệu"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        list(HEADERS),
        [1, MOVEMENT, "Sáng kiến được công nhận", "sáng kiến", "Phòng Quản lý khoa học", None],
        [2, MOVEMENT, "Đề tài được nghiệm thu", "đề tài", "Phòng Quản lý khoa học", None],
    ]
    ranges = sorted(str(v.sqref) for v in sheet.data_validations.dataValidation)
    assert [r.split(":")[0] for r in ranges] == ["B2", "C2", "E2"]


def test_a_good_file_saves_every_figure(client_a, indicators, unit_a):
    rows = [
        (1, MOVEMENT, "Sáng kiến được công nhận", "sáng kiến", "Phòng Quản lý khoa học", 4),
        (2, MOVEMENT, "de tai duoc nghiem thu", "đề tài", "Phòng Quản lý khoa học", "2,5"),
    ]
    response = client_a.post(reverse("movement_report_import"), {"file": workbook(rows)})
    assert response.status_code == 302
    report = MovementReport.objects.get()
    assert (report.unit, report.status) == (unit_a, S.DRAFT)
    assert sorted(report.figures.values_list("indicator__name", "value")) == [
        ("Sáng kiến được công nhận", 4),
        ("Đề tài được nghiệm thu", 2.5),
    ]


def test_any_mistake_saves_nothing_and_lists_every_one(client_a, indicators, unit_a, unit_b, report_a, staff_a):
    fill(report_a, staff_a, values=(1, 1))
    rows = [
        (1, MOVEMENT, "Sáng kiến được công nhận", "", "Phòng Quản lý khoa học", 7),
        (2, MOVEMENT, "Chỉ tiêu lạ", "", "Phòng Quản lý khoa học", 1),
        (3, MOVEMENT, "Đề tài được nghiệm thu", "", "Phòng Chuyển đổi số", 2),
        (4, MOVEMENT, "Đề tài được nghiệm thu", "", "Phòng Quản lý khoa học", "nhiều"),
        (5, MOVEMENT, "Sáng kiến được công nhận", "", "Phòng Quản lý khoa học", 8),
        (6, "Phong trào không có", "Sáng kiến được công nhận", "", "Phòng Quản lý khoa học", -1),
    ]
    response = client_a.post(reverse("movement_report_import"), {"file": workbook(rows)})
    assert response.status_code == 200
    assert [(e.row, e.column, e.message) for e in response.context["errors"]] == [
        (3, "Chỉ tiêu", "“Chỉ tiêu lạ” không phải là chỉ tiêu của phong trào này."),
        (4, "Đơn vị báo cáo", "Chỉ được báo cáo cho đơn vị mình."),
        (5, "Số liệu", "Hãy ghi một số, ví dụ 12 hoặc 3,5."),
        (6, "Chỉ tiêu", "Số liệu này đã có ở dòng 2."),
        (7, "Phong trào thi đua", "“Phong trào không có” không có trong danh sách."),
        (7, "Số liệu", "Hãy ghi một số từ 0 trở lên, tối đa hai chữ số thập phân."),
    ]
    assert sorted(Figure.objects.values_list("value", flat=True)) == [1, 1]


def test_a_submitted_report_keeps_its_figures(client_a, indicators, report_a, staff_a):
    fill(report_a, staff_a, values=(1, 1))
    services.transition(report_a, S.SUBMITTED, by=staff_a)
    rows = [(1, MOVEMENT, "Sáng kiến được công nhận", "", "Phòng Quản lý khoa học", 9)]
    response = client_a.post(reverse("movement_report_import"), {"file": workbook(rows)})
    assert [(e.row, e.message) for e in response.context["errors"]] == [
        (2, "Báo cáo của Phòng Quản lý khoa học về phong trào này đang “Đã gửi”; không thể sửa số liệu nữa.")
    ]
    assert sorted(Figure.objects.values_list("value", flat=True)) == [1, 1]


def test_the_office_imports_for_several_units(office_client, indicators, unit_a, unit_b):
    rows = [
        (1, MOVEMENT, "Sáng kiến được công nhận", "", "Phòng Quản lý khoa học", 4),
        (2, MOVEMENT, "Sáng kiến được công nhận", "", "Phòng Chuyển đổi số", 6),
    ]
    assert office_client.post(reverse("movement_report_import"), {"file": workbook(rows)}).status_code == 302
    assert sorted(MovementReport.objects.values_list("unit__name", "figures__value")) == [
        ("Phòng Chuyển đổi số", 6),
        ("Phòng Quản lý khoa học", 4),
    ]
