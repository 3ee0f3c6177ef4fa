"""The council's tally: threshold on total membership, ranking, quota, ties, re-votes, applying it."""

import time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from awards.enums import BallotStatus, CouncilRole, TallyOutcome
from awards.models import Ballot, TieDecision
from awards.services import tally as tally_module
from awards.services.tally import TallyError, apply_tally, settle_tie, tally
from nominations.models import Nomination
from reference.enums import NomineeKind
from tests import awards_fixtures as fixtures
from tests import factories as f
from tests.awards_fixtures import GIVEN, S, accepted, ballot_with, vi
from tests.concurrency import at_once
from tests.nominations_support import moves

# The shared fixtures, as module globals (they win over same-named conftest fixtures).
meeting = fixtures.meeting
quota = fixtures.quota
tied_ballot = fixtures.tied_ballot
chair = fixtures.chair

T = TallyOutcome


def rows(result):
    return [(r.item.nomination.nominee.full_name, r.votes_for, r.rank, r.outcome, r.final) for r in result.items]


# --- threshold -----------------------------------------------------------------------------


def test_tally_threshold_counts_total_membership_not_members_present(meeting, giay_khen, unit_a, quota):
    ballot = ballot_with(meeting, giay_khen, unit_a, [5, 4], total=9, present=6)

    result = tally(ballot)

    # 4 of the 6 present would be 67%, but 4 of all 9 members is 44.44%: not more than 50%.
    assert rows(result) == [
        ("Nguyễn Văn An", 5, 1, T.APPROVED, T.APPROVED),
        ("Nguyễn Văn Bình", 4, None, T.NOT_PASSED, T.NOT_PASSED),
    ]
    assert [r.percent for r in result.items] == [Decimal("55.56"), Decimal("44.44")]
    assert result.threshold_label == "> 50%"


@pytest.mark.parametrize(
    ("percent", "strict", "total", "votes", "expected"),
    [
        (80, False, 10, [8, 7], [True, False]),  # at least 80%: exactly 80% passes
        (90, False, 10, [9, 8], [True, False]),
        (50, True, 10, [6, 5], [True, False]),  # more than 50%: exactly half fails
        (50, False, 10, [5, 4], [True, False]),
    ],
)
def test_tally_threshold_strict_or_at_least(meeting, giay_khen, unit_a, percent, strict, total, votes, expected):
    giay_khen.vote_threshold_percent, giay_khen.vote_threshold_strict = Decimal(percent), strict
    giay_khen.save()
    ballot = ballot_with(meeting, giay_khen, unit_a, votes, total=total)

    result = tally(ballot)

    assert [r.passes for r in result.items] == expected
    assert result.threshold_label == f"{'>' if strict else '≥'} {percent}%"


def test_tally_of_an_open_ballot_is_refused(meeting, giay_khen, unit_a):
    ballot = ballot_with(meeting, giay_khen, unit_a, [9], status=BallotStatus.OPEN)

    with pytest.raises(TallyError) as raised:
        tally(ballot)

    assert raised.value.messages == [vi("Results are shown only after the ballot is closed.")]


# --- ranking, quota ------------------------------------------------------------------------

TWELVE = [9, 9, 8, 8, 8, 7, 7, 7, 6, 6, 5, 5]


def test_tally_ranks_and_stops_at_the_quota_maximum(meeting, giay_khen, unit_a, quota):
    ballot = ballot_with(meeting, giay_khen, unit_a, TWELVE)

    result = tally(ballot)

    assert [(r.rank, r.outcome) for r in result.items] == [(1, T.APPROVED)] * 2 + [(3, T.APPROVED)] * 3 + [
        (6, T.APPROVED)
    ] * 3 + [(9, T.APPROVED)] * 2 + [(11, T.OVER_QUOTA)] * 2
    assert (result.seats, result.tie_seats, len(result.approved), result.blocking) == (10, 0, 10, [])


def test_apply_tally_moves_nominations_and_records(meeting, giay_khen, unit_a, quota, office_user):
    ballot = ballot_with(meeting, giay_khen, unit_a, TWELVE + [4])

    apply_tally(ballot, by=office_user)

    ballot.refresh_from_db()
    items = list(ballot.items.select_related("nomination").order_by("order"))
    assert ballot.status == BallotStatus.APPLIED
    assert [i.nomination.status for i in items] == [S.APPROVED] * 10 + [S.NOT_APPROVED] * 3
    assert [(i.rank, i.outcome) for i in items[-3:]] == [(11, T.OVER_QUOTA), (11, T.OVER_QUOTA), (None, T.NOT_PASSED)]
    first = moves(items[0].nomination)[-1]
    assert (first.from_status, first.to_status, first.by, first.note) == (
        S.ACCEPTED,
        S.APPROVED,
        office_user,
        vi("Council vote: %(for)d of %(total)d members agreed (%(percent)s%%), rank %(rank)d.")
        % {"for": 9, "total": 9, "percent": "100", "rank": 1},
    )
    assert moves(items[10].nomination)[-1].note.endswith(vi("Beyond the quota."))
    # The ballot's move to applied notes the outcome's counts.
    applied = ballot.history.latest("history_id")
    assert (applied.history_change_reason, applied.history_user) == (
        f"closed → applied: 10/13 {vi('Individual').lower()}",
        office_user,
    )


