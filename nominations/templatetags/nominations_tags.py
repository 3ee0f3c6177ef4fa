"""The review's eligibility verdict on the nominations pages (the card, and one line per row).

Who sees it is ``nominations.review.shows_verdict``; the verdicts come through ``nominations.review``.
"""

from django import template

from nominations import review

register = template.Library()


@register.inclusion_tag("nominations/_eligibility_card.html", takes_context=True)
def eligibility_card(context, nomination):
    """The verdict card of one dossier's page (docs/eligibility.md, "Where the verdict shows")."""
    visible = review.shows_verdict(context["request"].user, nomination.status)
    return {"eligibility": review.verdict_for(nomination) if visible else None}


@register.simple_tag(takes_context=True)
def eligibility_verdicts(context, nominations):
    """Verdicts of a page of nominations the user may see them for, keyed by id (constant queries)."""
    user = context["request"].user
    return review.verdicts_for([n for n in nominations if review.shows_verdict(user, n.status)])


@register.inclusion_tag("nominations/_eligibility_row.html")
def row_eligibility(verdicts, nomination):
    """One row's verdict and reasons, from ``eligibility_verdicts``."""
    return {"eligibility": verdicts.get(nomination.pk)}
