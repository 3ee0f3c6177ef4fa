"""A second round of the council: two meetings, the ballot page from close to apply, the meeting's end.

Issue 9, items 6–8, reproduced the way they were found:
- a nominee on ballots in two meetings: the second ballot could never be applied;
- a closed ballot showed its counts beside "KẾT QUẢ: Chưa kiểm phiếu" until the Office applied it elsewhere;
- "Kết thúc phiên họp" stamped the clock, so a 14:00 meeting ended at 08:15 the next morning.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from awards.enums import BallotStatus, MeetingStatus, VoteMethod
from awards.models import Ballot, BallotItem
from awards.services import council as council_services
from awards.services import tally as tally_services
from awards.services import voting
from awards.services.council import CouncilError
from nominations.enums import NominationStatus
from reference.enums import NomineeKind
from tests import factories as f

I = NomineeKind.INDIVIDUAL  # noqa: E741


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _messages(response) -> list[tuple[str, str]]:
    found = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    response.client.cookies.pop("messages", None)
    return found


def _url(name: str, *args) -> str:
    return reverse(f"admin:awards_{name}", args=args)


def _accepted(conference, unit, form, name):
    nominee = f.NomineeFactory(full_name=name, gender="male", kind=I, unit=unit, position="Chuyên viên")
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit,
        award_form=form,
        status=NominationStatus.ACCEPTED,
        achievement_summary=f"Thành tích của {name}.",
    )


def _in_session(meeting, council, secretary):
    for member in council.members:
        council_services.record_attendance(meeting, member, present=True, by=secretary)
    council_services.open_meeting(meeting, by=secretary)


def _second_meeting(conference, council):
    return f.CouncilMeetingFactory(
        conference=conference,
        chair=council.chair,
        secretary=council.secretary,
        date=datetime.date(2025, 7, 10),
        start_time=datetime.time(9, 0),
    )


@pytest.fixture
def secretary(council):
    return council.secretary.user


# --- 6. one nominee, two meetings ------------------------------------------------------------------


def test_a_nominee_on_a_ballot_of_one_meeting_is_refused_on_a_ballot_of_another(
    conference, council, meeting, secretary, unit_a, giay_khen
):
    """Found: meeting 1 made a ballot, meeting 2 made another with the same nominee; the second never applied."""
    _accepted(conference, unit_a, giay_khen, "Nguyễn Văn An")
    _in_session(meeting, council, secretary)
    voting.create_ballot(meeting, award_form=giay_khen, kind=I, method=VoteMethod.SECRET, by=secretary)
    second_meeting = _second_meeting(conference, council)
    _in_session(second_meeting, council, secretary)

    client = _client(secretary)
    response = client.post(_url("councilmeeting_create_ballots", second_meeting.pk), {"method": VoteMethod.SECRET})

    assert _messages(response) == [
        (
            "error",
            "Ông Nguyễn Văn An đã có trong lượt bỏ phiếu “Giấy khen của Giám đốc Sở – Cá nhân (20/06/2025)” "
            "chưa áp dụng kết quả; hãy áp dụng kết quả hoặc xóa lượt bỏ phiếu đó trước.",
        )
    ]
    assert list(Ballot.objects.values_list("meeting_id", flat=True)) == [meeting.pk]
    with pytest.raises(CouncilError):
        voting.create_ballot(second_meeting, award_form=giay_khen, kind=I, method=VoteMethod.SECRET, by=secretary)
    assert Ballot.objects.count() == 1 and BallotItem.objects.count() == 1


def test_the_meeting_ballots_are_made_all_or_none(conference, council, meeting, secretary, unit_a, giay_khen):
    """Individuals pending on meeting 1's ballot, a new collective: meeting 2 gets no ballot at all."""
    _accepted(conference, unit_a, giay_khen, "Nguyễn Văn An")
    _in_session(meeting, council, secretary)
    voting.create_ballot(meeting, award_form=giay_khen, kind=I, method=VoteMethod.SECRET, by=secretary)
    f.NominationFactory(
        conference=conference,
        nominee=f.NomineeFactory(full_name="Phòng Quản lý khoa học", kind=NomineeKind.COLLECTIVE, unit=unit_a),
        proposing_unit=unit_a,
        award_form=giay_khen,
        status=NominationStatus.ACCEPTED,
    )
    second_meeting = _second_meeting(conference, council)
    _in_session(second_meeting, council, secretary)
    with pytest.raises(CouncilError):
        voting.create_ballots_for_meeting(second_meeting, method=VoteMethod.SECRET, by=secretary)
    assert not Ballot.objects.filter(meeting=second_meeting).exists()


