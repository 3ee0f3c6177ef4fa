"""The secret ballot: the ballot's sealed key, a member's encrypted vote, recusals, the count.

Part of the voting services (``awards.services.voting`` offers these functions too). What is
stored, and what each party can learn from it, is in docs/council-voting.md:

- ``cast_secret_vote`` writes a ``VoteReceipt`` (THAT the member voted, with a tracking code) and
  a ``SealedVote`` (one Paillier ciphertext per nominee). It never writes a choice in clear and
  never touches the items' counters, so no row version it leaves names a choice.
- ``count_ballot`` opens the key with the vote-counting board's passphrase, multiplies the
  ciphertexts of each nominee, decrypts only those products, records the three counts per
  nominee and destroys the sealed key, in one transaction.
"""

from collections import Counter

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import ballot_crypto as crypto
from awards.enums import BallotStatus, Choice, VoteMethod
from awards.models import Ballot, BallotItem, BallotKey, CouncilMember, Recusal, SealedVote, VoteReceipt
from awards.services.council import CouncilError, ensure_can_manage
from awards.transitions import BALLOTS
from hoinghi.models import set_history_user
from hoinghi.roles import manages_council

ENCODED = {Choice.AGREE: crypto.AGREE, Choice.DISAGREE: crypto.DISAGREE, Choice.ABSTAIN: crypto.ABSTAIN}
RECUSE = "recuse"  # the voting form's fourth answer: the member declares a conflict on this nominee
SELF_DECLARED = "Thành viên tự khai báo không tham gia biểu quyết (xung đột lợi ích)."


def locked(ballot: Ballot) -> Ballot:
    return Ballot.objects.select_for_update().select_related("meeting__conference").get(pk=ballot.pk)


def store_key(ballot: Ballot, sealed: crypto.SealedKey) -> BallotKey:
    return BallotKey.objects.create(ballot=ballot, public_n=sealed.public_n, salt=sealed.salt, seal=sealed.seal)


# --- who votes ---------------------------------------------------------------------------------------


def voter_check(ballot: Ballot, member: CouncilMember, by: User) -> bool:
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
    if not manages_council(by):
        raise PermissionDenied(_("Only the member in person can vote in this seat."))
    if attendance is None or attendance.present or not attendance.written_opinion:
        raise CouncilError(
            _("A vote can be recorded for someone else only as the written opinion of an absent member."),
            code="not_written_opinion",
        )
    return True


def recused_items(ballot: Ballot, member: CouncilMember) -> set[int]:
    return set(Recusal.objects.filter(item__ballot=ballot, member=member).values_list("item_id", flat=True))


def _encoded(choices: dict, item_ids: list[int], recused: set[int]) -> tuple[dict[int, int], set[int]]:
    """Item id → its encoded value (a blank is an abstention), and the items the member now recuses from."""
    known = {str(pk): pk for pk in item_ids}
    values = {pk: crypto.RECUSED if pk in recused else crypto.ABSTAIN for pk in item_ids}
    declared = set()
    for key, value in choices.items():
        if str(key) not in known:
            raise CouncilError(_("The vote names a nominee who is not on this ballot."), code="unknown_item")
        pk = known[str(key)]
        if value == RECUSE:
            declared.add(pk)
            values[pk] = crypto.RECUSED
            continue
        if value not in ENCODED:
            raise CouncilError(_("Each nominee gets “Agree”, “Disagree” or “Abstain”."), code="bad_choice")
        if pk in recused:
            raise CouncilError(_("You do not vote on a nominee you are recused from."), code="recused")
        values[pk] = ENCODED[value]
    return values, declared - recused


def _already_voted() -> CouncilError:
    return CouncilError(_("This member has already voted on this ballot."), code="already_voted")


