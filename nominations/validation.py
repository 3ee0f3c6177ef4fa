"""Field rules shared by the web form and the Excel import, with Vietnamese messages."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.text import normalize_text
from reference.enums import NomineeKind

MIN_BIRTH_YEAR = 1930
MIN_AGE = 16


def clean_full_name(value: str, kind: str) -> str:
    """Full names, never abbreviated (the national report forms say so)."""
    name = normalize_text(value)
    if not name:
        raise ValidationError(_("This field is required."), code="required")
    if kind == NomineeKind.INDIVIDUAL:
        words = name.split(" ")
        if len(words) < 2:
            raise ValidationError(_("Write the full name (family name and given name)."), code="short_name")
        if "." in name or any(len(word) == 1 and word.isupper() and word != "Y" for word in words[:-1]):
            raise ValidationError(_("Write the full name without abbreviations."), code="abbreviated")
        if any(ch.isdigit() for ch in name):
            raise ValidationError(_("A name cannot contain digits."), code="digits")
    return name


def clean_birth_year(value: int | None) -> int | None:
    if value is None:
        return None
    latest = timezone.localdate().year - MIN_AGE
    if not MIN_BIRTH_YEAR <= value <= latest:
        raise ValidationError(
            _("The year of birth must be between %(first)s and %(last)s.") % {"first": MIN_BIRTH_YEAR, "last": latest},
            code="birth_year",
        )
    return value


def clean_birth_date(value: datetime.date | None) -> datetime.date | None:
    if value is None:
        return None
    clean_birth_year(value.year)
    return value


def clean_record_year(value: int) -> int:
    current = timezone.localdate().year
    if not 1975 <= value <= current:
        raise ValidationError(
            _("The year must be between %(first)s and %(last)s.") % {"first": 1975, "last": current}, code="year"
        )
    return value
