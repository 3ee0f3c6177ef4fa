"""The navigation fits the screen: every item, "Đăng xuất" included, can be reached (issue 9, item 11).

Found by the Office on a 1366 px laptop: the menu ran past the right edge and "Đăng xuất" was cut
off. Each main role opens its main pages at 1366×768 and on a 390×844 phone (where the menu is
opened with its button first); every navigation item must lie inside the viewport and the page
must not scroll sideways. Screenshots are saved in test-artifacts/ for a person to look at.
"""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser_support import ARTIFACTS, chromium, vi

TIMEOUT_MS = 15_000
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
OFFICE_PAGES = [
    "dashboard",
    "nomination_list",
    "review_queue",
    "council_results",
    "decision_list",
    "conference_hub",
    "job_list",
]
# Demo accounts (seed_demo) and the pages each one works in.
ROLES = {
    "office": ("vanphong", OFFICE_PAGES),
    "unit": ("donvi-qlkh", ["dashboard", "nomination_list", "job_list"]),
    "council": ("uyvien1", ["dashboard", "nomination_list", "job_list"]),
    "director": ("giamdoc", OFFICE_PAGES),
}
# The bar names the person, not the account (seed_demo's people).
FULL_NAMES = {
    "office": "Nguyễn Thị Thu Hà",
    "unit": "Đoàn Thị Phương",
    "council": "Phạm Văn Hùng",
    "director": "Vũ Tuấn Anh",
}
# Every item of the navigation bar a person can click, as one selector (the person's menu is opened first).
NAV_ITEMS = "#mainnav a.nav-link, #mainnav a.dropdown-item, #mainnav button"


def _session_cookie(username: str, base_url: str) -> dict:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def _outside_viewport(page: Page) -> list[str]:
    """The navigation items not entirely inside the viewport's width, and a sideways scroll if any."""
    return page.evaluate(
        """(selector) => {
            const width = document.documentElement.clientWidth;
            const wrong = [];
            for (const item of document.querySelectorAll(selector)) {
                const box = item.getBoundingClientRect();
                const label = item.innerText.trim() || item.getAttribute("aria-label");
                if (box.width === 0 || box.height === 0) wrong.push(`${label}: not shown`);
                else if (box.left < 0 || box.right > width)
                    wrong.push(`${label}: ${box.left}–${box.right} of ${width}`);
            }
            const scroll = document.documentElement.scrollWidth;
            if (scroll > width) wrong.push(`page scrolls sideways: ${scroll} > ${width}`);
            return wrong;
        }""",
        NAV_ITEMS,
    )


def _check_page(page: Page, base: str, role: str, name: str, viewport: str) -> list[str]:
    page.goto(base + reverse(name))
    expect(page.get_by_test_id("whoami")).to_have_text(FULL_NAMES[role])
    if viewport == "phone":
        toggler = page.locator("button.navbar-toggler")
        expect(toggler).to_be_visible()
        toggler.click()
        expect(page.locator("#mainnav")).to_have_class("navbar-collapse collapse show")
    page.get_by_test_id("whoami").click()
    expect(page.get_by_role("link", name=vi("Change password"))).to_be_visible()
    expect(page.get_by_role("button", name=vi("Log out"))).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"nav-{role}-{name}-{viewport}.png"), full_page=False)
    return [f"{role} {name} {viewport}: {problem}" for problem in _outside_viewport(page)]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_navigation_item_is_reachable_at_1366_and_on_a_phone(restore_migrated_rows, live_server, monkeypatch):
    call_command("seed_demo", verbosity=0)
    base = live_server.url
    cookies = {role: _session_cookie(username, base) for role, (username, _pages) in ROLES.items()}
    problems = []
    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, browser_problems):
        for role, (_username, pages) in ROLES.items():
            for viewport, size in VIEWPORTS.items():
                page = new_page()
                page.set_viewport_size(size)
                page.context.add_cookies([cookies[role]])
                for name in pages:
                    problems.extend(_check_page(page, base, role, name, viewport))
                page.context.close()
        problems.extend(browser_problems)
    assert problems == [], "\n".join(problems)
