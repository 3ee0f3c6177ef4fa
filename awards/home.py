"""The council member's panel on the home page: the ballots waiting for their vote, one click to vote.

Registered in ``AwardsConfig.ready`` (hoinghi/home.py). Only a member recorded present at the
meeting, with a seat and no receipt yet, sees a ballot here (``voting.ballots_open_for``).
"""

from django.template.loader import render_to_string

from awards.services.voting import ballots_open_for
from hoinghi.roles import is_council


def waiting_ballots(request) -> str:
    if not is_council(request.user):  # no query for anyone else (the roles are cached per request)
        return ""
    ballots = list(ballots_open_for(request.user))
    if not ballots:
        return ""
    return render_to_string("awards/_waiting_ballots.html", {"ballots": ballots}, request=request)
