"""Two-factor login (django-otp TOTP) for the roles in TWO_FACTOR_REQUIRED_ROLES.

The suite's settings turn the requirement off (hoinghi/settings_test.py); these tests put the
production default back.
"""

import pytest
from django.contrib import admin
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import gettext, override
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.validators import NotDemoPasswordValidator
from tests import factories as f

PRODUCTION_ROLES = ["administrator", "director", "council_member", "council_secretary"]
PASSWORD = "hoinghi-test"

pytestmark = pytest.mark.usefixtures("two_factor_on")


@pytest.fixture
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = PRODUCTION_ROLES


def _vi(msgid):
    with override("vi"):
        return gettext(msgid)


def _login(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _code(device: TOTPDevice, *, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits) + offset:06d}"[-6:]


@pytest.fixture
def member(db):
    return f.UserFactory(username="uyvien1", roles=["council_member"], is_staff=True)


def test_council_member_is_sent_to_enrolment(member, client):
    _login(client, "uyvien1")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor") + "?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert page.context["enrolling"] is True
    device = TOTPDevice.objects.get(user=member)
    assert device.confirmed is False
    assert page.context["qr_data_uri"].startswith("data:image/svg+xml")
    assert page.context["secret"].replace(" ", "") == device.config_url.split("secret=")[1].split("&")[0]


def test_enrolment_with_the_right_code_opens_the_admin(member, client):
    _login(client, "uyvien1")
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=member)
    response = client.post(reverse("two_factor"), {"code": _code(device), "next": "/admin/"})
    # The backup codes are shown once, with the way on.
    assert response.status_code == 200
    codes = response.context["backup_codes"]
    assert len(codes) == 10
    assert sorted(StaticToken.objects.filter(device__user=member).values_list("token", flat=True)) == sorted(codes)
    assert response.context["next"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(reverse("admin:index")).status_code == 200


def test_reloading_the_enrolment_page_keeps_the_secret(member, client):
    _login(client, "uyvien1")
    first = client.get(reverse("two_factor")).context["secret"]
    second = client.get(reverse("two_factor")).context["secret"]
    assert first == second
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_wrong_code_is_refused_in_vietnamese(member, client):
    _login(client, "uyvien1")
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=member)
    wrong = "000000" if _code(device) != "000000" else "111111"
    response = client.post(reverse("two_factor"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": [_vi("This code is wrong or has expired. Enter the code your app shows now.")]
    }
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get(reverse("dashboard")).status_code == 302


def test_letters_are_refused(member, client):
    _login(client, "uyvien1")
    response = client.post(reverse("two_factor"), {"code": "12ab56"})
    assert response.context["form"].errors == {"code": [_vi("Enter the six digits your authenticator app shows.")]}


def test_enrolled_member_enters_a_code_at_the_next_login(member, client, conference):
    device = TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    _login(client, "uyvien1")
    response = client.get(reverse("dashboard"))
    assert response["Location"] == reverse("two_factor") + "?next=%2F"
    page = client.get(reverse("two_factor"))
    assert page.context["enrolling"] is False
    assert "qr_data_uri" not in page.context
    response = client.post(reverse("two_factor"), {"code": _code(device), "next": "/"})
    assert response["Location"] == "/"
    assert client.get(reverse("dashboard")).status_code == 200
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_a_code_is_not_accepted_twice(member, client):
    device = TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    code = _code(device)
    _login(client, "uyvien1")
    assert client.post(reverse("two_factor"), {"code": code})["Location"] == "/"
    client.post(reverse("logout"))
    _login(client, "uyvien1")
    response = client.post(reverse("two_factor"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": [_vi("This code is wrong or has expired. Enter the code your app shows now.")]
    }


def test_unit_staff_is_not_asked(client, unit_a, conference):
    f.make_unit_staff(unit_a, "donvi-a")
    _login(client, "donvi-a")
    assert client.get(reverse("nomination_list")).status_code == 200
    assert client.get(reverse("two_factor"))["Location"] == reverse("dashboard")
    assert TOTPDevice.objects.count() == 0


def test_superuser_counts_as_administrator(client, db):
    f.UserFactory(username="root", is_superuser=True, is_staff=True)
    _login(client, "root")
    assert client.get(reverse("admin:index"))["Location"] == reverse("two_factor") + "?next=%2Fadmin%2F"


def test_director_and_office_staff(client, conference):
    f.UserFactory(username="giamdoc", roles=["director"])
    f.UserFactory(username="vanphong", roles=["office_staff"])
    _login(client, "giamdoc")
    assert client.get(reverse("dashboard")).status_code == 302
    client.post(reverse("logout"))
    _login(client, "vanphong")
    assert client.get(reverse("dashboard")).status_code == 200


def test_role_configuration_takes_effect(member, client, settings, conference):
    _login(client, "uyvien1")
    assert client.get(reverse("dashboard")).status_code == 302
    settings.TWO_FACTOR_REQUIRED_ROLES = ["director"]
    assert client.get(reverse("dashboard")).status_code == 200
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert client.get(reverse("dashboard")).status_code == 200


def test_exempt_pages_stay_open(member, client):
    _login(client, "uyvien1")
    assert client.get(reverse("login")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "vi", "next": "/"})["Location"] == "/"
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_htmx_request_gets_a_client_redirect(member, client):
    _login(client, "uyvien1")
    response = client.get(reverse("dashboard"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("two_factor") + "?next=%2F"


def test_post_before_verification_continues_at_the_overview(member, client):
    _login(client, "uyvien1")
    response = client.post(reverse("nomination_list"), {})
    assert response["Location"] == reverse("two_factor") + "?next=%2F"


def _backup_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)


def test_a_backup_code_works_once(member, client, conference):
    TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    _backup_codes(member, "abcd2345", "wxyz6777")
    _login(client, "uyvien1")
    response = client.post(reverse("two_factor"), {"code": "ABCD 2345", "next": "/"})
    assert response["Location"] == "/"
    assert client.get(reverse("dashboard")).status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["wxyz6777"]
    client.post(reverse("logout"))
    _login(client, "uyvien1")
    response = client.post(reverse("two_factor"), {"code": "abcd2345"})
    assert response.context["form"].errors == {
        "code": [_vi("This code is wrong or has expired. Enter the code your app shows now.")]
    }


def test_backup_codes_are_not_accepted_at_enrolment(member, client):
    _backup_codes(member, "abcd2345")
    _login(client, "uyvien1")
    response = client.post(reverse("two_factor"), {"code": "abcd2345"})
    assert response.context["enrolling"] is True
    assert response.context["form"].errors == {"code": [_vi("Enter the six digits your authenticator app shows.")]}
    assert StaticToken.objects.count() == 1


def test_next_must_stay_on_this_site(member, client):
    device = TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    _login(client, "uyvien1")
    response = client.post(reverse("two_factor"), {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("dashboard")


@override_settings(TWO_FACTOR_REQUIRED_ROLES=[])
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("two_factor"))
    assert response["Location"] == "/accounts/login/?next=/accounts/two-factor/"


def test_demo_password_is_refused_for_a_new_password():
    validator = NotDemoPasswordValidator()
    with pytest.raises(Exception) as caught:
        validator.validate("Hoinghi-Demo")
    assert caught.value.messages == [_vi("This password is published in the demo instructions; choose another one.")]
    assert validator.validate("a-long-private-passphrase") is None


def test_admin_resets_authenticators_but_never_shows_backup_codes():
    assert TOTPDevice in admin.site._registry
    assert StaticDevice not in admin.site._registry
