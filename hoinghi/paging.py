"""Pages of large lists whose cost does not grow with the table or the depth of the page.

Two pieces (docs/performance.md, "Over HTTP through gunicorn"):

- **A bounded count.** ``bounded_count`` counts exactly up to ``settings.LIST_COUNT_LIMIT``
  (``SELECT COUNT(*) FROM (SELECT id … LIMIT limit + 1)``) and beyond it says "more than 1,000",
  as large admin sites do: the count never reads more than limit + 1 rows, however many match.
  ``BoundedCountPaginator`` is the same for the Django admin's changelists.
- **Keyset pagination.** ``keyset_page`` reads the page after (or before) a cursor — the sort
  key values and the id of the last (first) row shown — with ``WHERE (k1, k2, …, id) > (…)``
  spelled out as ORs, in the queryset's own order. A deep page is found by the same index walk as
  the first one, so page 200 costs what page 1 costs. The links are first, previous, next and
  last; the row numbers travel in the cursor.

Always two queries (the bounded count and the page's rows plus one to tell whether there is
more), whatever the number of rows and the depth.
"""

import base64
import binascii
import json
from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

AFTER = "after"
BEFORE = "before"
LAST = "end"  # ?before=end: the last page (the order reversed, no cursor)


def count_limit() -> int:
    return int(settings.LIST_COUNT_LIMIT)


def bounded_count(queryset: QuerySet, limit: int | None = None) -> int:
    """The number of rows, exact up to ``limit``; ``limit + 1`` means "more than ``limit``"."""
    limit = count_limit() if limit is None else limit
    return queryset.order_by().values("pk")[: limit + 1].count()


def count_label(count: int, limit: int | None = None) -> str:
    """ "523", or "more than 1,000" (grouped as the language writes numbers: "hơn 1.000")."""
    limit = count_limit() if limit is None else limit
    if count <= limit:
        return formats.number_format(count, force_grouping=True)
    return _("more than %(limit)s") % {"limit": formats.number_format(limit, force_grouping=True)}


class BoundedCountPaginator(Paginator):
    """Django's paginator with a bounded count: for the admin's changelists of large tables.

    Page numbers only reach the limit (offsets up to limit rows, a bounded cost); the changelist
    shows ``count_label`` ("more than 1,000", templates/admin/pagination.html) and is narrowed
    with its search and filters beyond that.
    """

    @cached_property
    def count(self) -> int:
        return bounded_count(self.object_list)  # type: ignore[arg-type]  # the admin passes a QuerySet

    @property
    def count_label(self) -> str:
        return count_label(self.count)


# --- keyset pagination ------------------------------------------------------------------------------


def _ordering(queryset: QuerySet) -> list[str]:
    ordering = [str(o) for o in (queryset.query.order_by or queryset.model._meta.ordering)]
    if not ordering or ordering[-1].lstrip("-") not in ("id", "pk"):
        ordering.append("-id" if ordering and ordering[0].startswith("-") else "id")
    return ["-id" if o == "-pk" else "id" if o == "pk" else o for o in ordering]


def _field(model: type[Model], path: str) -> Any:
    parts = path.split("__")
    current: Any = model
    for part in parts[:-1]:
        current = current._meta.get_field(part).related_model
    return current._meta.get_field(parts[-1])


def _value_of(row: Model, path: str) -> Any:
    value: Any = row
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def _encode(values: list[Any], index: int | None) -> str:
    text = json.dumps([index, [v.isoformat() if hasattr(v, "isoformat") else v for v in values]])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(model: type[Model], ordering: list[str], text: str) -> tuple[list[Any], int | None] | None:
    """The cursor's values, each through its field's ``to_python``; None for anything malformed."""
    try:
        index, raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if not isinstance(raw, list) or len(raw) != len(ordering) or not (index is None or isinstance(index, int)):
            return None
        values = [_field(model, key.lstrip("-")).to_python(value) for key, value in zip(ordering, raw, strict=True)]
    except (ValueError, TypeError, binascii.Error, ValidationError, FieldDoesNotExist):
        return None
    if any(value is None for value in values):
        return None
    return values, index


