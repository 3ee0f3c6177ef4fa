"""The council's tally (§4): threshold on TOTAL membership, ranking, quota seats, ties; applying it.

Reads closed ballots only. ``tally`` writes nothing; ``settle_tie`` records the chair's decision;
``apply_tally`` stores the outcome and moves the nominations under a lock on the quota row.
The rules are written out in docs/decisions-and-money.md.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards.enums import BallotStatus, CouncilRole, TallyOutcome
from awards.errors import TallyError
from awards.models import Ballot, BallotItem, CouncilMember, TieDecision
from awards.percent import percent_label as written_percent
from awards.percent import percent_of
from awards.transitions import BALLOTS
from hoinghi.models import set_change_reason, set_history_user
from hoinghi.roles import Role, is_office, roles_of
from nominations.enums import NominationStatus
from nominations.models import Nomination
from nominations.services import transition
from reference.enums import NomineeKind
from reference.models import Conference, Quota

T = TallyOutcome
COUNTED = (BallotStatus.CLOSED, BallotStatus.APPLIED)
TAKEN = (NominationStatus.APPROVED, NominationStatus.AWARDED)


@dataclass
class ItemResult:
    item: BallotItem
    percent: Decimal
    passes: bool
    rank: int | None = None
    outcome: str = T.PENDING
    final: str = T.PENDING  # what the nomination gets: APPROVED, or why not; TIED while unresolved

    votes_for = property(lambda self: self.item.votes_for)
    percent_label = property(lambda self: written_percent(self.percent))  # "55,56", as the minutes print it
    outcome_label = property(lambda self: T(self.outcome).label)
    final_label = property(lambda self: T(self.final).label)


@dataclass
class TallyResult:
    ballot: Ballot
    items: list[ItemResult]
    quota: Quota | None = None
    approved_before: int = 0
    seats: int | None = None  # open seats for this ballot (None: no quota)
    tie_seats: int = 0  # seats left for the tied group at the cut line
    tie_decision: TieDecision | None = None
    revote: "TallyResult | None" = None
    has_revote: bool = False
    warnings: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)

    tied = property(lambda self: [r for r in self.items if r.outcome == T.TIED])
    approved = property(lambda self: [r for r in self.items if r.final == T.APPROVED])
    needs_tie_decision = property(lambda self: any(r.final == T.TIED for r in self.items))

    @property
    def may_settle(self) -> bool:
        """A tie the chair may still decide: none recorded, no re-vote held."""
        return bool(self.tied) and self.tie_decision is None and not self.has_revote

    @property
    def threshold_label(self) -> str:
        form = self.ballot.award_form
        value = form.vote_threshold_percent
        places = 0 if value == value.to_integral_value() else 2
        return f"{'>' if form.vote_threshold_strict else '≥'} {number_format(value, places)}%"


@dataclass
class _Data:
    """Everything the tally of one conference (or one form and kind) needs, in five queries."""

    ballots: dict[int, Ballot]
    items: dict[int, list[BallotItem]]
    revotes: dict[int, list[Ballot]]
    chosen: dict[int, set[int]]
    quotas: dict[tuple[int, str], Quota]
    taken: dict[tuple[int, str], int]


def _load(conference: Conference, *, award_form_id: int | None = None, kind: str | None = None) -> _Data:
    ballot_rows = Ballot.objects.filter(meeting__conference=conference).select_related(
        "meeting", "award_form", "tie_decision__decided_by"
    )
    quota_rows = Quota.objects.filter(conference=conference)
    taken_rows = Nomination.objects.alive().filter(conference=conference, status__in=TAKEN).order_by()
    if award_form_id is not None:
        ballot_rows = ballot_rows.filter(award_form_id=award_form_id, kind=kind)
        quota_rows = quota_rows.filter(award_form_id=award_form_id, kind=kind)
        taken_rows = taken_rows.filter(award_form_id=award_form_id, nominee__kind=kind)
    ballots = {b.pk: b for b in ballot_rows.order_by("id")}
    items: defaultdict[int, list[BallotItem]] = defaultdict(list)
    for item in BallotItem.objects.filter(ballot__in=ballots.keys()).select_related(
        "nomination__nominee", "nomination__proposing_unit"
    ):
        item.ballot = ballots[item.ballot_id]  # the denominator reads the ballot: no query per item
        items[item.ballot_id].append(item)
    revotes: defaultdict[int, list[Ballot]] = defaultdict(list)
    chosen: defaultdict[int, set[int]] = defaultdict(set)
    for ballot in ballots.values():
        if ballot.revote_of_id:
            revotes[ballot.revote_of_id].append(ballot)
    through = TieDecision.chosen.through.objects.filter(tiedecision__ballot__in=ballots.keys())
    for ballot_id, item_id in through.values_list("tiedecision__ballot_id", "ballotitem_id"):
        chosen[ballot_id].add(item_id)
    counts = taken_rows.values("award_form_id", "nominee__kind").annotate(n=Count("id"))
    quotas = {(q.award_form_id, q.kind): q for q in quota_rows}
    taken = {(r["award_form_id"], r["nominee__kind"]): r["n"] for r in counts}
    return _Data(ballots, items, revotes, chosen, quotas, taken)


def passes(votes: int, total: int, award_form) -> bool:
    """For × 100 against threshold × TOTAL members: strictly more, or at least."""
    if not total:
        return False
    left, right = Decimal(votes) * 100, award_form.vote_threshold_percent * total
    return left > right if award_form.vote_threshold_strict else left >= right


def _ranked(results: list[ItemResult]) -> list[ItemResult]:
    """Passing items by votes for, highest first; equal votes share a rank (1, 2, 2, 4)."""
    ordered = sorted(results, key=lambda r: (-r.votes_for, r.item.order, r.item.pk))
    for position, result in enumerate(ordered):
        previous = ordered[position - 1] if position else None
        result.rank = previous.rank if previous and previous.votes_for == result.votes_for else position + 1
    return ordered


def _stored(ballot: Ballot, data: _Data, results: dict[int, TallyResult]) -> TallyResult:
    """An applied ballot as it was applied (ranks and outcomes from the rows)."""
    items = [
        ItemResult(i, percent_of(i.votes_for, i.denominator), i.outcome != T.NOT_PASSED, i.rank, i.outcome, i.outcome)
        for i in data.items[ballot.pk]
    ]
    result = TallyResult(ballot, items, tie_decision=getattr(ballot, "tie_decision", None))
    results[ballot.pk] = result
    applied_revotes = [b for b in data.revotes[ballot.pk] if b.status == BallotStatus.APPLIED]
    result.has_revote = bool(applied_revotes)
    if applied_revotes:
        result.revote = _stored(applied_revotes[-1], data, results)
        finals = {r.item.nomination_id: r.final for r in result.revote.items}
    else:  # settled by the chair
        finals = {r.item.nomination_id: T.APPROVED for r in result.tied if r.item.pk in data.chosen[ballot.pk]}
    for r in result.tied:
        r.final = finals.get(r.item.nomination_id, T.OVER_QUOTA)
    return result


def _compute(ballot: Ballot, data: _Data, results: dict[int, TallyResult], *, seats: int | None = None) -> TallyResult:
    """The tally of a closed ballot; a re-vote is computed for the ``seats`` open at its original's cut."""
    if ballot.status == BallotStatus.APPLIED:
        return _stored(ballot, data, results)
    total, form = ballot.total_members, ballot.award_form
    items = [
        ItemResult(i, percent_of(i.votes_for, i.denominator), passes(i.votes_for, i.denominator, form))
        for i in data.items[ballot.pk]
    ]
    result = TallyResult(ballot, items, tie_decision=getattr(ballot, "tie_decision", None))
    results[ballot.pk] = result
    if not total:
        result.blocking.append(_("The number of council members is not recorded on this ballot."))
    if ballot.revote_of_id is None:
        result.quota = data.quotas.get((form.pk, ballot.kind))
        result.approved_before = data.taken.get((form.pk, ballot.kind), 0)
        if result.quota is not None:
            seats = max(0, result.quota.maximum - result.approved_before)
    result.seats = seats
    for r in items:
        r.outcome = r.final = T.APPROVED if r.passes else T.NOT_PASSED
    passing = _ranked([r for r in items if r.passes])
    if seats is not None and len(passing) > seats:
        cut = passing[seats - 1].votes_for if seats else None
        tie = cut is not None and passing[seats].votes_for == cut  # equal votes on both sides of the cut
        for r in passing:
            if cut is not None and (r.votes_for > cut or (r.votes_for == cut and not tie)):
                continue
            r.outcome = r.final = T.TIED if tie and r.votes_for == cut else T.OVER_QUOTA
        if tie:
            result.tie_seats = seats - sum(1 for r in passing if r.outcome == T.APPROVED)
    if result.tied:
        _resolve_tie(result, data, results)
    if ballot.revote_of_id is None:
        _warn(result)
    return result


