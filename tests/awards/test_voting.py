"""The council votes in the Django admin: quorum, the secret ballot, paper counts, permissions, races.

The secret-ballot guarantee is checked against the schema itself: no model (historical ones
included) holds both a voter and a choice. The races run real threads on separate PostgreSQL
connections; SQLite has no row locks and serialises every writer, so they are PostgreSQL-only.
"""

import datetime
from importlib.util import find_spec

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from awards.enums import BallotStatus, Choice, MeetingStatus, TallyOutcome, VoteMethod
from awards.models import Ballot, BallotItem, CouncilMeeting, CouncilMember, MeetingAttendance, VoteReceipt
from awards.services import council as council_services
from awards.services import voting
from awards.services.council import CouncilError, QuorumResult
from nominations.enums import NominationStatus
from reference.enums import NomineeKind
from tests import factories as f
from tests.concurrency import at_once, postgresql_only, race

A, D, N = Choice.AGREE, Choice.DISAGREE, Choice.ABSTAIN
ALREADY_VOTED = "Thành viên này đã bỏ phiếu trong lượt bỏ phiếu này."
NOT_OPEN = "Lượt bỏ phiếu này không mở để bỏ phiếu."
RECORDED = "Phiếu đã được ghi nhận. Xin cảm ơn."
CHOICE_WORDS = ("agree", "disagree", "đồng ý", "không đồng ý", "tán thành")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _messages(response) -> list[tuple[str, str]]:
    """The messages this response queued; dropped from the client, so the next request starts clean."""
    found = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    response.client.cookies.pop("messages", None)
    return found


def _url(name: str, *args) -> str:
    return reverse(f"admin:awards_{name}", args=args)


def _counts(ballot) -> list[tuple[str, int, int, int]]:
    """(nominee, agree, disagree, abstain) of every item, in ballot order."""
    rows = BallotItem.objects.filter(ballot=ballot).order_by("order").select_related("nomination__nominee")
    return [(i.nomination.nominee.full_name, i.votes_for, i.votes_against, i.votes_abstain) for i in rows]


def _close_and_count(ballot, by):
    """Close a secret ballot (sealed), then count it with the passphrase its opening gave."""
    voting.close_ballot(ballot, by=by)
    return voting.count_ballot(ballot, passphrase=ballot.passphrase, by=by)


def _accepted(conference, unit, form, name, *, gender="male", kind=NomineeKind.INDIVIDUAL, position="Chuyên viên"):
    nominee = f.NomineeFactory(full_name=name, gender=gender, kind=kind, unit=unit, position=position)
    return f.NominationFactory(
        conference=conference,
        nominee=nominee,
        proposing_unit=unit,
        award_form=form,
        status=NominationStatus.ACCEPTED,
        achievement_summary=f"Thành tích của {name}.",
    )


@pytest.fixture
def secretary(council):
    return council.secretary.user


@pytest.fixture
def nominees(conference, unit_a, unit_b, giay_khen):
    """Three accepted individuals for the Giấy khen, created out of name order, and a draft."""
    made = [
        _accepted(conference, unit_a, giay_khen, "Nguyễn Thị Hường", gender="female", position="Phó Trưởng phòng"),
        _accepted(conference, unit_b, giay_khen, "Trần Văn Bình"),
        _accepted(conference, unit_a, giay_khen, "Lê Minh An"),
    ]
    f.NominationFactory(
        conference=conference,
        nominee=f.NomineeFactory(full_name="Phạm Thị Nháp", unit=unit_a),
        proposing_unit=unit_a,
        award_form=giay_khen,
    )
    return made


def _attend(meeting, council, present: int, *, by, written=()):
    """``present`` members present: the secretary and the first ``present - 1`` others; the rest absent.

    ``written``: indexes (in ``council.members``) of absent members who sent a written opinion.
    """
    here = {council.secretary.pk, *(member.pk for member in council.members[: present - 1])} if present else set()
    for index, member in enumerate(council.members):
        council_services.record_attendance(
            meeting, member, present=member.pk in here, written_opinion=index in written, by=by
        )


def _open_ballot(meeting, council, secretary, giay_khen, *, present=9, written=(), method=VoteMethod.SECRET):
    _attend(meeting, council, present, by=secretary, written=written)
    council_services.open_meeting(meeting, by=secretary)
    ballot = voting.create_ballot(
        meeting, award_form=giay_khen, kind=NomineeKind.INDIVIDUAL, method=method, by=secretary
    )
    return voting.open_ballot(ballot, by=secretary)


def _trail(model, **where) -> list[tuple[str, int | None]]:
    """(reason, who) of each history row of ``model`` matching ``where`` that records an event, oldest first."""
    rows = model.history.filter(**where).exclude(history_change_reason=None).order_by("history_id")
    return [(h.history_change_reason, h.history_user_id) for h in rows]


def _choices(ballot, *marks) -> dict[int, str]:
    items = list(BallotItem.objects.filter(ballot=ballot).order_by("order").values_list("pk", flat=True))
    return {pk: mark for pk, mark in zip(items, marks, strict=True) if mark is not None}


# --- quorum --------------------------------------------------------------------------------------


def test_six_of_nine_present_reach_the_quorum(meeting, council, secretary):
    _attend(meeting, council, 6, by=secretary)
    assert council_services.quorum(meeting) == QuorumResult(total=9, present=6, required=6, reached=True)


