"""Length limits of the multi-line texts people write, each defined once on its model field.

A 10,000-character achievement summary breaks the one-page certificate and list layouts; every
such ``TextField`` gets a ``max_length`` from here (docs/security.md "Text limits"). The admin's
model forms take it from the field; the plain forms take it with ``text_limit``; the Excel
import reads it from the field too. Each shows "Tối đa N ký tự." under the field and carries a
``maxlength`` attribute; the server refuses a longer text with Django's Vietnamese message.
"""

from typing import TYPE_CHECKING, Any

from django.db.models import Field, Model
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# An achievement summary: half a page (the full report is an attached file).
ACHIEVEMENT = 2000
# A reason or a note (returning a dossier, a tie-break, a correction) and a legal-basis line.
NOTE = 1000
# An e-mail the Office writes or edits in the outbox (a template's or a message's body): two pages.
LETTER = 5000


def _at_most(limit: int) -> str:
    return gettext("At most %(count)s characters.") % {"count": number_format(limit, force_grouping=True)}


at_most = lazy(_at_most, str)


def limit_help(limit: int, text: "StrOrPromise | None" = None) -> "StrOrPromise":
    """The help text of a limited field: ``text`` (if any) followed by "At most N characters."."""
    return format_lazy("{} {}", text, at_most(limit)) if text else at_most(limit)


def text_limit(model: type[Model], field_name: str) -> dict[str, Any]:
    """``max_length`` and help text of a form field, from the model field it fills."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, Field):  # a relation's reverse side has no limit
        raise TypeError(f"{model.__name__}.{field_name} is not a field")
    return {"max_length": field.max_length, "help_text": field.help_text}
