"""The nominations' recorded moves as the tests read them: their history rows with a move's reason."""

from nominations.models import Nomination
from nominations.selectors import StatusChange, status_changes
from nominations.selectors import moves as history_moves


def moves(nomination: Nomination | None = None) -> list[StatusChange]:
    """The moves of one nomination (of every nomination when None), oldest first."""
    return status_changes(history_moves(nomination.history.all() if nomination is not None else None))


def move_rows(nomination: Nomination) -> list[tuple[str, str, int | None, str]]:
    """(from, to, by, note) of each move of ``nomination``."""
    return [(m.from_status, m.to_status, m.by.pk if m.by else None, m.note) for m in moves(nomination)]