def test_five_of_nine_present_miss_the_quorum_and_the_ballot_stays_shut(
    meeting, council, secretary, giay_khen, nominees
):
    _attend(meeting, council, 5, by=secretary)
    council_services.open_meeting(meeting, by=secretary)
    ballot = voting.create_ballot(
        meeting, award_form=giay_khen, kind=NomineeKind.INDIVIDUAL, method=VoteMethod.SECRET, by=secretary
    )
    assert council_services.quorum(meeting) == QuorumResult(total=9, present=5, required=6, reached=False)
    message = "Chưa đủ số thành viên tham dự: có mặt 5/9 thành viên Hội đồng, cần ít nhất 6 thành viên."
    with pytest.raises(CouncilError) as refused:
        voting.open_ballot(ballot, by=secretary)
    assert refused.value.messages == [message]

    response = _client(secretary).post(_url("ballot_open", ballot.pk))
    assert response.status_code == 302
    assert response["Location"] == _url("ballot_change", ballot.pk)
    assert _messages(response) == [("error", message)]
    ballot.refresh_from_db()
    assert (ballot.status, ballot.opened_at, ballot.total_members) == (BallotStatus.DRAFT, None, 0)
    assert _trail(Ballot, id=ballot.pk) == []


def test_quorum_follows_the_conference_fraction_and_written_opinions_do_not_make_it(
    conference, meeting, council, secretary
):
    conference.quorum_numerator, conference.quorum_denominator = 4, 5  # 9 × 4/5 = 7.2 → 8
    conference.save()
    _attend(meeting, council, 7, by=secretary, written=(6, 7))
    assert council_services.quorum(meeting) == QuorumResult(total=9, present=7, required=8, reached=False)
    council_services.record_attendance(meeting, council.members[6], present=True, by=secretary)
    assert council_services.quorum(meeting) == QuorumResult(total=9, present=8, required=8, reached=True)


def test_quorum_on_the_meeting_page(meeting, council, secretary):
    _attend(meeting, council, 6, by=secretary)
    response = _client(secretary).get(_url("councilmeeting_change", meeting.pk))
    assert response.context["original"] == meeting
    assert "có mặt 6/9 thành viên; cần ít nhất 6 — đủ điều kiện tiến hành" in response.content.decode()


# --- written opinions ------------------------------------------------------------------------------


def test_written_opinion_of_an_absent_member_is_recorded_by_the_secretary_and_counts(
    meeting, council, secretary, giay_khen, nominees, testid_texts
):
    ballot = _open_ballot(meeting, council, secretary, giay_khen, present=7, written=(7,))
    absent_with_opinion, absent = council.members[7], council.members[6]
    assert (ballot.total_members, ballot.present_members) == (9, 7)

    client = _client(secretary)
    page = client.get(_url("ballot_change", ballot.pk))
    assert testid_texts(page, "written-opinions") == [
        "Ý kiến bằng văn bản của thành viên vắng mặt chưa ghi nhận Đinh Thị Ngọc Ánh (Ủy viên)"
    ]
    url = _url("ballot_written_opinion", ballot.pk, absent_with_opinion.pk)
    assert testid_texts(client.get(url), "written-opinion-of") == [
        "Ý kiến bằng văn bản của thành viên vắng mặt Đinh Thị Ngọc Ánh (Ủy viên), do Thư ký ghi nhận."
    ]
    items = list(ballot.items.order_by("order"))
    response = client.post(url, {f"item_{items[0].pk}": A, f"item_{items[1].pk}": A, f"item_{items[2].pk}": D})
    assert _messages(response) == [("success", RECORDED)]
    receipt = VoteReceipt.objects.get(ballot=ballot, member=absent_with_opinion)
    assert (receipt.written_opinion, receipt.recorded_by) == (True, secretary)

    # An absent member without a written opinion: neither the secretary nor the member can vote.
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, absent, _choices(ballot, A, A, A), by=secretary)
    assert refused.value.messages == [
        "Chỉ được ghi phiếu thay cho người khác khi đó là ý kiến bằng văn bản của thành viên vắng mặt."
    ]
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, absent, _choices(ballot, A, A, A), by=absent.user)
    assert refused.value.messages == [
        "Bạn chưa được điểm danh có mặt tại phiên họp này; đề nghị liên hệ Thư ký Hội đồng."
    ]

    for member in [*council.members[:6], council.secretary]:
        voting.cast_secret_vote(ballot, member, _choices(ballot, A, D, D), by=member.user)
    _close_and_count(ballot, secretary)
    assert _counts(ballot) == [("Lê Minh An", 8, 0, 0), ("Trần Văn Bình", 1, 7, 0), ("Nguyễn Thị Hường", 0, 8, 0)]
    assert set(ballot.items.values_list("ballots_valid", flat=True)) == {8}

    with pytest.raises(CouncilError) as refused:
        council_services.record_attendance(meeting, absent_with_opinion, present=False, by=secretary)
    assert refused.value.messages == [
        "Ý kiến bằng văn bản của thành viên này đã được tính trong một lượt bỏ phiếu; không thể rút lại."
    ]


def test_a_present_member_cannot_also_send_a_written_opinion(meeting, council, secretary):
    with pytest.raises(CouncilError) as refused:
        council_services.record_attendance(
            meeting, council.members[0], present=True, written_opinion=True, by=secretary
        )
    assert refused.value.messages == ["Ý kiến bằng văn bản chỉ ghi nhận cho thành viên vắng mặt."]


# --- the whole secret ballot through the admin ------------------------------------------------------

# What each of the first eight members marks for An, Bình, Hường (None: left blank = disagree).
MARKS = [
    (A, A, A),
    (A, A, D),
    (A, A, A),
    (A, None, D),
    (A, D, A),
    (A, D, D),
    (D, D, A),
    (D, D, None),
]


