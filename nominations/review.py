"""The eligibility verdict beside a dossier in review: who sees it, and where it comes from.

The review needs the verdict (docs/eligibility.md). The rules and the engine that computes it
(``awards.eligibility``, with its ``EligibilityRule`` model) stay in awards until that model
moves with the planned app-label change (docs/architecture.md, "Still to come"). Nominations
does not import them: awards registers its two functions here at start-up
(``AwardsConfig.ready``), and the nominations pages ask through ``verdict_for`` and
``verdicts_for``. With nothing registered (awards not installed) no verdict shows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hoinghi.roles import is_council, is_office
from nominations.enums import NominationStatus
from nominations.selectors import COUNCIL_VISIBLE_STATUSES

# The Office reads the verdict from submission on: it returns, rejects or accepts with it in view.
OFFICE_VERDICT_STATUSES = [
    NominationStatus.SUBMITTED,
    NominationStatus.RETURNED,
    NominationStatus.RESUBMITTED,
    NominationStatus.REJECTED,
    *COUNCIL_VISIBLE_STATUSES,
]


@dataclass(frozen=True)
class VerdictSource:
    one: Callable  # nomination -> verdict
    many: Callable  # nominations -> {nomination id: verdict}


_source: VerdictSource | None = None


def register_eligibility(one: Callable, many: Callable) -> None:
    """Called once by the app that computes verdicts (awards)."""
    global _source
    _source = VerdictSource(one, many)


def shows_verdict(user, status: str) -> bool:
    """The Office once a dossier reached it, the council once it is before the council; never units."""
    if is_office(user) and status in OFFICE_VERDICT_STATUSES:
        return True
    return is_council(user) and status in COUNCIL_VISIBLE_STATUSES


def verdict_for(nomination):
    return _source.one(nomination) if _source else None


def verdicts_for(nominations: Iterable) -> dict:
    return _source.many(list(nominations)) if _source else {}