def _resolve_tie(result: TallyResult, data: _Data, results: dict[int, TallyResult]) -> None:
    ballot, tied = result.ballot, result.tied
    chosen, revotes = data.chosen[ballot.pk], data.revotes[ballot.pk]
    result.has_revote = bool(revotes)
    if result.tie_decision is not None:
        if chosen <= {r.item.pk for r in tied} and len(chosen) == result.tie_seats:
            for r in tied:
                r.final = T.APPROVED if r.item.pk in chosen else T.OVER_QUOTA
        else:
            result.blocking.append(
                _("The chair's decision no longer matches the seats open at the cut line; hold a re-vote.")
            )
        return
    if not revotes:
        result.blocking.append(
            _("Tie at the cut line: record the chair's decision or hold a re-vote on the tied nominees.")
        )
        return
    latest = revotes[-1]
    if latest.status not in COUNTED:
        result.blocking.append(_("The re-vote ballot is not closed yet."))
        return
    if {i.nomination_id for i in data.items[latest.pk]} != {r.item.nomination_id for r in tied}:
        result.blocking.append(_("The re-vote ballot must list exactly the nominees tied at the cut line."))
        return
    result.revote = _compute(latest, data, results, seats=result.tie_seats)
    result.blocking.extend(result.revote.blocking)
    finals = {r.item.nomination_id: r.final for r in result.revote.items}
    for r in tied:
        r.final = finals[r.item.nomination_id]