def test_after_the_first_ballot_is_applied_a_late_nominee_gets_the_second_meeting_ballot(
    conference, council, meeting, secretary, unit_a, giay_khen, office_user
):
    """The second round: the first ballot applied, a late nomination accepted, a ballot of its own."""
    first_nomination = _accepted(conference, unit_a, giay_khen, "Nguyễn Văn An")
    _in_session(meeting, council, secretary)
    first = voting.create_ballot(meeting, award_form=giay_khen, kind=I, method=VoteMethod.SECRET, by=secretary)
    voting.open_ballot(first, by=secretary)
    for member in council.members:
        voting.cast_secret_vote(first, member, {first.items.get().pk: "agree"}, by=member.user)
    voting.close_ballot(first, by=secretary)
    voting.count_ballot(first, passphrase=first.passphrase, by=secretary)
    tally_services.apply_tally(first, by=office_user)

    late = _accepted(conference, unit_a, giay_khen, "Trần Văn Bình")
    second_meeting = _second_meeting(conference, council)
    _in_session(second_meeting, council, secretary)
    (second,) = voting.create_ballots_for_meeting(second_meeting, method=VoteMethod.SECRET, by=secretary)
    voting.open_ballot(second, by=secretary)
    for member in council.members:
        voting.cast_secret_vote(second, member, {second.items.get().pk: "agree"}, by=member.user)
    voting.close_ballot(second, by=secretary)
    voting.count_ballot(second, passphrase=second.passphrase, by=secretary)
    tally_services.apply_tally(second, by=office_user)

    assert [item.nomination for item in second.items.all()] == [late]
    first_nomination.refresh_from_db()
    late.refresh_from_db()
    assert (first_nomination.status, late.status) == (NominationStatus.APPROVED, NominationStatus.APPROVED)
    assert set(Ballot.objects.values_list("status", flat=True)) == {BallotStatus.APPLIED}


# --- 8. the meeting's end time -----------------------------------------------------------------------


def _end_time_input(page) -> str:
    html = page.content.decode()
    start = html.index('name="end_time"', html.index('data-testid="close-meeting"'))
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    return tag.split('value="')[1].split('"')[0] if 'value="' in tag else ""


def test_a_past_meeting_ends_at_the_time_entered_and_the_minutes_print_it(
    conference, council, secretary, unit_a, giay_khen
):
    """Found: minutes of a 14:00 meeting typed the next morning ended at 08:15, the clock's time."""
    from tests.awards_documents_support import pdftotext

    meeting = f.CouncilMeetingFactory(
        conference=conference,
        chair=council.chair,
        secretary=council.secretary,
        date=datetime.date(2025, 6, 20),
        start_time=datetime.time(14, 0),
    )
    _in_session(meeting, council, secretary)
    client = _client(secretary)
    page = client.get(_url("councilmeeting_change", meeting.pk))
    assert _end_time_input(page) == ""  # no clock offered: the meeting is not happening now

    url = _url("councilmeeting_close", meeting.pk)
    assert _messages(client.post(url, {"end_time": ""})) == [("error", "Nhập giờ kết thúc phiên họp.")]
    assert _messages(client.post(url, {"end_time": "13:00"})) == [
        ("error", "Giờ kết thúc (13:00) phải sau giờ bắt đầu (14:00).")
    ]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.end_time) == (MeetingStatus.OPEN, None)

    assert _messages(client.post(url, {"end_time": "16:30"})) == [("success", "Phiên họp đã kết thúc.")]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.end_time) == (MeetingStatus.CLOSED, datetime.time(16, 30))
    minutes = client.get(reverse("meeting_minutes_pdf", args=[meeting.pk]))
    text = pdftotext(minutes.content)
    assert "Cuộc họp kết thúc vào 16 giờ 30, ngày 20 tháng 6 năm 2025." in text
    assert "08 giờ 15" not in text


