"""In a real browser: a unit reports on a movement, the Office accepts it, compiles and prints the summary report."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from movements.models import Indicator
from tests.awards_documents_support import pdftotext
from tests.browser_support import PASSWORD, chromium, nav, vi

TIMEOUT_MS = 15_000


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("login"))
    form = page.get_by_test_id("login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name=vi("Log in")).click()
    page.wait_for_url(base_url + reverse("dashboard"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_unit_reports_and_the_office_prints_the_summary(
    restore_migrated_rows, live_server, monkeypatch, movement, staff_a, office_user
):
    base = live_server.url
    first = Indicator.objects.create(movement=movement, name="Sáng kiến được công nhận", unit_of_measure="sáng kiến")
    second = Indicator.objects.create(
        movement=movement, name="Đề tài được nghiệm thu", unit_of_measure="đề tài", target=Decimal(4), order=2
    )
    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        unit = new_page()
        log_in(unit, base, staff_a.username)
        unit.get_by_role("navigation").get_by_role("link", name=nav("Movements")).click()
        unit.get_by_test_id("start-report").click()
        unit.wait_for_url(re.compile(r"/movement-reports/[0-9a-f-]+/edit/$"))
        unit.locator(f"input[name=figure_{first.pk}]").fill("6")
        unit.locator(f"input[name=figure_{second.pk}]").fill("3")
        unit.locator("textarea[name=results]").fill("Phòng đạt 06 sáng kiến được công nhận.")
        unit.get_by_test_id("save-report").click()
        unit.get_by_test_id("move-submitted").click()
        expect(unit.get_by_test_id("report-status")).to_have_text(vi("Submitted"))

        office = new_page()
        log_in(office, base, office_user.username)
        office.goto(base + reverse("movement_report_list") + "?status=review")
        office.get_by_test_id("reports").get_by_role("link", name="Phòng Quản lý khoa học").click()
        office.get_by_test_id("move-accepted").click()
        expect(office.get_by_test_id("report-status")).to_have_text(vi("Accepted"))

        office.get_by_role("navigation").get_by_role("link", name=nav("Conference day")).click()
        office.get_by_test_id("summary-link").click()
        office.get_by_test_id("generate-summary").click()
        expect(office.get_by_test_id("summary-section")).to_contain_text("- Phòng Quản lý khoa học: Phòng đạt 06")
        expect(office.get_by_test_id("indicator-total").first).to_have_text("6")
        with office.expect_download() as download_info:
            office.get_by_test_id("summary-pdf").click()
        text = pdftotext(download_info.value.path().read_bytes())
        assert not problems, problems
    for line in [
        "BÁO CÁO Tổng kết các phong trào thi đua năm 2025",
        "Số đơn vị có báo cáo được tiếp nhận: 01.",
        # The unit's figures: each indicator's total, then the unit's own figure.
        "6 Phòng Quản lý khoa học: 6",
        "3 Phòng Quản lý khoa học: 3",
        "- Phòng Quản lý khoa học: Phòng đạt 06 sáng kiến được công nhận.",
    ]:
        assert line in text, text
