"""The refusals of the awards services, each with its reason in Vietnamese.

Kept apart from the services so that the workflows (awards/transitions.py) can name them; the
services import them from here and callers keep importing them from the services.
"""

from django.core.exceptions import ValidationError


class CouncilError(ValidationError):
    """A refused council action, with the reason in Vietnamese."""


class TallyError(ValidationError):
    """A tally that cannot be applied or a tie that cannot be settled (message for the Office)."""


class DecisionError(ValidationError):
    """A refused change to a decision or proposal (message for the Office)."""
