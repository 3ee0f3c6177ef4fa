"""The secretary's meeting page, the member's home page, recusals and tracking codes (issue 11 §2–§3)."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from awards.enums import BallotStatus, Choice, MeetingStatus
from awards.models import Ballot, BallotItem, BallotKey, Recusal, VoteReceipt
from awards.services import council as council_services
from awards.services import tally as tally_services
from awards.services import voting
from awards.services.council import CouncilError
from hoinghi.roles import Role
from tests.awards.test_voting import _accepted, _messages

A, D, N = Choice.AGREE, Choice.DISAGREE, Choice.ABSTAIN


@pytest.fixture
def secretary(council):
    """The council's secretary, who is also Office staff (Chánh Văn phòng Sở): they may apply the outcome."""
    user = council.secretary.user
    user.groups.add(Group.objects.get(name=Role.OFFICE_STAFF))
    return user


@pytest.fixture
def nominees(conference, unit_a, unit_b, giay_khen):
    return [
        _accepted(conference, unit_a, giay_khen, "Nguyễn Thị Hường", gender="female"),
        _accepted(conference, unit_b, giay_khen, "Trần Văn Bình"),
        _accepted(conference, unit_a, giay_khen, "Lê Minh An"),
    ]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _run(meeting) -> str:
    return reverse("admin:awards_councilmeeting_run", args=[meeting.pk])


def _vote_url(ballot) -> str:
    return reverse("admin:awards_ballot_vote", args=[ballot.pk])


def _attendance(council, *, absent=(), board=(1, 2, 3)) -> dict:
    data = {"action": "attendance"}
    for index, member in enumerate(council.members):
        if index not in absent:
            data[f"present_{member.pk}"] = "on"
    for name, index in zip(("board_head", "board_member_1", "board_member_2"), board, strict=True):
        data[name] = council.members[index].pk
    return data


def test_the_secretary_runs_a_meeting_in_ten_clicks_and_members_vote_in_two(
    meeting, council, secretary, giay_khen, nominees, testid_texts
):
    office = _client(secretary)
    posts = 0

    def post(data):
        nonlocal posts
        posts += 1
        return office.post(_run(meeting), data)

    assert _messages(post(_attendance(council, absent=(8,)))) == [("success", "Đã lưu điểm danh.")]  # 1: the board too
    meeting.refresh_from_db()
    assert (meeting.board_head, meeting.board_member_1, meeting.board_member_2) == tuple(council.members[1:4])
    assert council_services.quorum(meeting).present == 8
    assert _messages(post({"action": "open-meeting"})) == [("success", "Phiên họp đã bắt đầu.")]  # 2
    opened = post({"action": "open-ballots"})  # 3: the ballots created and opened, the passphrase shown once
    passphrase = opened.context["passphrase"]
    assert testid_texts(opened, "passphrase") == [passphrase]
    assert passphrase not in str(opened.cookies) and passphrase not in office.session.values()
    ballot = Ballot.objects.get(meeting=meeting)
    assert ballot.status == BallotStatus.OPEN
    an, binh, huong = ballot.items.order_by("order")
    # 4: the secretary records that member 0 proposed Bình.
    recused = post({"action": "recuse", "item": binh.pk, "member": council.members[0].pk, "reason": "Người đề nghị"})
    assert _messages(recused) == [("success", "Đã ghi nhận việc không tham gia biểu quyết.")]

    # The members: the home page lists the ballot (click 1), the form is sent (click 2).
    marks = {0: {an: A, huong: A}, 1: {an: A, binh: A, huong: D}, 2: {an: N, binh: N, huong: N}}
    for index, member in enumerate(council.members[:8]):
        client = _client(member.user)
        home = client.get(reverse("dashboard"))
        links = [a["href"] for a in _links(home, "vote-now")]
        assert links == [_vote_url(ballot)]
        choices = marks.get(index, {an: A, binh: D, huong: A})
        data = {f"item_{item.pk}": mark for item, mark in choices.items()}
        if index == 3:
            data[f"item_{huong.pk}"] = "recuse"  # declares a conflict on the voting page itself
        response = client.post(_vote_url(ballot), data)
        assert _messages(response) == [("success", "Phiếu đã được ghi nhận. Xin cảm ơn.")]
        assert _links(client.get(reverse("dashboard")), "vote-now") == []
    page = _client(council.members[0].user).get(_vote_url(ballot))
    assert testid_texts(page, "tracking-code")[0].startswith("Mã theo dõi: ")

    # Who has voted, live: a tick per member, never a choice.
    voters = testid_texts(office.get(_run(meeting) + "?part=voters"), "voter-row")
    assert voters == [f"{m.full_name} ✓ đã bỏ phiếu" for m in council.members[:8]]  # the absent ninth is not listed
    assert "đồng ý" not in office.get(_run(meeting)).content.decode().lower()

    assert _messages(post({"action": "close-ballots"})) == [("success", "Đã kết thúc các lượt bỏ phiếu.")]  # 5
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.SEALED
    counted = post({"action": "count", "passphrase": passphrase.lower()})  # 6: the head of the board types it
    assert _messages(counted) == [("success", "Đã kiểm phiếu; khóa của các lượt bỏ phiếu đã được hủy.")]
    rows = [(i.votes_for, i.votes_against, i.votes_abstain, i.recused) for i in ballot.items.order_by("order")]
    assert rows == [(7, 0, 1, 0), (1, 5, 1, 1), (5, 1, 1, 1)]  # An, Bình (one recused), Hường (one recused)
    assert BallotKey.objects.get(ballot=ballot).seal == ""
    page = office.get(_run(meeting))
    assert testid_texts(page, "tally-row") == [
        "Lê Minh An 7 0 1 0 77,78% Được thông qua",
        "Trần Văn Bình 1 5 1 1 11,11% Không đạt tỷ lệ",
        "Nguyễn Thị Hường 5 1 1 1 55,56% Được thông qua",
    ]
    applied = post({"action": "apply"})  # 7
    assert _messages(applied) == [("success", "Đã áp dụng kết quả: 1 lượt bỏ phiếu.")]
    statuses = dict(ballot.items.values_list("nomination__nominee__full_name", "nomination__status"))
    assert statuses == {"Lê Minh An": "approved", "Trần Văn Bình": "not_approved", "Nguyễn Thị Hường": "approved"}
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.APPLIED
    closed = post({"action": "close-meeting", "end_time": "11:30"})  # 8
    assert _messages(closed) == [("success", "Phiên họp đã kết thúc.")]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.end_time) == (MeetingStatus.CLOSED, datetime.time(11, 30))
    assert posts <= 10
    assert list(Recusal.objects.order_by("id").values_list("member__order", "declared_by_member")) == [
        (council.members[0].order, False),
        (council.members[3].order, True),
    ]


