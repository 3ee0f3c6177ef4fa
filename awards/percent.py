"""The council's percentage: votes as a share of the council's TOTAL membership, computed once.

One rounding rule for every page and document: two decimals, halves rounded up (5 of 9 is
55,56 %), written the way the minutes state it — decimal comma, trailing zeros dropped
("55,56%", "50%", "100%"). Whether a nominee passes is decided on the exact counts
(``awards.services.tally.passes``), never on this rounded figure. See docs/council-voting.md.
"""

from decimal import ROUND_HALF_UP, Decimal

TWO_DECIMALS = Decimal("0.01")


def percent_of(votes: int, total: int) -> Decimal:
    """5 of 9 -> Decimal("55.56"); no members -> Decimal("0.00")."""
    if not total:
        return Decimal("0.00")
    return (Decimal(votes) * 100 / Decimal(total)).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)


def percent_label(value: Decimal) -> str:
    """Decimal("55.56") -> "55,56"; Decimal("100.00") -> "100" (no percent sign)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def percent_text(votes: int, total: int) -> str:
    """What every page, the admin and the documents print: 5 of 9 -> "55,56%"; no members -> "—"."""
    if not total:
        return "—"
    return f"{percent_label(percent_of(votes, total))}%"