def test_the_clock_is_offered_only_while_the_meeting_is_happening(conference, council, secretary, monkeypatch):
    now = datetime.datetime(2025, 7, 10, 10, 15, tzinfo=datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    local = now.astimezone(datetime.timezone(datetime.timedelta(hours=7)))  # Asia/Ho_Chi_Minh: 17:15
    today = f.CouncilMeetingFactory(
        conference=conference, date=local.date(), start_time=datetime.time(14, 0), purpose="Họp hôm nay"
    )
    later = f.CouncilMeetingFactory(
        conference=conference, date=local.date(), start_time=datetime.time(18, 0), purpose="Họp buổi tối"
    )
    for meeting in (today, later):
        _in_session(meeting, council, secretary)
    client = _client(secretary)
    assert _end_time_input(client.get(_url("councilmeeting_change", today.pk))) == "17:15"
    assert _end_time_input(client.get(_url("councilmeeting_change", later.pk))) == ""

    # The list action "close now" closes only the meeting happening now.
    response = client.post(
        _url("councilmeeting_changelist"), {"action": "close_meetings", "_selected_action": [today.pk, later.pk]}
    )
    assert sorted(_messages(response)) == [
        ("error", f"{later}: không diễn ra vào lúc này; hãy nhập giờ kết thúc trên trang của phiên họp."),
        ("success", f"{today}: đã kết thúc."),
    ]
    today.refresh_from_db()
    later.refresh_from_db()
    assert (today.status, today.end_time) == (MeetingStatus.CLOSED, datetime.time(17, 15))
    assert (later.status, later.end_time) == (MeetingStatus.OPEN, None)


def test_the_meeting_form_refuses_an_end_before_the_start(conference, council, secretary):
    meeting = f.CouncilMeetingFactory(conference=conference, start_time=datetime.time(14, 0))
    page = _client(secretary).post(
        _url("councilmeeting_change", meeting.pk),
        {
            "purpose": meeting.purpose,
            "date": "20/06/2025",
            "start_time": "14:00",
            "end_time": "08:15",
            "place": meeting.place,
            "attendance-TOTAL_FORMS": "0",
            "attendance-INITIAL_FORMS": "0",
        },
    )
    assert page.status_code == 200
    assert page.context["adminform"].form.errors["end_time"] == ["Giờ kết thúc (08:15) phải sau giờ bắt đầu (14:00)."]
    meeting.refresh_from_db()
    assert meeting.end_time is None


# --- 7. close → tally → apply on the ballot's page ----------------------------------------------------


def _column(page, name: str) -> list[str]:
    """The readonly cells of one column of the ballot's items."""
    import re

    return re.findall(rf'<td class="field-{name}">\s*<p>(.*?)</p>', page.content.decode(), re.S)


def test_closing_a_ballot_shows_its_tally_and_the_office_applies_it_there(
    conference, council, meeting, secretary, unit_a, giay_khen, testid_texts, office_user
):
    """Found: a closed ballot showed full counts beside "KẾT QUẢ: Chưa kiểm phiếu" until applied elsewhere."""
    f.QuotaFactory(conference=conference, award_form=giay_khen, kind=I, minimum=1, maximum=10)
    _accepted(conference, unit_a, giay_khen, "Nguyễn Văn An")
    _accepted(conference, unit_a, giay_khen, "Trần Văn Bình")
    _in_session(meeting, council, secretary)
    ballot = voting.create_ballot(meeting, award_form=giay_khen, kind=I, method=VoteMethod.SECRET, by=secretary)
    voting.open_ballot(ballot, by=secretary)
    an, binh = ballot.items.order_by("order")  # Vietnamese name order: An, then Bình
    for index, member in enumerate(council.members):  # An: 9 of 9 agree; Bình: 3 of 9
        voting.cast_secret_vote(ballot, member, {an.pk: "agree", binh.pk: "agree" if index < 3 else "disagree"},
                                by=member.user)  # fmt: skip

    client = _client(secretary)
    page = client.get(_url("ballot_change", ballot.pk))
    assert testid_texts(page, "results-hidden") == ["Kết quả chỉ hiển thị sau khi kết thúc bỏ phiếu."]
    assert testid_texts(page, "result-state") == []

    assert _messages(client.post(_url("ballot_close", ballot.pk))) == [("success", "Đã kết thúc bỏ phiếu.")]
    voting.count_ballot(ballot, passphrase=ballot.passphrase, by=secretary)
    page = client.get(_url("ballot_change", ballot.pk))
    assert testid_texts(page, "result-state") == [
        "Đã đóng — chưa áp dụng kết quả Kết quả dưới đây là kết quả kiểm phiếu: tỷ lệ tính trên tổng số thành viên "
        "Hội đồng, sau đó đến chỉ tiêu. Chưa có thay đổi nào cho đến khi áp dụng kết quả. "
        "Văn phòng Sở áp dụng kết quả bằng nút trên trang này."
    ]
    assert _column(page, "votes_for") == ["9", "3"]
    assert _column(page, "result_rank") == ["1", "—"]
    assert _column(page, "result_outcome") == ["Được thông qua", "Không đạt tỷ lệ"]
    assert "Chưa kiểm phiếu" not in page.content.decode()
    assert testid_texts(page, "apply-ballot") == []
    assert _client(secretary).post(_url("ballot_apply", ballot.pk)).status_code == 403

    # The Office opens the same page: the same texts, and the button to apply right there.
    client = _client(office_user)
    page = client.get(_url("ballot_change", ballot.pk))
    assert testid_texts(page, "result-state") == [
        "Đã đóng — chưa áp dụng kết quả Kết quả dưới đây là kết quả kiểm phiếu: tỷ lệ tính trên tổng số thành viên "
        "Hội đồng, sau đó đến chỉ tiêu. Chưa có thay đổi nào cho đến khi áp dụng kết quả."
    ]
    assert testid_texts(page, "apply-ballot") == [""]  # the button (an input) right on the page
    applied = client.post(_url("ballot_apply", ballot.pk))
    assert applied["Location"] == _url("ballot_change", ballot.pk)
    assert _messages(applied) == [("success", "Đã áp dụng kết quả của Hội đồng: 1/2 trường hợp được thông qua.")]
    page = client.get(_url("ballot_change", ballot.pk))
    assert testid_texts(page, "result-state") == ["Đã đóng — đã áp dụng kết quả"]
    assert testid_texts(page, "apply-ballot") == []
    assert _column(page, "result_outcome") == ["Được thông qua", "Không đạt tỷ lệ"]
    statuses = dict(BallotItem.objects.values_list("nomination__nominee__full_name", "nomination__status"))
    assert statuses == {"Nguyễn Văn An": NominationStatus.APPROVED, "Trần Văn Bình": NominationStatus.NOT_APPROVED}


def test_a_council_member_sees_the_tally_but_cannot_apply(conference, council, meeting, secretary, unit_a, giay_khen):
    _accepted(conference, unit_a, giay_khen, "Nguyễn Văn An")
    _in_session(meeting, council, secretary)
    ballot = voting.create_ballot(meeting, award_form=giay_khen, kind=I, method=VoteMethod.SECRET, by=secretary)
    voting.open_ballot(ballot, by=secretary)
    voting.close_ballot(ballot, by=secretary)
    voting.count_ballot(ballot, passphrase=ballot.passphrase, by=secretary)
    member = _client(council.members[1].user)
    page = member.get(_url("ballot_change", ballot.pk))
    assert 'data-testid="apply-ballot"' not in page.content.decode()
    assert member.post(_url("ballot_apply", ballot.pk)).status_code == 403
    ballot.refresh_from_db()
    assert ballot.status == BallotStatus.CLOSED
