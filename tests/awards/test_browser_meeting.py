"""In a real browser: the secretary runs a whole council meeting from one page (issue 11).

Four seats with accounts: a chair, two members and the member-secretary (also Office staff, as the
Chánh Văn phòng Sở is). Two accepted individuals for the Giấy khen. In headless Debian Chromium
against pytest-django's live_server:

1. the secretary, on the meeting page, ticks who came and chooses the vote-counting board (one
   click to save), opens the meeting, opens every ballot and reads the counting passphrase;
2. three members, each in their own browser context, find the ballot on their home page and vote
   (two clicks): the chair agrees, one member abstains, one member recuses on a nominee;
3. the secretary watches who has voted (live), closes every ballot, the board's head types the
   passphrase, the tally shows the three counts, the secretary applies it and closes the meeting;
4. the minutes and the vote-count record (PDF, read back with pdftotext) show the three counts,
   the recusal and the board's names with their signature lines.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.enums import BallotStatus, CouncilRole, MeetingStatus
from awards.models import Ballot, BallotKey
from nominations.enums import Gender, NominationStatus
from reference.enums import NomineeKind
from tests import factories as f
from tests.awards.test_browser import site_log_in, success
from tests.awards_documents_support import pdftotext
from tests.browser_support import ARTIFACTS, chromium, vi

TIMEOUT_MS = 20_000
SEATS = [  # (username, full name, position, council role)
    ("hd-chutich", "Vũ Tuấn Anh", "Giám đốc Sở", CouncilRole.CHAIR),
    ("hd-uyvien1", "Đặng Quốc Khánh", "Trưởng phòng Kế hoạch - Tài chính", CouncilRole.MEMBER),
    ("hd-uyvien2", "Hoàng Thị Lan", "Trưởng phòng Quản lý khoa học", CouncilRole.MEMBER),
    ("hd-thuky", "Trần Thị Minh Thư", "Chánh Văn phòng Sở", CouncilRole.MEMBER_SECRETARY),
]
HUONG, BINH = "Nguyễn Thị Hường", "Đặng Văn Bình"


@pytest.fixture
def meeting_setup(conference, unit_a, unit_b, giay_khen):
    members = []
    for order, (username, name, position, role) in enumerate(SEATS, start=1):
        groups = ["council_member"]
        if role == CouncilRole.MEMBER_SECRETARY:
            groups += ["council_secretary", "office_staff"]
        user = f.UserFactory(username=username, is_staff=True, roles=groups)
        members.append(
            f.CouncilMemberFactory(
                conference=conference, user=user, full_name=name, position=position, role=role, order=order
            )
        )
    meeting = f.CouncilMeetingFactory(
        conference=conference,
        chair=members[0],
        secretary=members[-1],
        date=datetime.date(2025, 6, 20),
        start_time=datetime.time(14, 0),
    )
    for name, unit, gender in ((HUONG, unit_a, Gender.FEMALE), (BINH, unit_b, Gender.MALE)):
        nominee = f.NomineeFactory(full_name=name, kind=NomineeKind.INDIVIDUAL, gender=gender, unit=unit)
        f.NominationFactory(
            conference=conference,
            nominee=nominee,
            proposing_unit=unit,
            award_form=giay_khen,
            status=NominationStatus.ACCEPTED,
        )
    return {"meeting": meeting, "members": members}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_secretary_runs_a_meeting_on_one_page_and_the_records_show_three_counts(
    restore_migrated_rows, live_server, monkeypatch, meeting_setup
):
    base = live_server.url
    meeting, members = meeting_setup["meeting"], meeting_setup["members"]
    run_url = base + reverse("admin:awards_councilmeeting_run", args=[meeting.pk])
    clicks = 0

    def click(locator):
        nonlocal clicks
        clicks += 1
        locator.click()

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        # --- 1. Attendance and the board, open the meeting, open every ballot.
        secretary = new_page()
        site_log_in(secretary, base, "hd-thuky")
        secretary.goto(run_url)
        form = secretary.get_by_test_id("attendance-form")
        for member in members:
            form.get_by_test_id(f"present-{member.pk}").check()
        for name, member in zip(("board_head", "board_member_1", "board_member_2"), members[1:], strict=True):
            form.locator(f"select[name={name}]").select_option(value=str(member.pk))
        click(form.get_by_role("button", name=vi("Save attendance and board")))
        expect(success(secretary, vi("Attendance saved."))).to_be_visible()
        click(secretary.get_by_test_id("open-meeting").get_by_role("button"))
        expect(success(secretary, vi("The meeting is in session."))).to_be_visible()
        click(secretary.get_by_test_id("open-ballots").get_by_role("button"))
        passphrase = secretary.get_by_test_id("passphrase").inner_text().strip()
        assert len(passphrase) == 24
        secretary.screenshot(path=ARTIFACTS / "browser-meeting-passphrase.png", full_page=True)

        # --- 2. Three members vote, each in their own context: home page, then the form.
        plans = {
            "hd-chutich": {HUONG: vi("Agree"), BINH: vi("Agree")},
            "hd-uyvien1": {HUONG: vi("Abstain"), BINH: vi("Abstain")},
            "hd-uyvien2": {HUONG: vi("Agree"), BINH: vi("I do not vote: conflict of interest")},
        }
        member_clicks = []
        for username, plan in plans.items():
            page = new_page()
            site_log_in(page, base, username)
            page.get_by_test_id("vote-now").click()
            vote_form = page.get_by_test_id("vote-form")
            for row in (vote_form.get_by_test_id("nominee").nth(i) for i in range(2)):
                name = HUONG if HUONG in row.inner_text() else BINH
                row.get_by_role("radio", name=plan[name], exact=True).check()
            vote_form.get_by_role("button", name=vi("Submit the vote")).click()
            expect(page.get_by_test_id("vote-recorded")).to_be_visible()
            expect(page.get_by_test_id("tracking-code")).to_contain_text(vi("Tracking code"))
            member_clicks.append(2)  # "vote now" and "submit", besides choosing

        # --- 3. Who has voted (the table refreshes itself), close, count, tally, apply, close the meeting.
        voters = secretary.get_by_test_id("voter-row")
        expect(voters.filter(has_text="✓")).to_have_count(3, timeout=15_000)
        expect(voters.filter(has_text=SEATS[3][1])).not_to_contain_text("✓")
        click(secretary.get_by_test_id("close-ballots").get_by_role("button"))
        expect(success(secretary, vi("The ballots are closed."))).to_be_visible()
        count = secretary.get_by_test_id("count-form")
        count.locator("input[name=passphrase]").fill(passphrase.lower().replace("-", " "))
        click(count.get_by_role("button", name=vi("Count the votes")))
        expect(success(secretary, vi("The ballots are counted; their keys are destroyed."))).to_be_visible()
        rows = secretary.get_by_test_id("tally-row")
        # Nominee, agree, disagree, abstain, recused, % of all members, outcome.
        expect(rows.filter(has_text=BINH).locator("td")).to_have_text(
            [BINH, "1", "0", "1", "1", "25%", vi("Below the threshold")]
        )
        expect(rows.filter(has_text=HUONG).locator("td")).to_have_text(
            [HUONG, "2", "0", "1", "0", "50%", vi("Below the threshold")]
        )
        secretary.screenshot(path=ARTIFACTS / "browser-meeting-tally.png", full_page=True)
        click(secretary.get_by_test_id("apply").get_by_role("button"))
        expect(secretary.locator("ul.messagelist li.success")).to_have_count(1)
        close = secretary.get_by_test_id("close-meeting")
        close.locator("input[name=end_time]").fill("16:30")
        click(close.get_by_role("button"))
        expect(success(secretary, vi("The meeting is closed."))).to_be_visible()

        # --- 4. The records, as the secretary downloads them.
        minutes = secretary.request.get(base + reverse("meeting_minutes_pdf", args=[meeting.pk])).body()
        ballot_id = secretary.get_by_test_id("vote-count-pdf").first.get_attribute("href").split("/")[-2]
        record = secretary.request.get(base + reverse("ballot_count_pdf", args=[int(ballot_id)])).body()
        assert problems == [], problems

    assert clicks <= 10, clicks
    assert member_clicks == [2, 2, 2]
    minutes_text, record_text = pdftotext(minutes), pdftotext(record)
    for text in (minutes_text, record_text):
        assert f"1 Ông {BINH} 1 25% 0 0% 1 25%" in text
        assert f"2 Bà {HUONG} 2 50% 0 0% 1 25%" in text
        assert "Không đồng Không biểu ý quyết" in text
        assert f"Đ/c Hoàng Thị Lan không tham gia biểu quyết đối với Ông {BINH} (tự khai báo" in text
    assert (
        "Ban Kiểm phiếu: Đ/c Đặng Quốc Khánh, Trưởng phòng Kế hoạch - Tài chính, Ủy viên (Trưởng ban)" in minutes_text
    )
    assert "1. Đ/c Đặng Quốc Khánh, Trưởng phòng Kế hoạch - Tài chính, Trưởng ban;" in record_text
    assert "2. Đ/c Hoàng Thị Lan, Trưởng phòng Quản lý khoa học, Thành viên;" in record_text
    assert "3. Đ/c Trần Thị Minh Thư, Chánh Văn phòng Sở, Thành viên." in record_text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in record_text
    assert "Hoàng Thị Lan Trần Thị Minh Thư Đặng Quốc Khánh" in record_text  # names under the signature lines

    ballot = Ballot.objects.get(meeting=meeting)
    assert ballot.status == BallotStatus.APPLIED
    assert BallotKey.objects.get(ballot=ballot).seal == ""
    meeting.refresh_from_db()
    assert (meeting.status, meeting.end_time) == (MeetingStatus.CLOSED, datetime.time(16, 30))
