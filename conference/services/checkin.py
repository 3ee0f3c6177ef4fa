"""Check-in at the door: one tap checks a delegate in, one tap undoes, counts per group.

Concurrency: a tap "check in" is one ``INSERT … ON CONFLICT (delegate) DO NOTHING RETURNING``.
The unique index on ``CheckIn.delegate`` settles two taps at the same instant: the database
makes the second insert wait for the first and then do nothing, so the second tap learns (no
row returned) that someone was first and reads that row to say "already checked in at 08:12 by
…". An undo is one ``DELETE``; if it lands between a losing insert and its look, the tap inserts
again. Either way every tap answers and the delegate ends with one check-in row or none.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from conference.enums import Rsvp
from conference.models import CheckIn, Delegate, DelegateGroup
from hoinghi.roles import is_office
from hoinghi.text import fold
from reference.models import Conference

SEARCH_LIMIT = 20
# Who is expected: confirmed, or sending a substitute (who comes in the delegate's place).
EXPECTED = (Rsvp.CONFIRMED, Rsvp.SUBSTITUTE)
# A tap that lost the insert race and then found no row (an undo came in between) inserts again;
# each round needs another tap and another undo racing it, so three rounds are plenty.
INSERT_ROUNDS = 3


def ensure_can_check_in(user: User) -> None:
    """Check-in staff are office staff."""
    if not is_office(user):
        raise PermissionDenied


def check_in(delegate: Delegate, *, by: User) -> tuple[CheckIn, bool]:
    """Record that the delegate arrived; ``(check_in, created)``.

    ``created`` is False when the delegate was already checked in (by anyone, even at the same
    instant): the existing row is returned untouched, with its time and who recorded it. A
    delegate loaded with its check-in (``with_check_in``) that has one is answered from it,
    without a write. Otherwise one statement when the tap is the first (the insert), two when
    another was first (the insert that does nothing, the look).
    """
    ensure_can_check_in(by)
    if Delegate.check_in.is_cached(delegate):
        known = getattr(delegate, "check_in", None)
        if known is not None:
            return known, False
    for _round in range(INSERT_ROUNDS):
        row = _insert(delegate, by)
        if row is not None:
            return row, True
        existing = CheckIn.objects.select_related("by").filter(delegate=delegate).first()
        if existing is not None:
            return existing, False
    raise RuntimeError(f"check-in of delegate {delegate.pk} lost {INSERT_ROUNDS} insert races in a row")


def _insert_sql() -> str:
    quote = connection.ops.quote_name
    meta = CheckIn._meta
    delegate, by, at, pk = (
        quote(str(field.column)) for field in (CheckIn.delegate.field, CheckIn.by.field, meta.get_field("at"), meta.pk)
    )
    return (
        f"INSERT INTO {quote(meta.db_table)} ({delegate}, {by}, {at}) VALUES (%s, %s, %s) "  # noqa: S608  # nosec B608  names from the model
        f"ON CONFLICT ({delegate}) DO NOTHING RETURNING {pk}"
    )


def _insert(delegate: Delegate, by: User) -> CheckIn | None:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id``: the new row, or None if the delegate has one.

    Raw SQL, the same on PostgreSQL and SQLite (3.35+): ``bulk_create(ignore_conflicts=True)``
    issues the same ``ON CONFLICT DO NOTHING`` but does not say whether it inserted.
    """
    at = timezone.now()
    field = CheckIn._meta.get_field("at")
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(), [delegate.pk, by.pk, field.get_db_prep_value(at, connection)])
        returned = cursor.fetchone()
    if returned is None:
        return None
    row = CheckIn(pk=returned[0], delegate=delegate, by=by, at=at)
    row._state.adding = False
    row._state.db = connection.alias
    return row


def undo_check_in(delegate: Delegate, *, by: User) -> bool:
    """Remove the delegate's check-in (a mistaken tap); True if there was one."""
    ensure_can_check_in(by)
    deleted, _detail = CheckIn.objects.filter(delegate=delegate).delete()
    return bool(deleted)


def _of_conference(conference: Conference | int | None) -> dict[str, Any]:
    """The filter on the conference: the given one, or (None) the current one, joined and never read."""
    return {"conference__is_current": True} if conference is None else {"conference": conference}


@dataclass(frozen=True)
class GroupCount:
    group_id: int
    name: str
    target: int
    invited: int
    confirmed: int
    present: int


def arrival_counts(conference: Conference | int | None) -> list[GroupCount]:
    """Per delegate group, in order: target, invited, confirmed (or substitute), present. One query.

    ``conference`` None: the current one (joined in the same query).
    """
    rows = (
        DelegateGroup.objects.filter(**_of_conference(conference))
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


def search_delegates(conference: Conference | int | None, query: str, *, limit: int = SEARCH_LIMIT) -> list[Delegate]:
    """Delegates whose name, position or organisation contain every word of ``query``, diacritics ignored.

    An empty query finds nobody (the page asks for a few letters). One query; ``conference`` None:
    the current one (joined in the same query).
    """
    words = fold(query).split()
    if not words:
        return []
    queryset = Delegate.objects.filter(**_of_conference(conference))
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return list(with_check_in(queryset).order_by("sort_key", "id")[:limit])