def test_a_secret_ballot_in_the_admin_from_opening_to_results(
    meeting, council, secretary, giay_khen, nominees, testid_texts
):
    _attend(meeting, council, 9, by=secretary)
    office = _client(secretary)
    assert _messages(office.post(_url("councilmeeting_open", meeting.pk))) == [("success", "Phiên họp đã bắt đầu.")]
    response = office.post(_url("councilmeeting_create_ballots", meeting.pk), {"method": VoteMethod.SECRET})
    ballot = Ballot.objects.get(meeting=meeting)
    assert _messages(response) == [("success", f"Đã tạo các lượt bỏ phiếu: {ballot}.")]
    opened = office.post(_url("ballot_open", ballot.pk))
    assert _messages(opened) == [("success", "Đã mở bỏ phiếu.")]
    passphrase = opened.context["passphrase"]
    assert testid_texts(opened, "passphrase") == [passphrase]
    items = list(ballot.items.order_by("order"))
    assert [item.nomination.nominee.full_name for item in items] == ["Lê Minh An", "Trần Văn Bình", "Nguyễn Thị Hường"]

    for member, marks in zip(council.members, MARKS, strict=False):
        client = _client(member.user)
        listed = client.get(_url("ballot_changelist"))
        assert [b.pk for b in listed.context["open_for_you"]] == [ballot.pk]
        page = client.get(_url("ballot_vote", ballot.pk))
        assert [row["name"] for row in page.context["rows"]] == [
            "Ông Lê Minh An",
            "Ông Trần Văn Bình",
            "Bà Nguyễn Thị Hường",
        ]
        data = {f"item_{item.pk}": mark for item, mark in zip(items, marks, strict=True) if mark is not None}
        response = client.post(_url("ballot_vote", ballot.pk), data)
        assert response.status_code == 302
        assert response["Location"] == _url("ballot_vote", ballot.pk)
        assert _messages(response) == [("success", RECORDED)]
        after = client.get(_url("ballot_vote", ballot.pk))
        assert testid_texts(after, "vote-form") == []
        assert len(testid_texts(after, "vote-recorded")) == 1
        assert 'type="radio"' not in after.content.decode()
        assert client.get(_url("ballot_changelist")).context["open_for_you"] == []

    # The same member again, from another tab: refused, nothing changes.
    before = [(i.votes_for, i.votes_against) for i in BallotItem.objects.filter(ballot=ballot).order_by("order")]
    again = _client(council.members[0].user).post(
        _url("ballot_vote", ballot.pk), {f"item_{item.pk}": A for item in items}
    )
    assert _messages(again) == [("error", ALREADY_VOTED)]
    assert [
        (i.votes_for, i.votes_against) for i in BallotItem.objects.filter(ballot=ballot).order_by("order")
    ] == before
    assert VoteReceipt.objects.filter(ballot=ballot).count() == 8

    # While open: no count on the ballot's pages, for the secretary or a member.
    for client in (office, _client(council.members[1].user)):
        page = client.get(_url("ballot_change", ballot.pk))
        assert testid_texts(page, "results-hidden") == ["Kết quả chỉ hiển thị sau khi kết thúc bỏ phiếu."]
        inline = page.context["inline_admin_formsets"][0]
        assert "votes_for" not in inline.formset.form.base_fields and "votes_for" not in inline.readonly_fields
        assert "đồng ý" not in page.content.decode().lower()

    assert _messages(office.post(_url("ballot_close", ballot.pk))) == [("success", "Đã kết thúc bỏ phiếu.")]

    # The ninth member comes too late.
    late = _client(council.members[8].user).post(_url("ballot_vote", ballot.pk), {f"item_{items[0].pk}": A})
    assert _messages(late) == [("error", NOT_OPEN)]
    assert not VoteReceipt.objects.filter(member=council.members[8]).exists()

    assert _counts(ballot) == [("Lê Minh An", 0, 0, 0), ("Trần Văn Bình", 0, 0, 0), ("Nguyễn Thị Hường", 0, 0, 0)]
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.SEALED
    sealed_page = office.get(_url("ballot_change", ballot.pk))
    assert testid_texts(sealed_page, "results-hidden") == ["Kết quả chỉ hiển thị sau khi kết thúc bỏ phiếu."]
    assert _messages(office.post(_url("councilmeeting_run", meeting.pk), {"action": "count", "passphrase": "x"})) == [
        ("error", "Mã khóa kiểm phiếu không đúng; chưa lượt bỏ phiếu nào được kiểm.")
    ]
    counted = office.post(_url("councilmeeting_run", meeting.pk), {"action": "count", "passphrase": passphrase})
    assert _messages(counted) == [("success", "Đã kiểm phiếu; khóa của các lượt bỏ phiếu đã được hủy.")]
    # Blank is an abstention: Bình and Hường each have one.
    assert _counts(ballot) == [("Lê Minh An", 6, 2, 0), ("Trần Văn Bình", 3, 4, 1), ("Nguyễn Thị Hường", 4, 3, 1)]
    sealed = BallotItem.objects.filter(ballot=ballot).values_list(
        "sealed", "ballots_issued", "ballots_returned", "ballots_valid", "ballots_invalid"
    )
    assert set(sealed) == {(True, 8, 8, 8, 0)}
    page = office.get(_url("ballot_change", ballot.pk))
    assert testid_texts(page, "results-hidden") == []
    content = page.content.decode()
    assert all(percent in content for percent in ("66,67%", "33,33%", "44,44%"))

    # The trail is the history: the moves, and one receipt per voter (who, when; never a choice).
    assert _trail(CouncilMeeting, id=meeting.pk) == [("planned → open", secretary.pk)]
    assert _trail(Ballot, id=ballot.pk) == [
        ("draft → open", secretary.pk),
        ("open → sealed", secretary.pk),
        ("sealed → closed", secretary.pk),
    ]
    receipts = VoteReceipt.history.filter(ballot_id=ballot.pk).order_by("history_id")
    assert [(h.history_type, h.history_user) for h in receipts] == [("+", m.user) for m in council.members[:8]]
    for model in (CouncilMeeting, Ballot, VoteReceipt, MeetingAttendance):
        for reason in model.history.exclude(history_change_reason=None).values_list("history_change_reason", flat=True):
            assert not any(word in reason.lower() for word in CHOICE_WORDS), reason


