"""Reads of nominations, each scoped to the user through one function per model.

Every view, export and admin page fetches through these, so "unit staff see only their
own unit" holds everywhere; objects outside the scope are simply not found (404).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from hoinghi.roles import is_council, is_office, unit_of
from hoinghi.transitions import ARROW, parse_reason
from nominations.enums import NominationStatus
from nominations.models import (
    Attachment,
    CommendationRecord,
    Nomination,
    NominationCount,
    NominationQuerySet,
    Nominee,
    NomineeMatch,
)

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
    return None if q is None else Nomination.objects.alive().filter(q)


def nominations_visible_to(
    user: User | AnonymousUser, queryset: NominationQuerySet | None = None
) -> NominationQuerySet:
    """THE scoping function for nominations, with what list and detail pages need loaded."""
    base = (queryset if queryset is not None else Nomination.objects.all()).alive()
    base = base.select_related(
        "conference", "nominee", "nominee__unit__organisation", "proposing_unit", "award_form", "created_by"
    ).prefetch_related("movements")
    q = _scope_q(user)
    return base if q is None else base.filter(q)


def counts_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    """THE scoping function for the dashboard's counters: the nominations' own scope (the same
    field names: ``proposing_unit``, ``status``), so a unit's staff count only their unit's."""
    base = queryset if queryset is not None else NominationCount.objects.all()
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
    """The nominations' moves: their history rows that record one (reason "from → to[: note]"),
    oldest first, scoped like the nominations themselves."""
    base = moves(queryset)
    visible = _visible_ids(user)
    return base if visible is None else base.filter(id__in=visible.values("pk"))


def moves(queryset: QuerySet | None = None) -> QuerySet:
    """Unscoped: the history rows of nominations that record a move, oldest first (for a
    nomination already fetched through its scope, ``moves(nomination.history.all())``)."""
    base = queryset if queryset is not None else Nomination.history.all()
    base = base.filter(history_change_reason__contains=ARROW).select_related("history_user")
    return base.order_by("history_date", "history_id")


@dataclass(frozen=True)
class StatusChange:
    """One move of a nomination as people read it: who, when, from, to, note."""

    nomination_id: int
    at: datetime
    by: User | None
    from_status: str
    to_status: str
    note: str

    @property
    def from_label(self) -> str:
        return _status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return _status_label(self.to_status)


def _status_label(status: str) -> str:
    return str(NominationStatus(status).label) if status in NominationStatus.values else status


def status_changes(records: QuerySet) -> list[StatusChange]:
    """The moves that history rows (``transitions_visible_to``) record, in their order."""
    changes = []
    for record in records:
        move = parse_reason(record.history_change_reason)
        if move is not None:
            changes.append(
                StatusChange(record.id, record.history_date, record.history_user, move.frm, move.to, move.note)
            )
    return changes


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
            Nomination.objects.alive()
            .filter(
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
        Nomination.objects.alive()
        .filter(
            conference=nomination.conference_id,
            nominee__identity_key=nomination.nominee.identity_key,
            status__in=LIVE_STATUSES,
        )
        .exclude(pk=nomination.pk)
        .select_related("proposing_unit", "award_form")
    )


def _counted(queryset: QuerySet, condition: Q | None = None):
    """How many nominations: rows of nominations are counted, rows of counters summed."""
    if queryset.model is NominationCount:
        return Coalesce(Sum("n", filter=condition), 0)
    return Count("id", filter=condition)


def _kind_field(queryset: QuerySet) -> str:
    return "kind" if queryset.model is NominationCount else "nominee__kind"


def status_counts(queryset: QuerySet) -> dict[str, int]:
    """Nominations per status, of a queryset of nominations or of counters (``counts_visible_to``)."""
    rows = queryset.order_by().values("status").annotate(total=_counted(queryset))
    return {row["status"]: row["total"] for row in rows}


def status_rows(queryset: QuerySet) -> list[dict]:
    """Counts per status in workflow order, zeros included."""
    counts = status_counts(queryset)
    return [{"status": s, "label": s.label, "count": counts.get(s.value, 0)} for s in NominationStatus]


# The dashboard's stages, cumulative: each counts the dossiers that reached it, wherever they are now
# (an awarded dossier was also proposed, accepted for the council and approved by it). Drafts were
# never proposed; a withdrawn dossier was taken back. docs/nominations.md, "The dashboard".
STAGES: dict[str, list[NominationStatus]] = {
    "proposed": [
        NominationStatus.SUBMITTED,
        NominationStatus.RETURNED,
        NominationStatus.RESUBMITTED,
        NominationStatus.ACCEPTED,
        NominationStatus.REJECTED,
        NominationStatus.APPROVED,
        NominationStatus.NOT_APPROVED,
        NominationStatus.AWARDED,
    ],
    "accepted": COUNCIL_VISIBLE_STATUSES,
    "approved": [NominationStatus.APPROVED, NominationStatus.AWARDED],
    "awarded": [NominationStatus.AWARDED],
}
# Dossiers the council has decided on, approved or not: the row has reached the council stage.
COUNCIL_DECIDED = [NominationStatus.APPROVED, NominationStatus.NOT_APPROVED, NominationStatus.AWARDED]


def _stage_counts(queryset: QuerySet, *group_by: str):
    """One aggregate row per group, with a count per stage (and how many the council decided)."""
    counts = {name: _counted(queryset, Q(status__in=statuses)) for name, statuses in STAGES.items()}
    return (
        queryset.order_by()
        .filter(status__in=STAGES["proposed"])
        .values(*group_by)
        .annotate(decided=_counted(queryset, Q(status__in=COUNCIL_DECIDED)), **counts)
    )


def _stages_of(row: dict) -> dict[str, int]:
    return {name: row.get(name, 0) for name in [*STAGES, "decided"]}


def furthest_stage_count(stages: dict[str, int]) -> int:
    """The count the quota is read against: that of the furthest stage any dossier has reached.

    Before acceptance the proposals, then the dossiers before the council, then the council's
    approvals (once it decided on any, approved or not), then the awards once a decision is issued.
    """
    if stages["awarded"]:
        return stages["awarded"]
    if stages["decided"]:
        return stages["approved"]
    if stages["accepted"]:
        return stages["accepted"]
    return stages["proposed"]


def unit_rows(queryset: QuerySet) -> list[dict]:
    """Per proposing unit: the cumulative stage counts (proposed, accepted, approved, awarded)."""
    rows = _stage_counts(queryset, "proposing_unit__name", "proposing_unit__order", "proposing_unit__sort_key")
    rows = rows.order_by("proposing_unit__order", "proposing_unit__sort_key")
    return [{"unit": r["proposing_unit__name"], **{name: r[name] for name in STAGES}} for r in rows]


def quota_rows(conference, queryset: QuerySet) -> list[dict]:
    """Per award form and kind: the cumulative stage counts against the quota's minimum–maximum."""
    from reference.models import Quota

    kind = _kind_field(queryset)
    grouped = _stage_counts(queryset, "award_form_id", kind)
    counts = {(r["award_form_id"], r[kind]): r for r in grouped}
    rows = []
    for quota in Quota.objects.filter(conference=conference).select_related("award_form"):
        stages = _stages_of(counts.get((quota.award_form_id, quota.kind), {}))
        reached = furthest_stage_count(stages)
        rows.append(
            {
                "quota": quota,
                **{name: stages[name] for name in STAGES},
                "below_minimum": reached < quota.minimum,
                "above_maximum": reached > quota.maximum,
            }
        )
    return rows


COUNT_KEY = ("conference_id", "proposing_unit_id", "award_form_id", "kind", "status")


def recounted() -> dict[tuple, int]:
    """The counters as they should be, counted again from the live nominations (unscoped)."""
    rows = (
        Nomination.objects.alive()
        .order_by()
        .values("conference_id", "proposing_unit_id", "award_form_id", "nominee__kind", "status")
        .annotate(total=Count("id"))
    )
    return {
        (r["conference_id"], r["proposing_unit_id"], r["award_form_id"], r["nominee__kind"], r["status"]): r["total"]
        for r in rows
    }


def stored_counts() -> dict[tuple, int]:
    """The maintained counters (unscoped), zeros left out."""
    rows = NominationCount.objects.exclude(n=0).values_list(*COUNT_KEY, "n")
    return {tuple(row[:-1]): row[-1] for row in rows}


def count_drift() -> list[tuple[tuple, int, int]]:
    """Each key whose stored counter differs from a fresh count: (key, counted, stored)."""
    counted, stored = recounted(), stored_counts()
    return [
        (key, counted.get(key, 0), stored.get(key, 0))
        for key in sorted(set(counted) | set(stored), key=str)
        if counted.get(key, 0) != stored.get(key, 0)
    ]


def matches_visible_to(user: User | AnonymousUser, queryset: QuerySet | None = None) -> QuerySet:
    """The links between nominees across rounds (docs/next-round.md): the Office's review, no one else's."""
    base = (queryset if queryset is not None else NomineeMatch.objects.all()).select_related(
        "nominee__unit", "earlier__unit", "decided_by"
    )
    return base if is_office(user) else base.none()