def test_apply_tally_twice_is_refused(meeting, giay_khen, unit_a, quota, office_user):
    ballot = ballot_with(meeting, giay_khen, unit_a, [9])
    apply_tally(ballot, by=office_user)

    with pytest.raises(TallyError) as raised:
        apply_tally(ballot, by=office_user)

    assert raised.value.messages == [vi("Only a closed ballot that is not applied yet can be applied.")]


def test_apply_tally_is_for_the_office_only(meeting, giay_khen, unit_a, quota, council_user):
    ballot = ballot_with(meeting, giay_khen, unit_a, [9])

    with pytest.raises(PermissionDenied):
        apply_tally(ballot, by=council_user)

    assert Ballot.objects.get().status == BallotStatus.CLOSED


def test_tally_seats_exclude_nominations_approved_on_other_ballots(meeting, giay_khen, unit_a, quota):
    for given in GIVEN[:8]:
        accepted(meeting.conference, giay_khen, f"Lê Thị {given}", unit_a, status=S.APPROVED)
    ballot = ballot_with(meeting, giay_khen, unit_a, [9, 8, 7])

    result = tally(ballot)

    assert (result.approved_before, result.seats) == (8, 2)
    assert [r.outcome for r in result.items] == [T.APPROVED, T.APPROVED, T.OVER_QUOTA]


def test_tally_fewer_than_minimum_is_a_warning_not_a_block(meeting, giay_khen, unit_a, quota, office_user):
    quota.minimum = 5
    quota.save()
    ballot = ballot_with(meeting, giay_khen, unit_a, [9, 8, 7, 2])

    result = tally(ballot)
    apply_tally(ballot, by=office_user)

    assert result.warnings == [
        vi("Only %(approved)d approved in all, fewer than the quota's minimum of %(minimum)d.")
        % {"approved": 3, "minimum": 5}
    ]
    assert result.blocking == []
    assert Nomination.objects.filter(status=S.APPROVED).count() == 3


# --- ties ----------------------------------------------------------------------------------


def test_tally_flags_a_tie_at_the_cut_line_and_apply_is_refused(tied_ballot, office_user):
    result = tally(tied_ballot)

    assert [(r.rank, r.outcome) for r in result.items] == [
        (1, T.APPROVED),
        (2, T.APPROVED),
        (3, T.TIED),
        (3, T.TIED),
        (5, T.OVER_QUOTA),
    ]
    assert (result.tie_seats, result.needs_tie_decision, result.may_settle) == (1, True, True)
    with pytest.raises(TallyError) as raised:
        apply_tally(tied_ballot, by=office_user)
    assert raised.value.messages == [
        vi("Tie at the cut line: record the chair's decision or hold a re-vote on the tied nominees.")
    ]
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.ACCEPTED}


def test_settle_tie_by_the_chair_then_apply(tied_ballot, chair, office_user):
    items = list(tied_ballot.items.order_by("order"))

    settle_tie(
        tied_ballot, chosen_items=[items[3]], decided_by_member=chair, reason="Nữ, thành tích nổi bật", by=office_user
    )
    result = apply_tally(tied_ballot, by=office_user)

    assert [r.final for r in result.items] == [T.APPROVED, T.APPROVED, T.OVER_QUOTA, T.APPROVED, T.OVER_QUOTA]
    assert [n.status for n in Nomination.objects.order_by("pk")] == [
        S.APPROVED,
        S.APPROVED,
        S.NOT_APPROVED,
        S.APPROVED,
        S.NOT_APPROVED,
    ]
    decision = TieDecision.objects.get()
    assert (list(decision.chosen.all()), decision.decided_by, decision.recorded_by) == ([items[3]], chair, office_user)
    # The rows keep the tie; reading the applied ballot back gives the chair's outcome.
    assert [i.outcome for i in tied_ballot.items.order_by("order")] == [
        T.APPROVED,
        T.APPROVED,
        T.TIED,
        T.TIED,
        T.OVER_QUOTA,
    ]
    assert [r.final for r in tally(tied_ballot).items] == [r.final for r in result.items]
    # The chair's decision is its own + row, naming the chosen; the applied move notes the counts.
    assert [(h.history_type, h.history_change_reason, h.history_user) for h in decision.history.all()] == [
        ("+", "Nguyễn Văn Dũng", office_user)
    ]
    assert tied_ballot.history.latest("history_id").history_change_reason == (
        f"closed → applied: 3/5 {vi('Individual').lower()}"
    )