def cast_secret_vote(ballot: Ballot, member: CouncilMember, choices: dict, *, by: User) -> VoteReceipt:
    """Record one member's secret vote: ``choices`` maps item ids to a ``Choice`` (or ``RECUSE``).

    A nominee left out is an abstention. ``by`` is the member in person, or the secretary
    recording an absent member's written opinion (the attendance row must say so).

    The choices are encrypted before anything is written; then, in ONE transaction holding the
    ballot's row lock:
    - a VoteReceipt (member, ballot, time, tracking code; never a choice);
    - a SealedVote (the ciphertexts and the tracking code; never a member);
    - a Recusal per nominee the member declares a conflict on (public: the minutes name it);
    - an audit row "vote receipt recorded" (who and which ballot).
    """
    if ballot.method != VoteMethod.SECRET:
        raise CouncilError(_("On this ballot the secretary enters the counts."), code="not_secret")
    written_opinion = voter_check(ballot, member, by)
    key = BallotKey.objects.filter(ballot=ballot).first()  # there from the opening on; the status is checked locked
    if key is None or not key.seal:
        raise CouncilError(_("This ballot is not open for voting."), code="ballot_not_open")
    item_ids = list(BallotItem.objects.filter(ballot=ballot).order_by("pk").values_list("pk", flat=True))
    recused = recused_items(ballot, member)
    values, declared = _encoded(choices, item_ids, recused)
    ciphertexts = crypto.encrypt(key.public_n, values)  # outside the lock: the slow part
    code = crypto.tracking_code(ciphertexts)
    try:
        with transaction.atomic():
            current = locked(ballot)
            if current.status != BallotStatus.OPEN:
                raise CouncilError(_("This ballot is not open for voting."), code="ballot_not_open")
            if VoteReceipt.objects.filter(ballot=current, member=member).exists():
                raise _already_voted()
            if recused_items(current, member) != recused:
                raise CouncilError(_("Your recusals changed meanwhile; open the ballot again."), code="recusals")
            receipt = VoteReceipt.objects.create(
                ballot=current, member=member, written_opinion=written_opinion, recorded_by=by, tracking_code=code
            )
            SealedVote.objects.create(ballot=current, code=code, ciphertexts=ciphertexts)
            for pk in sorted(declared):
                recusal = Recusal(item_id=pk, member=member, reason=SELF_DECLARED, declared_by_member=True)
                recusal.recorded_by = by
                set_history_user(recusal, by)
                recusal.save()
    except IntegrityError as exc:  # the unique (ballot, member) constraint: the last word on double votes
        raise _already_voted() from exc
    return receipt


# --- recusals ----------------------------------------------------------------------------------------


def recuse(item: BallotItem, member: CouncilMember, *, reason: str, by: User) -> Recusal:
    """The secretary records that ``member`` does not vote on ``item`` (before the member votes).

    Side effects: a Recusal (its history names ``by``); the minutes list it.
    """
    ensure_can_manage(by)
    reason = (reason or "").strip()
    if not reason:
        raise CouncilError(_("Give the reason for the recusal."), code="reason_required")
    with transaction.atomic():
        ballot = locked(item.ballot)
        if member.conference_id != ballot.meeting.conference_id:
            raise CouncilError(_("This person is not a member of this conference's council."), code="other_council")
        if ballot.status not in (BallotStatus.DRAFT, BallotStatus.OPEN) or ballot.method != VoteMethod.SECRET:
            raise CouncilError(_("A recusal is recorded before the ballot closes."), code="ballot_closed")
        if VoteReceipt.objects.filter(ballot=ballot, member=member).exists():
            raise CouncilError(_("This member has already voted on this ballot."), code="already_voted")
        if Recusal.objects.filter(item=item, member=member).exists():
            raise CouncilError(_("This recusal is already recorded."), code="recused")
        recusal = Recusal(item=item, member=member, reason=reason, recorded_by=by)
        set_history_user(recusal, by)
        recusal.save()
    return recusal


# --- the count ---------------------------------------------------------------------------------------