def _beyond(ordering: list[str], values: list[Any], *, forward: bool) -> Q:
    """Rows strictly after (``forward``) or before the cursor in ``ordering``.

    ``(a, b, id) > (x, y, z)`` as ``a >= x AND (a > x OR (a = x AND b > y) OR (…))``: the leading
    inequality lets the database start its index walk at the cursor.
    """
    q = Q()
    for i, key in enumerate(ordering):
        name = key.lstrip("-")
        ascending = not key.startswith("-")
        op = "gt" if ascending == forward else "lt"
        step = Q(**{f"{ordering[j].lstrip('-')}": values[j] for j in range(i)}, **{f"{name}__{op}": values[i]})
        q = step if i == 0 else q | step
    first = ordering[0]
    lead = "gte" if (not first.startswith("-")) == forward else "lte"
    return Q(**{f"{first.lstrip('-')}__{lead}": values[0]}) & q


def _reversed(ordering: list[str]) -> list[str]:
    return [key[1:] if key.startswith("-") else f"-{key}" for key in ordering]


class KeysetPage:
    """One page of a keyset-paginated list, with what the template's links need."""

    def __init__(self, rows: list, *, count: int, start_index: int | None, ordering: list[str], **links: bool):
        self.object_list = rows
        self.count = count
        self.count_label = count_label(count)
        self.start_index = start_index
        self.has_previous = links["has_previous"]
        self.has_next = links["has_next"]
        self._ordering = ordering

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index: Any) -> Any:
        return self.object_list[index]

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def end_index(self) -> int | None:
        return None if self.start_index is None else self.start_index + len(self.object_list) - 1

    def _cursor(self, row: Model, index: int | None) -> str:
        return _encode([_value_of(row, key.lstrip("-")) for key in self._ordering], index)

    @property
    def next_cursor(self) -> str:
        end = self.end_index
        return self._cursor(self.object_list[-1], None if end is None else end + 1)

    @property
    def previous_cursor(self) -> str:
        return self._cursor(self.object_list[0], self.start_index)

    @property
    def last_cursor(self) -> str:
        return LAST


def keyset_page(queryset: QuerySet, params: Mapping[str, str], *, per_page: int) -> KeysetPage:
    """The page that ``params`` asks for (``after`` / ``before`` a cursor, ``before=end`` for the
    last page, else the first), in the queryset's order; a malformed cursor gives the first page."""
    ordering = _ordering(queryset)
    count = bounded_count(queryset)
    after, before = params.get(AFTER, ""), params.get(BEFORE, "")
    cursor = _decode(queryset.model, ordering, after or before) if (after or before) and before != LAST else None
    forward = not before
    if before == LAST:
        rows = list(queryset.order_by(*_reversed(ordering))[: per_page + 1])
        more = len(rows) > per_page
        rows = rows[:per_page][::-1]
        start = count - len(rows) + 1 if count <= count_limit() else None
        return KeysetPage(rows, count=count, start_index=start, ordering=ordering, has_previous=more, has_next=False)
    if cursor is None:
        rows = list(queryset.order_by(*ordering)[: per_page + 1])
        return KeysetPage(
            rows[:per_page],
            count=count,
            start_index=1,
            ordering=ordering,
            has_previous=False,
            has_next=len(rows) > per_page,
        )
    values, index = cursor
    if forward:
        rows = list(queryset.filter(_beyond(ordering, values, forward=True)).order_by(*ordering)[: per_page + 1])
        return KeysetPage(
            rows[:per_page],
            count=count,
            start_index=index,
            ordering=ordering,
            has_previous=True,
            has_next=len(rows) > per_page,
        )
    rows = list(
        queryset.filter(_beyond(ordering, values, forward=False)).order_by(*_reversed(ordering))[: per_page + 1]
    )
    more = len(rows) > per_page
    rows = rows[:per_page][::-1]
    start = 1 if not more else None if index is None else max(1, index - len(rows))
    return KeysetPage(rows, count=count, start_index=start, ordering=ordering, has_previous=more, has_next=True)
