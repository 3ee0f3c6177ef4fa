"""End to end in a real browser: a unit proposes an individual, the Office accepts it.

Headless Debian Chromium driven by Playwright's sync API against pytest-django's live_server.
Run only these with ``pytest -m browser``; leave them out with ``-m "not browser"``.
"""

import datetime
import re
import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from nominations.enums import AttachmentKind, NominationStatus
from nominations.models import Nomination
from tests.browser_support import ARTIFACTS, PASSWORD, chromium, nav, vi
from tests.nominations_support import moves

TIMEOUT_MS = 15_000
DETAIL_URL = re.compile(r"/nominations/(?P<public_id>[0-9a-f-]{36})/$")

# Typed decomposed (NFD) and with stray spaces, as some Vietnamese keyboards and pasted text do.
TYPED_NAME = unicodedata.normalize("NFD", "  Nguyễn Thị  Ngọc Ánh ")
NFC_NAME = "Nguyễn Thị Ngọc Ánh"
POSITION = "Phó Trưởng phòng"
SUMMARY = "Chủ trì 02 đề tài khoa học cấp tỉnh; hoàn thành xuất sắc nhiệm vụ năm 2024."
HISTORY = {
    "year": "2023",
    "title": "Giấy khen của Giám đốc Sở",
    "decision_number": "125/QĐ-SKHCN",
    "decision_date": "20/12/2023",
    "issuer": "Sở Khoa học và Công nghệ tỉnh Hưng Yên",
}
REPORT_NAME = "báo-cáo-thành-tích.pdf"


def _status_label(status: str) -> str:
    with translation.override("vi"):
        return str(NominationStatus(status).label)


