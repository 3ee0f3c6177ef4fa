"""Statistics across rounds: awards by year, form, kind and unit; each nominee's history across rounds.

A constant number of queries whatever the number of rounds and awards: one grouped count, one read
of the decided entries, one of the links between rounds (tests/conference/test_next_round_pages.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from awards.models import DecisionEntry
from awards.selectors import decided_q, decision_label
from hoinghi.text import fold
from nominations.models import NomineeMatch
from reference.enums import NomineeKind


@dataclass(frozen=True)
class CountRow:
    year: int
    award_form: str
    kind: str
    unit: str
    count: int


def award_counts(organisation=None) -> list[CountRow]:
    """Decided awards by year, award form, kind and proposing unit (one grouped query)."""
    entries = DecisionEntry.objects.filter(decided_q())
    if organisation is not None:
        entries = entries.filter(decision__conference__organisation=organisation)
    rows = (
        entries.values(
            "decision__conference__year",
            "decision__award_form__order",
            "decision__award_form__name",
            "kind",
            "nomination__proposing_unit__order",
            "nomination__proposing_unit__name",
        )
        .annotate(count=Count("id"))
        .order_by(
            "-decision__conference__year",
            "decision__award_form__order",
            "decision__award_form__name",
            "kind",
            "nomination__proposing_unit__order",
            "nomination__proposing_unit__name",
        )
    )
    return [
        CountRow(
            year=r["decision__conference__year"],
            award_form=r["decision__award_form__name"],
            kind=str(NomineeKind(r["kind"]).label),
            unit=r["nomination__proposing_unit__name"],
            count=r["count"],
        )
        for r in rows
    ]


def totals_by_year(rows: list[CountRow]) -> list[tuple[int, int]]:
    totals: dict[int, int] = defaultdict(int)
    for row in rows:
        totals[row.year] += row.count
    return sorted(totals.items(), reverse=True)


@dataclass
class NomineeHistory:
    name: str
    kind: str
    unit: str
    awards: list[tuple[int, str, str]] = field(default_factory=list)  # (year, award form, decision number)

    @property
    def years(self) -> list[int]:
        return sorted({year for year, _form, _number in self.awards})


def _roots(links: list[tuple[int, int]]) -> dict[int, int]:
    """Union-find over the counted links: each nominee id → the id standing for the same person."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in list(parent)}


def nominee_histories(query: str = "", organisation=None) -> list[NomineeHistory]:
    """Each awarded nominee (the same person across rounds as one) with their awards, oldest first.

    ``query`` keeps the nominees whose folded name contains its folded words.
    """
    entries = (
        DecisionEntry.objects.filter(decided_q())
        .select_related("decision__award_form", "decision__conference", "nomination__nominee__unit")
        .select_related("nomination__proposing_unit")
        .order_by("decision__conference__year", "decision__award_form__order", "id")
    )
    if organisation is not None:
        entries = entries.filter(decision__conference__organisation=organisation)
    links = NomineeMatch.objects.filter(status__in=NomineeMatch.COUNTED).values_list("nominee_id", "earlier_id")
    roots = _roots(list(links))
    words = fold(query).split()
    people: dict[int, NomineeHistory] = {}
    for entry in entries:
        nominee = entry.nomination.nominee
        if words and not all(word in fold(nominee.full_name) for word in words):
            continue
        key = roots.get(nominee.pk, nominee.pk)
        unit = (nominee.unit or entry.nomination.proposing_unit).name
        person = people.setdefault(key, NomineeHistory(nominee.full_name, nominee.get_kind_display(), unit))
        person.unit = unit  # the latest round's unit
        person.awards.append(
            (entry.decision.conference.year, entry.decision.award_form.name, decision_label(entry.decision))
        )
    return sorted(people.values(), key=lambda p: (-len(p.years), fold(p.name)))
