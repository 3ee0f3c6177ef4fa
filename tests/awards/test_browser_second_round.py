"""End to end in a real browser: the council's second round and the second Giấy khen decision (issue 9).

The first round is set up with services (tests/awards/test_browser.py runs it in the browser):
the meeting of 20/06/2025, its two ballots applied, decision 01/QĐ-SKHCN with register numbers
1–3. Then a late nomination is accepted and a second meeting of 10/07/2025, 09:00, is planned.
In headless Debian Chromium:

1. the secretary opens the second meeting (no end time offered: it is not happening now),
   creates its ballot (the late nominee alone) and opens it;
2. each member votes in the admin;
3. the secretary closes the ballot: its page says "Đã đóng — chưa áp dụng kết quả" with the
   tally's outcome, never "Chưa kiểm phiếu"; then closes the meeting, refused without an end time
   and with one before the start, then at 10:15;
4. the Office opens the same ballot page and applies the outcome with the button there;
5. the Office drafts and issues the second decision: 02/QĐ-SKHCN, register number 4, and the
   second meeting's minutes print 10:15.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, expect

from awards.enums import BallotStatus, DecisionStatus, MeetingStatus, VoteMethod
from awards.models import Ballot, Decision
from awards.services import council as council_services
from awards.services import tally as tally_services
from awards.services import voting
from awards.services.decisions import draft_decision, issue_decision
from nominations.enums import Gender, NominationStatus
from nominations.models import Nomination
from reference.enums import NomineeKind
from tests import factories as f
from tests.awards.test_browser import (  # noqa: F401 (council_setup is a fixture)
    DISAGREE,
    SEATS,
    SECRETARY,
    admin_log_in,
    council_setup,
    count_with,
    site_log_in,
    success,
)
from tests.awards_documents_support import pdftotext
from tests.browser_support import ARTIFACTS, chromium, nav, vi

TIMEOUT_MS = 20_000
DECISION_URL = re.compile(r"/awards/decisions/(?P<pk>\d+)/$")
LATE = "Hoàng Thị Bích Ngọc"
PENDING_STATE = (
    "Đã đóng — chưa áp dụng kết quả Kết quả dưới đây là kết quả kiểm phiếu: tỷ lệ tính trên tổng số thành viên "
    "Hội đồng, sau đó đến chỉ tiêu. Chưa có thay đổi nào cho đến khi áp dụng kết quả."
)


def _first_round(setup, conference, giay_khen, office_user) -> Decision:
    """The first meeting's ballots voted, closed and applied; decision 01/QĐ-SKHCN issued."""
    meeting, secretary = setup["meeting"], User.objects.get(username=SECRETARY)
    council_services.open_meeting(meeting, by=secretary)
    ballots = voting.create_ballots_for_meeting(meeting, method=VoteMethod.SECRET, by=secretary)
    for ballot in ballots:
        voting.open_ballot(ballot, by=secretary)
        items = list(ballot.items.select_related("nomination__nominee"))
        for member in meeting.conference.council_members.select_related("user"):
            refused = DISAGREE.get(member.user.username, set())
            choices = {i.pk: "disagree" if i.nomination.nominee.full_name in refused else "agree" for i in items}
            voting.cast_secret_vote(ballot, member, choices, by=member.user)
        voting.close_ballot(ballot, by=secretary)
        voting.count_ballot(ballot, passphrase=ballot.passphrase, by=secretary)
    for ballot in ballots:
        tally_services.apply_tally(ballot, by=office_user)
    council_services.close_meeting(meeting, by=secretary, end_time=datetime.time(16, 30))
    draft = draft_decision(conference, giay_khen, by=office_user)
    return issue_decision(draft, date=datetime.date(2025, 6, 25), signer=setup["signer"], by=office_user)


@pytest.fixture
def second_round(council_setup, conference, unit_b, giay_khen, office_user):  # noqa: F811
    first = _first_round(council_setup, conference, giay_khen, office_user)
    first_meeting = council_setup["meeting"]
    late = f.NominationFactory(
        conference=conference,
        nominee=f.NomineeFactory(
            full_name=LATE, kind=NomineeKind.INDIVIDUAL, gender=Gender.FEMALE, position="Kế toán", unit=unit_b
        ),
        proposing_unit=unit_b,
        award_form=giay_khen,
        status=NominationStatus.ACCEPTED,
        achievement_summary="Giải ngân đúng hạn 41 hợp đồng tài trợ của Quỹ.",
    )
    meeting = f.CouncilMeetingFactory(
        conference=conference,
        purpose="Xét đề nghị khen thưởng bổ sung",
        chair=first_meeting.chair,
        secretary=first_meeting.secretary,
        date=datetime.date(2025, 7, 10),
        start_time=datetime.time(9, 0),
    )
    secretary = User.objects.get(username=SECRETARY)
    for member in conference.council_members.all():
        council_services.record_attendance(meeting, member, present=True, by=secretary)
    return {"first": first, "late": late, "meeting": meeting, "signer": council_setup["signer"]}


