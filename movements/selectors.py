"""Reads of movement reports, each scoped to the user by one function per model.

The Office sees every unit's report; unit staff only their own unit's; anyone else nothing: a
report outside the scope is simply not found (404).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from hoinghi.roles import is_office, unit_of
from movements.models import Indicator, MovementReport, ReportAttachment
from reference.models import Movement


def _scope_q(user: User | AnonymousUser, prefix: str = "") -> Q | None:
    """The filter one user may see (None: everything)."""
    if is_office(user):
        return None
    unit = unit_of(user)
    if unit is not None:
        return Q(**{f"{prefix}unit": unit})
    return Q(pk__in=[])


def reports_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    """THE scoping function for movement reports, with what the pages need loaded."""
    base = (queryset if queryset is not None else MovementReport.objects.all()).select_related(
        "movement", "unit", "created_by"
    )
    q = _scope_q(user)
    return base if q is None else base.filter(q)


def attachments_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    base = (queryset if queryset is not None else ReportAttachment.objects.all()).select_related("report")
    q = _scope_q(user, "report__")
    return base if q is None else base.filter(q)


def movements_of(conference) -> QuerySet:
    """The conference's movements, each with its indicators loaded (two queries)."""
    from django.db.models import Prefetch

    return Movement.objects.filter(conference=conference).prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
    )


def figure_rows(report: MovementReport) -> list[tuple[Indicator, object]]:
    """(indicator, value or None) for every indicator of the report's movement, in order."""
    values = {f.indicator_id: f.value for f in report.figures.all()}
    indicators = Indicator.objects.filter(movement_id=report.movement_id).order_by("order", "id")
    return [(indicator, values.get(indicator.pk)) for indicator in indicators]


def reports_visible_to_office(conference) -> list[MovementReport]:
    """Every unit's report on the conference's movements, for the Office's list."""
    return list(
        MovementReport.objects.filter(movement__conference=conference)
        .select_related("movement", "unit")
        .order_by("movement__order", "movement_id", "unit__order", "unit__sort_key")
    )
