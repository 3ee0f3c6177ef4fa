"""The eligibility verdict beside a dossier in review: who sees it, and where it comes from.

The review needs the verdict (docs/eligibility.md): the rules (``EligibilityRule``) and the
engine that computes it (``nominations.eligibility``) live in this app, and the nominations
pages ask through ``verdict_for`` and ``verdicts_for`` below.
"""

from collections.abc import Iterable

from hoinghi.roles import is_council, is_office
from nominations import eligibility
from nominations.eligibility import EligibilityVerdict
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


def shows_verdict(user, status: str) -> bool:
    """The Office once a dossier reached it, the council once it is before the council; never units."""
    if is_office(user) and status in OFFICE_VERDICT_STATUSES:
        return True
    return is_council(user) and status in COUNCIL_VISIBLE_STATUSES


def verdict_for(nomination) -> EligibilityVerdict:
    return eligibility.verdict_for(nomination)


def verdicts_for(nominations: Iterable) -> dict[int, EligibilityVerdict]:
    return eligibility.verdicts_for(list(nominations))
