"""Sessions end: at browser close, after 8 hours, and after 30 minutes without a request.
Passwords: at least 10 characters, not common, not numeric, not the demo password."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from accounts.middleware import LAST_ACTIVITY_KEY


def _vi(msgid):
    with override("vi"):
        return gettext(msgid)


def _set_last_activity(client, seconds_ago):
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_login_starts_the_idle_clock(office_client):
    assert abs(office_client.session[LAST_ACTIVITY_KEY] - time.time()) < 5


def test_idle_for_30_minutes_logs_out(office_client, conference):
    _set_last_activity(office_client, 30 * 60 + 1)
    response = office_client.get(reverse("nomination_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/nominations/"
    assert "_auth_user_id" not in office_client.session
    page = office_client.get(response["Location"])
    with override("vi"):
        expected = gettext("You were logged out after %(minutes)d minutes without activity. Please log in again.") % {
            "minutes": 30
        }
    assert [str(m) for m in page.context["messages"]] == [expected]


def test_activity_within_30_minutes_keeps_the_session(office_client, conference):
    _set_last_activity(office_client, 30 * 60 - 5)
    assert office_client.get(reverse("nomination_list")).status_code == 200
    # The request counted as activity: the clock was moved to now.
    assert abs(office_client.session[LAST_ACTIVITY_KEY] - time.time()) < 5


def test_a_recent_request_does_not_rewrite_the_session(office_client, conference):
    _set_last_activity(office_client, 30)
    before = office_client.session[LAST_ACTIVITY_KEY]
    office_client.get(reverse("nomination_list"))
    assert office_client.session[LAST_ACTIVITY_KEY] == before


def test_idle_htmx_request_redirects_the_whole_page(office_client, conference):
    _set_last_activity(office_client, 31 * 60)
    response = office_client.get(reverse("checkin_counts"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("login") + "?next=/conference/checkin/counts/"


def test_idle_timeout_can_be_turned_off(office_client, conference, settings):
    settings.SESSION_IDLE_TIMEOUT = 0
    _set_last_activity(office_client, 5 * 3600)
    assert office_client.get(reverse("nomination_list")).status_code == 200


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("ngan-9-ky", ["password_too_short"]),
        ("9081726354091", ["password_entirely_numeric"]),
        ("hoinghi-demo", ["password_published"]),
        ("HOINGHI-DEMO", ["password_published"]),
        ("password1234", ["password_too_common"]),
    ],
)
def test_password_validators(password, codes):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert [error.code for error in caught.value.error_list] == codes


def test_published_password_message_is_vietnamese():
    with override("vi"), pytest.raises(ValidationError) as caught:
        validate_password("hoinghi-demo")
    assert caught.value.messages == [_vi("This password is published in the demo instructions; choose another one.")]


def test_minimum_length_is_ten():
    with pytest.raises(ValidationError) as caught:
        validate_password("Abc-def-9")  # nine characters
    assert [error.code for error in caught.value.error_list] == ["password_too_short"]
    assert validate_password("Abc-def-9x") is None


def test_a_good_password_passes():
    assert validate_password("Thi-dua-khen-thuong-2025") is None


# --- the session engine (accounts/sessions.py): Django's database sessions, read by hand ------------


def _stored_session(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_engine_reads_the_stored_session(office_client, conference):
    assert settings.SESSION_ENGINE == "accounts.sessions"
    assert office_client.get(reverse("nomination_list")).status_code == 200
    assert _stored_session(office_client).get_decoded()["_auth_user_id"] == str(office_client.session["_auth_user_id"])


def test_a_session_expired_in_the_database_is_not_accepted(office_client, conference):
    """The expiry is checked in the statement itself, on both databases (SQLite compares text)."""
    stored = _stored_session(office_client)
    expired = timezone.now() - datetime.timedelta(seconds=1)
    stored.expire_date = expired
    stored.save()
    response = office_client.get(reverse("nomination_list"))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))
    # Not revived: the row keeps its past expiry, and the browser was given another key.
    assert Session.objects.get(session_key=stored.session_key).expire_date == expired
    assert office_client.cookies[settings.SESSION_COOKIE_NAME].value != stored.session_key


def test_a_forged_or_deleted_session_key_is_anonymous(office_client, conference):
    key = office_client.cookies[settings.SESSION_COOKIE_NAME].value
    office_client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32  # well-formed, never stored
    assert office_client.get(reverse("nomination_list")).status_code == 302
    office_client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert office_client.get(reverse("nomination_list")).status_code == 200
    _stored_session(office_client).delete()
    assert office_client.get(reverse("nomination_list")).status_code == 302
    call_command("clearsessions")  # Django's own command still works on the engine
