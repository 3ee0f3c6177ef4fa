"""Reward money: multiple × base salary in force on the decision date, rounded up; amounts in words.

Both the multiple (``RewardRule``) and the base salary (``BaseSalary``) are rows with an
effective date; the row in force on a date is the latest one that starts on or before it.
Arithmetic is exact (``Decimal``): 0.3 × 2,340,000 = 702,000 → 710,000 đ.
"""

from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from num2words import num2words

from awards.models import BaseSalary, RewardRule
from reference.enums import NomineeKind


class MoneyError(ValidationError):
    """No rule or base salary in force on the date (message in the active language)."""


def base_salary_on(on: date) -> int:
    row = BaseSalary.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if row is None:
        raise MoneyError(
            _("No base salary is in force on %(date)s. Add it under Administration.") % {"date": f"{on:%d/%m/%Y}"},
            code="no_base_salary",
        )
    return row.amount


def reward_rule_on(award_form, kind: str, on: date) -> RewardRule:
    rule = (
        RewardRule.objects.filter(award_form=award_form, kind=kind, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise MoneyError(
            _("No reward rule for “%(form)s” (%(kind)s) is in force on %(date)s. Add it under Administration.")
            % {"form": award_form, "kind": NomineeKind(kind).label, "date": f"{on:%d/%m/%Y}"},
            code="no_reward_rule",
        )
    return rule


def round_up(value: Decimal, step: int) -> int:
    """Round up to the next multiple of ``step`` (a value already on a multiple stays)."""
    if step <= 1:
        return int(value.to_integral_value(rounding=ROUND_CEILING))
    return int((value / step).to_integral_value(rounding=ROUND_CEILING)) * step


def reward_amount(award_form, kind: str, on: date) -> tuple[Decimal, int, int]:
    """(multiple, base salary, amount in đồng) for one awardee of this form and kind on ``on``.

    Raises MoneyError when no reward rule or base salary is in force on that date.
    """
    rule = reward_rule_on(award_form, kind, on)
    base = base_salary_on(on)
    return rule.multiple, base, round_up(rule.multiple * base, rule.round_to)


def amount_in_words(amount: int) -> str:
    """710000 -> "Bảy trăm mười nghìn đồng" (Vietnamese whatever the interface language)."""
    words = num2words(int(amount), lang="vi")
    return f"{words[:1].upper()}{words[1:]} đồng"


def format_vnd(amount: int) -> str:
    """710000 -> "710.000": Vietnamese thousands separator."""
    return f"{int(amount):,}".replace(",", ".")