def test_the_voting_page_shows_each_nominee_in_full(meeting, council, secretary, giay_khen, nominees):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    page = _client(council.members[0].user).get(_url("ballot_vote", ballot.pk))
    rows = page.context["rows"]
    hường = rows[2]
    assert (hường["name"], hường["description"]) == ("Bà Nguyễn Thị Hường", "Phó Trưởng phòng – Phòng Quản lý khoa học")
    assert rows[1]["description"] == "Chuyên viên – Phòng Chuyển đổi số"
    nomination = nominees[0]
    assert hường["url"] == reverse("nomination_detail", kwargs={"public_id": nomination.public_id})
    content = page.content.decode()
    assert hường["url"] in content and "Thành tích của Nguyễn Thị Hường." in content
    if find_spec("nominations.eligibility") is not None:
        from nominations.eligibility import verdicts_for

        expected = verdicts_for([nomination])[nomination.pk]
        assert hường["verdict"] == expected
        assert expected.label in content
    assert [value for value, _label in rows[0]["field"].field.choices] == [A, D, N, "recuse"]


def test_a_blank_choice_is_an_abstention_and_foreign_items_are_refused(
    meeting, council, secretary, giay_khen, nominees
):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    member = council.members[0]
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, member, {999_999: A}, by=member.user)
    assert refused.value.messages == ["Phiếu có người không thuộc lượt bỏ phiếu này."]
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, member, {"item_1": A}, by=member.user)
    assert refused.value.messages == ["Phiếu có người không thuộc lượt bỏ phiếu này."]
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, member, _choices(ballot, "maybe", A, A), by=member.user)
    assert refused.value.messages == [
        "Mỗi người được đề nghị chỉ nhận “Đồng ý”, “Không đồng ý” hoặc “Không biểu quyết”."
    ]
    assert not VoteReceipt.objects.exists()
    voting.cast_secret_vote(ballot, member, _choices(ballot, A, None, None), by=member.user)
    _close_and_count(ballot, secretary)
    assert _counts(ballot) == [("Lê Minh An", 1, 0, 0), ("Trần Văn Bình", 0, 0, 1), ("Nguyễn Thị Hường", 0, 0, 1)]


def test_ballots_are_created_per_award_form_and_kind_in_name_order(
    conference, meeting, council, secretary, unit_a, giay_khen, bang_khen, nominees
):
    _accepted(conference, unit_a, giay_khen, "Phòng Quản lý khoa học", kind=NomineeKind.COLLECTIVE)
    _accepted(conference, unit_a, bang_khen, "Hoàng Văn Dũng")
    client = _client(secretary)
    created = client.post(_url("councilmeeting_create_ballots", meeting.pk), {"method": VoteMethod.PAPER})
    ballots = Ballot.objects.filter(meeting=meeting).order_by("id")
    assert _messages(created) == [("success", f"Đã tạo các lượt bỏ phiếu: {', '.join(str(b) for b in ballots)}.")]
    assert [(b.award_form.code, b.kind, b.method, b.status) for b in ballots] == [
        ("giay-khen", NomineeKind.COLLECTIVE, VoteMethod.PAPER, BallotStatus.DRAFT),
        ("giay-khen", NomineeKind.INDIVIDUAL, VoteMethod.PAPER, BallotStatus.DRAFT),
        ("bang-khen", NomineeKind.INDIVIDUAL, VoteMethod.PAPER, BallotStatus.DRAFT),
    ]
    assert [item.nomination.nominee.full_name for item in ballots[1].items.order_by("order")] == [
        "Lê Minh An",
        "Trần Văn Bình",
        "Nguyễn Thị Hường",
    ]
    again = client.post(_url("councilmeeting_create_ballots", meeting.pk), {"method": VoteMethod.PAPER})
    assert _messages(again) == [
        ("warning", "Không có lượt bỏ phiếu mới: mỗi hình thức khen thưởng và đối tượng đều đã có.")
    ]
    assert Ballot.objects.filter(meeting=meeting).count() == 3


def test_a_revote_lists_the_tied_nominees(meeting, council, secretary, giay_khen, nominees):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    _close_and_count(ballot, secretary)
    tied = list(ballot.items.order_by("order")[1:])
    BallotItem.objects.filter(pk__in=[item.pk for item in tied]).update(outcome=TallyOutcome.TIED)
    response = _client(secretary).post(_url("ballot_revote", ballot.pk))
    revote = Ballot.objects.get(revote_of=ballot)
    assert response["Location"] == _url("ballot_change", revote.pk)
    assert (revote.meeting, revote.method, revote.status) == (meeting, VoteMethod.SECRET, BallotStatus.DRAFT)
    assert [item.nomination_id for item in revote.items.order_by("order")] == [item.nomination_id for item in tied]


# --- meetings ------------------------------------------------------------------------------------


