"""Limits (429 per token and per address), cursor pages in a stable order, and constant query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from api.models import ApiRequestLog
from tests import api_support
from tests.api_support import token_client

RATES = {"per_token": "3/minute", "per_address": "1000/minute"}


@override_settings(API_RATES=RATES)
def test_a_token_over_its_limit_gets_429(world, staff_a, staff_b):
    client = token_client(staff_a, REMOTE_ADDR="10.0.0.1")
    answers = [client.get("/api/v1/nominations/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    response = client.get("/api/v1/nominations/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"
    assert response.json()["detail"].startswith("Quá nhiều yêu cầu. Vui lòng thử lại sau ")
    assert ApiRequestLog.objects.filter(status=429).count() == 2
    # another token from the same address is counted apart
    assert token_client(staff_b, REMOTE_ADDR="10.0.0.1").get("/api/v1/nominations/").status_code == 200


@override_settings(API_RATES={"per_token": "1000/minute", "per_address": "2/minute"})
def test_an_address_over_its_limit_gets_429(world):
    one, other = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")

    assert [one.get("/api/v1/honour-roll/2025/").status_code for _ in range(3)] == [200, 200, 429]
    assert other.get("/api/v1/honour-roll/2025/").status_code == 200


def test_cursor_pages_are_stable_when_rows_are_added(world, office_user, org, unit_a, giay_khen):
    client = token_client(office_user)
    first = client.get("/api/v1/nominations/?page_size=3").json()
    assert first["previous"] is None
    names = [n["name"] for n in first["results"]]
    # a nomination added between two pages does not shift the next page
    api_support.nomination(world.conference, giay_khen, unit_a, "Người Đến Sau")
    while first["next"]:
        first = client.get(first["next"]).json()
        names += [n["name"] for n in first["results"]]

    assert names == [
        "Phòng Quản lý khoa học", "Nguyễn Thị Hường", "Đặng Văn Bình", "Phạm Quang Huy", "Chưa Quyết Định",
        "Đang Chờ Tỉnh", "Lê Thị Ánh Tuyết", "Trần Văn Cường", "Người Đến Sau",
    ]  # fmt: skip


def test_a_broken_cursor_is_refused_in_vietnamese(world):
    response = Client().get("/api/v1/decisions/?cursor=not-a-cursor")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "Con trỏ trang không hợp lệ: hãy đọc lại từ trang đầu.",
        "code": "invalid_cursor",
    }


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_rows(world, org, unit_a, giay_khen, office_user):
    """Two more rows of every list: nominations, decided entries, decisions, conferences, delegates."""
    from conference.services import delegates
    from tests import factories as f

    for n in range(2):
        decision = f.DocDecisionFactory(conference=world.conference, award_form=giay_khen, number=20 + n)
        api_support.entry(
            decision, api_support.nomination(world.conference, giay_khen, unit_a, f"Thêm Số {n}"), 1, f"Ông Thêm {n}"
        )
        api_support.entry(
            world.decision, api_support.nomination(world.conference, giay_khen, unit_a, f"Thêm Nữa {n}"), 10 + n, "Bà B"
        )
        f.ConferenceFactory(organisation=org, slug=f"hn-them-{n}", is_current=False)
    group = world.delegates[0].group
    rows = [{"group": group, "full_name": f"Đại Biểu {n}"} for n in range(2)]
    delegates.add_delegates(world.conference, rows, by=office_user)


URLS = [
    ("public", "/api/v1/conferences/"),
    ("public", "/api/v1/honour-roll/2025/"),
    ("public", "/api/v1/decisions/"),
    ("public", "/api/v1/decisions/{decision}/entries/"),
    ("office", "/api/v1/nominations/"),
    ("office", "/api/v1/awards/"),
    ("office", "/api/v1/attendance/"),
]


@pytest.mark.parametrize(("who", "url"), URLS)
def test_query_counts_do_not_grow_with_the_rows(world, org, unit_a, giay_khen, office_user, who, url):
    client = token_client(office_user) if who == "office" else Client()
    url = url.format(decision=world.decision.pk)
    client.get(url)  # warm the caches of the first request
    before = _queries(client, url)
    _more_rows(world, org, unit_a, giay_khen, office_user)

    assert _queries(client, url) == before
