"""In a real browser: the Office queues the call for nominations, reviews it in the outbox and sends it;
a unit's staff member opens the link from the message and lands on the nominations page."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser_support import ARTIFACTS, chromium, vi
from tests.conference.test_browser import log_in

TIMEOUT_MS = 15_000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_office_reviews_and_sends_the_call_and_a_unit_opens_its_link(
    restore_migrated_rows, live_server, monkeypatch, settings, conference, office_user, staff_a, staff_b
):
    base = live_server.url
    settings.PUBLIC_BASE_URL = base
    for user in (staff_a, staff_b):
        user.email = f"{user.username}@hoinghi.example"
        user.save()
    mail.outbox = []

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        office = new_page()
        log_in(office, base, office_user.username)
        office.goto(base + reverse("review_queue"))
        office.get_by_test_id("call-for-nominations").click()
        office.wait_for_url(f"{base}{reverse('outbox_list')}?kind=call_for_nominations&status=draft")
        rows = office.get_by_test_id("outbox-row")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text(vi("Waiting for review"))
        office.screenshot(path=str(ARTIFACTS / "outbox-review.png"), full_page=True)
        rows.filter(has_text="donvi-a@hoinghi.example").get_by_role("link").click()
        expect(office.get_by_test_id("message-facts")).to_contain_text("donvi-a@hoinghi.example")
        office.go_back()
        assert mail.outbox == []  # nothing leaves before the Office sends it
        office.get_by_test_id("outbox-send-waiting").click()
        office.goto(base + reverse("outbox_list") + "?kind=call_for_nominations")
        expect(office.get_by_test_id("outbox-status")).to_have_text([vi("Sent"), vi("Sent")])
        assert sorted(m.to[0] for m in mail.outbox) == ["donvi-a@hoinghi.example", "donvi-b@hoinghi.example"]

        message = next(m for m in mail.outbox if m.to == ["donvi-a@hoinghi.example"])
        link = next(word for word in message.body.split() if word.startswith(base))
        unit = new_page()
        log_in(unit, base, staff_a.username)
        unit.goto(link)
        unit.wait_for_url(base + reverse("nomination_list"))
        expect(unit.get_by_role("heading", level=1)).to_be_visible()
        expect(unit.get_by_test_id("notice-bell")).to_be_visible()  # the bell came in after the page
        assert problems == []
