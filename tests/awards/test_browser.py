"""End to end in a real browser: the council votes in the admin, the Office prints the certificates.

A council of three with accounts (a chair, a member, a member-secretary) and four accepted
nominations for the Giấy khen (a collective and three individuals) are set up with factories and
services. Then, in headless Debian Chromium driven by Playwright against pytest-django's
live_server:

1. the secretary opens the meeting, creates the ballots and opens them in the admin;
2. each member logs in to the admin and votes on both ballots (radio buttons, submit);
3. the secretary closes the ballots and the vote-counting board counts them with the passphrases;
4. the Office applies the outcome on /awards/results/, drafts and issues the Director's decision on
   the decisions pages and downloads the certificates PDF;
5. the PDF holds one page per awardee with each name and "Số sổ vàng" number; the database says
   awarded, not approved, and logged the prints.

Screenshots of the voting page, the results page and the decision page go to test-artifacts/.
Run only browser tests with ``pytest -m browser``; leave them out with ``-m "not browser"``.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from awards.enums import BallotStatus, CouncilRole, DecisionStatus, MeetingStatus
from awards.models import Ballot, CertificatePrint, Decision, VoteReceipt
from awards.services.council import record_attendance
from nominations.eligibility import load_default_rules
from nominations.enums import Gender, NominationStatus
from nominations.models import Nomination
from reference.enums import NomineeKind
from tests import factories as f
from tests.awards_documents_support import pdftotext
from tests.browser_support import ARTIFACTS, PASSWORD, chromium, nav, vi

TIMEOUT_MS = 20_000
DECISION_URL = re.compile(r"/awards/decisions/(?P<pk>\d+)/$")
DEPARTMENT = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"

# (username, full name, position, council role)
SEATS = [
    ("hd-chutich", "Vũ Tuấn Anh", "Giám đốc Sở", CouncilRole.CHAIR),
    ("hd-uyvien", "Đặng Quốc Khánh", "Trưởng phòng Kế hoạch - Tài chính", CouncilRole.MEMBER),
    ("hd-thuky", "Trần Thị Minh Thư", "Chánh Văn phòng Sở", CouncilRole.MEMBER_SECRETARY),
]
SECRETARY = "hd-thuky"
COLLECTIVE = "Phòng Kế hoạch - Tài chính"
AWARDEES = ["Nguyễn Thị Hường", "Đặng Văn Bình"]  # individuals who pass
REFUSED = "Lê Văn Cường"  # only the chair agrees: 1 of 3 members is not more than half
# Who disagrees with whom; every other choice is "agree".
DISAGREE = {"hd-uyvien": {REFUSED}, "hd-thuky": {REFUSED}}
ISSUE_DATE = "25/06/2025"


def _label(choices, value) -> str:
    with translation.override("vi"):
        return str(choices(value).label)


def admin_log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("admin:login") + "?next=" + reverse("admin:index"))
    form = page.locator("#login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name=vi("Log in")).click()
    page.wait_for_url(base + reverse("admin:index"))


def site_log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("login"))
    form = page.get_by_test_id("login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name=vi("Log in")).click()
    page.wait_for_url(base + reverse("dashboard"))
    expect(page.get_by_test_id("whoami")).to_contain_text(username)


def success(page: Page, text: str):
    """Django admin's success message."""
    return page.locator("ul.messagelist li.success").filter(has_text=text)


