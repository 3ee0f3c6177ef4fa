"""The Content-Security-Policy in a real browser: the main pages load with no violation.

Chromium reports every blocked inline script, inline style or foreign source as a console error
("Refused to … because it violates the following Content Security Policy directive"); an init
script (which the policy does not govern) also forwards each ``securitypolicyviolation`` event
to the console. Any console error fails the test.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conference.enums import Rsvp
from conference.models import Delegate, DelegateGroup
from tests import factories as f
from tests.browser_support import ARTIFACTS, PASSWORD, chromium, vi

TIMEOUT_MS = 15_000
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


def _console_error(problems: list[str], message) -> None:
    url = message.location["url"]
    if message.type == "error" and not url.endswith("/favicon.ico"):  # no icon yet: not a policy matter
        problems.append(f"console error: {message.text} ({url})")


def _watch_console(page: Page, problems: list[str]) -> Page:
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: _console_error(problems, message))
    return page


def _log_in(page: Page, base: str, username: str, landing: str) -> None:
    page.goto(base + reverse("login"))
    form = page.get_by_test_id("login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name=vi("Log in")).click()
    page.wait_for_url(base + landing)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_main_pages_load_without_csp_violation(restore_migrated_rows, live_server, monkeypatch, settings, conference):
    base = live_server.url
    settings.TWO_FACTOR_REQUIRED_ROLES = ["council_member"]
    root = f.UserFactory(username="quantri", is_superuser=True, is_staff=True, roles=["office_staff"])
    f.UserFactory(username="uyvien1", roles=["council_member"], is_staff=True)
    meeting = f.TallyMeetingFactory(conference=conference)
    group = DelegateGroup.objects.create(
        conference=conference, code="lanh-dao", name="Lãnh đạo tỉnh", target=5, order=1
    )
    Delegate.objects.create(
        conference=conference, group=group, full_name="Nguyễn Văn Hùng", gender="male",
        rsvp=Rsvp.CONFIRMED, invitation_number=1,
    )  # fmt: skip

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        page = _watch_console(new_page(), problems)
        _log_in(page, base, root.username, reverse("dashboard"))
        expect(page.get_by_test_id("whoami")).to_contain_text(root.username)

        page.goto(base + reverse("nomination_create", args=["individual"]))
        expect(page.locator("input[name=full_name]")).to_be_visible()

        # Check-in: the search runs through htmx (no inline script, no injected <style>).
        page.goto(base + reverse("checkin"))
        page.get_by_test_id("checkin-search").fill("hung")
        expect(page.get_by_test_id("delegate-name")).to_contain_text(["Nguyễn Văn Hùng"])
        page.get_by_test_id("check-in").click()
        expect(page.get_by_test_id("checked-in")).to_be_visible()
        page.get_by_test_id("checkin-search").press("Enter")  # hoinghi.js: htmx searches, no page reload
        page.wait_for_load_state("networkidle")
        expect(page.get_by_test_id("checked-in")).to_be_visible()
        assert page.url == base + reverse("checkin")
        assert page.evaluate("document.querySelectorAll('style').length") == 0

        page.goto(base + reverse("admin:nominations_nomination_changelist"))
        expect(page.locator("#changelist")).to_be_visible()
        page.goto(base + reverse("admin:awards_councilmeeting_change", args=[meeting.pk]))
        expect(page.get_by_test_id("council-actions")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "csp-admin-meeting.png"), full_page=True)

        # A council member's enrolment page: the QR code is a data: image, which img-src allows.
        member_page = _watch_console(new_page(), problems)
        _log_in(member_page, base, "uyvien1", reverse("two_factor") + "?next=%2F")
        qr = member_page.get_by_test_id("two-factor-qr")
        expect(qr).to_be_visible()
        assert member_page.evaluate("document.querySelector('[data-testid=two-factor-qr]').naturalWidth") > 100
        member_page.screenshot(path=str(ARTIFACTS / "csp-two-factor.png"), full_page=True)

    assert problems == []
