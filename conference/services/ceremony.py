"""The ceremony's data: who is called on stage and in what order, name cards, the sign-in sheet.

- ``honoured_entries`` (one conference's; ``decided_entries``: every conference's): the list
  entries that are decided — an issued Quyết định's, or an issued Tờ trình's once the province's
  decision is recorded (the same rule as certificate printing); also the source of the public
  honour roll and of the read API's (api/).
- ``stage_order``: per award form (by the form's order: Giấy khen, then Bằng khen), the
  collectives, then the individuals, in the decision's list order (register number), each with
  who presents the award (``AwardPresenter``) and the certificate to hand over.
- ``sign_in_groups``: delegates per delegate group, numbered within the sheet.
- ``congress_delegates``: the delegates introduced to the provincial emulation congress.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from awards.models import DecisionEntry
from awards.selectors import decided_q, decision_label
from conference.models import AwardPresenter, Delegate, DelegateGroup
from reference.enums import NomineeKind

KIND_ORDER = (NomineeKind.COLLECTIVE, NomineeKind.INDIVIDUAL)
KIND_TITLES = {NomineeKind.COLLECTIVE: "Tập thể", NomineeKind.INDIVIDUAL: "Cá nhân"}


def honoured_entries(conference) -> QuerySet:
    """Decided entries in stage order: award form, decision, kind (collectives first), list order."""
    return decided_entries().filter(decision__conference=conference)


def decided_entries() -> QuerySet:
    """Every conference's decided entries in stage order (the read API's honour roll per year)."""
    return (
        DecisionEntry.objects.filter(decided_q())
        .select_related("decision__award_form", "nomination__proposing_unit", "nomination__nominee__unit")
        .order_by(
            "decision__award_form__order",
            "decision__award_form_id",
            "decision__date",
            "decision__number",
            "decision_id",
            "kind",  # "collective" < "individual": collectives first
            "register_number",
            "id",
        )
    )


@dataclass(frozen=True)
class StageRow:
    number: int  # order of call within the section
    recipient: str
    description: str
    certificate: str  # "Quyết định số 05/QĐ-SKHCN – số sổ vàng 3"
    register_number: int | None
    decision_number: str


@dataclass(frozen=True)
class StageSection:
    award_form: str
    kind: str
    kind_title: str
    presenter: str
    rows: tuple[StageRow, ...]


def _certificate(entry) -> str:
    text = f"Quyết định số {decision_label(entry.decision)}"
    if entry.register_number:
        text += f" – số sổ vàng {entry.register_number}"
    return text


BY_LIST, BY_UNIT = "list", "unit"


def _unit_key(entry) -> tuple:
    unit = entry.nomination.proposing_unit
    return (unit.order, unit.sort_key, unit.pk)


def stage_order(conference, order: str = BY_LIST) -> list[StageSection]:
    """The sections the master of ceremonies calls, in order (two queries).

    ``order=BY_UNIT`` calls each section's awardees unit by unit (the units' order), keeping the
    list order within a unit; otherwise the decision's list order.
    """
    presenters = {(p.award_form_id, p.kind): p.presenter for p in AwardPresenter.objects.filter(conference=conference)}
    grouped: dict[tuple[int, str], list] = {}
    forms = {}
    for entry in honoured_entries(conference):
        form = entry.decision.award_form
        forms[form.pk] = form
        grouped.setdefault((form.pk, entry.kind), []).append(entry)
    form_ids = list(dict.fromkeys(form_id for form_id, _kind in grouped))
    sections = []
    for form_id in form_ids:
        for kind in KIND_ORDER:
            entries = grouped.get((form_id, kind))
            if not entries:
                continue
            if order == BY_UNIT:
                entries = sorted(entries, key=_unit_key)  # stable: list order within a unit
            rows = tuple(
                StageRow(
                    i,
                    e.recipient,
                    e.description,
                    _certificate(e),
                    e.register_number,
                    decision_label(e.decision),
                )
                for i, e in enumerate(entries, start=1)
            )
            sections.append(
                StageSection(forms[form_id].name, kind, KIND_TITLES[kind], presenters.get((form_id, kind), ""), rows)
            )
    return sections


@dataclass(frozen=True)
class GroupBlock:
    roman: str  # "I", "II", … on the sheet
    name: str
    delegates: tuple[Delegate, ...]


def roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in numerals:
        while n >= value:
            text, n = text + letters, n - value
    return text


def delegates_of(conference) -> QuerySet:
    return (
        Delegate.objects.filter(conference=conference)
        .select_related("group")
        .order_by("group__order", "sort_key", "id")
    )


def sign_in_groups(conference) -> list[GroupBlock]:
    """Every delegate group with its delegates (groups without delegates left out)."""
    by_group: dict[int, list[Delegate]] = {}
    for delegate in delegates_of(conference):
        by_group.setdefault(delegate.group_id, []).append(delegate)
    groups = DelegateGroup.objects.filter(conference=conference).order_by("order", "id")
    kept = [g for g in groups if g.pk in by_group]
    return [GroupBlock(roman(i), g.name, tuple(by_group[g.pk])) for i, g in enumerate(kept, start=1)]


def congress_delegates(conference) -> QuerySet:
    return delegates_of(conference).filter(introduced_to_congress=True).select_related("nomination__nominee")


@dataclass(frozen=True)
class NameCard:
    honorific: str
    name: str
    line: str  # position, organisation


def name_cards(delegates) -> list[NameCard]:
    cards = []
    for d in delegates:
        honorific = d.honorific if d.gender else ""  # none for a representative, nor when the gender is unknown
        cards.append(NameCard(honorific, d.full_name, ", ".join(d.address_details())))
    return cards
