"""One map of allowed moves and one function that makes them, for each state workflow.

A ``Workflow`` is declared once per workflow, next to its enum (``awards.transitions``,
``conference.transitions``): the state field, the map from-state → allowed to-states, and the
refusal shown when a move is not in the map. Its ``move`` is the only code that assigns that
state: it checks the move on the locked row, assigns it, saves, and records it.

The record of a move is the model's django-simple-history row (see docs/architecture.md,
"Audit trail"): ``history_user`` is who, ``history_date`` when, ``history_change_reason``
"from → to" followed by the note, if any (``move_reason``; ``parse_reason`` reads it back). A
creation that starts a workflow writes "→ to" on its ``+`` row. Nominations keep their own map
and function (with the actors who may make each move) in nominations/services.py.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise

from hoinghi.models import set_change_reason, set_history_user

ARROW = "→"
NOTE_SEPARATOR = ": "


@dataclass(frozen=True)
class Move:
    """A move read back from a change reason: from-state ("" for a creation), to-state, note."""

    frm: str
    to: str
    note: str


def move_reason(frm: str, to: str, note: str = "") -> str:
    """The change reason of a move: "from → to", then ": note" ("→ to" when a row is created)."""
    return f"{frm} {ARROW} {to}".strip() + (f"{NOTE_SEPARATOR}{note}" if note else "")


def parse_reason(reason: str | None) -> Move | None:
    """The move a change reason records, or None when the reason is not a move's."""
    move, _, note = (reason or "").partition(NOTE_SEPARATOR)
    parts = [part.strip() for part in move.split(ARROW)]
    if len(parts) != 2 or not parts[1] or " " in parts[0] or " " in parts[1]:
        return None
    return Move(parts[0], parts[1], note)


@dataclass(frozen=True)
class Refusal:
    """What the user reads when a move to one state is refused; ``%(status)s`` is the current state."""

    message: str | Promise
    code: str
    error: type[ValidationError] = ValidationError


@dataclass(frozen=True)
class Workflow:
    """The allowed moves of one state field, and the one function that makes them."""

    field: str
    states: type[models.TextChoices]
    moves: Mapping[str, frozenset[str]]
    refused: str | Promise  # the message for any other move: "%(from)s" and "%(to)s" are the states' labels
    refusals: Mapping[str, Refusal] = dataclass_field(default_factory=dict)  # to-state -> its own message
    error: type[ValidationError] = ValidationError

    def pairs(self) -> set[tuple[str, str]]:
        """Every allowed (from, to) pair."""
        return {(frm, to) for frm, targets in self.moves.items() for to in targets}

    def allows(self, frm: str, to: str) -> bool:
        return to in self.moves.get(frm, frozenset())

    def label(self, state: str) -> str:
        return self.states(state).label if state in self.states.values else state

    def refusal(self, frm: str, to: str) -> ValidationError:
        labels = {"status": self.label(frm), "from": self.label(frm), "to": self.label(to)}
        known = self.refusals.get(to)
        if known is not None:
            return known.error(str(known.message) % labels, code=known.code)
        return self.error(str(self.refused) % labels, code="not_allowed")

    def ensure_allowed(self, obj: models.Model, to: str) -> None:
        """Refuse now a move the map does not allow (callers check this before their other conditions)."""
        frm = getattr(obj, self.field)
        if not self.allows(frm, to):
            raise self.refusal(frm, to)

    def move(
        self, obj: models.Model, to: str, *, by: User | None, note: str = "", fields: Iterable[str] | None = None
    ) -> None:
        """Move ``obj`` (a row locked by the caller) to ``to``: check, assign, save, record.

        ``fields``: the other fields the caller changed with the move (saved in the same write);
        ``None`` saves every field. The simple-history row names ``by`` and reads "from → to: note".
        """
        self.ensure_allowed(obj, to)
        frm = getattr(obj, self.field)
        setattr(obj, self.field, to)
        set_change_reason(obj, move_reason(frm, to, note))
        set_history_user(obj, by)  # also outside a request (background jobs, commands)
        try:
            obj.save(update_fields=None if fields is None else [self.field, *fields])
        finally:
            set_change_reason(obj, None)  # a later save of the same instance is not this move
