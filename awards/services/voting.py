"""Ballots: create, open, vote in secret, enter paper counts, close.

The secret ballot (see awards/models/voting.py and docs/council-voting.md): a vote creates a
``VoteReceipt`` (THAT the member voted) and adds one to a counter of every item of the ballot,
in one statement, in the transaction that holds the ballot's row lock. Nothing else receives
the choices: no change reason, no message, no log line, no history row carries them.

Concurrency: every write to a ballot and its items first locks the ballot row
(``select_for_update``), so two votes, a vote and a close, or two tabs of one member run one
after the other; the unique (ballot, member) constraint is the last word on double votes.
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import mail
from awards.enums import BallotStatus, Choice, MeetingStatus, VoteMethod
from awards.models import Ballot, BallotItem, CouncilMember, VoteReceipt
from awards.services.ballots import RESULT_STATUSES, accepted_nominations, create_ballot, create_ballots_for_meeting
from awards.services.council import CouncilError, can_manage_council, ensure_can_manage, quorum
from awards.transitions import BALLOTS
from hoinghi.audit import record_event

# Prepared in awards/services/ballots.py, offered here with the rest of the voting services.
__all__ = [
    "accepted_nominations",
    "ballots_open_for",
    "cast_secret_vote",
    "close_ballot",
    "create_ballot",
    "create_ballots_for_meeting",
    "enter_counts",
    "open_ballot",
    "results_visible",
]


def results_visible(ballot: Ballot) -> bool:
    """Counts are shown to anyone only once the ballot is closed."""
    return ballot.status in RESULT_STATUSES


def _locked(ballot: Ballot) -> Ballot:
    return Ballot.objects.select_for_update().select_related("meeting__conference").get(pk=ballot.pk)


def _refresh(ballot: Ballot, locked: Ballot, fields: list[str]) -> None:
    for name in fields:
        setattr(ballot, name, getattr(locked, name))


# --- opening and closing -----------------------------------------------------------------------


def open_ballot(ballot: Ballot, *, by: User) -> Ballot:
    """Open for voting: the meeting must be in session and the quorum reached.

    Side effects:
    - status draft → open (``BALLOTS.move``, its history row); opened_at/by; the council's total
      and present members at this moment;
    - the e-mail to each member present (``awards.mail.ballot_opened``: no vote, no count).
    """
    ensure_can_manage(by)
    with transaction.atomic():
        locked = _locked(ballot)
        BALLOTS.ensure_allowed(locked, BallotStatus.OPEN)
        if locked.meeting.status != MeetingStatus.OPEN:
            raise CouncilError(_("Open the meeting before opening a ballot."), code="meeting_not_open")
        result = quorum(locked.meeting)
        if not result.reached:
            raise CouncilError(
                _(
                    "The quorum is not reached: %(present)d of %(total)d council members are present, "
                    "at least %(required)d are needed."
                )
                % {"present": result.present, "total": result.total, "required": result.required},
                code="no_quorum",
            )
        locked.total_members, locked.present_members = result.total, result.present
        locked.opened_at, locked.opened_by = timezone.now(), by
        fields = ["status", "total_members", "present_members", "opened_at", "opened_by"]
        BALLOTS.move(locked, BallotStatus.OPEN, by=by, fields=fields[1:])
        mail.ballot_opened(locked)  # each member present, in the outbox (docs/outbox.md)
    _refresh(ballot, locked, fields)
    return locked


def close_ballot(ballot: Ballot, *, by: User) -> Ballot:
    """Close the ballot; from now on its counts are visible and no vote is accepted.

    Side effects:
    - status open → closed (``BALLOTS.move``, its history row); closed_at/by;
    - every item rewritten in the same transaction (sealed; for a secret ballot the ballots
      issued, returned and valid = the receipts), so the items' last write is the close, not a vote.
    """
    ensure_can_manage(by)
    with transaction.atomic():
        locked = _locked(ballot)
        BALLOTS.ensure_allowed(locked, BallotStatus.CLOSED)
        items = BallotItem.objects.filter(ballot=locked)
        if locked.method == VoteMethod.SECRET:
            cast = VoteReceipt.objects.filter(ballot=locked).count()
            items.update(sealed=True, ballots_issued=cast, ballots_returned=cast, ballots_valid=cast, ballots_invalid=0)
        else:
            missing = list(items.filter(ballots_valid__isnull=True).select_related("nomination__nominee"))
            if missing:
                raise CouncilError(
                    _("Enter the counts for every nominee before closing: %(names)s.")
                    % {"names": ", ".join(str(item.nomination.nominee) for item in missing)},
                    code="counts_missing",
                )
            items.update(sealed=True)
        locked.closed_at, locked.closed_by = timezone.now(), by
        fields = ["status", "closed_at", "closed_by"]
        BALLOTS.move(locked, BallotStatus.CLOSED, by=by, fields=fields[1:])
    _refresh(ballot, locked, fields)
    return locked


# --- the secret vote ---------------------------------------------------------------------------


def _voter_check(ballot: Ballot, member: CouncilMember, by: User) -> bool:
    """Who may cast this member's vote; returns True when it is an absent member's written opinion."""
    if member.conference_id != ballot.meeting.conference_id:
        raise PermissionDenied(_("This person is not a member of this conference's council."))
    attendance = ballot.meeting.attendance.filter(member=member).first()
    if member.user_id is not None and member.user_id == by.pk:
        if attendance is None or not attendance.present:
            raise CouncilError(
                _("You are not recorded as present at this meeting; ask the secretary."), code="not_present"
            )
        return False
    if not can_manage_council(by):
        raise PermissionDenied(_("Only the member in person can vote in this seat."))
    if attendance is None or attendance.present or not attendance.written_opinion:
        raise CouncilError(
            _("A vote can be recorded for someone else only as the written opinion of an absent member."),
            code="not_written_opinion",
        )
    return True


def _agreed_items(choices: dict, item_ids: list[int]) -> list[int]:
    """The items marked 'agree'; a missing choice is 'disagree' (abstaining does not agree)."""
    known = {str(pk): pk for pk in item_ids}
    agreed = set()
    for key, value in choices.items():
        if str(key) not in known:
            raise CouncilError(_("The vote names a nominee who is not on this ballot."), code="unknown_item")
        if value not in Choice.values:
            raise CouncilError(_("Each nominee gets “Agree” or “Disagree”."), code="bad_choice")
        if value == Choice.AGREE:
            agreed.add(known[str(key)])
    return [pk for pk in item_ids if pk in agreed]


def _already_voted() -> CouncilError:
    return CouncilError(_("This member has already voted on this ballot."), code="already_voted")


def cast_secret_vote(ballot: Ballot, member: CouncilMember, choices: dict, *, by: User) -> VoteReceipt:
    """Record one member's secret vote: ``choices`` maps every item id to a ``Choice``.

    ``by`` is the member in person, or the secretary recording an absent member's written
    opinion (the attendance row must say so).

    Side effects, in ONE transaction holding the ballot's row lock:
    - a VoteReceipt (member, ballot, time; never the choices);
    - +1 on votes_for or votes_against of EVERY item, in one UPDATE.
    The receipt's history row is the record of the vote (who and which ballot; never the choices).
    """
    if ballot.method != VoteMethod.SECRET:
        raise CouncilError(_("On this ballot the secretary enters the counts."), code="not_secret")
    written_opinion = _voter_check(ballot, member, by)
    try:
        with transaction.atomic():
            locked = _locked(ballot)
            if locked.status != BallotStatus.OPEN:
                raise CouncilError(_("This ballot is not open for voting."), code="ballot_not_open")
            item_ids = list(BallotItem.objects.filter(ballot=locked).order_by("pk").values_list("pk", flat=True))
            agreed = _agreed_items(choices, item_ids)
            if VoteReceipt.objects.filter(ballot=locked, member=member).exists():
                raise _already_voted()
            receipt = VoteReceipt.objects.create(
                ballot=locked, member=member, written_opinion=written_opinion, recorded_by=by
            )
            one, zero = Value(1), Value(0)
            BallotItem.objects.filter(ballot=locked).update(
                votes_for=F("votes_for")
                + Case(When(pk__in=agreed, then=one), default=zero, output_field=IntegerField()),
                votes_against=F("votes_against")
                + Case(When(pk__in=agreed, then=zero), default=one, output_field=IntegerField()),
            )
    except IntegrityError as exc:  # the unique (ballot, member) constraint: the last word on double votes
        raise _already_voted() from exc
    return receipt


# --- paper ballots and show of hands -----------------------------------------------------------


def _count_problems(total: int, *, issued, returned, valid, invalid, votes_for, votes_against) -> list[str]:
    problems = []
    if min(issued, returned, valid, invalid, votes_for, votes_against) < 0:
        problems.append(_("Counts cannot be negative."))
    if issued > total:
        problems.append(
            _("Ballots issued (%(issued)d) cannot exceed the council's members (%(total)d).")
            % {"issued": issued, "total": total}
        )
    if returned > issued:
        problems.append(
            _("Ballots returned (%(returned)d) cannot exceed ballots issued (%(issued)d).")
            % {"returned": returned, "issued": issued}
        )
    if valid + invalid != returned:
        problems.append(
            _("Valid (%(valid)d) plus invalid (%(invalid)d) ballots must equal the ballots returned (%(returned)d).")
            % {"valid": valid, "invalid": invalid, "returned": returned}
        )
    if votes_for + votes_against > valid:
        problems.append(
            _("Votes for (%(for)d) plus votes against (%(against)d) cannot exceed the valid ballots (%(valid)d).")
            % {"for": votes_for, "against": votes_against, "valid": valid}
        )
    return problems


def enter_counts(
    ballot: Ballot,
    item: BallotItem,
    *,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    votes_for: int,
    votes_against: int,
    by: User,
) -> BallotItem:
    """Record the counted paper ballots or raised hands for one nominee (while the ballot is open).

    Side effects:
    - the item's counts replaced;
    - a history row of the ballot with the figures as its reason (``record_event``; counts are
      not secret, who voted is; the counters themselves have no history).
    """
    ensure_can_manage(by)
    counts = {
        "issued": issued,
        "returned": returned,
        "valid": valid,
        "invalid": invalid,
        "votes_for": votes_for,
        "votes_against": votes_against,
    }
    with transaction.atomic():
        locked = _locked(ballot)
        if locked.method == VoteMethod.SECRET:
            raise CouncilError(_("A secret ballot is counted by the application, not entered."), code="secret")
        if locked.status != BallotStatus.OPEN:
            raise CouncilError(_("Counts are entered while the ballot is open."), code="ballot_not_open")
        if item.ballot_id != locked.pk:
            raise CouncilError(_("The vote names a nominee who is not on this ballot."), code="unknown_item")
        problems = _count_problems(locked.total_members, **counts)
        if problems:
            raise CouncilError(problems, code="inconsistent_counts")
        BallotItem.objects.filter(pk=item.pk).update(
            ballots_issued=issued,
            ballots_returned=returned,
            ballots_valid=valid,
            ballots_invalid=invalid,
            votes_for=votes_for,
            votes_against=votes_against,
        )
        target = _(
            "%(nominee)s – issued %(issued)d, returned %(returned)d, valid %(valid)d, invalid %(invalid)d, "
            "for %(votes_for)d, against %(votes_against)d"
        ) % {"nominee": item.nomination.nominee, **counts}
        record_event(locked, f"{_('Counts entered')}: {target}", by=by)
    item.refresh_from_db()
    return item


# --- reads for the voting pages ----------------------------------------------------------------


def ballots_open_for(user: User) -> QuerySet:
    """Open secret ballots on which the user holds a seat and has not voted yet."""
    if not user.is_authenticated:
        return Ballot.objects.none()
    return (
        Ballot.objects.filter(
            status=BallotStatus.OPEN,
            method=VoteMethod.SECRET,
            meeting__conference__council_members__user=user,
        )
        .exclude(receipts__member__user=user)
        .select_related("meeting", "award_form")
        .order_by("meeting__date", "award_form__order", "kind", "id")
    )