def _count_one(ballot: Ballot, private) -> None:
    """Decrypt each nominee's product of ciphertexts and record its three counts."""
    votes = list(SealedVote.objects.filter(ballot=ballot))
    receipts = set(VoteReceipt.objects.filter(ballot=ballot).values_list("tracking_code", flat=True))
    if len(votes) != len(receipts) or {v.code for v in votes} != receipts:
        raise CouncilError(_("The stored votes do not match the vote receipts; the count stops."), code="mismatch")
    voted = VoteReceipt.objects.filter(ballot=ballot).values("member_id")
    recused_voters = Counter(
        Recusal.objects.filter(item__ballot=ballot, member_id__in=voted).values_list("item_id", flat=True)
    )
    for vote in votes:
        if crypto.tracking_code(vote.ciphertexts) != vote.code:
            raise CouncilError(_("The stored votes do not match the vote receipts; the count stops."), code="mismatch")
    items = list(BallotItem.objects.filter(ballot=ballot))
    for item in items:
        total = crypto.decrypt_sum(private, [vote.ciphertexts[str(item.pk)] for vote in votes])
        item.votes_for, item.votes_against, item.votes_abstain = crypto.decode(total)
        if sum(crypto.decode(total)) != len(votes) - recused_voters[item.pk]:
            raise CouncilError(_("The decrypted counts do not add up; the count stops."), code="mismatch")
    BallotItem.objects.bulk_update(items, ["votes_for", "votes_against", "votes_abstain"])


def count_ballots(ballots: list[Ballot], *, passphrase: str, by: User) -> list[Ballot]:
    """Count the closed secret ballots among ``ballots`` that this passphrase opens (all in one go).

    Ballots opened together share a passphrase; one opened on its own has its own, and is counted
    when its passphrase is entered. A passphrase that opens none of them is refused.

    Side effects, in one transaction, for each ballot counted:
    - each nominee's agree / disagree / abstain counts, from the decrypted sums only;
    - the ballot's sealed key and salt cleared (``destroyed_at``): the ciphertexts stay, unreadable;
    - status sealed → closed (``BALLOTS.move``, its history row).
    """
    ensure_can_manage(by)
    if not ballots:
        raise CouncilError(_("There is no closed ballot waiting for the count."), code="nothing_to_count")
    done = []
    with transaction.atomic():
        for ballot in sorted(ballots, key=lambda b: b.pk):
            current = locked(ballot)
            if current.status != BallotStatus.SEALED:
                raise CouncilError(
                    _("Only a closed ballot awaiting the count can be counted: %(ballot)s.") % {"ballot": current},
                    code="not_sealed",
                )
            key = BallotKey.objects.select_for_update().get(ballot=current)
            private = (
                crypto.unseal(crypto.SealedKey(key.public_n, key.salt, key.seal), passphrase) if key.seal else None
            )
            if private is None:
                continue  # another passphrase's ballot
            _count_one(current, private)
            key.salt, key.seal, key.destroyed_at = "", "", timezone.now()
            key.save(update_fields=["salt", "seal", "destroyed_at"])
            BALLOTS.move(current, BallotStatus.CLOSED, by=by, fields=[])
            done.append(current)
        if not done:
            raise CouncilError(
                _("The counting passphrase is not right; no ballot was counted."), code="wrong_passphrase"
            )
    counted = {b.pk for b in done}
    for ballot in ballots:
        if ballot.pk in counted:
            ballot.status = BallotStatus.CLOSED
    return done


def count_ballot(ballot: Ballot, *, passphrase: str, by: User) -> Ballot:
    return count_ballots([ballot], passphrase=passphrase, by=by)[0]


def counted_code(ballot: Ballot, code: str) -> bool:
    """Whether a vote with this tracking code is among the counted ballot's votes."""
    if ballot.status not in (BallotStatus.CLOSED, BallotStatus.APPLIED):
        return False
    return SealedVote.objects.filter(ballot=ballot, code=crypto.normalise_code(code)).exists()
