"""The job page in a real browser: the progress bar advances by htmx polling, then the download appears.

No script of ours and no inline script (CSP): the fragment re-fetches itself with
``hx-trigger="every 1s"`` and stops once the job is finished.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from jobs import services
from jobs.models import GeneratedFile, JobStatus
from tests import jobs_support
from tests.browser_support import ARTIFACTS, chromium, vi
from tests.conference.test_browser import log_in

TIMEOUT_MS = 15_000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_progress_bar_advances_and_the_download_appears(
    restore_migrated_rows, live_server, monkeypatch, conference, office_user
):
    job = services.start(
        task=jobs_support.write_text,
        kind="test",
        title="Giấy khen – QĐ 05/QĐ-SKHCN",
        params={"text": "x"},
        by=office_user,
    )
    rows = GeneratedFile.objects.filter(pk=job.pk)
    rows.update(status=JobStatus.RUNNING, progress_done=50, progress_total=200, progress_label="Trang khen đã dựng")

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        page = new_page()
        log_in(page, live_server.url, office_user.username)
        page.goto(live_server.url + reverse("job_detail", args=[job.pk]))
        expect(page.get_by_test_id("job-progress-text")).to_contain_text("50 / 200 (25%)")
        page.screenshot(path=str(ARTIFACTS / "job-running.png"), full_page=True)

        rows.update(progress_done=150)
        expect(page.get_by_test_id("job-progress-text")).to_contain_text("150 / 200 (75%)")
        rows.update(status=JobStatus.DONE, progress_done=200)
        expect(page.get_by_test_id("job-status")).to_have_text(vi("Done"))
        expect(page.get_by_test_id("job-download")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "job-done.png"), full_page=True)
        assert page.locator("[hx-trigger]").count() == 0  # polling stopped

        page.goto(live_server.url + reverse("job_list"))
        expect(page.get_by_role("link", name="Giấy khen – QĐ 05/QĐ-SKHCN")).to_be_visible()
        assert problems == []
