"""Token endpoints: a token reads what its user reads on the pages, is refused when revoked, and is logged."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from api import services
from api.models import ApiRequestLog, ApiToken
from tests.api_support import token_client, token_for


def nominations_of(client, query="") -> list[str]:
    return [n["name"] for n in client.get(f"/api/v1/nominations/{query}").json()["results"]]


def test_unit_staff_read_their_own_units_nominations_only(world, staff_a):
    client = token_client(staff_a)

    own = ["Phòng Quản lý khoa học", "Nguyễn Thị Hường", "Chưa Quyết Định", "Lê Thị Ánh Tuyết"]
    assert nominations_of(client) == own
    nomination = world.nomination_a
    assert client.get(f"/api/v1/nominations/{nomination.public_id}/").json() == {
        "id": str(nomination.public_id),
        "conference": "hn-2025",
        "kind": "individual",
        "kind_label": "Cá nhân",
        "name": "Lê Thị Ánh Tuyết",
        "position": "Chuyên viên",
        "unit": "Phòng Quản lý khoa học",
        "proposing_unit": "Phòng Quản lý khoa học",
        "award_form": "Giấy khen của Giám đốc Sở",
        "status": "submitted",
        "status_label": "Đã gửi",
        "status_note": "",
        "submitted_at": None,
        "updated_at": timezone.localtime(nomination.updated_at).isoformat(),
    }


def test_another_units_nomination_is_not_found(world, staff_a):
    client = token_client(staff_a)
    other = f"/api/v1/nominations/{world.nomination_b.public_id}/"

    for method in ("get", "head", "options"):
        assert getattr(client, method)(other).status_code == 404
    assert client.get(other).json()["detail"] == "Không tìm thấy, hoặc mã truy cập này không được xem."
    assert client.get("/api/v1/nominations/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_council_reads_the_dossiers_put_to_it_and_the_office_all(world, council_user, office_user):
    assert nominations_of(token_client(council_user)) == [
        "Phòng Quản lý khoa học", "Nguyễn Thị Hường", "Đặng Văn Bình", "Phạm Quang Huy", "Chưa Quyết Định",
        "Đang Chờ Tỉnh",
    ]  # fmt: skip
    office = token_client(office_user)
    assert len(nominations_of(office)) == 8
    assert nominations_of(office, "?status=draft") == ["Trần Văn Cường"]
    assert office.get("/api/v1/nominations/?status=nope").status_code == 400


def test_awards_and_attendance_are_the_offices(world, staff_a, council_user, office_user):
    for user in (staff_a, council_user):
        client = token_client(user)
        for url in ("/api/v1/awards/", f"/api/v1/awards/{world.entries[0].pk}/", "/api/v1/attendance/"):
            response = client.get(url)
            assert response.status_code == 403
            assert response.json() == {
                "detail": "Người dùng của mã truy cập này không được xem nội dung này.",
                "code": "permission_denied",
            }
    office = token_client(office_user)
    awards = office.get("/api/v1/awards/").json()["results"]
    assert [(a["name"], a["decision"]["number"], a["decided"]) for a in awards] == [
        ("Phòng Quản lý khoa học", "05/QĐ-SKHCN", True),
        ("Bà Nguyễn Thị Hường", "05/QĐ-SKHCN", True),
        ("Ông Đặng Văn Bình", "05/QĐ-SKHCN", True),
        ("Ông Phạm Quang Huy", "12/TTr-SKHCN", True),
        ("Bà Đang Chờ Tỉnh", "13/TTr-SKHCN", False),
    ]
    huy = world.entries[3]
    assert office.get(f"/api/v1/awards/{huy.pk}/").json() == {
        "id": huy.pk,
        "nomination": str(huy.nomination.public_id),
        "register_number": 1,
        "kind": "individual",
        "kind_label": "Cá nhân",
        "name": "Ông Phạm Quang Huy",
        "description": "Chuyên viên, Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        "unit": "Phòng Chuyển đổi số",
        "amount": 710000,
        "decided": True,
        "decision": {
            "id": world.proposal.pk,
            "document_type": "proposal",
            "document_type_label": "Tờ trình",
            "number": "12/TTr-SKHCN",
            "date": "2025-06-26",
            "award_form": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "conference": "hn-2025",
            "province_decision_number": "215/QĐ-UBND",
            "province_decision_date": "2025-07-01",
        },
    }
    assert office.get(f"/api/v1/awards/{world.draft.entries.get().pk}/").status_code == 404


def test_attendance(world, office_user):
    arrived, invited = world.delegates
    check_in = timezone.localtime(arrived.check_in.at).isoformat()
    common = {"conference": "hn-2025", "group": "Khách mời", "rsvp": "invited", "rsvp_label": "Được mời"}

    assert token_client(office_user).get("/api/v1/attendance/").json()["results"] == [
        {"id": arrived.pk, **common, "full_name": "Vũ Tuấn Anh", "position": "Giám đốc", "organisation": "Sở KH&CN",
         "substitute_name": "", "checked_in": True, "checked_in_at": check_in},
        {"id": invited.pk, **common, "full_name": "Hoàng Thị Lan", "position": "Chuyên viên",
         "organisation": "Sở Nội vụ", "substitute_name": "", "checked_in": False, "checked_in_at": None},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("revoke", "Mã truy cập API này đã bị thu hồi."),
        ("expire", "Mã truy cập API này đã hết hạn."),
        ("disable", "Tài khoản gắn với mã truy cập API này đã bị khóa."),
    ],
)
def test_a_revoked_expired_or_disabled_token_is_refused(world, staff_a, office_user, change, message):
    client = token_client(staff_a)
    token = ApiToken.objects.get()
    if change == "revoke":
        assert services.revoke_tokens(ApiToken.objects.all(), by=office_user) == 1
    elif change == "expire":
        token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
        token.save()
    else:
        staff_a.is_active = False
        staff_a.save()

    for url in ("/api/v1/nominations/", "/api/v1/honour-roll/2025/"):
        response = client.get(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
        assert response.json() == {"detail": message, "code": "authentication_failed"}


@pytest.mark.parametrize(
    ("header", "status", "message"),
    [
        (None, 401, "Địa chỉ này cần mã truy cập API: hãy gửi “Authorization: Bearer <mã>”."),
        ("Bearer hn1_nothing", 401, "Mã truy cập API này không tồn tại."),
        ("Basic dXNlcjpwYXNz", 401, "Hãy gửi mã truy cập dưới dạng “Authorization: Bearer <mã>”."),
    ],
)
def test_without_a_valid_token(world, header, status, message):
    client = Client(headers={"Authorization": header}) if header else Client()
    response = client.get("/api/v1/nominations/")

    assert response.status_code == status
    assert response.json()["detail"] == message


def test_every_request_with_a_token_is_logged(world, staff_a):
    plain = token_for(staff_a)
    token = ApiToken.objects.get()
    client = Client(headers={"Authorization": f"Bearer {plain}"}, REMOTE_ADDR="10.1.2.3")
    before = timezone.now()

    client.get("/api/v1/nominations/?status=draft")
    client.post("/api/v1/nominations/")
    client.get(f"/api/v1/nominations/{world.nomination_b.public_id}/")
    services.revoke_tokens(ApiToken.objects.all(), by=staff_a)
    client.get("/api/v1/honour-roll/2025/")
    Client(headers={"Authorization": "Bearer hn1_unknown"}).get("/api/v1/awards/")
    Client().get("/api/v1/honour-roll/2025/")  # no token: not logged

    rows = list(ApiRequestLog.objects.order_by("id"))
    assert [(r.token_id, r.method, r.path, r.status, r.address) for r in rows] == [
        (token.pk, "GET", "/api/v1/nominations/?status=draft", 200, "10.1.2.3"),
        (token.pk, "POST", "/api/v1/nominations/", 405, "10.1.2.3"),
        (token.pk, "GET", f"/api/v1/nominations/{world.nomination_b.public_id}/", 404, "10.1.2.3"),
        (token.pk, "GET", "/api/v1/honour-roll/2025/", 401, "10.1.2.3"),
        (None, "GET", "/api/v1/awards/", 401, "127.0.0.1"),
    ]
    assert all(before <= r.at <= timezone.now() for r in rows)


def test_only_reads(world, office_user):
    client = token_client(office_user)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/nominations/")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.json() == {
            "detail": "API chỉ cho phép đọc: hãy dùng GET, HEAD hoặc OPTIONS.",
            "code": "method_not_allowed",
        }
    assert client.options("/api/v1/nominations/").json() == {
        "name": "Hồ sơ đề nghị và trạng thái",
        "methods": ["GET", "HEAD", "OPTIONS"],
        "renders": ["application/json"],
    }
    assert client.head("/api/v1/nominations/").status_code == 200
