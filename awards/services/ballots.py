"""Preparing ballots: one item per nominee put to the council, in Vietnamese name order.

Part of the voting services; ``awards.services.voting`` offers these functions too.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from awards.enums import BallotStatus, MeetingStatus, TallyOutcome, VoteMethod
from awards.models import Ballot, BallotItem, CouncilMeeting
from awards.services.council import CouncilError, ensure_can_manage
from hoinghi.models import set_history_user
from nominations.enums import NominationStatus
from nominations.models import Nomination
from reference.enums import NomineeKind
from reference.models import AwardForm

RESULT_STATUSES = (BallotStatus.CLOSED, BallotStatus.APPLIED)
PENDING_STATUSES = (BallotStatus.DRAFT, BallotStatus.OPEN, BallotStatus.CLOSED)  # not applied yet


def accepted_nominations(conference_id: int, award_form: AwardForm, kind: str) -> QuerySet:
    """The nominations put to the council for one award form and kind, in Vietnamese name order."""
    return (
        Nomination.objects.alive()
        .filter(
            conference_id=conference_id,
            award_form=award_form,
            nominee__kind=kind,
            status=NominationStatus.ACCEPTED,
        )
        .select_related("nominee")
        .order_by("nominee__sort_key", "id")
    )


def _revote_nominations(revote_of: Ballot, nominations) -> list[Nomination]:
    items = revote_of.items.select_related("nomination__nominee").order_by("nomination__nominee__sort_key", "id")
    if revote_of.status not in RESULT_STATUSES:
        raise CouncilError(_("Only a closed ballot can be voted again."), code="revote_not_closed")
    if nominations is None:
        return [item.nomination for item in items if item.outcome == TallyOutcome.TIED]
    on_ballot = {item.nomination_id: item.nomination for item in items}
    wanted = {n.pk for n in nominations}
    if not wanted <= set(on_ballot):
        raise CouncilError(_("A re-vote can only list nominees of the ballot it repeats."), code="revote_not_on_ballot")
    return [nomination for pk, nomination in on_ballot.items() if pk in wanted]


def _chain(ballot: Ballot | None) -> set[int]:
    """The ballot and the ballots it repeats (a re-vote lists nominees of its pending original)."""
    ids = set()
    while ballot is not None:
        ids.add(ballot.pk)
        ballot = ballot.revote_of
    return ids


def _ensure_not_on_another_ballot(chosen: list[Nomination], revote_of: Ballot | None) -> None:
    """A nomination is on at most one ballot whose result is not applied yet (docs/council-voting.md).

    Otherwise the first ballot applied moves it on and the other can never be applied.
    """
    pending = (
        BallotItem.objects.filter(nomination__in=chosen, ballot__status__in=PENDING_STATUSES)
        .exclude(ballot__in=_chain(revote_of))
        .select_related("ballot__meeting", "ballot__award_form", "nomination__nominee")
        .order_by("ballot_id", "nomination__nominee__sort_key")
    )
    by_ballot: dict[Ballot, list[str]] = {}
    for item in pending:
        nominee = item.nomination.nominee
        by_ballot.setdefault(item.ballot, []).append(f"{nominee.honorific} {nominee.full_name}".strip())
    if by_ballot:
        raise CouncilError(
            [
                _(
                    "%(names)s already on the ballot “%(ballot)s”, whose result is not applied yet; "
                    "apply its result or delete that ballot first."
                )
                % {"names": ", ".join(names), "ballot": ballot}
                for ballot, names in by_ballot.items()
            ],
            code="on_another_ballot",
        )


def create_ballot(
    meeting: CouncilMeeting,
    *,
    award_form: AwardForm,
    kind: str,
    method: str,
    by: User,
    nominations=None,
    revote_of: Ballot | None = None,
) -> Ballot:
    """Prepare a ballot: one item per nominee, in Vietnamese name order.

    Without ``revote_of`` the items are every accepted nomination of the meeting's conference for
    ``award_form`` and ``kind`` (or the given ones); with it, the given (or the tied) nominees of
    the closed ballot it repeats.

    Side effects:
    - creates the ballot (draft) and its items (its history names ``by``).
    """
    ensure_can_manage(by)
    kind, method = NomineeKind(kind), VoteMethod(method)
    if meeting.status == MeetingStatus.CLOSED:
        raise CouncilError(_("The meeting is closed; no ballot can be added to it."), code="meeting_closed")
    if revote_of is not None:
        if (revote_of.award_form_id, revote_of.kind) != (award_form.pk, kind):
            raise CouncilError(
                _("A re-vote is on the same award form and kind as the ballot it repeats."), code="revote_mismatch"
            )
        chosen = _revote_nominations(revote_of, nominations)
    elif nominations is not None:
        chosen = list(nominations)
    else:
        if Ballot.objects.filter(meeting=meeting, award_form=award_form, kind=kind, revote_of=None).exists():
            raise CouncilError(
                _("This meeting already has a ballot for %(form)s – %(kind)s.")
                % {"form": award_form, "kind": kind.label},
                code="ballot_exists",
            )
        chosen = list(accepted_nominations(meeting.conference_id, award_form, kind))
    wrong = [
        n
        for n in chosen
        if (n.conference_id, n.award_form_id, n.nominee.kind, n.status)
        != (meeting.conference_id, award_form.pk, kind, NominationStatus.ACCEPTED)
    ]
    if wrong:
        raise CouncilError(
            _("Only nominations accepted for the council, of this conference, award form and kind, can be voted on."),
            code="wrong_nomination",
        )
    if not chosen:
        raise CouncilError(_("There is no nomination to vote on."), code="no_nominations")
    chosen.sort(key=lambda n: (n.nominee.sort_key, n.pk))
    with transaction.atomic():
        # Lock the nominations: two ballots created at once for one nominee queue here.
        list(Nomination.objects.alive().select_for_update().filter(pk__in=[n.pk for n in chosen]).order_by("pk"))
        _ensure_not_on_another_ballot(chosen, revote_of)
        ballot = Ballot(meeting=meeting, award_form=award_form, kind=kind, method=method, revote_of=revote_of)
        set_history_user(ballot, by)
        ballot.save()
        BallotItem.objects.bulk_create(
            BallotItem(ballot=ballot, nomination=nomination, order=index)
            for index, nomination in enumerate(chosen, start=1)
        )
    return ballot


def create_ballots_for_meeting(meeting: CouncilMeeting, *, method: str, by: User) -> list[Ballot]:
    """One ballot per award form and kind that has accepted nominations and no ballot yet (all or none)."""
    ensure_can_manage(by)
    pairs = (
        Nomination.objects.alive()
        .filter(conference_id=meeting.conference_id, status=NominationStatus.ACCEPTED)
        .order_by("award_form__order", "award_form_id", "nominee__kind")
        .values_list("award_form_id", "nominee__kind")
        .distinct()
    )
    existing = set(
        Ballot.objects.filter(meeting=meeting, revote_of=None).values_list("award_form_id", "kind").order_by()
    )
    forms = AwardForm.objects.in_bulk({form_id for form_id, _kind in pairs})
    with transaction.atomic():
        return [
            create_ballot(meeting, award_form=forms[form_id], kind=kind, method=method, by=by)
            for form_id, kind in pairs
            if (form_id, kind) not in existing
        ]
