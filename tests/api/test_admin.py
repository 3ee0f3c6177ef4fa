"""Tokens in the admin: issued by an administrator and shown once, stored as a digest, revoked, never deleted."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from tests import factories as f
from tests.api_support import token_client


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(f.UserFactory(username="quantri", roles=["administrator"], is_staff=True))
    return client


def test_the_administrator_issues_a_token_shown_once_and_stored_as_a_digest(admin_client, staff_a):
    data = {"name": "Cổng thông tin của Sở", "user": staff_a.pk}
    response = admin_client.post(reverse("admin:api_apitoken_add"), data)

    assert response.status_code == 200
    plain = response.context["plain"]
    token = ApiToken.objects.get()
    assert plain.startswith("hn1_") and len(plain) == 47
    assert plain in response.content.decode()
    assert (token.name, token.user, token.prefix, token.scope) == ("Cổng thông tin của Sở", staff_a, plain[:12], "read")
    assert token.digest == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in admin_client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    assert Client(headers={"Authorization": f"Bearer {plain}"}).get("/api/v1/nominations/").status_code == 200


def test_revoking_in_the_admin_ends_the_token(admin_client, staff_a):
    client = token_client(staff_a)
    token = ApiToken.objects.get()
    assert client.get("/api/v1/nominations/").status_code == 200

    response = admin_client.post(
        reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["Đã thu hồi 1 mã truy cập."]
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by.username == "quantri"
    assert token.history.first().history_change_reason == "revoked"
    assert client.get("/api/v1/nominations/").status_code == 401


def test_tokens_are_the_administrators_alone(office_client, staff_a):
    token_client(staff_a)

    assert office_client.get(reverse("admin:api_apitoken_changelist")).status_code == 403
    assert office_client.get(reverse("admin:api_apirequestlog_changelist")).status_code == 403
