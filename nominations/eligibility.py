"""Eligibility verdicts: what the rules in force say about a nomination, before anyone votes.

A verdict is advice shown to the Office and the council (docs/eligibility.md); it never blocks a
transition, a ballot or a decision.

Order of the checks:
1. the nominee is under discipline, investigation or complaint handling → FAIL;
2. no rule in force for the award form and kind on the date → NEEDS_EVIDENCE;
3. an automatic route (consecutive years, with or without supporting records) passes → PASS;
4. an Office-judgement criterion exists → NEEDS_EVIDENCE, listing those criteria;
5. otherwise FAIL, with each automatic route's reason.

"Consecutive years" means a run of calendar years, each with a history row in one of the rule's
title categories, that ends within the years considered: the RECENT_YEARS calendar years before
the conference year (2022–2024 for a 2025 round, whose own yearly titles are not given yet). An
old run (2015–2016 for a 2025 round) no longer counts; a row of the round's own year is not
counted. A pass and a shortfall of years name the years considered, so "03 năm gần nhất" reads
with three years (docs/eligibility.md, "The years considered").
"""

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.text import fold, normalize_text
from nominations.enums import RecordCategory, RuleCheck, Verdict
from nominations.models import CommendationRecord, EligibilityRule, Nomination, NomineeMatch
from reference.enums import NomineeKind
from reference.models import AwardForm

__all__ = [
    "DEFAULT_RULES_PATH",
    "RECENT_YEARS",
    "EligibilityVerdict",
    "history_of",
    "load_default_rules",
    "recent_years",
    "rules_in_force",
    "verdict_for",
    "verdicts_for",
]

# The years considered: the RECENT_YEARS calendar years before the conference year. The default
# Giấy khen criteria say "03 năm gần nhất"; tests/nominations/test_eligibility_window.py keeps the two equal.
RECENT_YEARS = 3
DEFAULT_RULES_PATH = Path(settings.BASE_DIR) / "fixtures" / "eligibility_rules.json"
AUTOMATIC = {RuleCheck.CONSECUTIVE_YEARS, RuleCheck.CONSECUTIVE_YEARS_WITH_SUPPORT}


@dataclass(frozen=True)
class EligibilityVerdict:
    verdict: str  # a Verdict value
    reasons: list[str] = field(default_factory=list)
    rule: EligibilityRule | None = None  # the automatic route that passed

    @property
    def label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def passed(self) -> bool:
        return self.verdict == Verdict.PASS


@dataclass(frozen=True)
class _Outcome:
    passed: bool
    reason: str


# --- Rules in force -------------------------------------------------------------------------------------


def _in_force(rule: EligibilityRule, on: datetime.date) -> bool:
    return rule.effective_from <= on and (rule.effective_to is None or on <= rule.effective_to)


def rules_in_force(rules: Iterable[EligibilityRule], *, award_form_id: int, kind: str, on: datetime.date) -> list:
    """The rules of one award form and kind in force on ``on``, in their admin order."""
    chosen = [r for r in rules if r.award_form_id == award_form_id and r.kind == kind and _in_force(r, on)]
    return sorted(chosen, key=lambda r: (r.order, r.pk or 0))


def _reference_date(nomination: Nomination, on: datetime.date | None) -> datetime.date:
    return on or nomination.conference.date or timezone.localdate()


# --- Wording ---------------------------------------------------------------------------------------------


def _label(category: str) -> str:
    return f"“{RecordCategory(category).label}”"


def _either(phrases: list[str]) -> str:
    """A, A or B, A, B or C."""
    if len(phrases) <= 1:
        return "".join(phrases)
    return _("%(others)s or %(last)s") % {"others": ", ".join(phrases[:-1]), "last": phrases[-1]}


def _in_order(categories: set[str]) -> list[str]:
    return [choice.value for choice in RecordCategory if choice.value in categories]


