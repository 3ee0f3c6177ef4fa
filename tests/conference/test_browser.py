"""Conference day in a real browser: the Office adds delegates, prints the invitations, checks them in by phone.

Headless Debian Chromium driven by Playwright's sync API against pytest-django's live_server; the
QR payload (PUBLIC_BASE_URL + /conference/rsvp/<token>/) points at the live server, read back from the PDF.
"""

import datetime
import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conference.models import CheckIn, Delegate, DelegateGroup
from conference.views.checkin import POLL_SECONDS
from tests import factories as f
from tests.awards_documents_support import pdftotext
from tests.browser_support import ARTIFACTS, PASSWORD, chromium, nav, vi

TIMEOUT_MS = 15_000
PHONE = {"width": 390, "height": 844}
# (full name, honorific value, position, organisation, group code)
FIRST = ("Nguyễn Thị Thu Hà", "female", "Phó Giám đốc", "Sở Tài chính tỉnh Hưng Yên", "lanh-dao")
SECOND = ("Đặng Quốc Bảo", "male", "Trưởng phòng", "Trung tâm Ứng dụng tiến bộ khoa học", "don-vi")
SECOND_TYPED = "dang quoc"  # a few letters, no diacritics
# A tap does not recount: the page's poll (every POLL_SECONDS) brings the new totals.
POLL_WAIT_MS = (POLL_SECONDS + 5) * 1000


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("login"))
    form = page.get_by_test_id("login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name=vi("Log in")).click()
    page.wait_for_url(base_url + reverse("dashboard"))
    expect(page.get_by_test_id("whoami")).to_contain_text(username)


def present(n: int, invited: int) -> str:
    return vi("Present: %(present)s of %(invited)s invited") % {"present": n, "invited": invited}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_office_adds_delegates_prints_invitations_and_checks_in_by_phone(
    restore_migrated_rows, live_server, monkeypatch, settings, conference, office_user
):
    base = live_server.url
    settings.PUBLIC_BASE_URL = base
    conference.date = datetime.date(2025, 12, 20)
    conference.start_time = datetime.time(8, 0)
    conference.end_time = datetime.time(11, 30)
    conference.venue = "Hội trường tầng 2, Sở Khoa học và Công nghệ tỉnh Hưng Yên"
    conference.contact = "Bà Trần Thị Minh Thư, Chánh Văn phòng Sở"
    conference.save()
    f.SignerFactory(organisation=conference.organisation, full_name="Vũ Tuấn Anh")
    groups = {
        "lanh-dao": DelegateGroup.objects.create(
            conference=conference, code="lanh-dao", name="Lãnh đạo các sở, ngành", target=5, order=1
        ),
        "don-vi": DelegateGroup.objects.create(
            conference=conference, code="don-vi", name="Các đơn vị trong Khối thi đua", target=10, order=2
        ),
    }
    rsvp_url = re.compile(re.escape(base) + r"/conference/rsvp/[A-Za-z0-9_-]+/")

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        page = new_page()
        log_in(page, base, office_user.username)

        # --- The Office adds two delegates through the form.
        for name, gender, position, organisation, code in (FIRST, SECOND):
            page.get_by_role("navigation").get_by_role("link", name=nav("Conference day")).click()
            page.get_by_test_id("hub-links").get_by_role("link", name=vi("Delegates"), exact=True).click()
            page.wait_for_url(base + reverse("delegate_list"))
            page.get_by_role("link", name=vi("Add a delegate")).click()
            page.wait_for_url(base + reverse("delegate_create"))
            form = page.get_by_test_id("delegate-form")
            form.locator("select[name=group]").select_option(label=groups[code].name)
            form.locator("select[name=gender]").select_option(gender)
            form.locator("input[name=full_name]").fill(name)
            form.locator("input[name=position]").fill(position)
            form.locator("input[name=organisation]").fill(organisation)
            form.get_by_role("button", name=vi("Save")).click()
            page.wait_for_url(re.compile(r"/conference/delegates/"))
            expect(page.get_by_test_id("delegates").get_by_test_id("delegate-row").filter(has_text=name)).to_have_count(
                1
            )
        expect(page.get_by_test_id("delegate-count")).to_have_text("(2)")

        # --- The invitations page: the Giấy mời issued through the register (one number), then one PDF of both.
        page.goto(base + reverse("invitation_list"))
        expect(page.get_by_test_id("invitation")).to_have_count(2)
        page.get_by_test_id("invitation-pending").get_by_test_id("issue-button").click()
        page.get_by_test_id("issue-form").locator("input[name=date]").fill("2025-12-10")
        page.get_by_test_id("issue-submit").click()
        page.wait_for_url(base + reverse("invitation_list"))
        expect(page.get_by_test_id("invitation-issued")).to_contain_text("01/GM-SKHCN · 10/12/2025")
        page.get_by_test_id("invitations-pdf").click()  # a background job, then its page
        page.wait_for_url(re.compile(r"/jobs/\d+/$"))
        expect(page.get_by_test_id("job-status")).to_have_text(vi("Done"))
        with page.expect_download() as download_info:
            page.get_by_test_id("job-download").click()
        pdf = download_info.value.path().read_bytes()
        assert pdf.startswith(b"%PDF")
        letters = [pdftotext(pdf, 1), pdftotext(pdf, 2)]
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
        assert FIRST[0] in letters[0] and "Số: 01/GM-SKHCN" in letters[0], letters[0]
        assert SECOND[0] in letters[1] and "Số: 01/GM-SKHCN" in letters[1], letters[1]
        assert all("ngày 10 tháng 12 năm 2025" in letter and "DỰ THẢO" not in letter for letter in letters)
        # The letter prints the QR payload; pdftotext may break it across lines.
        first_url = rsvp_url.search(letters[0].replace(" ", ""))
        assert first_url, letters[0]
        first_url = first_url[0]
        page.goto(base + reverse("invitation_list"))
        reply_href = page.get_by_test_id("invitation").filter(has_text=FIRST[0]).get_by_test_id("reply-page")
        assert base + reply_href.get_attribute("href") == first_url

        # --- At the door, on a phone: the first delegate's QR link, then check in.
        phone = new_page()
        phone.set_viewport_size(PHONE)
        log_in(phone, base, office_user.username)
        phone.goto(first_url)
        expect(phone.get_by_test_id("rsvp-delegate")).to_contain_text(FIRST[0])
        phone.get_by_test_id("rsvp-checkin").click()
        phone.wait_for_url(re.compile(r"/conference/checkin/[A-Za-z0-9_-]+/$"))
        expect(phone.get_by_role("heading", name=vi("Check-in at the door"))).to_be_visible()
        row = phone.get_by_test_id("delegate-row")
        expect(row.get_by_test_id("delegate-name")).to_contain_text(FIRST[0])
        expect(phone.get_by_test_id("total")).to_have_text(present(0, 2))
        row.get_by_role("button", name=vi("Check in")).click()
        expect(row.get_by_test_id("checked-in")).to_be_visible()
        expect(row.get_by_role("button", name=vi("Undo"))).to_be_visible()
        expect(phone.get_by_test_id("total")).to_have_text(present(1, 2), timeout=POLL_WAIT_MS)
        phone.screenshot(path=ARTIFACTS / "browser-event-checkin-qr.png", full_page=True)

        # --- By name: a few letters without diacritics, one tap.
        phone.get_by_role("link", name=vi("Find another delegate")).click()
        phone.wait_for_url(base + reverse("checkin"))
        phone.get_by_test_id("checkin-search").fill(SECOND_TYPED)
        result = phone.get_by_test_id("delegate-row").filter(has_text=SECOND[0])
        expect(phone.get_by_test_id("delegate-row")).to_have_count(1)
        expect(result).to_have_count(1)
        result.get_by_role("button", name=vi("Check in")).click()
        expect(result.get_by_test_id("checked-in")).to_be_visible()
        expect(phone.get_by_test_id("total")).to_have_text(present(2, 2), timeout=POLL_WAIT_MS)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "horizontal scroll on a phone"
        phone.screenshot(path=ARTIFACTS / "browser-event-checkin-search.png", full_page=True)
        assert problems == [], problems

    # --- What the database holds.
    delegates = list(Delegate.objects.filter(conference=conference).order_by("invitation_number"))
    assert [(d.invitation_number, d.full_name, d.gender, d.group.code) for d in delegates] == [
        (1, FIRST[0], FIRST[1], FIRST[4]),
        (2, SECOND[0], SECOND[1], SECOND[4]),
    ]
    assert first_url == base + reverse("rsvp", args=[delegates[0].token])
    rows = CheckIn.objects.filter(delegate__in=delegates).select_related("delegate", "by")
    assert sorted((c.delegate.full_name, c.by.username) for c in rows) == sorted(
        [(FIRST[0], office_user.username), (SECOND[0], office_user.username)]
    )
    assert CheckIn.objects.count() == 2