def vote_on_every_open_ballot(page: Page, base: str, username: str, *, screenshot: Path | None = None) -> int:
    """From the ballot list, vote on each ballot waiting for this member; returns how many."""
    changelist = base + reverse("admin:awards_ballot_changelist")
    page.goto(changelist)
    waiting = page.get_by_test_id("open-for-you").get_by_role("link")
    expect(waiting).to_have_count(2)
    voted = 0
    while page.get_by_test_id("open-for-you").count():
        page.get_by_test_id("open-for-you").get_by_role("link").first.click()
        form = page.get_by_test_id("vote-form")
        expect(form).to_be_visible()
        rows = form.get_by_test_id("nominee")
        for index in range(rows.count()):
            row = rows.nth(index)
            name = row.locator("strong").first.inner_text()
            refused = any(person in name for person in DISAGREE.get(username, ()))
            choice = vi("Disagree") if refused else vi("Agree")
            row.get_by_role("radio", name=choice, exact=True).check()
        if screenshot is not None and voted == 1:
            page.screenshot(path=screenshot, full_page=True)
        form.get_by_role("button", name=vi("Submit the vote")).click()
        expect(page.get_by_test_id("vote-recorded")).to_be_visible()
        expect(page.get_by_test_id("vote-form")).to_have_count(0)
        voted += 1
        page.goto(changelist)
    return voted


def for_each_ballot(page: Page, base: str, meeting_id: int, button_testid: str, message: str) -> list[str]:
    """On every ballot of the meeting, press the secretary's button (open or close).

    Returns the counting passphrases shown once when a secret ballot opens (docs/council-voting.md).
    """
    passphrases = []
    changelist = base + reverse("admin:awards_ballot_changelist") + f"?meeting__id__exact={meeting_id}"
    page.goto(changelist)
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    for index in range(2):
        page.goto(changelist)
        page.locator("#result_list tbody tr").nth(index).get_by_role("link").first.click()
        page.get_by_test_id(button_testid).get_by_role("button").click()
        expect(success(page, message)).to_be_visible()
        if page.get_by_test_id("passphrase").count():
            passphrases.append(page.get_by_test_id("passphrase").inner_text())
    return passphrases


def count_with(page: Page, base: str, meeting_id: int, passphrases: list[str]) -> None:
    """On the meeting page, the head of the vote-counting board enters each passphrase."""
    page.goto(base + reverse("admin:awards_councilmeeting_run", args=[meeting_id]))
    for passphrase in passphrases:
        form = page.get_by_test_id("count-form")
        form.locator("input[name=passphrase]").fill(passphrase)
        form.get_by_role("button", name=vi("Count the votes")).click()
        expect(success(page, vi("The ballots are counted; their keys are destroyed."))).to_be_visible()