def test_a_meeting_added_in_the_admin_lists_every_member_absent_and_attendance_saves_through_the_service(
    conference, council, secretary
):
    client = _client(secretary)
    response = client.post(
        _url("councilmeeting_add"),
        {
            "conference": conference.pk,
            "purpose": "Xét khen thưởng năm 2025",
            "date": "20/06/2025",
            "start_time": "08:00",
            "place": "Phòng họp tầng 3",
            "chair": council.chair.pk,
            "secretary": council.secretary.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = conference.council_meetings.get()
    assert meeting.status == MeetingStatus.PLANNED
    assert list(meeting.attendance.values_list("present", flat=True)) == [False] * 9

    page = client.get(_url("councilmeeting_change", meeting.pk))
    formset = page.context["inline_admin_formsets"][0].formset
    data = {
        "conference": conference.pk,
        "purpose": meeting.purpose,
        "date": "20/06/2025",
        "start_time": "08:00",
        "place": meeting.place,
        "chair": council.chair.pk,
        "secretary": council.secretary.pk,
        f"{formset.prefix}-TOTAL_FORMS": "9",
        f"{formset.prefix}-INITIAL_FORMS": "9",
    }
    for index, form in enumerate(formset.forms):
        row = form.instance
        data[f"{form.prefix}-id"] = row.pk
        data[f"{form.prefix}-meeting"] = meeting.pk
        data[f"{form.prefix}-note"] = ""
        if index < 6:
            data[f"{form.prefix}-present"] = "on"
        if index == 8:
            data[f"{form.prefix}-written_opinion"] = "on"
    response = client.post(_url("councilmeeting_change", meeting.pk), data)
    assert response.status_code == 302
    assert council_services.quorum(meeting) == QuorumResult(total=9, present=6, required=6, reached=True)
    last = meeting.attendance.get(member=council.members[8])
    assert (last.present, last.written_opinion, last.history.latest().history_user) == (False, True, secretary)

    # A member added to the council later gets a row (absent) at the next save; the others stay.
    latecomer = f.CouncilMemberFactory(conference=conference, full_name="Mai Văn Mới", order=10)
    assert client.post(_url("councilmeeting_change", meeting.pk), data).status_code == 302
    assert meeting.attendance.get(member=latecomer).present is False
    assert council_services.quorum(meeting) == QuorumResult(total=10, present=6, required=7, reached=False)


def test_a_meeting_cannot_close_with_a_ballot_open(meeting, council, secretary, giay_khen, nominees):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    client = _client(secretary)
    refused = client.post(_url("councilmeeting_close", meeting.pk), {"end_time": "10:30"})
    assert _messages(refused) == [("error", "Hãy kết thúc các lượt bỏ phiếu đang mở trước khi kết thúc phiên họp.")]
    voting.close_ballot(ballot, by=secretary)
    closed = client.post(_url("councilmeeting_close", meeting.pk), {"end_time": "10:30"})
    assert _messages(closed) == [("success", "Phiên họp đã kết thúc.")]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.end_time) == (MeetingStatus.CLOSED, datetime.time(10, 30))
    assert _trail(CouncilMeeting, id=meeting.pk) == [("planned → open", secretary.pk), ("open → closed", secretary.pk)]
    assert _trail(Ballot, id=ballot.pk) == [("draft → open", secretary.pk), ("open → sealed", secretary.pk)]


# --- paper ballots and show of hands ----------------------------------------------------------------


def test_paper_counts_are_checked_with_the_figures_in_the_message(meeting, council, secretary, giay_khen, nominees):
    ballot = _open_ballot(meeting, council, secretary, giay_khen, present=7, method=VoteMethod.PAPER)
    item = ballot.items.order_by("order").first()
    good = {"issued": 7, "returned": 7, "valid": 6, "invalid": 1, "votes_for": 5, "votes_against": 1}
    cases = [
        ({"issued": 10, "returned": 7}, "Số phiếu phát ra (10) không được lớn hơn tổng số thành viên Hội đồng (9)."),
        ({"issued": 6}, "Số phiếu thu vào (7) không được lớn hơn số phiếu phát ra (6)."),
        ({"invalid": 0}, "Số phiếu hợp lệ (6) cộng số phiếu không hợp lệ (0) phải bằng số phiếu thu vào (7)."),
        (
            {"votes_against": 2},
            "Số phiếu đồng ý (5) cộng số phiếu không đồng ý (2) không được lớn hơn số phiếu hợp lệ (6).",
        ),
    ]
    for change, message in cases:
        with pytest.raises(CouncilError) as refused:
            voting.enter_counts(ballot, item, **{**good, **change}, by=secretary)
        assert refused.value.messages == [message]
    item.refresh_from_db()
    assert (item.ballots_valid, item.votes_for) == (None, 0)

    with pytest.raises(CouncilError) as refused:
        voting.close_ballot(ballot, by=secretary)
    assert refused.value.messages == [
        "Hãy nhập kết quả kiểm phiếu cho từng người trước khi kết thúc: Lê Minh An, Trần Văn Bình, Nguyễn Thị Hường."
    ]
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, council.members[0], _choices(ballot, A, A, A), by=council.members[0].user)
    assert refused.value.messages == ["Lượt bỏ phiếu này do Thư ký nhập kết quả kiểm phiếu."]

    saved = voting.enter_counts(ballot, item, **good, by=secretary)
    assert (saved.ballots_issued, saved.ballots_returned, saved.ballots_valid, saved.ballots_invalid) == (7, 7, 6, 1)
    assert (saved.votes_for, saved.votes_against) == (5, 1)
    # The counters have no history: the ballot's history row says who entered which figures.
    assert _trail(Ballot, id=ballot.pk) == [
        ("draft → open", secretary.pk),
        (
            "Nhập kết quả kiểm phiếu: Lê Minh An – phát ra 7, thu vào 7, hợp lệ 6, không hợp lệ 1, "
            "tán thành 5, không tán thành 1",
            secretary.pk,
        ),
    ]


