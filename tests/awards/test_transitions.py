"""The awards' workflows (awards/transitions.py): each map pinned, every other move refused, each move recorded.

A move is recorded as the row's django-simple-history entry: who, when, "from → to[: note]".
A refused move leaves the row and its history as they were.
"""

import datetime
import itertools

import pytest
from django.urls import reverse

from awards.enums import BallotStatus as B
from awards.enums import DecisionStatus as D
from awards.enums import MeetingStatus as M
from awards.errors import CouncilError, DecisionError, TallyError
from awards.models import Ballot, CouncilMeeting, Decision
from awards.services import council as council_services
from awards.services import voting
from awards.services.decisions import draft_decision, issue_decision, replace_decision
from awards.services.tally import apply_tally
from awards.transitions import BALLOTS, DECISIONS, MEETINGS
from tests import awards_fixtures as fixtures
from tests import factories as f
from tests.awards_fixtures import ballot_with, vi

money_rules = fixtures.money_rules
signer = fixtures.signer
awardees = fixtures.awardees
meeting = fixtures.meeting


def test_the_meeting_map_is_exactly_planned_open_closed():
    assert MEETINGS.pairs() == {(M.PLANNED, M.OPEN), (M.OPEN, M.CLOSED)}
    assert set(MEETINGS.moves) == set(M.values)


def test_the_ballot_map_is_exactly_draft_open_sealed_closed_applied():
    assert BALLOTS.pairs() == {
        (B.DRAFT, B.OPEN),
        (B.OPEN, B.SEALED),  # a secret ballot closes sealed ...
        (B.SEALED, B.CLOSED),  # ... and is counted with the board's passphrase
        (B.OPEN, B.CLOSED),  # paper ballots and a show of hands close counted
        (B.CLOSED, B.APPLIED),
    }
    assert set(BALLOTS.moves) == set(B.values)


def test_the_decision_map_is_exactly_draft_issued_replaced():
    assert DECISIONS.pairs() == {(D.DRAFT, D.ISSUED), (D.ISSUED, D.REPLACED)}
    assert set(DECISIONS.moves) == set(D.values)


def _refused(workflow, states):
    return [(frm, to) for frm, to in itertools.product(states, states) if (frm, to) not in workflow.pairs()]


def _history(obj) -> list[tuple[str, str, int | None]]:
    return [(h.status, h.history_change_reason, h.history_user_id) for h in obj.history.order_by("history_id")]


# What the user reads when a move is refused: the services' own messages where they had one.
MEETING_REFUSALS = {
    M.OPEN: ("Only a planned meeting can be opened; this one is “%(status)s”.", CouncilError),
    M.CLOSED: ("Only a meeting in session can be closed; this one is “%(status)s”.", CouncilError),
    M.PLANNED: ("A meeting that is “%(from)s” cannot become “%(to)s”.", CouncilError),
}
BALLOT_REFUSALS = {
    B.OPEN: ("Only a ballot being prepared can be opened; this one is “%(status)s”.", CouncilError),
    B.SEALED: ("Only an open ballot can be closed; this one is “%(status)s”.", CouncilError),
    B.CLOSED: ("Only an open ballot can be closed; this one is “%(status)s”.", CouncilError),
    B.APPLIED: ("Only a closed ballot that is not applied yet can be applied.", TallyError),
    B.DRAFT: ("A ballot that is “%(from)s” cannot become “%(to)s”.", CouncilError),
}
DECISION_REFUSALS = {
    D.ISSUED: ("An issued decision is never changed; draft a correction instead.", DecisionError),
    D.REPLACED: ("The decision being corrected is no longer in force.", DecisionError),
    D.DRAFT: ("A decision that is “%(from)s” cannot become “%(to)s”.", DecisionError),
}


def _expected(refusals, states, frm, to) -> tuple[type, str]:
    message, error = refusals[to]
    labels = {"status": states(frm).label, "from": states(frm).label, "to": states(to).label}
    return error, vi(message) % labels


def _assert_refused(workflow, obj, to, expected, by):
    before = _history(obj)
    error, message = expected
    with pytest.raises(error) as raised:
        workflow.move(obj, to, by=by, fields=[])
    stored = type(obj).objects.get(pk=obj.pk)
    assert (raised.value.messages, stored.status, _history(stored)) == ([message], before[-1][0], before)


@pytest.mark.parametrize(("frm", "to"), _refused(MEETINGS, M))
def test_a_meeting_move_outside_the_map_is_refused_and_changes_nothing(conference, office_user, frm, to):
    row = f.TallyMeetingFactory(conference=conference, status=frm)
    _assert_refused(MEETINGS, row, to, _expected(MEETING_REFUSALS, M, frm, to), office_user)


@pytest.mark.parametrize(("frm", "to"), _refused(BALLOTS, B))
def test_a_ballot_move_outside_the_map_is_refused_and_changes_nothing(meeting, giay_khen, office_user, frm, to):
    row = f.TallyBallotFactory(meeting=meeting, award_form=giay_khen, status=frm)
    _assert_refused(BALLOTS, row, to, _expected(BALLOT_REFUSALS, B, frm, to), office_user)


