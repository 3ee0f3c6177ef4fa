"""Reads of nominations, each scoped to the user through one function per model.

Every view, export and admin page fetches through these, so "unit staff see only their
own unit" holds everywhere; objects outside the scope are simply not found (404).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet

from conference.roles import is_council, is_office, unit_of
from nominations.enums import NominationStatus
from nominations.models import Attachment, CommendationRecord, Nomination, NominationTransition, Nominee

# What the council may read: dossiers put to it (and, from issue 3 on, their outcome).
COUNCIL_VISIBLE_STATUSES = [
    NominationStatus.ACCEPTED,
    NominationStatus.APPROVED,
    NominationStatus.NOT_APPROVED,
    NominationStatus.AWARDED,
]
# Nominations that still count (for duplicates and quota figures).
LIVE_STATUSES = [
    NominationStatus.DRAFT,
    NominationStatus.SUBMITTED,
    NominationStatus.RETURNED,
    NominationStatus.RESUBMITTED,
    NominationStatus.ACCEPTED,
    NominationStatus.APPROVED,
    NominationStatus.AWARDED,
]
REVIEW_STATUSES = [NominationStatus.SUBMITTED, NominationStatus.RESUBMITTED]


def _scope_q(user: User | AnonymousUser) -> Q | None:
    """The filter on Nomination that one user may see; None means everything."""
    if is_office(user):
        return None
    unit = unit_of(user)
    if unit is not None:
        return Q(proposing_unit=unit)
    if is_council(user):
        return Q(status__in=COUNCIL_VISIBLE_STATUSES)
    return Q(pk__in=[])


def _visible_ids(user: User | AnonymousUser) -> QuerySet | None:
    """Subquery of visible nomination rows, or None when the user sees everything."""
    q = _scope_q(user)
    return None if q is None else Nomination.objects.filter(q)


def nominations_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    """THE scoping function for nominations, with what list and detail pages need loaded."""
    base = queryset if queryset is not None else Nomination.objects.all()
    base = base.select_related(
        "conference", "nominee", "nominee__unit__organisation", "proposing_unit", "award_form", "created_by"
    ).prefetch_related("movements")
    q = _scope_q(user)
    return base if q is None else base.filter(q)


def nominees_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    base = (queryset if queryset is not None else Nominee.objects.all()).select_related("unit")
    visible = _visible_ids(user)
    return base if visible is None else base.filter(pk__in=visible.values("nominee_id"))


def attachments_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    base = (queryset if queryset is not None else Attachment.objects.all()).select_related("nomination", "uploaded_by")
    visible = _visible_ids(user)
    return base if visible is None else base.filter(nomination__in=visible)


def commendations_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    base = (queryset if queryset is not None else CommendationRecord.objects.all()).select_related("nominee")
    visible = _visible_ids(user)
    return base if visible is None else base.filter(nominee__in=visible.values("nominee_id"))


def transitions_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    base = (queryset if queryset is not None else NominationTransition.objects.all()).select_related("nomination", "by")
    visible = _visible_ids(user)
    return base if visible is None else base.filter(nomination__in=visible)


def mark_duplicates(nominations: list[Nomination]) -> list[Nomination]:
    """Set ``has_duplicate`` on each nomination of one page, in one query.

    A nomination is a possible duplicate when another live nomination in its conference has
    the same nominee identity. Done per page rather than as a correlated subquery: SQLite
    would evaluate that subquery against every row before OFFSET (5,000 rows: seconds).
    """
    keys = {(n.conference_id, n.nominee.identity_key) for n in nominations}
    live = {}
    if keys:
        rows = (
            Nomination.objects.filter(
                conference__in={conference for conference, _ in keys},
                nominee__identity_key__in={key for _, key in keys},
                status__in=LIVE_STATUSES,
            )
            .order_by()
            .values("conference_id", "nominee__identity_key")
            .annotate(n=Count("id"))
        )
        live = {(r["conference_id"], r["nominee__identity_key"]): r["n"] for r in rows}
    for nomination in nominations:
        others = live.get((nomination.conference_id, nomination.nominee.identity_key), 0)
        if nomination.status in LIVE_STATUSES:
            others -= 1
        nomination.has_duplicate = others > 0
    return nominations


def duplicates_of(nomination: Nomination) -> QuerySet:
    """Other live nominations in the same conference for the same person or collective.

    Deliberately unscoped: a unit must learn that another unit proposed the same person,
    but the page shows only the proposing unit's name, never the other dossier.
    """
    return (
        Nomination.objects.filter(
            conference=nomination.conference_id,
            nominee__identity_key=nomination.nominee.identity_key,
            status__in=LIVE_STATUSES,
        )
        .exclude(pk=nomination.pk)
        .select_related("proposing_unit", "award_form")
    )


def status_counts(queryset: QuerySet) -> dict[str, int]:
    rows = queryset.order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def status_rows(queryset: QuerySet) -> list[dict]:
    """Counts per status in workflow order, zeros included."""
    counts = status_counts(queryset)
    return [{"status": s, "label": s.label, "count": counts.get(s.value, 0)} for s in NominationStatus]


def unit_rows(queryset: QuerySet) -> list[dict]:
    """Per proposing unit: live nominations and how many were accepted."""
    rows = (
        queryset.order_by()
        .filter(status__in=LIVE_STATUSES)
        .values("proposing_unit__name", "proposing_unit__order", "proposing_unit__sort_key")
        .annotate(total=Count("id"), accepted=Count("id", filter=Q(status=NominationStatus.ACCEPTED)))
        .order_by("proposing_unit__order", "proposing_unit__sort_key")
    )
    return [{"unit": r["proposing_unit__name"], "total": r["total"], "accepted": r["accepted"]} for r in rows]


def quota_rows(conference, queryset: QuerySet) -> list[dict]:
    """Per award form and kind: proposed and accepted against the quota's minimum–maximum."""
    from conference.models import Quota

    counts = {
        (r["award_form_id"], r["nominee__kind"]): r
        for r in queryset.order_by()
        .filter(status__in=LIVE_STATUSES)
        .values("award_form_id", "nominee__kind")
        .annotate(total=Count("id"), accepted=Count("id", filter=Q(status=NominationStatus.ACCEPTED)))
    }
    rows = []
    for quota in Quota.objects.filter(conference=conference).select_related("award_form"):
        found = counts.get((quota.award_form_id, quota.kind), {})
        accepted = found.get("accepted", 0)
        rows.append(
            {
                "quota": quota,
                "total": found.get("total", 0),
                "accepted": accepted,
                "below_minimum": accepted < quota.minimum,
                "above_maximum": accepted > quota.maximum,
            }
        )
    return rows
