"""Registrations by Excel: the template's drop-downs and the all-or-nothing import, messages per row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from movements import registrations as services
from movements.models import Pledge, Registration
from movements.registration_excel import HEADERS
from tests import factories as f

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MOVEMENT = "Thi đua đổi mới sáng tạo giai đoạn 2025-2030"
OTHER = "Tập thể lao động tiên tiến"
REQUIRED = "Không được để trống."
GK = "Giấy khen của Giám đốc Sở"


@pytest.fixture
def plan(conference, giay_khen, office_user):
    movement = f.MovementFactory(conference=conference, name=MOVEMENT, start_year=2025, end_year=2030)
    return services.save_plan(movement, goals="", deadline=None, award_forms=[giay_khen], other_titles=OTHER,
                              by=office_user)  # fmt: skip


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đăng ký"
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("dang-ky.xlsx", buffer.getvalue(), content_type=XLSX)


def test_the_template_has_the_lists(client_a, plan):
    response = client_a.get(reverse("registration_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Đăng ký"][1]] == list(HEADERS)
    lists = [[c.value for c in col if c.value] for col in book["Danh mục"].iter_cols()]
    assert lists == [
        ["Phong trào thi đua", MOVEMENT],
        ["Đơn vị", "Phòng Quản lý khoa học"],
        ["Danh hiệu đăng ký", GK, OTHER],
    ]


def test_a_clean_file_registers_every_row(client_a, plan, unit_a):
    upload = workbook([
        (1, MOVEMENT, "Phòng Quản lý khoa học", "", GK, "Hoàn thành xuất sắc"),
        (2, MOVEMENT, "Phòng Quản lý khoa học", "Nguyễn Văn An", OTHER, "+84 cam kết"),
    ])  # fmt: skip
    response = client_a.post(reverse("registration_import"), {"file": upload})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.unit == unit_a
    assert [(p.person, p.title, p.text) for p in Pledge.objects.order_by("id")] == [
        ("", GK, "Hoàn thành xuất sắc"),
        ("Nguyễn Văn An", OTHER, "+84 cam kết"),
    ]


def test_any_mistake_saves_nothing_and_every_mistake_is_listed(client_a, plan, unit_b, bang_khen):
    upload = workbook([
        (1, MOVEMENT, "Phòng Quản lý khoa học", "", GK, "Đúng"),
        (2, "Phong trào lạ", "Phòng Quản lý khoa học", "", GK, ""),
        (3, MOVEMENT, "Phòng Chuyển đổi số", "", GK, ""),
        (4, MOVEMENT, "Phòng Quản lý khoa học", "", bang_khen.name, ""),
        (5, MOVEMENT, "", "", "", ""),
    ])  # fmt: skip
    response = client_a.post(reverse("registration_import"), {"file": upload})
    errors = [(e.row, e.column, e.message) for e in response.context["errors"]]
    assert errors == [
        (3, "Phong trào thi đua", "“Phong trào lạ” không có trong danh sách."),
        (4, "Đơn vị", "Chỉ được đăng ký cho đơn vị mình."),
        (5, "Danh hiệu đăng ký", f"“{bang_khen.name}” không phải danh hiệu đăng ký của phong trào này."),
        (6, "Đơn vị", REQUIRED),
        (6, "Danh hiệu đăng ký", REQUIRED),
    ]
    assert Registration.objects.count() == 0 and Pledge.objects.count() == 0


def test_a_submitted_registration_is_not_changed(office_client, plan, unit_a, office_user):
    registration = services.start_registration(plan.movement, unit_a, by=office_user)
    services.add_pledge(registration, person="", title=GK, text="", by=office_user)
    services.submit(registration, by=office_user)
    upload = workbook([(1, MOVEMENT, "Phòng Quản lý khoa học", "", OTHER, "")])
    response = office_client.post(reverse("registration_import"), {"file": upload})
    errors = [(e.row, e.column, e.message) for e in response.context["errors"]]
    assert errors == [(2, "Đơn vị", "Bản đăng ký của Phòng Quản lý khoa học đang “Đã gửi”; không thể thay đổi nữa.")]
    assert Pledge.objects.count() == 1