def minimal_pdf(text: str = "Bao cao thanh tich") -> bytes:
    """A small, well-formed one-page PDF (correct xref offsets), built in memory."""
    stream = f"BT /F1 18 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("login"))
    form = page.get_by_test_id("login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name=vi("Log in")).click()
    page.wait_for_url(base_url + reverse("dashboard"))
    expect(page.get_by_test_id("whoami")).to_contain_text(username)
    navbar_colour = page.locator("nav.navbar").evaluate("e => getComputedStyle(e).backgroundColor")
    assert navbar_colour != "rgba(0, 0, 0, 0)", "Bootstrap CSS is not applied: static files are not served"


def log_out(page: Page, base_url: str) -> None:
    page.get_by_role("button", name=vi("Log out")).click()
    page.wait_for_url(base_url + reverse("login"))
    expect(page.get_by_test_id("login-form")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unit_proposes_individual_and_office_accepts(
    restore_migrated_rows,
    live_server,
    monkeypatch,
    conference,
    unit_a,
    giay_khen,
    movement,
    quotas,
    staff_a,
    office_user,
):
    base = live_server.url
    pdf = minimal_pdf()

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        page = new_page()
        # --- The unit's staff member proposes an individual.
        log_in(page, base, staff_a.username)
        page.get_by_role("link", name=vi("Propose an individual")).click()
        page.wait_for_url(base + reverse("nomination_create", args=["individual"]))
        form = page.get_by_test_id("nomination-form")
        form.locator("input[name=full_name]").fill(TYPED_NAME)
        form.locator("select[name=gender]").select_option("female")
        form.locator("input[name=birth_date]").fill("15/03/1985")
        form.locator("input[name=position]").fill(POSITION)
        form.locator("select[name=unit]").select_option(label=unit_a.name)
        form.locator("select[name=award_form]").select_option(label=giay_khen.name)
        form.get_by_role("checkbox", name=movement.name).check()
        form.locator("textarea[name=achievement_summary]").fill(SUMMARY)
        history = page.get_by_test_id("history-table")
        for field, value in HISTORY.items():
            history.locator(f"input[name=history-0-{field}]").fill(value)
        page.screenshot(path=ARTIFACTS / "browser-nomination-form.png", full_page=True)
        form.get_by_role("button", name=vi("Save")).click()

        page.wait_for_url(DETAIL_URL)
        public_id = DETAIL_URL.search(page.url)["public_id"]
        expect(page.get_by_test_id("nominee-name")).to_contain_text(NFC_NAME)
        expect(page.get_by_test_id("award-form")).to_have_text(giay_khen.name)
        expect(page.locator(".status-badge")).to_have_text(_status_label("draft"))
        expect(page.get_by_test_id("problems")).to_contain_text(vi("Attach the achievement report."))

        # --- Attach the achievement report, then submit to the Office.
        upload = page.get_by_test_id("upload-form")
        upload.locator("select[name=kind]").select_option(AttachmentKind.ACHIEVEMENT_REPORT.value)
        upload.locator("input[name=file]").set_input_files(
            files=[{"name": REPORT_NAME, "mimeType": "application/pdf", "buffer": pdf}]
        )
        upload.get_by_role("button", name=vi("Attach")).click()
        expect(page.get_by_test_id("attachments")).to_contain_text(REPORT_NAME)
        expect(page.get_by_test_id("problems")).to_have_count(0)

        page.get_by_test_id("transition-submitted").get_by_role("button", name=vi("Submit to the Office")).click()
        expect(page.locator(".status-badge")).to_have_text(_status_label("submitted"))
        expect(page.get_by_test_id("transition-submitted")).to_have_count(0)
        log_out(page, base)

        # --- The Office finds it in the review queue and accepts it.
        log_in(page, base, office_user.username)
        page.get_by_role("navigation").get_by_role("link", name=nav("Review queue")).click()
        page.wait_for_url(base + reverse("review_queue"))
        row = page.get_by_test_id("nomination-row").filter(has_text=NFC_NAME)
        expect(row).to_have_count(1)
        expect(row.locator(".status-badge")).to_have_text(_status_label("submitted"))
        row.get_by_role("button", name=vi("Accept"), exact=True).click()
        expect(page.get_by_role("alert").filter(has_text=_status_label("accepted"))).to_be_visible()
        expect(row).to_have_count(0)

        page.get_by_role("navigation").get_by_role("link", name=nav("Nominations")).click()
        page.wait_for_url(base + reverse("nomination_list"))
        page.get_by_test_id("nomination-table").get_by_role("link", name=NFC_NAME).click()
        page.wait_for_url(base + reverse("nomination_detail", args=[public_id]))
        expect(page.locator(".status-badge")).to_have_text(_status_label("accepted"))
        expect(page.get_by_test_id("history")).to_contain_text(_status_label("accepted"))
        page.screenshot(path=ARTIFACTS / "browser-nomination-accepted.png", full_page=True)
        assert problems == [], problems

    # --- What the database holds.
    nomination = Nomination.objects.select_related("nominee").get(public_id=public_id)
    assert nomination.status == "accepted"
    assert nomination.proposing_unit == unit_a
    assert nomination.award_form == giay_khen
    assert nomination.created_by == staff_a
    assert nomination.achievement_summary == SUMMARY
    assert list(nomination.movements.all()) == [movement]
    assert nomination.submitted_at is not None
    assert [(t.from_status, t.to_status, t.by.username) for t in moves(nomination)] == [
        ("", "draft", staff_a.username),
        ("draft", "submitted", staff_a.username),
        ("submitted", "accepted", office_user.username),
    ]
    nominee = nomination.nominee
    assert nominee.full_name == NFC_NAME
    assert unicodedata.is_normalized("NFC", nominee.full_name)
    assert (nominee.kind, nominee.gender, nominee.position) == ("individual", "female", POSITION)
    assert (nominee.birth_date, nominee.birth_year) == (datetime.date(1985, 3, 15), 1985)
    assert nominee.unit == unit_a
    assert [(c.year, c.title, c.decision_number, c.decision_date, c.issuer) for c in nominee.commendations.all()] == [
        (2023, HISTORY["title"], HISTORY["decision_number"], datetime.date(2023, 12, 20), HISTORY["issuer"])
    ]
    (attachment,) = nomination.attachments.all()
    assert (attachment.kind, attachment.original_name) == (AttachmentKind.ACHIEVEMENT_REPORT, REPORT_NAME)
    assert (attachment.extension, attachment.content_type, attachment.size) == (".pdf", "application/pdf", len(pdf))
    assert attachment.uploaded_by == staff_a
    with attachment.file.open("rb") as stored:
        assert stored.read() == pdf
