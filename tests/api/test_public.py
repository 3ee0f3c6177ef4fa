"""Public endpoints: exact JSON for the seeded world, nothing personal, decided awards only."""

import pytest
from django.test import Client

from tests.api_support import token_client

GIAY_KHEN = "Giấy khen của Giám đốc Sở"
QLKH = "Phòng Quản lý khoa học"
BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
PERSONAL = ["1985", "0912345678", "0987654321", "@example", "Chuyên viên", "710000", "Hoàn thành xuất sắc", "Thu Hà"]
NOT_DECIDED = ["Chưa Quyết Định", "Đang Chờ Tỉnh", "Lê Thị Ánh Tuyết", "Trần Văn Cường"]


def row(name, unit, kind, form, number, date):
    label = {"collective": "Tập thể", "individual": "Cá nhân"}[kind]
    return {
        "name": name,
        "unit": unit,
        "kind": kind,
        "kind_label": label,
        "award_form": form,
        "decision_number": number,
        "decision_date": date,
        "conference": "hn-2025",
    }


def test_honour_roll_of_a_year(world):
    response = Client().get("/api/v1/honour-roll/2025/")

    assert response.status_code == 200
    assert response.json() == {
        "year": 2025,
        "count": 4,
        "results": [
            row("Phòng Quản lý khoa học", QLKH, "collective", GIAY_KHEN, "05/QĐ-SKHCN", "2026-01-05"),
            row("Bà Nguyễn Thị Hường", QLKH, "individual", GIAY_KHEN, "05/QĐ-SKHCN", "2026-01-05"),
            row("Ông Đặng Văn Bình", "Phòng Chuyển đổi số", "individual", GIAY_KHEN, "05/QĐ-SKHCN", "2026-01-05"),
            row("Ông Phạm Quang Huy", "Phòng Chuyển đổi số", "individual", BANG_KHEN, "215/QĐ-UBND", "2025-07-01"),
        ],
    }


def test_a_year_without_a_conference_is_not_found(world):
    response = Client().get("/api/v1/honour-roll/2019/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy, hoặc mã truy cập này không được xem.", "code": "not_found"}


def test_decisions_and_their_lists(world):
    client = Client()
    decisions = client.get("/api/v1/decisions/").json()

    assert decisions == {
        "next": None,
        "previous": None,
        "results": [
            {
                "id": world.decision.pk,
                "document_type": "decision",
                "document_type_label": "Quyết định",
                "number": "05/QĐ-SKHCN",
                "date": "2026-01-05",
                "title": world.decision.title,
                "award_form": GIAY_KHEN,
                "conference": "hn-2025",
                "entry_count": 3,
            },
            {
                "id": world.proposal.pk,
                "document_type": "proposal",
                "document_type_label": "Tờ trình",
                "number": "215/QĐ-UBND",
                "date": "2025-07-01",
                "title": world.proposal.title,
                "award_form": BANG_KHEN,
                "conference": "hn-2025",
                "entry_count": 1,
            },
        ],
    }
    assert client.get(f"/api/v1/decisions/{world.decision.pk}/").json() == decisions["results"][0]
    assert client.get(f"/api/v1/decisions/{world.decision.pk}/entries/").json()["results"] == [
        {"register_number": 1, "kind": "collective", "kind_label": "Tập thể", "name": "Phòng Quản lý khoa học",
         "unit": "Phòng Quản lý khoa học"},
        {"register_number": 2, "kind": "individual", "kind_label": "Cá nhân", "name": "Bà Nguyễn Thị Hường",
         "unit": "Phòng Quản lý khoa học"},
        {"register_number": 3, "kind": "individual", "kind_label": "Cá nhân", "name": "Ông Đặng Văn Bình",
         "unit": "Phòng Chuyển đổi số"},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?document_type=proposal", ["215/QĐ-UBND"]), ("?year=2025", ["05/QĐ-SKHCN", "215/QĐ-UBND"]), ("?year=2024", [])],
)
def test_decision_filters(world, query, expected):
    assert [d["number"] for d in Client().get(f"/api/v1/decisions/{query}").json()["results"]] == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?year=abc", "“year” phải là năm gồm bốn chữ số, ví dụ 2025."),
        ("?document_type=x", "“document_type” phải là một trong các giá trị: decision, proposal."),
    ],
)
def test_a_bad_filter_is_refused_in_vietnamese(world, query, message):
    response = Client().get(f"/api/v1/decisions/{query}")

    assert response.status_code == 400
    assert response.json() == {"detail": message, "code": "invalid"}


def test_undecided_decisions_are_not_public(world):
    client = Client()
    for decision in (world.draft, world.waiting):
        assert client.get(f"/api/v1/decisions/{decision.pk}/").status_code == 404
        assert client.get(f"/api/v1/decisions/{decision.pk}/entries/").status_code == 404
        assert client.options(f"/api/v1/decisions/{decision.pk}/").status_code == 404
    assert client.get("/api/v1/decisions/999999/").status_code == 404


def test_the_conference_and_its_agenda(world):
    conference = {
        "slug": "hn-2025",
        "name": world.conference.name,
        "year": 2025,
        "date": "2025-07-04",
        "start_time": "08:00:00",
        "end_time": "11:00:00",
        "venue": "Hội trường tầng 3, Sở Khoa học và Công nghệ",
        "organiser": "Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        "is_current": True,
    }
    client = Client()

    assert client.get("/api/v1/conferences/").json() == {"next": None, "previous": None, "results": [conference]}
    detail = client.get("/api/v1/conferences/hn-2025/").json()
    assert {k: v for k, v in detail.items() if k != "agenda"} == conference
    assert [(a["order"], a["kind"], a["start"], a["end"], a["duration_minutes"]) for a in detail["agenda"]] == [
        (1, "opening", "08:00:00", "08:10:00", 10),
        (2, "report", "08:10:00", "08:40:00", 30),
        (3, "exemplar_talk", "08:40:00", "09:10:00", 30),
        (4, "honouring", "09:10:00", "09:40:00", 30),
        (5, "launch", "09:40:00", "09:55:00", 15),
        (6, "congress_delegates", "09:55:00", "10:05:00", 10),
        (7, "closing", "10:05:00", "10:15:00", 10),
    ]
    assert detail["agenda"][0] == {
        "order": 1,
        "kind": "opening",
        "kind_label": "Khai mạc",
        "title": "Tuyên bố lý do, giới thiệu đại biểu và khai mạc Hội nghị",
        "start": "08:00:00",
        "end": "08:10:00",
        "duration_minutes": 10,
    }
    assert client.get("/api/v1/conferences/no-such/").status_code == 404


def test_nothing_personal_nor_undecided_in_any_public_answer(world):
    client = Client()
    urls = [
        "/api/v1/honour-roll/2025/",
        "/api/v1/decisions/",
        "/api/v1/conferences/",
        "/api/v1/conferences/hn-2025/",
        *[f"/api/v1/decisions/{d.pk}/entries/" for d in (world.decision, world.proposal)],
    ]
    for url in urls:
        text = client.get(url).content.decode()
        assert [s for s in PERSONAL + NOT_DECIDED if s in text] == [], url


def test_a_token_is_not_needed_but_is_checked_on_public_endpoints(world, staff_a):
    assert token_client(staff_a).get("/api/v1/honour-roll/2025/").status_code == 200
    bad = Client(headers={"Authorization": "Bearer hn1_not-a-token"})
    assert bad.get("/api/v1/honour-roll/2025/").status_code == 401
