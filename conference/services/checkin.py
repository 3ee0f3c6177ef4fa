"""Check-in at the door: one tap checks a delegate in, one tap undoes, counts per group.

Concurrency: the unique index on ``CheckIn.delegate`` settles two taps at the same instant. On
PostgreSQL a tap "check in" is one ``INSERT … ON CONFLICT (delegate) DO UPDATE … RETURNING``: the
database makes the second tap wait for the first and then hands it the winner's row (locked, so an
undo cannot remove it in between), with ``xmax = 0`` telling an insert from a found row; the tap
then reads who recorded it to say "already checked in at 08:12 by …". Always one answer, whatever
the undos racing it. On SQLite (one writer at a time) the tap is ``INSERT … ON CONFLICT DO
NOTHING RETURNING`` and, when nothing came back, a look; if an undo lands between the two, it
inserts again. An undo is one ``DELETE``. Either way every tap answers and the delegate ends with
one check-in row or none.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import connection, connections, router
from django.db.models import Count, Q
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
    instant): the existing row is returned with its time and who recorded it. A delegate loaded
    with its check-in (``search_delegates``, ``delegate_by_token``) that has one is answered from
    it, without a write.
    Otherwise one statement when the tap is the first (the insert), two when another was first
    (the statement that finds the row, then who recorded it).
    """
    ensure_can_check_in(by)
    if Delegate.check_in.is_cached(delegate):
        known = getattr(delegate, "check_in", None)
        if known is not None:
            return known, False
    if connection.vendor == "postgresql":
        return _insert_or_find(delegate, by)
    for _round in range(INSERT_ROUNDS):
        row = _insert(delegate, by)
        if row is not None:
            return row, True
        existing = CheckIn.objects.select_related("by").filter(delegate=delegate).first()
        if existing is not None:
            return existing, False
    raise RuntimeError(f"check-in of delegate {delegate.pk} lost {INSERT_ROUNDS} insert races in a row")


def _insert_sql(*, find: bool) -> str:
    """The tap's ``INSERT``; on a conflict ``find`` hands back the existing row, else nothing comes back."""
    quote = connection.ops.quote_name
    meta = CheckIn._meta
    delegate, by, at, pk = (
        quote(str(field.column)) for field in (CheckIn.delegate.field, CheckIn.by.field, meta.get_field("at"), meta.pk)
    )
    insert = (
        f"INSERT INTO {quote(meta.db_table)} ({delegate}, {by}, {at}) VALUES (%s, %s, %s) ON CONFLICT ({delegate}) "  # noqa: S608  # nosec B608  names from the model
    )
    if find:
        return insert + f"DO UPDATE SET {delegate} = EXCLUDED.{delegate} RETURNING {pk}, {by}, {at}, (xmax = 0)"  # nosec B608  names from the model
    return insert + f"DO NOTHING RETURNING {pk}"


def _execute_insert(delegate: Delegate, by: User, *, find: bool) -> tuple[Any, datetime]:
    """Run the tap's ``INSERT`` now; the returned row (or None) and the time it tried to record."""
    at = timezone.now()
    value = CheckIn._meta.get_field("at").get_db_prep_value(at, connection)
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(find=find), [delegate.pk, by.pk, value])
        return cursor.fetchone(), at


def _insert_or_find(delegate: Delegate, by: User) -> tuple[CheckIn, bool]:
    """PostgreSQL: insert the check-in, or get the row another tap made, in one statement.

    ``DO UPDATE`` (a no-op assignment) instead of ``DO NOTHING``: it waits for a concurrent
    insert, locks the row it conflicts with and returns it, even one committed after this
    statement began — where ``DO NOTHING`` followed by a look could find the row gone (an undo in
    between) round after round while undos kept racing (tests/conference/test_checkin.py).
    ``xmax = 0`` holds for a freshly inserted row only.
    """
    (pk, by_id, at, inserted), _tried = _execute_insert(delegate, by, find=True)
    recorder = by if inserted else User.objects.get(pk=by_id)
    row = CheckIn(pk=pk, delegate=delegate, by=recorder, at=at)
    _mark_loaded(row, connection)
    return row, bool(inserted)


def _insert(delegate: Delegate, by: User) -> CheckIn | None:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id``: the new row, or None if the delegate has one.

    Raw SQL (SQLite 3.35+ has ``RETURNING``): ``bulk_create(ignore_conflicts=True)`` issues the
    same ``ON CONFLICT DO NOTHING`` but does not say whether it inserted.
    """
    returned, at = _execute_insert(delegate, by, find=False)
    if returned is None:
        return None
    row = CheckIn(pk=returned[0], delegate=delegate, by=by, at=at)
    _mark_loaded(row, connection)
    return row


def undo_check_in(delegate: Delegate, *, by: User) -> bool:
    """Remove the delegate's check-in (a mistaken tap); True if there was one."""
    ensure_can_check_in(by)
    quote = connection.ops.quote_name
    meta = CheckIn._meta
    with connection.cursor() as cursor:  # one DELETE: nothing cascades from a check-in and no signal listens
        cursor.execute(
            f"DELETE FROM {quote(meta.db_table)} WHERE {quote(CheckIn.delegate.field.column)} = %s",  # noqa: S608  # nosec B608  names from the model
            [delegate.pk],
        )
        deleted = cursor.rowcount
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


