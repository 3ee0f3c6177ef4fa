"""seed_demo's second round (issue 9 C): a late nomination, a second meeting, a second Giấy khen decision.

What a new user finds after ``seed_demo``: two meetings in the minutes, two Giấy khen decisions
with their own lists, the register numbers (số sổ vàng) running on from the first to the second,
and one nomination accepted after the second meeting, waiting for a meeting the user holds.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from awards import models as awards
from awards.enums import BallotStatus, DecisionStatus, DocumentType, MeetingStatus, TallyOutcome
from awards.services.ballots import create_ballots_for_meeting
from nominations.enums import NominationStatus as S
from nominations.models import Nomination
from tests.awards_documents_support import pdftotext
from tests.conference.test_seed import council_snapshot, seed

LATE = "Hoàng Thị Bích Ngọc"
WAITING = "Ngô Văn Khải"


@pytest.fixture
def seeded(db):
    return seed()


def test_the_second_round_is_told_once(seeded):
    assert (
        "  second round: a late nomination accepted, the meeting of 10/07/2025, 1 secret ballot, 9 votes, "
        "1 approved; 02/QĐ-SKHCN of 11/07/2025 (1 on the list, register number 11); "
        "one more nomination accepted, waiting for the next meeting\n"
    ) in seeded
    before = council_snapshot()
    again = seed()
    assert "  second round: skipped (the conference already has the second meeting)\n" in again
    assert council_snapshot() == before


def test_the_second_meeting_and_its_ballot(seeded, client):
    meetings = list(awards.CouncilMeeting.objects.order_by("date"))
    assert [(m.date, m.start_time, m.end_time, m.status) for m in meetings] == [
        (datetime.date(2025, 6, 20), datetime.time(14, 0), datetime.time(16, 30), MeetingStatus.CLOSED),
        (datetime.date(2025, 7, 10), datetime.time(9, 0), datetime.time(10, 15), MeetingStatus.CLOSED),
    ]
    second = meetings[1]
    assert second.purpose == "Xét đề nghị khen thưởng bổ sung (đề nghị gửi sau phiên họp ngày 20/06/2025)"
    absent = second.attendance.filter(present=False).select_related("member__user")
    assert [(a.member.user.username, a.written_opinion, a.note) for a in absent] == [("uyvien4", False, "đi công tác")]
    ballot = awards.Ballot.objects.get(meeting=second)
    assert (ballot.award_form.code, ballot.kind, ballot.status) == ("giay-khen", "individual", BallotStatus.APPLIED)
    assert (ballot.total_members, ballot.present_members, ballot.receipts.count()) == (10, 9, 9)
    assert [(i.nomination.nominee.full_name, i.votes_for, i.votes_against, i.rank, i.outcome)
            for i in ballot.items.select_related("nomination__nominee")] == [
        (LATE, 8, 1, 1, TallyOutcome.APPROVED)
    ]  # fmt: skip

    # Two meetings in the minutes: each prints its own entered end time.
    client.force_login(User.objects.get(username="vanphong"))
    texts = [pdftotext(client.get(reverse("meeting_minutes_pdf", args=[m.pk])).content) for m in meetings]
    assert "Cuộc họp kết thúc vào 16 giờ 30, ngày 20 tháng 6 năm 2025." in texts[0]
    assert "Cuộc họp kết thúc vào 10 giờ 15, ngày 10 tháng 7 năm 2025." in texts[1]
    assert LATE in texts[1] and LATE not in texts[0]


def test_two_giay_khen_decisions_and_the_register_runs_on(seeded, client):
    decisions = list(awards.Decision.objects.filter(document_type=DocumentType.DECISION).order_by("number"))
    assert [(d.number_label, d.date, d.status, d.entries.count()) for d in decisions] == [
        ("01/QĐ-SKHCN", datetime.date(2025, 6, 25), DecisionStatus.ISSUED, 10),
        ("02/QĐ-SKHCN", datetime.date(2025, 7, 11), DecisionStatus.ISSUED, 1),
    ]
    first, second = decisions
    assert list(first.entries.order_by("register_number").values_list("register_number", flat=True)) == list(
        range(1, 11)
    )
    assert list(second.entries.values_list("register_number", "recipient", "amount")) == [(11, f"Bà {LATE}", 710_000)]
    assert (second.signer_name, second.total_amount) == ("Vũ Tuấn Anh", 710_000)
    assert Nomination.objects.get(nominee__full_name=LATE).status == S.AWARDED

    client.force_login(User.objects.get(username="vanphong"))
    page = client.get(reverse("decision_detail", args=[second.pk])).content.decode()
    assert "02/QĐ-SKHCN" in page and LATE in page
    listing = client.get(reverse("decision_list")).content.decode()
    assert listing.count('data-testid="decision"') == 3


def test_one_nomination_waits_for_the_next_meeting_and_the_dashboard_shows_every_stage(seeded, client):
    waiting = Nomination.objects.get(nominee__full_name=WAITING)
    assert (waiting.status, waiting.proposing_unit.code, waiting.created_by.username) == (
        S.ACCEPTED,
        "ttud",
        "donvi-ttud",
    )
    assert not awards.BallotItem.objects.filter(nomination=waiting).exists()
    # A meeting the user adds gets a ballot with him on it.
    meeting = awards.CouncilMeeting.objects.create(
        conference=waiting.conference, purpose="Phiên họp thử", date=datetime.date(2025, 8, 1),
        start_time=datetime.time(8, 0), place="Phòng họp tầng 3",
    )  # fmt: skip
    (ballot,) = create_ballots_for_meeting(meeting, method="secret", by=User.objects.get(username="thuky"))
    assert [item.nomination for item in ballot.items.all()] == [waiting]
    client.force_login(User.objects.get(username="vanphong"))
    rows = {row["status"]: row["count"] for row in client.get(reverse("dashboard")).context["by_status"]}
    assert rows == {
        S.DRAFT: 2,
        S.SUBMITTED: 2,
        S.RETURNED: 1,
        S.RESUBMITTED: 0,
        S.ACCEPTED: 1,
        S.REJECTED: 0,
        S.WITHDRAWN: 0,
        S.APPROVED: 10,
        S.NOT_APPROVED: 1,
        S.AWARDED: 11,
    }