@pytest.mark.parametrize("method", [VoteMethod.PAPER, VoteMethod.SHOW_OF_HANDS])
def test_counts_page_saves_all_or_nothing_then_the_ballot_closes(
    method, meeting, council, secretary, giay_khen, nominees, testid_texts
):
    ballot = _open_ballot(meeting, council, secretary, giay_khen, present=7, method=method)
    items = list(ballot.items.order_by("order"))
    client = _client(secretary)
    page = client.get(_url("ballot_counts", ballot.pk))
    assert page.context["rows"][0]["form"].initial == {"issued": 7, "returned": 7, "valid": 7, "invalid": 0}

    def post(votes):
        data = {}
        for item, (votes_for, votes_against) in zip(items, votes, strict=True):
            prefix = f"item{item.pk}"
            data.update(
                {
                    f"{prefix}-issued": 7,
                    f"{prefix}-returned": 7,
                    f"{prefix}-valid": 7,
                    f"{prefix}-invalid": 0,
                    f"{prefix}-votes_for": votes_for,
                    f"{prefix}-votes_against": votes_against,
                }
            )
        return client.post(_url("ballot_counts", ballot.pk), data)

    refused = post([(5, 2), (4, 3), (6, 2)])
    assert refused.status_code == 200
    assert testid_texts(refused, "counts-errors") == [
        "Số phiếu đồng ý (6) cộng số phiếu không đồng ý (2) không được lớn hơn số phiếu hợp lệ (7)."
    ]
    assert set(BallotItem.objects.filter(ballot=ballot).values_list("ballots_valid", flat=True)) == {None}
    assert _trail(Ballot, id=ballot.pk) == [("draft → open", secretary.pk)]

    saved = post([(5, 2), (4, 3), (6, 1)])
    assert saved["Location"] == _url("ballot_change", ballot.pk)
    assert _messages(saved) == [("success", "Đã lưu kết quả kiểm phiếu.")]
    voting.close_ballot(ballot, by=secretary)
    assert _counts(ballot) == [("Lê Minh An", 5, 2, 0), ("Trần Văn Bình", 4, 3, 0), ("Nguyễn Thị Hường", 6, 1, 0)]
    figures = "phát ra 7, thu vào 7, hợp lệ 7, không hợp lệ 0, tán thành %d, không tán thành %d"
    assert [reason for reason, _by in _trail(Ballot, id=ballot.pk)] == [
        "draft → open",
        "Nhập kết quả kiểm phiếu: Lê Minh An – " + figures % (5, 2),
        "Nhập kết quả kiểm phiếu: Trần Văn Bình – " + figures % (4, 3),
        "Nhập kết quả kiểm phiếu: Nguyễn Thị Hường – " + figures % (6, 1),
        "open → closed",
    ]
    assert set(BallotItem.objects.filter(ballot=ballot).values_list("sealed", flat=True)) == {True}
    assert Ballot.objects.get(pk=ballot.pk).method == method


# --- the schema guarantee ------------------------------------------------------------------------


def _points_to_a_voter(field) -> bool:
    return bool(field.is_relation and field.related_model in (CouncilMember, User))


def _holds_a_choice(field) -> bool:
    values = {value for value, _label in (field.flatchoices or [])} if getattr(field, "choices", None) else set()
    return bool(values & set(Choice.values)) or "choice" in field.name


def test_no_model_holds_both_a_voter_and_a_choice():
    offenders = []
    for model in apps.get_models(include_auto_created=True):
        fields = model._meta.get_fields(include_hidden=True)
        concrete = [field for field in fields if getattr(field, "concrete", False)]
        if any(_points_to_a_voter(field) for field in concrete) and any(_holds_a_choice(field) for field in concrete):
            offenders.append(model._meta.label)
    assert offenders == []


def test_vote_receipts_and_ballot_items_keep_voter_and_count_apart():
    receipt_fields = {field.name for field in VoteReceipt._meta.concrete_fields}
    assert receipt_fields == {
        "id",
        "ballot",
        "member",
        "written_opinion",
        "recorded_by",
        "recorded_at",
        "tracking_code",
    }
    assert not any(_holds_a_choice(field) for field in VoteReceipt._meta.concrete_fields)
    item_relations = {field.related_model for field in BallotItem._meta.concrete_fields if field.is_relation}
    assert item_relations == {Ballot, apps.get_model("nominations", "Nomination")}
    history_tables = {model._meta.label for model in apps.get_models() if model.__name__.startswith("Historical")}
    assert "awards.HistoricalBallotItem" not in history_tables
    # The receipt has a history (who voted, when: what the receipt itself says); it never holds a choice.
    assert "awards.HistoricalVoteReceipt" in history_tables
    assert not any(_holds_a_choice(field) for field in VoteReceipt.history.model._meta.concrete_fields)
    assert "awards.HistoricalBallot" in history_tables  # the ballot's own history holds no count
    assert not hasattr(BallotItem, "history")
    historical_ballot = {field.name for field in apps.get_model("awards", "HistoricalBallot")._meta.concrete_fields}
    assert not historical_ballot & {"votes_for", "votes_against"}


