"""Placeholders in a message template: ``{{ name }}``, nothing else.

Not Django's template language: a template the Office edits must not reach attributes, tags or
other templates. ``check`` refuses an unknown name (or a stray brace) when the template is saved;
``fill`` replaces each known name with its value as plain text (the mail is text/plain).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TOKEN = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
STRAY = re.compile(r"\{\{|\}\}|\{%|%\}")


def names_in(text: str) -> list[str]:
    return TOKEN.findall(text)


def check(text: str, allowed) -> None:
    """Refuse a placeholder the kind does not know, or braces that are not a placeholder."""
    unknown = sorted({name for name in names_in(text) if name not in allowed})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. The placeholders you can use are listed under the form.")
            % {"names": ", ".join(f"{{{{ {name} }}}}" for name in unknown)},
            code="unknown_placeholder",
        )
    if STRAY.search(TOKEN.sub("", text)):
        raise ValidationError(
            _("Write a placeholder as {{ name }}, with a name from the list under the form."), code="malformed"
        )


def fill(text: str, context: dict) -> str:
    """Replace every ``{{ name }}``; a name without a value becomes empty text."""
    return TOKEN.sub(lambda m: str(context.get(m.group(1), "") or ""), text)
