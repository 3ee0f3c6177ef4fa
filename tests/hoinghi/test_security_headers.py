"""Response headers on real pages: CSP without inline code, framing, referrer, opener, HSTS."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _directives(header: str) -> dict[str, str]:
    pairs = (part.strip().split(" ", 1) for part in header.split(";"))
    return {name: value for name, value in pairs}


@pytest.fixture
def dashboard(office_client, conference):
    return office_client.get(reverse("dashboard"))


def test_dashboard_has_the_content_security_policy(dashboard):
    assert dashboard.status_code == 200
    assert _directives(dashboard["Content-Security-Policy"]) == EXPECTED_CSP
    assert "Content-Security-Policy-Report-Only" not in dashboard


def test_login_page_has_the_content_security_policy(anon_client):
    response = anon_client.get(reverse("login"))
    assert _directives(response["Content-Security-Policy"]) == EXPECTED_CSP


def test_admin_has_the_content_security_policy(office_client):
    response = office_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert _directives(response["Content-Security-Policy"]) == EXPECTED_CSP


def test_frame_options(dashboard):
    assert dashboard["X-Frame-Options"] == "DENY"


def test_referrer_policy(dashboard):
    assert dashboard["Referrer-Policy"] == "same-origin"


def test_cross_origin_opener_policy(dashboard):
    assert dashboard["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_type_nosniff(dashboard):
    assert dashboard["X-Content-Type-Options"] == "nosniff"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_on_https(office_user, conference):
    client = Client()  # a fresh handler reads the overridden settings
    client.force_login(office_user)
    response = client.get(reverse("dashboard"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_pages_carry_no_inline_script_or_style(dashboard, office_client):
    """The CSP would block them; the browser test (test_browser_csp.py) checks the rest."""
    checkin = office_client.get(reverse("checkin"))
    assert checkin.status_code == 200
    for response in (dashboard, checkin):
        html = response.content.decode()
        assert "<script>" not in html
        assert " style=" not in html
        assert "<style" not in html
        assert "onsubmit=" not in html
        assert "onclick=" not in html
