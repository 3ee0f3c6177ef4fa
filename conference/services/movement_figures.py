"""Per movement: the accepted unit reports' figures summed by unit, their texts, and nominations and awards.

``movement_figures(conference)`` is read by the compiled summary report (``conference.services.summary``)
and by the report to Sở Nội vụ (``conference.services.report``), so both print the same numbers.
Definitions (tests/conference/test_movement_figures.py counts the same things by plain ORM):

- indicators: for each indicator of the movement, the figures of the *accepted* unit reports,
  their sum, and each unit's figure (units in the reference order);
- nominations: live nominations naming the movement (a nomination may name several movements
  and counts under each), how many the council approved (approved or awarded), and how many
  are on an issued decision's list (honoured entries);
- texts: the accepted reports' five texts, each with its unit (the source).

The query count does not grow with the number of movements or reports.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from conference.services.ceremony import honoured_entries
from movements.enums import ReportStatus
from movements.models import TEXT_FIELDS, Figure, Indicator, MovementReport
from nominations.enums import NominationStatus
from nominations.models import Nomination
from nominations.selectors import LIVE_STATUSES
from reference.models import Movement

APPROVED = (NominationStatus.APPROVED, NominationStatus.AWARDED)
TEXT_TITLES = {
    "results": "Kết quả đạt được",
    "good_practices": "Cách làm hay",
    "lessons": "Bài học kinh nghiệm",
    "shortcomings": "Tồn tại, hạn chế",
    "proposals": "Đề xuất, kiến nghị",
}


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit_of_measure: str
    target: Decimal | None
    total: Decimal
    by_unit: tuple[tuple[str, Decimal], ...]  # (unit, figure), units in reference order


@dataclass(frozen=True)
class UnitText:
    unit: str
    text: str


@dataclass
class MovementRow:
    pk: int
    number: int
    name: str
    reports_accepted: int = 0
    reports_received: int = 0  # submitted, resubmitted, returned or accepted
    indicators: list[IndicatorRow] = field(default_factory=list)
    texts: dict[str, list[UnitText]] = field(default_factory=dict)  # text field -> each unit's text
    nominations: int = 0
    approved: int = 0
    honoured: int = 0


def _indicator_rows(conference) -> dict[int, list[IndicatorRow]]:
    values: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    figures = (
        Figure.objects.filter(report__movement__conference=conference, report__status=ReportStatus.ACCEPTED)
        .order_by("report__unit__order", "report__unit__sort_key", "report__unit_id")
        .values_list("indicator_id", "report__unit__name", "value")
    )
    for indicator_id, unit, value in figures:
        values[indicator_id].append((unit, value))
    rows: dict[int, list[IndicatorRow]] = defaultdict(list)
    for i in Indicator.objects.filter(movement__conference=conference).order_by("movement_id", "order", "id"):
        found = tuple(values.get(i.pk, ()))
        total = sum((v for _unit, v in found), Decimal(0))
        rows[i.movement_id].append(IndicatorRow(i.name, i.unit_of_measure, i.target, total, found))
    return rows


def _texts(conference) -> dict[int, dict[str, list[UnitText]]]:
    texts: dict[int, dict[str, list[UnitText]]] = defaultdict(lambda: {name: [] for name in TEXT_FIELDS})
    reports = (
        MovementReport.objects.filter(movement__conference=conference, status=ReportStatus.ACCEPTED)
        .select_related("unit")
        .order_by("unit__order", "unit__sort_key", "unit_id")
    )
    for report in reports:
        for name in TEXT_FIELDS:
            text = getattr(report, name).strip()
            if text:
                texts[report.movement_id][name].append(UnitText(report.unit.name, text))
    return texts


def movement_figures(conference) -> list[MovementRow]:
    movements = Movement.objects.filter(conference=conference).annotate(
        accepted=Count("unit_reports", filter=Q(unit_reports__status=ReportStatus.ACCEPTED)),
        received=Count("unit_reports", filter=~Q(unit_reports__status=ReportStatus.DRAFT)),
    )
    rows = {m.pk: MovementRow(m.pk, n, m.name, m.accepted, m.received) for n, m in enumerate(movements, start=1)}
    nominations = (
        Nomination.objects.alive()
        .filter(conference=conference, status__in=LIVE_STATUSES, movements__in=list(rows))
        .values("movements")
        .annotate(total=Count("id", distinct=True), approved=Count("id", filter=Q(status__in=APPROVED), distinct=True))
        .order_by()
    )
    for r in nominations:
        rows[r["movements"]].nominations, rows[r["movements"]].approved = r["total"], r["approved"]
    honoured = (
        honoured_entries(conference)
        .filter(nomination__movements__in=list(rows))
        .order_by()
        .values("nomination__movements")
        .annotate(n=Count("id", distinct=True))
    )
    for r in honoured:
        rows[r["nomination__movements"]].honoured = r["n"]
    indicators, texts = _indicator_rows(conference), _texts(conference)
    for pk, row in rows.items():
        row.indicators = indicators.get(pk, [])
        row.texts = texts.get(pk, {name: [] for name in TEXT_FIELDS})
    return list(rows.values())