def test_the_receipt_admin_shows_who_voted_and_when_never_how(
    meeting, council, secretary, giay_khen, nominees, office_client
):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    member = council.members[0]
    voting.cast_secret_vote(ballot, member, _choices(ballot, A, D, A), by=member.user)
    response = office_client.get(_url("votereceipt_changelist"))
    assert response.context["cl"].list_display == ("ballot", "member", "written_opinion", "recorded_by", "recorded_at")
    assert [receipt.member for receipt in response.context["cl"].result_list] == [member]
    assert "đồng ý" not in response.content.decode().lower()


# --- permissions ---------------------------------------------------------------------------------


def test_unit_staff_are_sent_to_the_admin_login(meeting, council, secretary, giay_khen, nominees, client_a):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    for url in (_url("ballot_vote", ballot.pk), _url("ballot_changelist"), _url("councilmeeting_change", meeting.pk)):
        response = client_a.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    assert client_a.post(_url("ballot_close", ballot.pk)).status_code == 302
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.OPEN


def test_a_council_member_votes_but_cannot_open_close_or_count(meeting, council, secretary, giay_khen, nominees):
    _attend(meeting, council, 9, by=secretary)
    member = _client(council.members[2].user)
    assert member.post(_url("councilmeeting_open", meeting.pk)).status_code == 403
    assert CouncilMember.objects.get(pk=council.members[0].pk)  # nothing removed
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    council_services.open_meeting(meeting, by=secretary)
    ballot = voting.create_ballot(
        meeting, award_form=giay_khen, kind=NomineeKind.INDIVIDUAL, method=VoteMethod.SECRET, by=secretary
    )
    assert member.post(_url("ballot_open", ballot.pk)).status_code == 403
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.DRAFT
    voting.open_ballot(ballot, by=secretary)
    assert member.post(_url("ballot_close", ballot.pk)).status_code == 403
    assert member.get(_url("ballot_counts", ballot.pk)).status_code == 403
    assert member.get(_url("ballot_written_opinion", ballot.pk, council.members[3].pk)).status_code == 403
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.OPEN
    listing = member.get(_url("ballot_changelist"))
    assert "open_ballots" not in listing.context["cl"].model_admin.get_actions(listing.wsgi_request)
    assert member.get(_url("councilmember_changelist")).status_code == 403
    assert member.get(_url("votereceipt_changelist")).status_code == 403
    receipt = voting.cast_secret_vote(ballot, council.members[2], {}, by=council.members[2].user)
    assert (receipt.member, receipt.written_opinion, receipt.recorded_by) == (
        council.members[2],
        False,
        receipt.member.user,
    )


def test_the_office_opens_and_closes_but_only_a_seat_votes(
    meeting, council, secretary, giay_khen, nominees, office_user, council_user
):
    _attend(meeting, council, 9, by=secretary)
    office = _client(office_user)
    assert _messages(office.post(_url("councilmeeting_open", meeting.pk))) == [("success", "Phiên họp đã bắt đầu.")]
    created = office.post(_url("councilmeeting_create_ballots", meeting.pk), {"method": VoteMethod.SECRET})
    ballot = Ballot.objects.get(meeting=meeting)
    assert _messages(created) == [("success", f"Đã tạo các lượt bỏ phiếu: {ballot}.")]
    assert _messages(office.post(_url("ballot_open", ballot.pk))) == [("success", "Đã mở bỏ phiếu.")]
    assert Ballot.objects.get(pk=ballot.pk).opened_by == office_user

    superuser = f.UserFactory(username="quantri-hd", is_superuser=True, is_staff=True)
    for user in (office_user, superuser):  # they see the ballot, but hold no seat
        assert _client(user).get(_url("ballot_vote", ballot.pk)).status_code == 403
        assert _client(user).post(_url("ballot_vote", ballot.pk), {}).status_code == 403
    # In the council_member group but without a seat in this council: the ballot is not even found.
    assert _client(council_user).get(_url("ballot_vote", ballot.pk)).status_code == 404
    assert _client(council_user).post(_url("ballot_vote", ballot.pk), {}).status_code == 404
    assert not VoteReceipt.objects.exists()
    with pytest.raises(CouncilError) as refused:
        voting.cast_secret_vote(ballot, council.members[0], {}, by=office_user)
    assert refused.value.messages == [
        "Chỉ được ghi phiếu thay cho người khác khi đó là ý kiến bằng văn bản của thành viên vắng mặt."
    ]
    assert _messages(office.post(_url("ballot_close", ballot.pk))) == [("success", "Đã kết thúc bỏ phiếu.")]


def test_a_member_of_another_council_does_not_find_the_ballot(meeting, council, secretary, giay_khen, nominees):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    other = f.CouncilMemberFactory(
        conference=f.ConferenceFactory(is_current=False),
        user=f.UserFactory(username="hd-khac", is_staff=True, roles=["council_member"]),
    )
    client = _client(other.user)
    assert client.get(_url("ballot_vote", ballot.pk)).status_code == 404
    assert client.get(_url("ballot_changelist")).context["cl"].result_count == 0


# --- races (PostgreSQL: real row locks, separate connections) -------------------------------------


@postgresql_only
@race
def test_nine_members_voting_at_the_same_instant_are_all_counted(
    migrated_rows, meeting, council, secretary, giay_khen, nominees
):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    marks = _choices(ballot, A, D, A)
    calls = [
        lambda member=member: voting.cast_secret_vote(ballot, member, marks, by=member.user).pk
        for member in council.members
    ]
    results = at_once(*calls, expected=(CouncilError,))
    assert [outcome for outcome, _value in results] == ["ok"] * 9
    assert VoteReceipt.objects.filter(ballot=ballot).count() == 9
    _close_and_count(ballot, secretary)
    assert _counts(ballot) == [("Lê Minh An", 9, 0, 0), ("Trần Văn Bình", 0, 9, 0), ("Nguyễn Thị Hường", 9, 0, 0)]