def _vote_agree(page: Page, base: str) -> None:
    page.goto(base + reverse("admin:awards_ballot_changelist"))
    waiting = page.get_by_test_id("open-for-you").get_by_role("link")
    expect(waiting).to_have_count(1)
    waiting.click()
    form = page.get_by_test_id("vote-form")
    expect(form.get_by_test_id("nominee")).to_have_count(1)
    expect(form.get_by_test_id("nominee")).to_contain_text(LATE)
    form.get_by_role("radio", name=vi("Agree"), exact=True).check()
    form.get_by_role("button", name=vi("Submit the vote")).click()
    expect(page.get_by_test_id("vote-recorded")).to_be_visible()


def _outcomes(page: Page) -> list[str]:
    return page.locator("td.field-result_outcome").all_inner_texts()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_secretary_runs_a_second_meeting_and_the_office_issues_the_second_decision(
    restore_migrated_rows, live_server, monkeypatch, second_round, giay_khen, office_user
):
    base = live_server.url
    meeting, signer = second_round["meeting"], second_round["signer"]
    meeting_url = base + reverse("admin:awards_councilmeeting_change", args=[meeting.pk])

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        # --- 1. The secretary opens the second meeting, creates its ballot and opens it.
        secretary = new_page()
        admin_log_in(secretary, base, SECRETARY)
        secretary.goto(meeting_url)
        secretary.get_by_test_id("open-meeting").get_by_role("button", name=vi("Open the meeting")).click()
        expect(success(secretary, vi("The meeting is in session."))).to_be_visible()
        end_time = secretary.get_by_test_id("close-meeting").locator("input[name=end_time]")
        expect(end_time).to_have_value("")  # a meeting of 10/07/2025 is not happening now: no clock
        secretary.get_by_test_id("create-ballots").get_by_role("button", name=vi("Create the ballots")).click()
        expect(secretary.locator("ul.messagelist li.success")).to_have_text(
            "Đã tạo các lượt bỏ phiếu: Giấy khen của Giám đốc Sở – Cá nhân (10/07/2025)."
        )
        ballot_url = base + reverse("admin:awards_ballot_change", args=[Ballot.objects.get(meeting=meeting).pk])
        secretary.goto(ballot_url)
        secretary.get_by_test_id("open-ballot").get_by_role("button").click()
        expect(success(secretary, vi("The ballot is open."))).to_be_visible()
        passphrase = secretary.get_by_test_id("passphrase").inner_text()  # shown once, for the board's head
        secretary.goto(ballot_url)
        expect(secretary.get_by_test_id("results-hidden")).to_have_text(
            "Kết quả chỉ hiển thị sau khi kết thúc bỏ phiếu."
        )

        # --- 2. Each member votes; the secretary in her own seat.
        for username, *_ in SEATS:
            page = secretary if username == SECRETARY else new_page()
            if page is not secretary:
                admin_log_in(page, base, username)
            _vote_agree(page, base)

        # --- 3. The secretary closes the ballot, the board counts it: its tally, not yet applied.
        secretary.goto(ballot_url)
        secretary.get_by_test_id("close-ballot").get_by_role("button").click()
        expect(success(secretary, vi("The ballot is closed."))).to_be_visible()
        expect(secretary.get_by_test_id("awaiting-count")).to_be_visible()
        count_with(secretary, base, meeting.pk, [passphrase])
        secretary.goto(ballot_url)
        expect(secretary.get_by_test_id("result-state")).to_have_text(
            PENDING_STATE + " Văn phòng Sở áp dụng kết quả bằng nút trên trang này.", use_inner_text=True
        )
        assert _outcomes(secretary) == ["Được thông qua"]
        expect(secretary.get_by_text("Chưa kiểm phiếu")).to_have_count(0)
        expect(secretary.get_by_test_id("apply-ballot")).to_have_count(0)
        secretary.screenshot(path=ARTIFACTS / "browser-second-round-closed.png", full_page=True)

        # ... and closes the meeting at the time she enters, not the clock's.
        secretary.goto(meeting_url)
        close = secretary.get_by_test_id("close-meeting")
        close.get_by_role("button", name=vi("Close the meeting")).click()
        expect(secretary.locator("ul.messagelist li.error")).to_have_text("Nhập giờ kết thúc phiên họp.")
        secretary.get_by_test_id("close-meeting").locator("input[name=end_time]").fill("08:30")
        secretary.get_by_test_id("close-meeting").get_by_role("button", name=vi("Close the meeting")).click()
        expect(secretary.locator("ul.messagelist li.error")).to_have_text(
            "Giờ kết thúc (08:30) phải sau giờ bắt đầu (09:00)."
        )
        secretary.get_by_test_id("close-meeting").locator("input[name=end_time]").fill("10:15")
        secretary.get_by_test_id("close-meeting").get_by_role("button", name=vi("Close the meeting")).click()
        expect(success(secretary, vi("The meeting is closed."))).to_be_visible()

        # --- 4. The Office applies the outcome on the ballot's page.
        office = new_page()
        admin_log_in(office, base, office_user.username)
        office.goto(ballot_url)
        expect(office.get_by_test_id("result-state")).to_have_text(PENDING_STATE, use_inner_text=True)
        office.get_by_test_id("apply-ballot").get_by_role("button", name=vi("Apply the outcome")).click()
        expect(office.locator("ul.messagelist li.success")).to_have_text(
            "Đã áp dụng kết quả của Hội đồng: 1/1 trường hợp được thông qua."
        )
        expect(office.get_by_test_id("result-state")).to_have_text("Đã đóng — đã áp dụng kết quả")
        assert _outcomes(office) == ["Được thông qua"]
        expect(office.get_by_test_id("apply-ballot")).to_have_count(0)

        # --- 5. The Office drafts and issues the second decision: the register runs on.
        office.goto(base + reverse("dashboard"))
        office.get_by_role("navigation").get_by_role("link", name=nav("Decisions")).click()
        office.wait_for_url(base + reverse("decision_list"))
        draft = office.get_by_test_id("draft-form")
        draft.locator("select[name=award_form]").select_option(label=f"{giay_khen.name} (1)")
        draft.get_by_role("button", name=vi("Draft from the approved")).click()
        office.wait_for_url(DECISION_URL)
        decision_id = int(DECISION_URL.search(office.url)["pk"])
        issue = office.get_by_test_id("issue-form")
        issue.locator("input[name=date]").fill("11/07/2025")
        issue.locator("select[name=signer]").select_option(value=str(signer.pk))
        issue.get_by_role("button", name=vi("Number and issue")).click()
        expect(office.get_by_test_id("decision-heading")).to_contain_text("02/QĐ-SKHCN")
        entries = office.get_by_test_id("entry")
        expect(entries).to_have_count(1)
        expect(entries.first.locator("td").nth(0)).to_have_text("4")
        expect(entries.first.locator("td").nth(1)).to_have_text(f"Bà {LATE}")
        office.screenshot(path=ARTIFACTS / "browser-second-round-decision.png", full_page=True)

        minutes = office.request.get(base + reverse("meeting_minutes_pdf", args=[meeting.pk]))
        assert minutes.status == 200
        minutes_text = pdftotext(minutes.body())
        assert problems == [], problems

    assert "Cuộc họp kết thúc vào 10 giờ 15, ngày 10 tháng 7 năm 2025." in minutes_text
    decision = Decision.objects.get(pk=decision_id)
    assert (decision.number_label, decision.date, decision.status) == (
        "02/QĐ-SKHCN",
        datetime.date(2025, 7, 11),
        DecisionStatus.ISSUED,
    )
    assert list(decision.entries.values_list("register_number", "recipient")) == [(4, f"Bà {LATE}")]
    first = second_round["first"]
    assert list(first.entries.order_by("register_number").values_list("register_number", flat=True)) == [1, 2, 3]
    assert Nomination.objects.get(pk=second_round["late"].pk).status == NominationStatus.AWARDED
    meeting.refresh_from_db()
    assert (meeting.status, meeting.end_time) == (MeetingStatus.CLOSED, datetime.time(10, 15))
    assert Ballot.objects.get(meeting=meeting).status == BallotStatus.APPLIED
