"""Template tags that let pages of earlier apps show awards information.

Through a tag, ``nominations`` templates can show the eligibility verdict without the
``nominations`` code importing ``awards`` (the dependency runs one way only).
"""

from django import template

from awards.eligibility import verdict_for
from conference.roles import is_council, is_office
from nominations.selectors import COUNCIL_VISIBLE_STATUSES

register = template.Library()


@register.inclusion_tag("awards/_eligibility_card.html", takes_context=True)
def eligibility_card(context, nomination):
    """The verdict, for the Office and the council once the dossier is before the council.

    Unit staff do not see it: it is the Office's appraisal aid (docs/eligibility.md).
    """
    user = context["request"].user
    visible = nomination.status in COUNCIL_VISIBLE_STATUSES and (is_office(user) or is_council(user))
    return {"eligibility": verdict_for(nomination) if visible else None}