def _period(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def recent_years(conference_year: int) -> tuple[int, int]:
    """The first and last year considered for a round: (2022, 2024) for 2025."""
    return conference_year - RECENT_YEARS, conference_year - 1


def _requirement(rule: EligibilityRule) -> str:
    titles = _either([_label(c) for c in _in_order(EligibilityRule.split(rule.title_categories))])
    if rule.years <= 1:
        text = _("one year of %(titles)s") % {"titles": titles}
    else:
        text = _("%(count)s consecutive years of %(titles)s") % {"count": rule.years, "titles": titles}
    if rule.check_type == RuleCheck.CONSECUTIVE_YEARS_WITH_SUPPORT:
        supporting = _in_order(EligibilityRule.split(rule.supporting_categories))
        text = _("%(requirement)s, with %(supporting)s in that period") % {
            "requirement": text,
            "supporting": _either([f"{rule.supporting_count} {_label(c)}" for c in supporting]),
        }
    return text


# --- The automatic checks --------------------------------------------------------------------------------


def _runs(years: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive years, oldest first: {2019, 2020, 2022} → [(2019, 2020), (2022, 2022)]."""
    runs: list[tuple[int, int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _shortfall(rule: EligibilityRule, requirement: str, window: str, years: set[int], runs: list) -> str:
    """Why no run counted, naming the years considered (a run must end within them)."""
    values = {"requirement": requirement, "window": window}
    one_year = rule.years <= 1
    if runs:
        values["end"] = runs[-1][1]
        if one_year:
            return _("Needs %(requirement)s within %(window)s; the latest was in %(end)s.") % values
        return _("Needs %(requirement)s ending within %(window)s; the latest ended in %(end)s.") % values
    if not years:
        return _("Needs %(requirement)s; none recorded.") % values
    values["found"] = ", ".join(str(y) for y in sorted(years))
    if one_year:
        return _("Needs %(requirement)s within %(window)s; found %(found)s only.") % values
    return _("Needs %(requirement)s ending within %(window)s; found %(found)s only.") % values


def _check_years(rule: EligibilityRule, records: list[CommendationRecord], considered: tuple[int, int]) -> _Outcome:
    first, last = considered
    window = _period(first, last)
    titles = EligibilityRule.split(rule.title_categories)
    years = {r.year for r in records if r.category in titles}
    runs = _runs({year for year in years if year <= last})
    long_enough = [(start, end) for start, end in runs if end - start + 1 >= rule.years]
    recent = [(start, end) for start, end in long_enough if end >= first]
    requirement = _requirement(rule)
    if not recent:
        return _Outcome(False, _shortfall(rule, requirement, window, years, long_enough))
    if rule.check_type == RuleCheck.CONSECUTIVE_YEARS:
        start, end = recent[-1]
        return _Outcome(
            True,
            _("Meets: %(criterion)s (years considered: %(window)s; met in: %(period)s).")
            % {"criterion": rule.name, "window": window, "period": _period(start, end)},
        )
    return _check_support(rule, records, recent, requirement, window)


def _check_support(
    rule: EligibilityRule, records: list[CommendationRecord], runs: list[tuple[int, int]], requirement: str, window: str
) -> _Outcome:
    """Enough supporting records of ONE category inside one of the runs.

    The law reads "02 sáng kiến … hoặc 02 đề tài": one initiative and one research project are
    not two of either, so counts are per category (the Office may still judge such a case).
    """
    supporting = _in_order(EligibilityRule.split(rule.supporting_categories))
    best = None  # (largest count of one category, (start, end), {category: count}); the latest run wins a tie
    for start, end in runs:
        counts = {c: sum(1 for r in records if r.category == c and start <= r.year <= end) for c in supporting}
        candidate = (max(counts.values(), default=0), (start, end), counts)
        if best is None or candidate[:2] >= best[:2]:
            best = candidate
    largest, (start, end), counts = best
    period = _period(start, end)
    if largest >= rule.supporting_count:
        met = [f"{n} {_label(c)}" for c, n in counts.items() if n >= rule.supporting_count]
        return _Outcome(
            True,
            _("Meets: %(criterion)s (years considered: %(window)s; met in: %(period)s; %(found)s).")
            % {"criterion": rule.name, "window": window, "period": period, "found": ", ".join(met)},
        )
    found = [f"{n} {_label(c)}" for c, n in counts.items() if n]
    if not found:
        reason = _("Needs %(requirement)s; in %(period)s found none.") % {"requirement": requirement, "period": period}
    else:
        reason = _("Needs %(requirement)s; in %(period)s found only %(found)s.") % {
            "requirement": requirement,
            "period": period,
            "found": ", ".join(found),
        }
    return _Outcome(False, reason)


# --- Verdicts --------------------------------------------------------------------------------------------


def _verdict(nomination: Nomination, rules: list[EligibilityRule], on: datetime.date) -> EligibilityVerdict:
    nominee = nomination.nominee
    if nominee.under_discipline:
        reasons = [
            _(
                "Blocked: under discipline, investigation, inspection or complaint handling "
                "(Decree 152/2025/NĐ-CP, Article 4)."
            )
        ]
        if nominee.discipline_note:
            reasons.append(_("Note: %(note)s") % {"note": nominee.discipline_note})
        return EligibilityVerdict(Verdict.FAIL, reasons)
    if not rules:
        reason = _("No eligibility rule is in force for “%(form)s” (%(kind)s) on %(date)s.") % {
            "form": nomination.award_form.name,
            "kind": str(NomineeKind(nominee.kind).label).lower(),
            "date": on.strftime("%d/%m/%Y"),
        }
        return EligibilityVerdict(Verdict.NEEDS_EVIDENCE, [reason])
    records = history_of(nominee)
    considered = recent_years(nomination.conference.year)
    failures = []
    for rule in rules:
        if rule.check_type in AUTOMATIC:
            outcome = _check_years(rule, records, considered)
            if outcome.passed:
                return EligibilityVerdict(Verdict.PASS, [outcome.reason], rule)
            failures.append(outcome.reason)
    judged = [
        _("For the Office to judge from the evidence: %(criterion)s") % {"criterion": rule.name}
        for rule in rules
        if rule.check_type == RuleCheck.OFFICE_JUDGEMENT
    ]
    if judged:
        return EligibilityVerdict(Verdict.NEEDS_EVIDENCE, judged + failures)
    return EligibilityVerdict(Verdict.FAIL, failures)


def history_of(nominee) -> list[CommendationRecord]:
    """The nominee's commendation history, with that of the earlier rounds' same nominee.

    An earlier nominee counts when the link is automatic or confirmed by the Office
    (nominations/matching.py); a row typed again in this round (same year, category, folded title
    and decision number) is read once.
    """
    records = list(nominee.commendations.all())
    for match in nominee.earlier_matches.all():
        if match.status in NomineeMatch.COUNTED:
            records.extend(match.earlier.commendations.all())
    seen, unique = set(), []
    for record in records:
        key = (record.year, record.category, fold(record.title), record.decision_number.strip())
        if key not in seen:
            seen.add(key)
            unique.append(record)
    return unique


def verdict_for(
    nomination: Nomination, *, on: datetime.date | None = None, rules: Iterable[EligibilityRule] | None = None
) -> EligibilityVerdict:
    """The verdict for one nomination's proposed award form, under the rules in force on ``on``.

    ``on`` defaults to the conference date, else today. ``rules`` may be any collection of rules
    (those in force for this form and kind are picked out); by default they are read (one query).
    """
    on = _reference_date(nomination, on)
    if rules is None:
        rules = EligibilityRule.objects.filter(award_form_id=nomination.award_form_id, kind=nomination.nominee.kind)
    chosen = rules_in_force(rules, award_form_id=nomination.award_form_id, kind=nomination.nominee.kind, on=on)
    return _verdict(nomination, chosen, on)


def verdicts_for(
    nominations: Iterable[Nomination], *, on: datetime.date | None = None
) -> dict[int, EligibilityVerdict]:
    """Verdicts for a list of nominations, keyed by nomination id, in a constant number of queries.

    Three queries (history rows, links to earlier rounds, rules) whatever the length of the list,
    one more for the earlier nominees' history when there are links, plus one each for the
    nominees, conferences and award forms when the caller did not select_related them.
    """
    nominations = list(nominations)
    if not nominations:
        return {}
    prefetch_related_objects(
        nominations,
        "conference",
        "award_form",
        "nominee__commendations",
        Prefetch("nominee__earlier_matches", queryset=NomineeMatch.objects.select_related("earlier")),
        "nominee__earlier_matches__earlier__commendations",
    )
    forms = {n.award_form_id for n in nominations}
    rules = list(EligibilityRule.objects.filter(award_form_id__in=forms))
    return {n.pk: verdict_for(n, on=on, rules=rules) for n in nominations}


# --- Default rules ---------------------------------------------------------------------------------------


def _categories(values: list[str], *, where: str) -> str:
    unknown = [v for v in values if v not in RecordCategory.values]
    if unknown:
        raise ValueError(f"{where}: unknown record categories {unknown}")
    return ",".join(values)


def load_default_rules(path: Path | str = DEFAULT_RULES_PATH) -> int:
    """Create the rules of ``path`` that do not exist yet; returns how many were created.

    A rule is identified by award form, kind, criterion and start date, so running this again
    (or after the Office edited other columns) creates nothing twice. Rules for an award form
    the database does not have are skipped.

    Side effects: EligibilityRule rows (with their history rows).
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    forms = {form.code: form for form in AwardForm.objects.filter(code__in={r["award_form"] for r in data["rules"]})}
    created = 0
    with transaction.atomic():
        for index, row in enumerate(data["rules"]):
            form = forms.get(row["award_form"])
            if form is None:
                continue
            where = f"{path} rule {index + 1}"
            _, made = EligibilityRule.objects.get_or_create(
                award_form=form,
                kind=row["kind"],
                name=normalize_text(row["name"]),
                effective_from=datetime.date.fromisoformat(row["effective_from"]),
                defaults={
                    "legal_reference": row.get("legal_reference", ""),
                    "check_type": RuleCheck(row["check_type"]),
                    "years": row.get("years", 2),
                    "title_categories": _categories(row.get("title_categories", []), where=where),
                    "supporting_count": row.get("supporting_count", 0),
                    "supporting_categories": _categories(row.get("supporting_categories", []), where=where),
                    "effective_to": datetime.date.fromisoformat(row["effective_to"])
                    if row.get("effective_to")
                    else None,
                    "order": row.get("order", index),
                },
            )
            created += made
    return created