def _links(response, testid):
    html = response.content.decode()
    return [{"href": href} for href in re.findall(rf'href="([^"]+)"[^>]*data-testid="{testid}"', html)]


def test_an_absent_member_or_a_non_member_never_sees_the_voting_form(
    meeting, council, secretary, giay_khen, nominees, testid_texts, office_user
):
    office = _client(secretary)
    _messages(office.post(_run(meeting), _attendance(council, absent=(8,))))
    office.post(_run(meeting), {"action": "open-meeting"})
    office.post(_run(meeting), {"action": "open-ballots"})
    ballot = Ballot.objects.get(meeting=meeting)
    absent = _client(council.members[8].user)
    assert _links(absent.get(reverse("dashboard")), "vote-now") == []
    page = absent.get(_vote_url(ballot))
    assert testid_texts(page, "vote-form") == []
    assert testid_texts(page, "vote-not-present") == [
        "Bạn chưa được điểm danh có mặt tại phiên họp này; đề nghị liên hệ Thư ký Hội đồng."
    ]
    assert _client(office_user).get(_vote_url(ballot)).status_code == 403  # no seat: no form


def test_opening_needs_the_board_and_a_wrong_passphrase_counts_nothing(
    meeting, council, secretary, giay_khen, nominees
):
    office = _client(secretary)
    data = {**_attendance(council), "board_head": "", "board_member_1": "", "board_member_2": ""}
    _messages(office.post(_run(meeting), data))
    _messages(office.post(_run(meeting), {"action": "open-meeting"}))
    refused = office.post(_run(meeting), {"action": "open-ballots"})
    assert _messages(refused) == [("error", "Hãy chọn Ban kiểm phiếu trước khi mở bỏ phiếu.")]
    same = office.post(_run(meeting), {**_attendance(council, board=(1, 1, 2))})
    assert ("error", "Ban kiểm phiếu gồm ba thành viên khác nhau.") in _messages(same)
    _messages(office.post(_run(meeting), _attendance(council)))
    passphrase = office.post(_run(meeting), {"action": "open-ballots"}).context["passphrase"]
    ballot = Ballot.objects.get(meeting=meeting)
    member = council.members[0]
    voting.cast_secret_vote(ballot, member, {ballot.items.first().pk: A}, by=member.user)
    _messages(office.post(_run(meeting), {"action": "close-ballots"}))
    wrong = office.post(_run(meeting), {"action": "count", "passphrase": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert _messages(wrong) == [("error", "Mã khóa kiểm phiếu không đúng; chưa lượt bỏ phiếu nào được kiểm.")]
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.SEALED
    assert BallotKey.objects.get(ballot=ballot).seal != ""
    assert set(BallotItem.objects.filter(ballot=ballot).values_list("votes_for", flat=True)) == {0}
    voting.count_ballot(ballot, passphrase=passphrase, by=secretary)
    with pytest.raises(CouncilError) as again:
        voting.count_ballot(ballot, passphrase=passphrase, by=secretary)
    assert again.value.messages == [f"Chỉ kiểm phiếu được lượt bỏ phiếu đã kết thúc và đang chờ kiểm phiếu: {ballot}."]


def test_a_member_finds_their_tracking_code_on_the_counted_ballot(
    meeting, council, secretary, giay_khen, nominees, testid_texts
):
    office = _client(secretary)
    office.post(_run(meeting), _attendance(council))
    office.post(_run(meeting), {"action": "open-meeting"})
    passphrase = office.post(_run(meeting), {"action": "open-ballots"}).context["passphrase"]
    ballot = Ballot.objects.get(meeting=meeting)
    member = council.members[0]
    receipt = voting.cast_secret_vote(ballot, member, {}, by=member.user)
    assert len(receipt.tracking_code) == 11 and receipt.tracking_code[5] == "-"
    client = _client(member.user)
    change = reverse("admin:awards_ballot_change", args=[ballot.pk])
    assert testid_texts(client.get(change), "code-lookup") == []  # not before the count
    voting.close_ballot(ballot, by=secretary)
    voting.count_ballot(ballot, passphrase=passphrase, by=secretary)
    found = client.get(change, {"code": receipt.tracking_code.lower().replace("-", "")})
    assert testid_texts(found, "code-found") == [
        f"Phiếu có mã theo dõi {receipt.tracking_code.lower().replace('-', '')} nằm trong số phiếu đã được kiểm "
        "của lượt bỏ phiếu này."
    ]
    missing = client.get(change, {"code": "ZZZZZ-ZZZZZ"})
    assert testid_texts(missing, "code-missing") == [
        "Không có phiếu nào mang mã theo dõi ZZZZZ-ZZZZZ được kiểm trong lượt bỏ phiếu này."
    ]
    assert VoteReceipt.objects.get(pk=receipt.pk).tracking_code == receipt.tracking_code


def test_recused_members_stay_in_the_total_unless_the_ballot_says_otherwise(
    meeting, council, secretary, giay_khen, nominees
):
    _attend_all(meeting, council, secretary)
    council_services.open_meeting(meeting, by=secretary)
    ballot = voting.create_ballot(meeting, award_form=giay_khen, kind="individual", method="secret", by=secretary)
    an = ballot.items.order_by("order").first()
    for member in council.members[:3]:
        voting.recuse(an, member, reason="Cùng đơn vị", by=secretary)
    voting.open_ballot(ballot, by=secretary)
    for member in council.members[3:]:
        voting.cast_secret_vote(ballot, member, {an.pk: A}, by=member.user)  # 6 of 9 agree, 3 recused
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, council.members[0], {an.pk: A}, by=council.members[0].user)
    assert refused.value.messages == ["Bạn không biểu quyết đối với người mà bạn không tham gia biểu quyết."]
    voting.close_ballot(ballot, by=secretary)
    voting.count_ballot(ballot, passphrase=ballot.passphrase, by=secretary)
    result = {r.item.pk: r for r in tally_services.tally(ballot).items}[an.pk]
    assert (result.item.votes_for, result.item.recused, result.percent_label) == (6, 3, "66,67")  # 6 of 9
    Ballot.objects.filter(pk=ballot.pk).update(recused_in_total=False)
    result = {r.item.pk: r for r in tally_services.tally(Ballot.objects.get(pk=ballot.pk)).items}[an.pk]
    assert result.percent_label == "100"  # 6 of the 6 who could vote


def _attend_all(meeting, council, by):
    for member in council.members:
        council_services.record_attendance(meeting, member, present=True, by=by)