def _warn(result: TallyResult) -> None:
    quota = result.quota
    if quota is None:
        result.warnings.append(_("No quota is set for this award form and kind: everyone who passes is approved."))
        return
    approved = result.approved_before + len(result.approved) + (result.tie_seats if result.needs_tie_decision else 0)
    if approved < quota.minimum:
        result.warnings.append(
            _("Only %(approved)d approved in all, fewer than the quota's minimum of %(minimum)d.")
            % {"approved": approved, "minimum": quota.minimum}
        )


def _root(ballot: Ballot) -> Ballot:
    while ballot.revote_of_id:
        ballot = Ballot.objects.select_related("meeting", "award_form").get(pk=ballot.revote_of_id)
    return ballot


def tally(ballot: Ballot) -> TallyResult:
    """The computed result of a closed (or applied) ballot; a re-vote within its original's cut."""
    if ballot.status not in COUNTED:
        raise TallyError(_("Results are shown only after the ballot is closed."), code="not_closed")
    root = _root(ballot)
    data = _load(root.meeting.conference, award_form_id=root.award_form_id, kind=root.kind)
    results: dict[int, TallyResult] = {}
    _compute(data.ballots[root.pk], data, results)
    if ballot.pk not in results:  # a re-vote nobody needs (its original has no tie)
        _compute(data.ballots[ballot.pk], data, results, seats=0)
    return results[ballot.pk]


def conference_tallies(conference: Conference) -> tuple[list[Ballot], dict[int, TallyResult]]:
    """Every ballot of the conference, and the results of the counted ones (constant queries)."""
    data = _load(conference)
    results: dict[int, TallyResult] = {}
    for ballot in data.ballots.values():
        if ballot.status in COUNTED and ballot.revote_of_id is None:
            _compute(ballot, data, results)
    for ballot in data.ballots.values():
        if ballot.status in COUNTED and ballot.pk not in results:
            _compute(ballot, data, results, seats=0)
    for ballot in data.ballots.values():
        ballot.item_list = data.items[ballot.pk]
    return list(data.ballots.values()), results


