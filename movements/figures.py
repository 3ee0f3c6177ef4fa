"""How a figure is written: no trailing zeros, a decimal comma, dots between thousands (12; 1.250; 3,5)."""

from decimal import Decimal


def figure_text(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    number = Decimal(value).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    whole, _, fraction = f"{number:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ".".join(groups) + (f",{fraction}" if fraction else "")
