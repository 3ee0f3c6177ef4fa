"""A delegate answers the invitation on a phone, through the printed letter's QR link (issue 9, item 1).

The page used to send ``Referrer-Policy: no-referrer``: Chromium then posts the form with
``Origin: null`` and Django's CSRF check answered 403 in English. Headless Debian Chromium through
Playwright against pytest-django's live_server; the URL is the one the printed letter's QR code
encodes (``conference.documents.invitations`` builds it from ``PUBLIC_BASE_URL``).
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conference.documents.invitations import invitation_sheet
from conference.enums import Rsvp
from conference.models import Delegate, DelegateGroup
from conference.services.delegates import add_delegate
from tests.browser_support import ARTIFACTS, chromium, vi
from tests.conference.test_browser import PHONE, TIMEOUT_MS, log_in

NAME = "Phạm Thị Ngọc Ánh"
SUBSTITUTE = "Vũ Đức Thịnh"
LABELS = {Rsvp.CONFIRMED: "Confirmed", Rsvp.DECLINED: "Declined", Rsvp.SUBSTITUTE: "Sends a substitute"}  # msgids


def reply(phone: Page, url: str, rsvp: Rsvp, substitute: str = "") -> None:
    """On the private page: choose the reply, (name the substitute), send; the page says it is recorded."""
    phone.goto(url)
    phone.get_by_label(vi(LABELS[rsvp]), exact=True).check()
    if substitute:
        phone.get_by_label(vi("Substitute's full name")).fill(substitute)
    phone.get_by_role("button", name=vi("Send my reply")).click()
    phone.wait_for_url(url)
    expect(phone.get_by_role("alert")).to_have_text(vi("Thank you, your reply has been recorded."))


def office_sees(office: Page, base: str, rsvp: Rsvp, substitute: str = "") -> None:
    """The Office's invitations page shows the delegate's current reply (and substitute)."""
    office.goto(base + reverse("invitation_list"))
    row = office.get_by_test_id("invitation").filter(has_text=NAME)
    expect(row.locator("select[name=rsvp]")).to_have_value(rsvp.value)
    expect(row.locator("input[name=substitute_name]")).to_have_value(substitute)
    office.goto(base + reverse("delegate_list"))
    expect(office.get_by_test_id("delegate-row").filter(has_text=NAME)).to_contain_text(vi(LABELS[rsvp]))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_delegate_answers_on_a_phone_without_login_and_the_office_sees_it(
    restore_migrated_rows, live_server, monkeypatch, settings, conference, office_user
):
    base = live_server.url
    settings.PUBLIC_BASE_URL = base
    conference.date = datetime.date(2025, 12, 20)
    conference.save()
    group = DelegateGroup.objects.create(conference=conference, code="khac", name="Khách mời", target=5, order=1)
    delegate = add_delegate(
        conference,
        {"group": group, "gender": "female", "full_name": NAME, "position": "Phó Giám đốc", "organisation": "Sở Y tế"},
        by=office_user,
    )
    url = invitation_sheet(conference, [delegate]).letters[0].url  # what the QR code on the letter encodes
    assert url == f"{base}/conference/rsvp/{delegate.token}/"

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        office = new_page()
        log_in(office, base, office_user.username)
        phone = new_page()  # a fresh context: no login, no cookie
        phone.set_viewport_size(PHONE)

        reply(phone, url, Rsvp.CONFIRMED)
        expect(phone.get_by_test_id("rsvp-current")).to_have_text(f"{vi('Your reply')}: {vi('Confirmed')}")
        office_sees(office, base, Rsvp.CONFIRMED)

        reply(phone, url, Rsvp.DECLINED)
        expect(phone.get_by_test_id("rsvp-current")).to_have_text(f"{vi('Your reply')}: {vi('Declined')}")
        office_sees(office, base, Rsvp.DECLINED)

        reply(phone, url, Rsvp.SUBSTITUTE, SUBSTITUTE)
        expect(phone.get_by_test_id("rsvp-current")).to_have_text(
            f"{vi('Your reply')}: {vi('Sends a substitute')} ({SUBSTITUTE})"
        )
        office_sees(office, base, Rsvp.SUBSTITUTE, SUBSTITUTE)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "horizontal scroll on a phone"
        phone.screenshot(path=ARTIFACTS / "browser-rsvp-phone.png", full_page=True)
        assert problems == [], problems

    delegate = Delegate.objects.get(pk=delegate.pk)
    assert (delegate.rsvp, delegate.substitute_name) == (Rsvp.SUBSTITUTE, SUBSTITUTE)
