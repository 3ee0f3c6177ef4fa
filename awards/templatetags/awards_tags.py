"""Template tags that let pages of earlier apps show awards information.

Through a tag, ``nominations`` templates can show the eligibility verdict without the
``nominations`` code importing ``awards`` (the dependency runs one way only).
"""

from django import template

from awards.eligibility import verdict_for, verdicts_for
from hoinghi.roles import is_council, is_office
from nominations.enums import NominationStatus
from nominations.selectors import COUNCIL_VISIBLE_STATUSES

register = template.Library()

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


@register.inclusion_tag("awards/_eligibility_card.html", takes_context=True)
def eligibility_card(context, nomination):
    """The verdict card of one dossier's page (docs/eligibility.md, "Where the verdict shows")."""
    visible = shows_verdict(context["request"].user, nomination.status)
    return {"eligibility": verdict_for(nomination) if visible else None}


@register.simple_tag(takes_context=True)
def eligibility_verdicts(context, nominations):
    """Verdicts of a page of nominations the user may see them for, keyed by id (constant queries)."""
    user = context["request"].user
    return verdicts_for([n for n in nominations if shows_verdict(user, n.status)])


@register.inclusion_tag("awards/_eligibility_row.html")
def row_eligibility(verdicts, nomination):
    """One row's verdict and reasons, from ``eligibility_verdicts``."""
    return {"eligibility": verdicts.get(nomination.pk)}