@pytest.mark.parametrize(
    ("member_role", "chosen", "message"),
    [
        (CouncilRole.VICE_CHAIR, [3], "Only the chairman of this council decides a tie."),
        (CouncilRole.CHAIR, [2, 3], "Choose exactly %(seats)d of the tied nominees."),
        (CouncilRole.CHAIR, [0], "Choose exactly %(seats)d of the tied nominees."),
    ],
)
def test_settle_tie_refuses_a_wrong_decision(tied_ballot, conference, office_user, member_role, chosen, message):
    member = f.TallyMemberFactory(conference=conference, role=member_role)
    items = list(tied_ballot.items.order_by("order"))

    with pytest.raises(TallyError) as raised:
        settle_tie(
            tied_ballot,
            chosen_items=[items[i] for i in chosen],
            decided_by_member=member,
            reason="Lý do",
            by=office_user,
        )

    assert raised.value.messages == [vi(message) % ({"seats": 1} if "%" in message else {})]
    assert TieDecision.objects.count() == 0


def test_revote_on_the_tied_nominees_replaces_them(tied_ballot, meeting, office_user):
    tied = list(tied_ballot.items.order_by("order"))[2:4]
    revote = f.TallyBallotFactory(meeting=meeting, award_form=tied_ballot.award_form, revote_of=tied_ballot)
    f.TallyItemFactory(ballot=revote, nomination=tied[0].nomination, votes_for=6)
    f.TallyItemFactory(ballot=revote, nomination=tied[1].nomination, votes_for=8)

    preview = tally(revote)
    apply_tally(revote, by=office_user)

    assert (preview.seats, rows(preview)) == (
        1,
        [
            ("Nguyễn Văn Cường", 6, 2, T.OVER_QUOTA, T.OVER_QUOTA),
            ("Nguyễn Văn Dũng", 8, 1, T.APPROVED, T.APPROVED),
        ],
    )
    assert list(Ballot.objects.order_by("id").values_list("status", flat=True)) == [BallotStatus.APPLIED] * 2
    assert [i.outcome for i in tied_ballot.items.order_by("order")] == [
        T.APPROVED,
        T.APPROVED,
        T.TIED,
        T.TIED,
        T.OVER_QUOTA,
    ]
    assert [n.status for n in Nomination.objects.order_by("pk")] == [
        S.APPROVED,
        S.APPROVED,
        S.NOT_APPROVED,
        S.APPROVED,
        S.NOT_APPROVED,
    ]
    assert tally(tied_ballot).revote.ballot == revote  # an applied ballot reads back as applied


def test_revote_still_open_blocks_apply(tied_ballot, meeting, office_user):
    revote = f.TallyBallotFactory(
        meeting=meeting, award_form=tied_ballot.award_form, revote_of=tied_ballot, status=BallotStatus.OPEN
    )
    for item in list(tied_ballot.items.order_by("order"))[2:4]:
        f.TallyItemFactory(ballot=revote, nomination=item.nomination)

    with pytest.raises(TallyError) as raised:
        apply_tally(tied_ballot, by=office_user)

    assert raised.value.messages == [vi("The re-vote ballot is not closed yet.")]
    assert tally(tied_ballot).may_settle is False


# --- concurrency (PostgreSQL: SQLite serialises every writer, so there is no race to test) ----


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite has one writer")
@pytest.mark.django_db(transaction=True)
def test_concurrent_apply_never_exceeds_the_quota(monkeypatch, conference, giay_khen, unit_a, office_user):
    load = tally_module._load

    def slow_load(*args, **kwargs):  # widen the window between counting and writing
        data = load(*args, **kwargs)
        time.sleep(0.3)
        return data

    monkeypatch.setattr(tally_module, "_load", slow_load)
    f.QuotaFactory(conference=conference, award_form=giay_khen, kind=NomineeKind.INDIVIDUAL, minimum=1, maximum=5)
    meeting = f.TallyMeetingFactory(conference=conference)
    first = ballot_with(meeting, giay_khen, unit_a, [9, 8, 7, 6])
    second = ballot_with(meeting, giay_khen, unit_a, [9, 8, 7, 6], names=[f"Lê Thị {g}" for g in GIVEN[:4]])
    results = at_once(*(lambda b=b: apply_tally(Ballot.objects.get(pk=b.pk), by=office_user) for b in (first, second)))

    assert [outcome for outcome, _value in results] == ["ok", "ok"], results
    assert Nomination.objects.filter(status=S.APPROVED).count() == 5
    assert Nomination.objects.filter(status=S.NOT_APPROVED).count() == 3
    assert set(Ballot.objects.values_list("status", flat=True)) == {BallotStatus.APPLIED}
