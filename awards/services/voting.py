"""Ballots: create, open, vote in secret, enter paper counts, close, count.

The secret ballot (awards/services/secret_ballot.py, docs/council-voting.md): opening a ballot
gives it a key pair whose private half is sealed under the vote-counting board's passphrase; a
vote is stored encrypted, one ciphertext per nominee, and only the sums are ever decrypted, at
the count, after which the sealed key is destroyed.

Concurrency: every write to a ballot and its items first locks the ballot row
(``select_for_update``), so two votes, a vote and a close, or two tabs of one member run one
after the other; the unique (ballot, member) constraint is the last word on double votes.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import ballot_crypto as crypto
from awards import mail
from awards.enums import BallotStatus, MeetingStatus, VoteMethod
from awards.models import Ballot, BallotItem, CouncilMeeting, VoteReceipt
from awards.services.ballots import RESULT_STATUSES, accepted_nominations, create_ballot, create_ballots_for_meeting
from awards.services.council import CouncilError, ensure_can_manage, quorum
from awards.services.secret_ballot import (
    cast_secret_vote,
    count_ballot,
    count_ballots,
    counted_code,
    recuse,
    store_key,
)
from awards.transitions import BALLOTS
from hoinghi.audit import record_event

# Prepared in awards/services/ballots.py, offered here with the rest of the voting services.
__all__ = [
    "accepted_nominations",
    "ballots_open_for",
    "cast_secret_vote",
    "close_ballot",
    "close_ballots",
    "count_ballot",
    "count_ballots",
    "counted_code",
    "create_ballot",
    "create_ballots_for_meeting",
    "enter_counts",
    "open_ballot",
    "open_ballots",
    "recuse",
    "results_visible",
]


def results_visible(ballot: Ballot) -> bool:  # sealed: closed, but nobody has decrypted the sums yet
    """Counts are shown to anyone only once the ballot is closed."""
    return ballot.status in RESULT_STATUSES


def _locked(ballot: Ballot) -> Ballot:
    return Ballot.objects.select_for_update().select_related("meeting__conference").get(pk=ballot.pk)


def _refresh(ballot: Ballot, locked: Ballot, fields: list[str]) -> None:
    for name in fields:
        setattr(ballot, name, getattr(locked, name))


# --- opening and closing -----------------------------------------------------------------------


def open_ballot(ballot: Ballot, *, by: User, passphrase: str | None = None) -> Ballot:
    """Open for voting: the meeting must be in session and the quorum reached.

    A secret ballot gets its key pair, the private key sealed under ``passphrase`` (a new one
    when none is given). The passphrase is on the returned ballot (and ``ballot``) as
    ``.passphrase``, never stored: the page shows it once to the head of the vote-counting board.

    Side effects:
    - status draft → open (``BALLOTS.move``, its history row); opened_at/by; the council's total
      and present members at this moment;
    - for a secret ballot, its ``BallotKey`` (public key, sealed private key);
    - the e-mail to each member present (``awards.mail.ballot_opened``: no vote, no count).
    """
    ensure_can_manage(by)
    sealed = None
    if ballot.method == VoteMethod.SECRET:
        passphrase = passphrase or crypto.new_passphrase()
        sealed = crypto.new_sealed_key(passphrase)  # before the lock: key generation takes a moment
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
        if result.total >= crypto.BASE:
            raise CouncilError(_("A secret ballot takes fewer than 1000 members."), code="too_many")
        locked.total_members, locked.present_members = result.total, result.present
        locked.opened_at, locked.opened_by = timezone.now(), by
        fields = ["status", "total_members", "present_members", "opened_at", "opened_by"]
        BALLOTS.move(locked, BallotStatus.OPEN, by=by, fields=fields[1:])
        if sealed is not None:
            store_key(locked, sealed)
        mail.ballot_opened(locked)  # each member present, in the outbox (docs/outbox.md)
    _refresh(ballot, locked, fields)
    ballot.passphrase = locked.passphrase = passphrase if sealed is not None else None
    return locked


def open_ballots(ballots: list[Ballot], *, by: User) -> str | None:
    """Open every ballot given (all or none); the secret ones share one new passphrase, returned."""
    passphrase = crypto.new_passphrase()
    with transaction.atomic():
        for ballot in ballots:
            open_ballot(ballot, by=by, passphrase=passphrase)
    return passphrase if any(b.method == VoteMethod.SECRET for b in ballots) else None


def close_ballot(ballot: Ballot, *, by: User) -> Ballot:
    """Close the ballot: no vote is accepted from now on.

    A secret ballot closes sealed (its counts come from ``count_ballot``); a paper ballot or a
    show of hands closes with its entered counts visible.

    Side effects:
    - status open → sealed (secret) or closed (``BALLOTS.move``, its history row); closed_at/by;
    - every item rewritten (sealed; for a secret ballot the ballots issued, returned and valid =
      the receipts, and the recusals).
    """
    ensure_can_manage(by)
    with transaction.atomic():
        locked = _locked(ballot)
        secret = locked.method == VoteMethod.SECRET
        target = BallotStatus.SEALED if secret else BallotStatus.CLOSED
        BALLOTS.ensure_allowed(locked, target)
        items = BallotItem.objects.filter(ballot=locked)
        if secret:
            cast = VoteReceipt.objects.filter(ballot=locked).count()
            items.update(sealed=True, ballots_issued=cast, ballots_returned=cast, ballots_valid=cast, ballots_invalid=0)
            for item in items.annotate(n=Count("recusals")):
                BallotItem.objects.filter(pk=item.pk).update(recused=item.n)
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
        BALLOTS.move(locked, target, by=by, fields=fields[1:])
    _refresh(ballot, locked, fields)
    return locked


def close_ballots(ballots: list[Ballot], *, by: User) -> list[Ballot]:
    """Close every ballot given, all or none."""
    with transaction.atomic():
        return [close_ballot(ballot, by=by) for ballot in ballots]


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
            meeting__attendance__member__user=user,
            meeting__attendance__present=True,
        )
        .exclude(receipts__member__user=user)
        .select_related("meeting", "award_form")
        .order_by("meeting__date", "award_form__order", "kind", "id")
    )


def voters_of(meeting: CouncilMeeting) -> dict[int, set[int]]:
    """Ballot id → the members who have voted on it (who, never how): the meeting page's live table."""
    found: dict[int, set[int]] = {}
    for ballot_id, member_id in VoteReceipt.objects.filter(ballot__meeting=meeting).values_list(
        "ballot_id", "member_id"
    ):
        found.setdefault(ballot_id, set()).add(member_id)
    return found