@pytest.fixture
def council_setup(conference, unit_a, unit_b, giay_khen, quotas, office_user):
    """Three seats with accounts, a planned meeting with everyone present, four accepted nominations."""
    members = []
    for order, (username, name, position, role) in enumerate(SEATS, start=1):
        groups = ["council_member", "council_secretary"] if role == CouncilRole.MEMBER_SECRETARY else ["council_member"]
        user = f.UserFactory(username=username, is_staff=True, roles=groups)
        members.append(
            f.CouncilMemberFactory(
                conference=conference, user=user, full_name=name, position=position, role=role, order=order
            )
        )
    chair, secretary = members[0], members[-1]
    meeting = f.CouncilMeetingFactory(
        conference=conference,
        chair=chair,
        secretary=secretary,
        date=datetime.date(2025, 6, 20),
        start_time=datetime.time(14, 0),
    )
    for member in members:
        record_attendance(meeting, member, present=True, by=secretary.user)

    def accepted(name, unit, *, kind=NomineeKind.INDIVIDUAL, gender=Gender.MALE, position="Chuyên viên"):
        individual = kind == NomineeKind.INDIVIDUAL
        nominee = f.NomineeFactory(
            full_name=name,
            kind=kind,
            gender=gender if individual else "",
            position=position if individual else "",
            unit=unit if individual else None,
            parent_body="" if individual else DEPARTMENT,
        )
        return f.NominationFactory(
            conference=conference,
            nominee=nominee,
            proposing_unit=unit,
            award_form=giay_khen,
            status=NominationStatus.ACCEPTED,
            achievement_summary=f"Hoàn thành xuất sắc nhiệm vụ năm 2024 ({name}).",
        )

    nominations = [
        accepted(COLLECTIVE, unit_a, kind=NomineeKind.COLLECTIVE),
        accepted(AWARDEES[0], unit_a, gender=Gender.FEMALE, position="Phó Trưởng phòng"),
        accepted(AWARDEES[1], unit_b),
        accepted(REFUSED, unit_b),
    ]
    # What a decision needs: money rules, a signer, the legal bases in force, the eligibility rules.
    f.BaseSalaryFactory(amount=2_340_000, effective_from=datetime.date(2024, 7, 1))
    for kind, multiple in ((NomineeKind.INDIVIDUAL, "0.3"), (NomineeKind.COLLECTIVE, "0.6")):
        f.RewardRuleFactory(award_form=giay_khen, kind=kind, multiple=Decimal(multiple))
    signer = f.SignerFactory(organisation=conference.organisation, full_name="Vũ Tuấn Anh", position="GIÁM ĐỐC")
    f.LegalBasisFactory(
        text="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", effective_from=datetime.date(2024, 1, 1)
    )
    load_default_rules()
    return {"meeting": meeting, "nominations": nominations, "signer": signer}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_council_votes_in_the_admin_and_the_office_prints_the_certificates(
    restore_migrated_rows, live_server, monkeypatch, council_setup, giay_khen, office_user
):
    base = live_server.url
    meeting = council_setup["meeting"]
    signer = council_setup["signer"]
    pdf_path = ARTIFACTS / "browser-awards-certificates.pdf"
    pdf_path.unlink(missing_ok=True)

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        # --- 1. The secretary opens the meeting, creates the ballots and opens them.
        secretary = new_page()
        admin_log_in(secretary, base, SECRETARY)
        secretary.goto(base + reverse("admin:awards_councilmeeting_change", args=[meeting.pk]))
        secretary.get_by_test_id("open-meeting").get_by_role("button", name=vi("Open the meeting")).click()
        expect(success(secretary, vi("The meeting is in session."))).to_be_visible()
        secretary.get_by_test_id("create-ballots").get_by_role("button", name=vi("Create the ballots")).click()
        expect(secretary.locator("ul.messagelist li.success")).to_have_count(1)
        passphrases = for_each_ballot(secretary, base, meeting.pk, "open-ballot", vi("The ballot is open."))
        assert len(passphrases) == 2

        # --- 2. Each member votes in the admin, on both ballots; the secretary votes in her own seat.
        for username, *_ in SEATS:
            page = secretary if username == SECRETARY else new_page()
            if page is not secretary:
                admin_log_in(page, base, username)
            shot = ARTIFACTS / "browser-awards-vote.png" if username == SEATS[0][0] else None
            assert vote_on_every_open_ballot(page, base, username, screenshot=shot) == 2

        # --- 3. The secretary closes both ballots; the board counts them with their passphrases.
        for_each_ballot(secretary, base, meeting.pk, "close-ballot", vi("The ballot is closed."))
        count_with(secretary, base, meeting.pk, passphrases)

        # --- 4. The Office applies the outcome, drafts and issues the decision, downloads the certificates.
        office = new_page()
        site_log_in(office, base, office_user.username)
        office.get_by_role("navigation").get_by_role("link", name=nav("Council results")).click()
        office.wait_for_url(base + reverse("council_results"))
        for remaining in (1, 0):
            office.get_by_test_id("apply-form").first.get_by_role("button", name=vi("Apply the outcome")).click()
            expect(office.get_by_test_id("apply-form")).to_have_count(remaining)
            expect(office.locator(".alert-success")).to_have_count(1)
            expect(office.locator(".alert-danger")).to_have_count(0)
        items = office.get_by_test_id("item")
        expect(items).to_have_count(4)
        expect(items.filter(has_text=REFUSED)).to_contain_text(vi("Below the threshold"))
        expect(items.filter(has_text=REFUSED)).to_contain_text("33,33%")
        for name in [COLLECTIVE, *AWARDEES]:
            expect(items.filter(has_text=name)).to_contain_text(vi("Approved"))
        office.screenshot(path=ARTIFACTS / "browser-awards-results.png", full_page=True)

        office.get_by_role("navigation").get_by_role("link", name=nav("Decisions")).click()
        office.wait_for_url(base + reverse("decision_list"))
        draft = office.get_by_test_id("draft-form")
        draft.locator("select[name=award_form]").select_option(label=f"{giay_khen.name} (3)")
        draft.get_by_role("button", name=vi("Draft from the approved")).click()
        office.wait_for_url(DECISION_URL)
        decision_id = int(DECISION_URL.search(office.url)["pk"])
        expect(office.get_by_test_id("entry")).to_have_count(3)
        issue = office.get_by_test_id("issue-form")
        issue.locator("input[name=date]").fill(ISSUE_DATE)
        issue.locator("select[name=signer]").select_option(value=str(signer.pk))
        issue.get_by_role("button", name=vi("Number and issue")).click()
        expect(office.get_by_test_id("decision-status")).to_have_text(_label(DecisionStatus, DecisionStatus.ISSUED))
        expect(office.get_by_test_id("decision-heading")).to_contain_text("01/QĐ-SKHCN")
        expect(office.get_by_test_id("total")).to_contain_text("2.830.000")  # 1,410,000 + 2 × 710,000
        office.screenshot(path=ARTIFACTS / "browser-awards-decision.png", full_page=True)

        office.get_by_test_id("link-certificates-full").click()  # a background job, then its page
        office.wait_for_url(re.compile(r"/jobs/\d+/$"))
        expect(office.get_by_test_id("job-status")).to_have_text(vi("Done"))
        with office.expect_download() as download_info:
            office.get_by_test_id("job-download").click()
        download = download_info.value
        download.save_as(pdf_path)
        assert download.suggested_filename.endswith(".pdf")
        assert problems == [], problems

    # --- 5. The certificates: one page per awardee, each with its name and register number.
    reader = PdfReader(pdf_path)
    assert len(reader.pages) == 3
    content = pdf_path.read_bytes()
    pages = [pdftotext(content, number) for number in range(1, 4)]
    decision = Decision.objects.get(pk=decision_id)
    entries = list(decision.entries.order_by("register_number"))
    assert [e.register_number for e in entries] == [1, 2, 3]
    assert entries[0].recipient == COLLECTIVE  # collectives first, then individuals in name order
    for entry, page_text, pypdf_text in zip(entries, pages, reader.pages, strict=True):
        assert entry.nomination.nominee.full_name in page_text
        assert f"Số sổ vàng: {entry.register_number}" in page_text
        assert entry.nomination.nominee.full_name in pypdf_text.extract_text()
    assert REFUSED not in pdftotext(content)

    # --- What the database holds.
    assert decision.status == DecisionStatus.ISSUED
    assert (decision.number_label, decision.date) == ("01/QĐ-SKHCN", datetime.date(2025, 6, 25))
    statuses = dict(Nomination.objects.values_list("nominee__full_name", "status"))
    assert statuses == {
        COLLECTIVE: NominationStatus.AWARDED,
        AWARDEES[0]: NominationStatus.AWARDED,
        AWARDEES[1]: NominationStatus.AWARDED,
        REFUSED: NominationStatus.NOT_APPROVED,
    }
    prints = CertificatePrint.objects.filter(entry__decision=decision)
    assert prints.count() == 3
    assert set(prints.values_list("printed_by__username", "in_batch", "reprint_number")) == {
        (office_user.username, True, 1)
    }
    assert VoteReceipt.objects.count() == 6
    assert VoteReceipt.objects.filter(written_opinion=False).count() == 6
    assert set(Ballot.objects.values_list("status", flat=True)) == {BallotStatus.APPLIED}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN
