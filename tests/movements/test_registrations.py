"""Bản đăng ký thi đua in the browser: own unit only (404 for another's), draft → submitted, the compiled view."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from movements import registrations as services
from movements.enums import RegistrationStatus
from movements.models import LaunchPlan, Pledge, Registration
from tests import factories as f

MOVEMENT = "Thi đua đổi mới sáng tạo giai đoạn 2025-2030"
OTHER = "Tập thể lao động tiên tiến"


@pytest.fixture
def new_movement(conference):
    return f.MovementFactory(conference=conference, name=MOVEMENT, start_year=2025, end_year=2030)


@pytest.fixture
def plan(new_movement, giay_khen, office_user):
    return services.save_plan(
        new_movement,
        goals="Khơi dậy tinh thần đổi mới sáng tạo.",
        deadline=datetime.date(2026, 3, 31),
        award_forms=[giay_khen],
        other_titles=OTHER,
        by=office_user,
    )


@pytest.fixture
def registration_a(plan, new_movement, unit_a, staff_a):
    return services.start_registration(new_movement, unit_a, by=staff_a)


def test_unit_staff_register_their_own_unit_and_submit(client_a, plan, new_movement, unit_a):
    response = client_a.post(reverse("registration_start"), {"movement": new_movement.pk, "unit": 999})
    registration = Registration.objects.get()
    assert registration.unit == unit_a and registration.status == RegistrationStatus.DRAFT
    assert response.url == reverse("registration_detail", args=[registration.public_id])
    url = reverse("registration_detail", args=[registration.public_id])
    client_a.post(url, {"person": "", "title": "Giấy khen của Giám đốc Sở", "text": "Hoàn thành 100% nhiệm vụ"})
    client_a.post(url, {"person": "Nguyễn Văn An", "title": OTHER, "text": "=1+1"})
    assert [(p.person, p.title, p.text) for p in Pledge.objects.order_by("id")] == [
        ("", "Giấy khen của Giám đốc Sở", "Hoàn thành 100% nhiệm vụ"),
        ("Nguyễn Văn An", OTHER, "=1+1"),
    ]
    client_a.post(reverse("registration_submit", args=[registration.public_id]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.history.first().history_change_reason == "draft → submitted"
    response = client_a.post(url, {"person": "", "title": OTHER, "text": "x"})
    assert response.status_code == 403
    assert Pledge.objects.count() == 2


def test_a_title_outside_the_plan_is_refused(client_a, registration_a, bang_khen):
    url = reverse("registration_detail", args=[registration_a.public_id])
    response = client_a.post(url, {"title": bang_khen.name, "text": ""})
    assert response.status_code == 200
    assert Pledge.objects.count() == 0
    with pytest.raises(services.RegistrationError) as caught:
        services.resolve_title(registration_a.movement.launch_plan, bang_khen.name)
    assert caught.value.messages == [f"“{bang_khen.name}” không phải danh hiệu đăng ký của phong trào này."]


def test_an_empty_registration_cannot_be_sent(client_a, registration_a):
    client_a.post(reverse("registration_submit", args=[registration_a.public_id]))
    registration_a.refresh_from_db()
    assert registration_a.status == RegistrationStatus.DRAFT


def test_another_units_registration_answers_404(client_b, registration_a, staff_a):
    pledge = services.add_pledge(registration_a, person="", title=OTHER, text="", by=staff_a)
    assert client_b.get(reverse("registration_detail", args=[registration_a.public_id])).status_code == 404
    assert client_b.post(reverse("registration_submit", args=[registration_a.public_id])).status_code == 404
    assert client_b.post(reverse("registration_pledge_delete", args=[pledge.pk])).status_code == 404
    assert Pledge.objects.count() == 1


def test_the_office_may_open_any_units_registration(office_client, plan, new_movement, unit_b):
    office_client.post(reverse("registration_start"), {"movement": new_movement.pk, "unit": unit_b.pk})
    assert Registration.objects.get().unit == unit_b


def _register(movement, units, staff, office_user):
    for n, unit in enumerate(units):
        registration = services.start_registration(movement, unit, by=office_user)
        services.add_pledge(registration, person="", title=OTHER, text=f"Cam kết {n}", by=office_user)
    return staff


def test_the_compiled_view_lists_every_units_pledges(office_client, plan, new_movement, unit_a, unit_b, office_user):
    reg_b = services.start_registration(new_movement, unit_b, by=office_user)
    services.add_pledge(reg_b, person="Trần Thị Bình", title=OTHER, text="Vượt chỉ tiêu", by=office_user)
    reg_a = services.start_registration(new_movement, unit_a, by=office_user)
    services.add_pledge(reg_a, person="", title="Giấy khen của Giám đốc Sở", text="Hoàn thành", by=office_user)
    services.submit(reg_a, by=office_user)
    f.UnitFactory(organisation=unit_a.organisation, name="Phòng chưa đăng ký", order=3)
    empty = f.UnitFactory(organisation=unit_a.organisation, name="Văn phòng Sở", order=4)
    services.start_registration(new_movement, empty, by=office_user)
    response = office_client.get(reverse("registration_list"), {"movement": new_movement.pk})
    rows = [tuple(r.__dict__.values()) for r in response.context["rows"]]
    assert rows == [
        ("Phòng Quản lý khoa học", "Đã gửi", "(tập thể đơn vị)", "Giấy khen của Giám đốc Sở", "Hoàn thành"),
        ("Phòng Chuyển đổi số", "Nháp", "Trần Thị Bình", OTHER, "Vượt chỉ tiêu"),
        ("Văn phòng Sở", "Nháp", "", "", ""),
    ]


def test_the_export_keeps_text_as_text(office_client, registration_a, staff_a):
    services.add_pledge(registration_a, person="Lê Văn Cường", title=OTHER, text='=HYPERLINK("x")', by=staff_a)
    response = office_client.get(reverse("registration_export", args=[registration_a.movement_id]))
    sheet = load_workbook(io.BytesIO(response.content))["Đăng ký"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        ["STT", "Đơn vị", "Trạng thái", "Cá nhân", "Danh hiệu đăng ký", "Nội dung cam kết"],
        [1, "Phòng Quản lý khoa học", "Nháp", "Lê Văn Cường", OTHER, '=HYPERLINK("x")'],
    ]
    assert sheet["F2"].data_type == "s"


def test_the_compiled_view_runs_the_same_queries_for_one_and_three_units(office_client, plan, new_movement, org,
                                                                          office_user):  # fmt: skip
    units = [f.UnitFactory(organisation=org, order=n) for n in range(3)]
    url = reverse("registration_list") + f"?movement={new_movement.pk}"
    _register(new_movement, units[:1], None, office_user)
    with CaptureQueriesContext(connection) as one:
        office_client.get(url)
    _register(new_movement, units[1:], None, office_user)
    with CaptureQueriesContext(connection) as three:
        response = office_client.get(url)
    assert len(response.context["rows"]) == 3
    assert len(one) == len(three)


def test_the_office_writes_the_launch_plan(office_client, new_movement, giay_khen):
    url = reverse("launch_plan_edit", args=[new_movement.pk])
    data = {"goals": "Mục tiêu", "registration_deadline": "2026-03-31", "award_forms": [giay_khen.pk],
            "other_titles": OTHER}  # fmt: skip
    office_client.post(url, data)
    plan = LaunchPlan.objects.get(movement=new_movement)
    assert (plan.goals, plan.registration_deadline, list(plan.award_forms.all()), plan.other_title_list()) == (
        "Mục tiêu", datetime.date(2026, 3, 31), [giay_khen], [OTHER],
    )  # fmt: skip