@postgresql_only
@race
def test_one_member_voting_from_two_tabs_at_once_counts_once(
    migrated_rows, meeting, council, secretary, giay_khen, nominees
):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    member = council.members[4]
    results = at_once(
        lambda: voting.cast_secret_vote(ballot, member, _choices(ballot, A, A, A), by=member.user).pk,
        lambda: voting.cast_secret_vote(ballot, member, _choices(ballot, A, A, A), by=member.user).pk,
        expected=(CouncilError,),
    )
    assert sorted(outcome for outcome, _value in results) == ["ok", "refused"]
    assert [value for outcome, value in results if outcome == "refused"] == [[ALREADY_VOTED]]
    assert VoteReceipt.objects.filter(ballot=ballot, member=member).count() == 1
    _close_and_count(ballot, secretary)
    assert _counts(ballot) == [("Lê Minh An", 1, 0, 0), ("Trần Văn Bình", 1, 0, 0), ("Nguyễn Thị Hường", 1, 0, 0)]
    assert VoteReceipt.history.filter(ballot_id=ballot.pk).count() == 1


@postgresql_only
@race
def test_a_vote_racing_the_close_is_counted_before_it_or_refused(
    migrated_rows, meeting, council, secretary, giay_khen, nominees
):
    _attend(meeting, council, 9, by=secretary)
    council_services.open_meeting(meeting, by=secretary)
    outcomes = set()
    for member in council.members[:6]:
        ballot = voting.create_ballot(
            meeting,
            award_form=giay_khen,
            kind=NomineeKind.INDIVIDUAL,
            method=VoteMethod.SECRET,
            by=secretary,
            nominations=nominees,
        )
        voting.open_ballot(ballot, by=secretary)
        vote, close = at_once(
            lambda b=ballot, m=member: voting.cast_secret_vote(b, m, _choices(b, A, A, D), by=m.user).pk,
            lambda b=ballot: voting.close_ballot(b, by=secretary).status,
            expected=(CouncilError,),
        )
        assert close == ("ok", BallotStatus.SEALED)
        voting.count_ballot(ballot, passphrase=ballot.passphrase, by=secretary)
        ballot.refresh_from_db()
        receipts = list(VoteReceipt.objects.filter(ballot=ballot))
        if vote[0] == "ok":
            assert [r.pk for r in receipts] == [vote[1]] and receipts[0].recorded_at <= ballot.closed_at
            assert _counts(ballot) == [
                ("Lê Minh An", 1, 0, 0),
                ("Trần Văn Bình", 1, 0, 0),
                ("Nguyễn Thị Hường", 0, 1, 0),
            ]
        else:
            assert vote == ("refused", [NOT_OPEN]) and receipts == []
            assert _counts(ballot) == [
                ("Lê Minh An", 0, 0, 0),
                ("Trần Văn Bình", 0, 0, 0),
                ("Nguyễn Thị Hường", 0, 0, 0),
            ]
        valid = set(BallotItem.objects.filter(ballot=ballot).values_list("ballots_valid", flat=True))
        assert valid == {len(receipts)}  # sealed with exactly the votes counted before the close
        outcomes.add(vote[0])
        ballot.delete()  # the next round lists the same nominees: one pending ballot per nomination
    assert outcomes <= {"ok", "refused"}


# --- query counts --------------------------------------------------------------------------------


def _meeting_row(i):
    conference = f.ConferenceFactory(is_current=False)
    meeting = f.CouncilMeetingFactory(conference=conference, purpose=f"Phiên họp {i}")
    member = f.CouncilMemberFactory(conference=conference, user=f.UserFactory(username=f"hd-dem-{i}"))
    MeetingAttendance.objects.create(meeting=meeting, member=member, present=True)
    return meeting, member


def _ballot_row(i):
    meeting, member = _meeting_row(i)
    form = f.AwardFormFactory(code=f"hinh-thuc-hd-{i}", name=f"Hình thức {i}")
    nomination = _accepted(meeting.conference, f.UnitFactory(), form, f"Nguyễn Văn Số{i}")
    ballot = Ballot.objects.create(meeting=meeting, award_form=form, kind=NomineeKind.INDIVIDUAL)
    BallotItem.objects.create(ballot=ballot, nomination=nomination, order=1)
    return ballot, member


def _receipt_row(i):
    ballot, member = _ballot_row(i)
    return VoteReceipt.objects.create(ballot=ballot, member=member, recorded_by=member.user)


MAKERS = {
    "councilmember": lambda i: _meeting_row(i)[1],
    "councilmeeting": lambda i: _meeting_row(i)[0],
    "ballot": lambda i: _ballot_row(i)[0],
    "votereceipt": _receipt_row,
}
# Session, user, the role groups, two counts, the rows, then per page: the list filters' choices,
# and the ballot list's one query for "ballots open for you".
QUERIES = {"councilmember": 6, "councilmeeting": 6, "ballot": 8, "votereceipt": 6}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("changelist", sorted(MAKERS))
def test_council_changelist_queries_are_constant(changelist, rows, db, django_assert_num_queries):
    superuser = f.UserFactory(username="quantri-dem", is_superuser=True, is_staff=True)
    client = _client(superuser)
    for i in range(rows):
        MAKERS[changelist](i)
    with django_assert_num_queries(QUERIES[changelist]):
        response = client.get(_url(f"{changelist}_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows
