"""The figures of the Báo cáo to the Department of Home Affairs, all read from the data.

``report_figures(conference)`` returns one ``ReportFigures``; the PDF and the workbook print the
same object, so they cannot disagree. Definitions (the tests count the same things by plain ORM):

- nominations by unit: live nominations per proposing unit (``nominations.selectors.unit_rows``),
  with how many the council approved (approved or awarded);
- nominations by status: every nomination, per status (``status_rows``);
- awards per award form and kind against the quota: proposed (live), approved by the council
  (approved or awarded) and honoured (entries of decided decisions, ``ceremony.honoured_entries``);
- per movement (``conference.services.movement_figures``): live nominations naming it, approved,
  honoured, the unit reports accepted and each indicator's total over them;
- the conference: delegates invited (every delegate), confirmed, sending a substitute, declined,
  and present (checked in), per delegate group.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from awards.enums import DecisionStatus
from awards.models import Decision
from conference.enums import Rsvp
from conference.models import Delegate, DelegateGroup
from conference.services.ceremony import decision_label, honoured_entries
from conference.services.movement_figures import MovementRow, movement_figures
from nominations.enums import NominationStatus
from nominations.models import Nomination
from nominations.selectors import LIVE_STATUSES, status_rows
from reference.models import Movement, Quota

APPROVED = (NominationStatus.APPROVED, NominationStatus.AWARDED)


@dataclass(frozen=True)
class QuotaRow:
    award_form: str
    kind: str
    minimum: int
    maximum: int
    proposed: int
    approved: int
    honoured: int


@dataclass(frozen=True)
class DocumentRow:
    kind: str  # "Quyết định" / "Tờ trình"
    award_form: str
    number: str
    date: object
    entries: int
    province_number: str
    province_date: object


@dataclass(frozen=True)
class GroupRow:
    name: str
    target: int
    invited: int
    confirmed: int
    substitutes: int
    declined: int
    present: int


@dataclass(frozen=True)
class AwardeeRow:
    number: int
    recipient: str
    description: str
    kind: str
    award_form: str
    decision: str


@dataclass(frozen=True)
class ReportFigures:
    movements: tuple[str, ...]
    per_movement: tuple[MovementRow, ...]  # nominations, awards and indicators per movement
    units: tuple[tuple[str, int, int], ...]  # (unit, live nominations, approved)
    statuses: tuple[tuple[str, int], ...]  # (status label, count)
    nominations_total: int
    quotas: tuple[QuotaRow, ...]
    documents: tuple[DocumentRow, ...]
    groups: tuple[GroupRow, ...]
    awardees: tuple[AwardeeRow, ...]
    present: tuple[tuple[str, str, str], ...]  # (name, position and organisation, group)

    @property
    def totals(self) -> GroupRow:
        return GroupRow(
            "Tổng cộng",
            *(sum(getattr(g, f) for g in self.groups) for f in GroupRow.__dataclass_fields__ if f != "name"),
        )


def _units(nominations) -> tuple[tuple[str, int, int], ...]:
    rows = (
        nominations.filter(status__in=LIVE_STATUSES)
        .values("proposing_unit__name", "proposing_unit__order", "proposing_unit__sort_key")
        .annotate(total=Count("id"), approved=Count("id", filter=Q(status__in=APPROVED)))
        .order_by("proposing_unit__order", "proposing_unit__sort_key")
    )
    return tuple((r["proposing_unit__name"], r["total"], r["approved"]) for r in rows)


def _quotas(conference, nominations, honoured) -> tuple[QuotaRow, ...]:
    counts = {
        (r["award_form_id"], r["nominee__kind"]): r
        for r in nominations.filter(status__in=LIVE_STATUSES)
        .values("award_form_id", "nominee__kind")
        .annotate(total=Count("id"), approved=Count("id", filter=Q(status__in=APPROVED)))
    }
    honoured_counts = {
        (r["decision__award_form_id"], r["kind"]): r["n"]
        for r in honoured.order_by().values("decision__award_form_id", "kind").annotate(n=Count("id"))
    }
    rows = []
    quotas = Quota.objects.filter(conference=conference).select_related("award_form")
    for q in quotas.order_by("award_form__order", "award_form_id", "kind"):
        found = counts.get((q.award_form_id, q.kind), {})
        rows.append(
            QuotaRow(
                q.award_form.name,
                q.get_kind_display(),
                q.minimum,
                q.maximum,
                found.get("total", 0),
                found.get("approved", 0),
                honoured_counts.get((q.award_form_id, q.kind), 0),
            )
        )
    return tuple(rows)


def _documents(conference) -> tuple[DocumentRow, ...]:
    decisions = (
        Decision.objects.filter(conference=conference, status=DecisionStatus.ISSUED)
        .select_related("award_form")
        .annotate(n=Count("entries"))
        .order_by("award_form__order", "date", "number", "id")
    )
    return tuple(
        DocumentRow(
            d.get_document_type_display(),
            d.award_form.name,
            d.number_label,
            d.date,
            d.n,
            d.province_decision_number,
            d.province_decision_date,
        )
        for d in decisions
    )


def _groups(conference) -> tuple[GroupRow, ...]:
    groups = (
        DelegateGroup.objects.filter(conference=conference)
        .annotate(
            invited=Count("delegates"),
            confirmed=Count("delegates", filter=Q(delegates__rsvp=Rsvp.CONFIRMED)),
            substitutes=Count("delegates", filter=Q(delegates__rsvp=Rsvp.SUBSTITUTE)),
            declined=Count("delegates", filter=Q(delegates__rsvp=Rsvp.DECLINED)),
            present=Count("delegates", filter=Q(delegates__check_in__isnull=False)),
        )
        .order_by("order", "id")
    )
    return tuple(
        GroupRow(g.name, g.target, g.invited, g.confirmed, g.substitutes, g.declined, g.present) for g in groups
    )


def _awardees(honoured) -> tuple[AwardeeRow, ...]:
    return tuple(
        AwardeeRow(i, e.recipient, e.description, e.get_kind_display(), e.decision.award_form.name,
                   decision_label(e.decision))
        for i, e in enumerate(honoured, start=1)
    )  # fmt: skip


def _present(conference) -> tuple[tuple[str, str, str], ...]:
    delegates = (
        Delegate.objects.filter(conference=conference, check_in__isnull=False)
        .select_related("group")
        .order_by("group__order", "sort_key", "id")
    )
    return tuple(
        (d.full_name, ", ".join(p for p in (d.position, d.organisation) if p), d.group.name) for d in delegates
    )


def report_figures(conference) -> ReportFigures:
    nominations = Nomination.objects.alive().filter(conference=conference).order_by()
    honoured = honoured_entries(conference)
    statuses = status_rows(nominations)
    return ReportFigures(
        movements=tuple(Movement.objects.filter(conference=conference).values_list("name", flat=True)),
        per_movement=tuple(movement_figures(conference)),
        units=_units(nominations),
        statuses=tuple((str(r["label"]), r["count"]) for r in statuses),
        nominations_total=sum(r["count"] for r in statuses),
        quotas=_quotas(conference, nominations, honoured),
        documents=_documents(conference),
        groups=_groups(conference),
        awardees=_awardees(honoured),
        present=_present(conference),
    )
