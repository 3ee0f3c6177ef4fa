"""Check-in at the door: one tap checks a delegate in, one tap undoes, counts per group.

Concurrency: a tap "check in" locks the delegate's row (``SELECT … FOR UPDATE``) before it looks
for a check-in and inserts one, so taps on one delegate follow each other: the second of two taps
at the same instant finds the first one's row and can say "already checked in at 08:12 by …".
An undo is one ``DELETE``; racing a tap it lands before the tap's look (the tap then inserts) or
after its insert (the row goes). Either way every tap answers and the delegate ends with one
check-in row or none (``CheckIn.delegate`` is one-to-one: never two).
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from conference.enums import Rsvp
from conference.models import CheckIn, Delegate, DelegateGroup
from hoinghi.roles import is_office
from hoinghi.text import fold
from reference.models import Conference

SEARCH_LIMIT = 20
# Who is expected: confirmed, or sending a substitute (who comes in the delegate's place).
EXPECTED = (Rsvp.CONFIRMED, Rsvp.SUBSTITUTE)


def ensure_can_check_in(user: User) -> None:
    """Check-in staff are office staff."""
    if not is_office(user):
        raise PermissionDenied


def check_in(delegate: Delegate, *, by: User) -> tuple[CheckIn, bool]:
    """Record that the delegate arrived; ``(check_in, created)``.

    ``created`` is False when the delegate was already checked in (by anyone, even at the same
    instant): the existing row is returned untouched, with its time and who recorded it.
    """
    ensure_can_check_in(by)
    with transaction.atomic():
        existing = _locked_check_in(delegate)
        if existing is not None:
            return existing, False
        return CheckIn.objects.create(delegate=delegate, by=by), True


def _locked_check_in(delegate: Delegate) -> CheckIn | None:
    """Lock the delegate's row, then read its check-in (and who recorded it).

    Before, a tap that lost the insert race read the winner's row back; an undo in between
    deleted it and the tap answered 500 (issue 9). Under the lock no other tap can insert
    between the look and the insert. Two statements on purpose: in READ COMMITTED a statement
    that waited for the lock still reads other tables as of its start, so a look joined to the
    lock would miss the row the previous tap committed while this one waited.
    """
    Delegate.objects.select_for_update().filter(pk=delegate.pk).values_list("pk", flat=True).get()
    return CheckIn.objects.select_related("by").filter(delegate=delegate).first()


def undo_check_in(delegate: Delegate, *, by: User) -> bool:
    """Remove the delegate's check-in (a mistaken tap); True if there was one."""
    ensure_can_check_in(by)
    deleted, _detail = CheckIn.objects.filter(delegate=delegate).delete()
    return bool(deleted)


@dataclass(frozen=True)
class GroupCount:
    group_id: int
    name: str
    target: int
    invited: int
    confirmed: int
    present: int


def arrival_counts(conference: Conference) -> list[GroupCount]:
    """Per delegate group, in order: target, invited, confirmed (or substitute), present. One query."""
    rows = (
        DelegateGroup.objects.filter(conference=conference)
        .annotate(
            invited=Count("delegates"),
            confirmed=Count("delegates", filter=Q(delegates__rsvp__in=EXPECTED)),
            present=Count("delegates__check_in"),
        )
        .order_by("order", "id")
        .values_list("id", "name", "target", "invited", "confirmed", "present")
    )
    return [GroupCount(*row) for row in rows]


def totals(counts: list[GroupCount]) -> GroupCount:
    """The sum of every group's figures (no query)."""
    return GroupCount(
        group_id=0,
        name="",
        target=sum(c.target for c in counts),
        invited=sum(c.invited for c in counts),
        confirmed=sum(c.confirmed for c in counts),
        present=sum(c.present for c in counts),
    )


def with_check_in(queryset: QuerySet) -> QuerySet:
    """Delegates with their group and check-in (and who recorded it) in the same query."""
    return queryset.select_related("group", "check_in__by")


def search_delegates(conference: Conference, query: str, *, limit: int = SEARCH_LIMIT) -> list[Delegate]:
    """Delegates whose name, position or organisation contain every word of ``query``, diacritics ignored.

    An empty query finds nobody (the page asks for a few letters). One query.
    """
    words = fold(query).split()
    if not words:
        return []
    queryset = Delegate.objects.filter(conference=conference)
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return list(with_check_in(queryset).order_by("sort_key", "id")[:limit])