@pytest.mark.parametrize(("frm", "to"), _refused(DECISIONS, D))
def test_a_decision_move_outside_the_map_is_refused_and_changes_nothing(conference, giay_khen, office_user, frm, to):
    row = f.DocDecisionFactory(conference=conference, award_form=giay_khen, status=frm)
    _assert_refused(DECISIONS, row, to, _expected(DECISION_REFUSALS, D, frm, to), office_user)


def test_a_long_note_is_kept_whole_in_the_reason(conference, office_user):
    row = f.TallyMeetingFactory(conference=conference, status=M.PLANNED)
    note = "Họp bổ sung theo đề nghị của Thường trực Hội đồng, " * 6

    MEETINGS.move(row, M.OPEN, by=office_user, note=note)

    assert _history(CouncilMeeting.objects.get(pk=row.pk))[-1] == (M.OPEN, f"planned → open: {note}", office_user.pk)
    assert len(note) > 300


# --- every service moves through the map and leaves a history row --------------------------------


def test_opening_and_closing_a_meeting_and_a_ballot_write_one_history_row_each(meeting, giay_khen, unit_a, office_user):
    for order in range(3):
        member = f.TallyMemberFactory(conference=meeting.conference, order=order)
        council_services.record_attendance(meeting, member, present=True, by=office_user)
    ballot = Ballot.objects.create(meeting=meeting, award_form=giay_khen, kind="individual", method="paper")

    council_services.open_meeting(meeting, by=office_user)
    voting.open_ballot(ballot, by=office_user)
    voting.close_ballot(ballot, by=office_user)
    council_services.close_meeting(meeting, by=office_user, end_time=datetime.time(11, 0))

    u = office_user.pk
    assert _history(CouncilMeeting.objects.get(pk=meeting.pk)) == [
        (M.PLANNED, None, None),
        (M.OPEN, "planned → open", u),
        (M.CLOSED, "open → closed", u),
    ]
    assert _history(Ballot.objects.get(pk=ballot.pk)) == [
        (B.DRAFT, None, None),
        (B.OPEN, "draft → open", u),
        (B.CLOSED, "open → closed", u),
    ]


def test_a_secret_ballot_closes_sealed_then_the_count_closes_it(meeting, giay_khen, unit_a, office_user):
    for order in range(3):
        member = f.TallyMemberFactory(conference=meeting.conference, order=order)
        council_services.record_attendance(meeting, member, present=True, by=office_user)
    ballot = Ballot.objects.create(meeting=meeting, award_form=giay_khen, kind="individual", method="secret")

    council_services.open_meeting(meeting, by=office_user)
    voting.open_ballot(ballot, by=office_user)
    voting.close_ballot(ballot, by=office_user)
    voting.count_ballot(ballot, passphrase=ballot.passphrase, by=office_user)

    u = office_user.pk
    assert _history(Ballot.objects.get(pk=ballot.pk)) == [
        (B.DRAFT, None, None),
        (B.OPEN, "draft → open", u),
        (B.SEALED, "open → sealed", u),
        (B.CLOSED, "sealed → closed", u),
    ]


def test_applying_the_tally_moves_the_ballot_closed_to_applied_with_its_history_row(
    meeting, giay_khen, unit_a, office_user
):
    ballot = ballot_with(meeting, giay_khen, unit_a, [9, 3])

    apply_tally(ballot, by=office_user)

    assert _history(Ballot.objects.get(pk=ballot.pk)) == [
        (B.CLOSED, None, None),
        (B.APPLIED, f"closed → applied: 1/2 {vi('Individual').lower()}", office_user.pk),
    ]
    with pytest.raises(TallyError) as raised:
        apply_tally(ballot, by=office_user)
    assert raised.value.messages == [vi("Only a closed ballot that is not applied yet can be applied.")]


def test_issuing_a_correction_records_both_moves(conference, giay_khen, awardees, signer, office_user):
    old = issue_decision(
        draft_decision(conference, giay_khen, by=office_user),
        date=datetime.date(2025, 12, 20),
        signer=signer,
        by=office_user,
    )
    new = issue_decision(
        replace_decision(old, reason="Sai chức vụ", by=office_user),
        date=datetime.date(2025, 12, 22),
        signer=signer,
        by=office_user,
    )

    u = office_user.pk
    assert _history(Decision.objects.get(pk=old.pk)) == [
        (D.DRAFT, None, None),
        (D.ISSUED, "draft → issued", u),
        (D.REPLACED, "issued → replaced: 02/QĐ-SKHCN", u),
    ]
    assert _history(Decision.objects.get(pk=new.pk))[-1] == (D.ISSUED, "draft → issued", u)


def test_the_decisions_history_page_reads_the_moves_with_their_labels(
    conference, giay_khen, awardees, signer, office_user, office_client, testid_texts
):
    old = issue_decision(
        draft_decision(conference, giay_khen, by=office_user),
        date=datetime.date(2025, 12, 20),
        signer=signer,
        by=office_user,
    )
    issue_decision(
        replace_decision(old, reason="Sai chức vụ", by=office_user),
        date=datetime.date(2025, 12, 22),
        signer=signer,
        by=office_user,
    )

    response = office_client.get(reverse("admin:awards_decision_history", args=[old.pk]))

    assert testid_texts(response, "history-reason") == [
        "Đã ban hành → Đã được thay thế bằng văn bản đính chính: 02/QĐ-SKHCN",
        "Nháp → Đã ban hành",
        "",
    ]
