"""django-axes: 5 failed logins per username and address lock the account for 15 minutes."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, override

from tests import factories as f

PASSWORD = "hoinghi-test"


@pytest.fixture
def member(db):
    return f.UserFactory(username="vanphong", roles=["office_staff"], is_staff=True)


def _login(client, password, username="vanphong"):
    return client.post(reverse("login"), {"username": username, "password": password})


def _lockout_text(minutes: int) -> str:
    with override("vi"):
        return ngettext(
            "Too many failed login attempts for this account from this computer. Try again in %(minutes)s minute, "
            "or ask the administrator to unlock the account.",
            "Too many failed login attempts for this account from this computer. Try again in %(minutes)s minutes, "
            "or ask the administrator to unlock the account.",
            minutes,
        ) % {"minutes": minutes}


def _fail_five_times(client):
    return [_login(client, "wrong-password").status_code for _ in range(5)]


def test_five_failures_lock_out_even_the_right_password(member, anon_client):
    assert _fail_five_times(anon_client) == [200, 200, 200, 200, 429]
    response = _login(anon_client, PASSWORD)
    assert response.status_code == 429
    assert response.context["cooloff_minutes"] == 15
    assert "_auth_user_id" not in anon_client.session
    text = " ".join(response.content.decode().split())
    assert " ".join(_lockout_text(15).split()) in text


def test_lockout_is_per_username_and_address(member, anon_client):
    _fail_five_times(anon_client)
    other = f.UserFactory(username="giamdoc", roles=["director"])
    assert _login(anon_client, PASSWORD, username=other.username).status_code == 302
    elsewhere = Client(REMOTE_ADDR="10.0.0.7")
    assert _login(elsewhere, PASSWORD).status_code == 302


def test_login_works_again_after_the_cool_off(member, anon_client):
    _fail_five_times(anon_client)
    # 15 minutes later: move the recorded attempt back in time rather than waiting.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=1))
    response = _login(anon_client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_success_resets_the_failure_count(member, anon_client):
    assert [_login(anon_client, "wrong-password").status_code for _ in range(4)] == [200] * 4
    assert AccessAttempt.objects.get().failures_since_start == 4
    assert _login(anon_client, PASSWORD).status_code == 302
    assert AccessAttempt.objects.count() == 0
    anon_client.post(reverse("logout"))
    # Four more failures do not lock: the count started again from zero.
    assert [_login(anon_client, "wrong-password").status_code for _ in range(4)] == [200] * 4
    assert _login(anon_client, PASSWORD).status_code == 302


def test_admin_login_is_throttled_too(member, anon_client):
    url = reverse("admin:login")
    codes = [anon_client.post(url, {"username": "vanphong", "password": "nope"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    assert anon_client.post(url, {"username": "vanphong", "password": PASSWORD}).status_code == 429


# --- Behind the nginx proxy (issue 9 item 13) ---------------------------------------------------
# nginx connects from 127.0.0.1 and appends the address it saw to X-Forwarded-For
# ($proxy_add_x_forwarded_for), so the right-most entry is the real client.
PROXY = "127.0.0.1"
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


def _through_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_trusted_proxy_an_attacker_does_not_lock_the_owner_out(member, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = _through_proxy(ATTACKER)
    assert _fail_five_times(attacker) == [200, 200, 200, 200, 429]
    assert _login(attacker, PASSWORD).status_code == 429
    owner = _through_proxy(OWNER)
    response = _login(owner, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("vanphong", ATTACKER)]


def test_a_forged_forwarded_for_sent_through_the_proxy_locks_only_the_attacker(member, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker sends "X-Forwarded-For: <owner>"; nginx appends the attacker's real address.
    attacker = _through_proxy(f"{OWNER}, {ATTACKER}")
    assert _fail_five_times(attacker) == [200, 200, 200, 200, 429]
    assert _login(_through_proxy(OWNER), PASSWORD).status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(member, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    # Connecting directly, a client cannot pick a fresh address per attempt with the header.
    codes = [_login(_through_proxy(f"192.0.2.{n}"), "wrong-password").status_code for n in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    assert _login(_through_proxy(OWNER), PASSWORD).status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


def test_a_garbage_forwarded_for_falls_back_to_the_connecting_address(member, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _login(_through_proxy("not-an-address"), "wrong-password")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]