def search_delegates(conference: Conference | int | None, query: str, *, limit: int = SEARCH_LIMIT) -> list[Delegate]:
    """Delegates whose name, position or organisation contain every word of ``query``, diacritics ignored.

    An empty query finds nobody (the page asks for a few letters). One query; ``conference`` None:
    the current one (joined in the same query). Each delegate comes with its group and check-in.
    """
    words = fold(query).split()
    if not words:
        return []
    connection = connections[router.db_for_read(Delegate)]
    where, params = _conference_condition(conference)
    for word in words:
        where.append("d.search_text LIKE %s ESCAPE '\\'")
        params.append(f"%{connection.ops.prep_for_like_query(word)}%")
    return _delegate_rows(connection, where, params, limit)


def delegate_by_token(token: str) -> Delegate | None:
    """The current conference's delegate with this private check-in token (group and check-in loaded), or None."""
    connection = connections[router.db_for_read(Delegate)]
    where, params = _conference_condition(None)
    return next(iter(_delegate_rows(connection, [*where, "d.token = %s"], [*params, token], 1)), None)


def _conference_condition(conference: Conference | int | None) -> tuple[list[str], list[Any]]:
    if conference is None:
        return ["c.is_current = %s"], [True]
    return ["d.conference_id = %s"], [conference.pk if isinstance(conference, Conference) else conference]


def _delegate_rows(connection: Any, where: list[str], params: list[Any], limit: int) -> list[Delegate]:
    """Delegates, in name order, with their group and check-in (and its recorder) attached, one query.

    What ``select_related("group", "check_in__by")`` would load, as one written-out statement
    run as a raw query: the door's search and taps run it on every keystroke and tap, and the
    ORM's query compilation cost more CPU than the query (docs/performance.md, "Check-in: CPU per
    request"). Only what the rows show is read of the group and the recorder.
    """
    delegates = list(Delegate.objects.raw(_rows_sql(connection, where, limit), params))
    at_field = CheckIn._meta.get_field("at")
    for delegate in delegates:
        extra: dict[str, Any] = delegate.__dict__  # the statement's extra columns, set by raw()
        group = DelegateGroup(pk=delegate.group_id, conference_id=delegate.conference_id, name=extra["group_name"])
        _mark_loaded(group, connection)
        Delegate.group.field.set_cached_value(delegate, group)
        row = None
        if extra["check_in_id"] is not None:
            by = User(
                pk=extra["by_id"],
                username=extra["by_username"],
                first_name=extra["by_first_name"],
                last_name=extra["by_last_name"],
            )
            at = _converted(at_field, extra["check_in_at"], connection)
            row = CheckIn(pk=extra["check_in_id"], delegate=delegate, by=by, at=at)
            _mark_loaded(by, connection)
            _mark_loaded(row, connection)
        Delegate.check_in.related.set_cached_value(delegate, row)
    return delegates


def _rows_sql(connection: Any, where: list[str], limit: int) -> str:
    quote = connection.ops.quote_name
    delegate, group, conference = Delegate._meta, DelegateGroup._meta, Conference._meta
    check_in, user = CheckIn._meta, User._meta
    columns = ", ".join(f"d.{quote(field.column)}" for field in delegate.concrete_fields)
    column = {
        name: quote(meta.get_field(name).column)  # type: ignore[union-attr]  # concrete fields, each with a column
        for meta, name in ((check_in, "at"), (check_in, "delegate"), (check_in, "by"), (user, "username"))
    }
    return (
        f"SELECT {columns}, g.{quote('name')} AS group_name, ci.{quote('id')} AS check_in_id, "  # noqa: S608  # nosec B608  names from the models
        f"ci.{column['at']} AS check_in_at, u.{quote('id')} AS by_id, u.{column['username']} AS by_username, "
        f"u.{quote('first_name')} AS by_first_name, u.{quote('last_name')} AS by_last_name "
        f"FROM {quote(delegate.db_table)} d "
        f"JOIN {quote(conference.db_table)} c ON c.{quote('id')} = d.{quote(delegate.get_field('conference').column)} "
        f"JOIN {quote(group.db_table)} g ON g.{quote('id')} = d.{quote(delegate.get_field('group').column)} "
        f"LEFT JOIN {quote(check_in.db_table)} ci ON ci.{column['delegate']} = d.{quote('id')} "
        f"LEFT JOIN {quote(user.db_table)} u ON u.{quote('id')} = ci.{column['by']} "
        f"WHERE {' AND '.join(where)} ORDER BY d.{quote('sort_key')}, d.{quote('id')} LIMIT {int(limit)}"
    )


def _converted(field: Any, value: Any, connection: Any) -> Any:
    """A column read by hand, converted as the ORM converts the field's values (SQLite returns text)."""
    expression = field.get_col(field.model._meta.db_table)
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
        value = converter(value, expression, connection)
    return value


def _mark_loaded(instance: Any, connection: Any) -> None:
    instance._state.adding = False
    instance._state.db = connection.alias
