"""The verify page in a real browser: a recipient uploads the signed PDF, then a modified copy (issue 12 §3)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from registry.signing import sign_document
from tests.browser_support import ARTIFACTS, chromium, vi
from tests.registry.signing_support import append_incremental_update, issue_report, write

TIMEOUT_MS = 20_000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_recipient_checks_a_signed_pdf_and_a_modified_copy(
    restore_migrated_rows, live_server, monkeypatch, tmp_path, conference, office_user, signing_settings
):
    report = issue_report(conference, office_user)
    stored = sign_document(report, by=office_user)
    signed = write(tmp_path, "BC-tong-ket.pdf", bytes(stored.content))
    modified = write(tmp_path, "BC-tong-ket-da-sua.pdf", append_incremental_update(bytes(stored.content)))
    summary, subject = report.summary, stored.signer_subject
    url = live_server.url + reverse("document_verify")

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        page = new_page()  # no login: recipients are not users
        page.goto(url)
        page.get_by_label(vi("PDF file to check")).set_input_files(str(signed))
        page.get_by_role("button", name=vi("Check this PDF")).click()
        expect(page.get_by_test_id("verify-message")).to_have_text(
            vi("This PDF is a document the Department issued, unchanged.")
        )
        expect(page.get_by_test_id("verify-document")).to_have_text(f"01/BC-SKHCN, 22/12/2025: {summary}")
        expect(page.get_by_test_id("verify-signer")).to_contain_text(subject)
        page.screenshot(path=ARTIFACTS / "browser-verify-signed.png", full_page=True)

        page.get_by_label(vi("PDF file to check")).set_input_files(str(modified))
        page.get_by_role("button", name=vi("Check this PDF")).click()
        expect(page.get_by_test_id("verify-message")).to_have_text(
            vi("Modified after signing: content was added to this PDF after the Department signed it.")
        )
        expect(page.get_by_test_id("verify-result")).to_have_attribute("data-outcome", "modified")
        assert problems == [], problems
