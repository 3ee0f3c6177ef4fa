"""Kinds of message, registered by the apps whose events send them (``AppConfig.ready``).

A kind names its template (``code``), says which placeholders its text may use (each with a
Vietnamese description for the Office's editing page), gives the default subject and body (the
first version of the ``MessageTemplate`` row, which the Office then edits) and a ``sample``
function that builds a context from real data for the preview (None: nothing to show yet).
The outbox never imports the apps above it: it only reads this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Placeholders every message knows: filled by ``outbox.services.queue`` for each recipient.
COMMON = {
    "recipient_name": _("the recipient's name"),
    "recipient_title": _("how the recipient is addressed (Ông, Bà, a position)"),
    "site_url": _("the address of the application"),
}


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    placeholders: dict[str, str]  # name -> description (lazy), besides COMMON
    subject: str  # defaults, Vietnamese (message texts are documents, like the letters)
    body: str
    sample: Callable[[], dict | None] = field(default=lambda: None)
    send_without_review: bool = False

    @property
    def allowed(self) -> dict[str, str]:
        return {**COMMON, **self.placeholders}


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> Kind | None:
    return _KINDS.get(code)


def all_kinds() -> list[Kind]:
    return list(_KINDS.values())
