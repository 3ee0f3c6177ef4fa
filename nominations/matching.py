"""The same nominee across rounds: a nominee of this round linked to one awarded in an earlier round.

Each round's nominations create their own ``Nominee`` rows, so next year's dossier of a person
awarded this year is a new row. ``NomineeMatch`` links the two, and the eligibility rules
(nominations/eligibility.py) read the earlier nominee's commendation history — the awards carried
over by ``awards.services.carry`` included — when the link counts (docs/next-round.md):

- **same** (matched automatically): same kind and folded full name (``hoinghi.text.fold``), and
  for a person the same birth date and work unit; for a collective the same governing body and
  unit;
- **pending**: the same folded name but something else differs (or a birth date is missing): the
  Office confirms or rejects it on the review list (``decide``).

Candidates are the nominees of an earlier year's conference whose nomination was awarded. A
nominee is matched when its nomination is created or edited (nominations/services.py) and again
for the whole round when the Office carries an earlier round's awards over (``match_round``).
Idempotent: a pair is linked once (the Office's confirmations and rejections are kept).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from hoinghi.roles import is_office
from hoinghi.text import fold
from nominations.enums import MatchStatus, NominationStatus
from nominations.models import Nomination, Nominee, NomineeMatch
from reference.enums import NomineeKind
from reference.models import Conference

UNDECIDED = (MatchStatus.SAME, MatchStatus.PENDING)
DECIDABLE = (MatchStatus.PENDING, MatchStatus.CONFIRMED, MatchStatus.REJECTED)
TO_REVIEW_FIRST = Case(When(status=MatchStatus.PENDING, then=0), default=1)


def name_key(nominee: Nominee) -> tuple[str, str]:
    """(kind, folded full name): what a candidate must share to be compared at all."""
    return nominee.kind, fold(nominee.full_name)


def differences(nominee: Nominee, earlier: Nominee) -> list[str]:
    """What differs between two nominees of the same kind and folded name ([]: the same nominee)."""
    found = []
    if nominee.kind == NomineeKind.INDIVIDUAL:
        if not (nominee.birth_date and nominee.birth_date == earlier.birth_date):
            found.append(_("date of birth"))
    elif fold(nominee.parent_body) != fold(earlier.parent_body):
        found.append(_("governing body"))
    if nominee.unit_id != earlier.unit_id:
        found.append(_("work unit"))
    return found


def awarded_before(year: int) -> QuerySet:
    """The nominees awarded in a conference of an earlier year: the candidates."""
    return Nominee.objects.filter(
        nominations__conference__year__lt=year,
        nominations__status=NominationStatus.AWARDED,
        nominations__deleted_at__isnull=True,
    ).distinct()


def match_nominees(nominees: Iterable[Nominee], *, year: int, by: User | None = None) -> list[NomineeMatch]:
    """Link each of ``nominees`` (of a round of ``year``) to its candidates; returns the new links.

    Two queries however many nominees (the candidates, the links that exist), then one insert.
    """
    nominees = [n for n in nominees if n.pk]
    if not nominees:
        return []
    wanted = {name_key(n) for n in nominees}
    candidates = defaultdict(list)
    for earlier in awarded_before(year).order_by("pk"):
        key = name_key(earlier)
        if key in wanted:
            candidates[key].append(earlier)
    if not candidates:
        return []
    linked = set(
        NomineeMatch.objects.filter(nominee__in=[n.pk for n in nominees]).values_list("nominee_id", "earlier_id")
    )
    new = []
    for nominee in nominees:
        for earlier in candidates.get(name_key(nominee), []):
            if earlier.pk == nominee.pk or (nominee.pk, earlier.pk) in linked:
                continue
            found = differences(nominee, earlier)
            status = MatchStatus.PENDING if found else MatchStatus.SAME
            new.append(NomineeMatch(nominee=nominee, earlier=earlier, status=status, differences=", ".join(found)))
            linked.add((nominee.pk, earlier.pk))
    return bulk_create_with_history(new, NomineeMatch, default_user=by) if new else []


def rematch(nominee: Nominee, *, year: int, by: User | None = None) -> list[NomineeMatch]:
    """After an edit of the nominee: the automatic links are made again; the Office's decisions stay."""
    NomineeMatch.objects.filter(nominee=nominee, status__in=UNDECIDED).delete()
    return match_nominees([nominee], year=year, by=by)


def match_round(conference: Conference, *, by: User | None = None) -> list[NomineeMatch]:
    """Match every nominee of the round's nominations (the new links)."""
    nominees = Nominee.objects.filter(
        nominations__conference=conference, nominations__deleted_at__isnull=True
    ).distinct()
    return match_nominees(list(nominees), year=conference.year, by=by)


def review_list(conference: Conference) -> QuerySet:
    """The near matches of the round's nominees: those to review first, then those decided."""
    nominees = Nomination.objects.alive().filter(conference=conference).values("nominee_id")
    return (
        NomineeMatch.objects.filter(nominee__in=nominees, status__in=DECIDABLE)
        .select_related("nominee__unit", "earlier__unit", "decided_by")
        .prefetch_related("earlier__commendations", "earlier__nominations__conference")
        .order_by(TO_REVIEW_FIRST, "nominee__sort_key", "nominee_id", "earlier_id")
    )


def decide(match: NomineeMatch, *, same: bool, by: User) -> NomineeMatch:
    """The Office says whether a near match is the same nominee (it may change its mind later)."""
    if not is_office(by):
        raise PermissionDenied(_("Only the Office reviews the matches across rounds."))
    with transaction.atomic():
        match = NomineeMatch.objects.select_for_update().get(pk=match.pk)
        if match.status not in DECIDABLE:
            raise ValidationError(_("An automatic match is not reviewed."), code="automatic")
        match.status = MatchStatus.CONFIRMED if same else MatchStatus.REJECTED
        match.decided_by, match.decided_at = by, timezone.now()
        match._history_user = by
        match.save()
    return match