def settle_tie(
    ballot: Ballot, *, chosen_items: list[BallotItem], decided_by_member: CouncilMember, reason: str, by: User
) -> TieDecision:
    """Record the chair's decision on the nominees tied at the cut line.

    Side effects:
    - a TieDecision with the chosen items; its history row's reason names them.
    """
    if not (is_office(by) or Role.COUNCIL_SECRETARY in roles_of(by)):
        raise PermissionDenied(_("You may not record the chair's decision."))
    reason = (reason or "").strip()
    conference = ballot.meeting.conference
    if decided_by_member.role != CouncilRole.CHAIR or decided_by_member.conference_id != conference.pk:
        raise TallyError(_("Only the chairman of this council decides a tie."), code="not_chair")
    if not reason:
        raise TallyError(_("Give the chair's reason."), code="reason_required")
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if locked.status != BallotStatus.CLOSED:
            raise TallyError(_("Only a closed ballot's tie can be settled."), code="not_closed")
        if TieDecision.objects.filter(ballot=locked).exists():
            raise TallyError(_("The chair's decision on this tie is already recorded."), code="settled")
        result = tally(locked)
        if result.revote is not None or locked.revotes.exists():
            raise TallyError(_("A re-vote is being held on this tie."), code="revote")
        tied = {r.item.pk: r.item for r in result.tied}
        chosen = {item.pk for item in chosen_items}
        if not tied:
            raise TallyError(_("There is no tie at the cut line on this ballot."), code="no_tie")
        if not chosen <= tied.keys() or len(chosen) != result.tie_seats:
            raise TallyError(
                _("Choose exactly %(seats)d of the tied nominees.") % {"seats": result.tie_seats}, code="count"
            )
        decision = TieDecision(ballot=locked, decided_by=decided_by_member, reason=reason, recorded_by=by)
        set_change_reason(decision, ", ".join(str(tied[pk].nomination.nominee) for pk in sorted(chosen)))
        set_history_user(decision, by)  # also outside a request
        decision.save()
        decision.chosen.set(chosen)
    return decision


def _note(r: ItemResult, total: int) -> str:
    params = {"for": r.votes_for, "total": total, "percent": r.percent_label, "rank": r.rank}
    if r.outcome == T.NOT_PASSED:
        return _("Council vote: %(for)d of %(total)d members agreed (%(percent)s%%), below the threshold.") % params
    text = _("Council vote: %(for)d of %(total)d members agreed (%(percent)s%%), rank %(rank)d.") % params
    if r.outcome == T.TIED:
        text += " " + _("Tied at the cut line.")
    if r.final == T.OVER_QUOTA:
        text += " " + _("Beyond the quota.")
    return text


def _store(result: TallyResult, *, by: User, note: str) -> None:
    """Write ranks and outcomes, move the nominations, mark the ballot (and its re-vote) applied
    (``note``, the outcome's counts, is the note of each ballot's move)."""
    chain: list[TallyResult] = []
    notes: dict[int, str] = {}
    current: TallyResult | None = result
    while current is not None:
        chain.append(current)
        for r in current.items:
            notes[r.item.nomination_id] = _note(r, r.item.denominator)  # the re-vote's counts win
        current = current.revote
    for counted in chain:
        for r in counted.items:
            r.item.rank, r.item.outcome = r.rank, r.outcome
        BallotItem.objects.bulk_update([r.item for r in counted.items], ["rank", "outcome"])
        BALLOTS.move(counted.ballot, BallotStatus.APPLIED, by=by, fields=[], note=note)
    for r in result.items:
        to = NominationStatus.APPROVED if r.final == T.APPROVED else NominationStatus.NOT_APPROVED
        transition(r.item.nomination, to, by=by, note=notes[r.item.nomination_id], record=True)


def may_apply(user) -> bool:
    """The Office applies the outcome (it records the nominations' council outcome: ``transition``)."""
    return is_office(user)


def apply_tally(ballot: Ballot, *, by: User) -> TallyResult:
    """Apply a closed ballot's tally (a re-vote is applied together with its original).

    Side effects, in one transaction, under a lock on the quota row:
    - each item's rank and outcome;
    - each nomination accepted → approved / not approved, through ``transition`` (history row);
    - the ballot (and its re-vote) status closed → applied (``BALLOTS.move``, history rows whose
      note is the outcome's counts: "10/13 cá nhân").
    """
    if not may_apply(by):
        raise PermissionDenied(_("Only the Office applies the council's outcome."))
    root = _root(ballot)
    conference = root.meeting.conference
    with transaction.atomic():
        # Lock first, count second: two staff applying at once queue here and the second sees
        # the first's approvals, so the maximum is never exceeded.
        list(
            Quota.objects.select_for_update().filter(conference=conference, award_form=root.award_form, kind=root.kind)
        )
        locked = Ballot.objects.select_for_update().get(pk=root.pk)
        BALLOTS.ensure_allowed(locked, BallotStatus.APPLIED)
        data = _load(conference, award_form_id=root.award_form_id, kind=root.kind)
        result = _compute(data.ballots[root.pk], data, {})
        if result.blocking:
            raise TallyError(result.blocking, code="blocked")
        counts = f"{len(result.approved)}/{len(result.items)} {NomineeKind(locked.kind).label.lower()}"
        _store(result, by=by, note=counts)
    return result
