"""The bell's kind of the council (``hoinghi.notices``): ballots waiting for my vote."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.services.voting import ballots_open_for
from hoinghi import notices
from hoinghi.roles import Role, is_council, roles_of


def _ballots_count(user, since) -> int:
    rows = ballots_open_for(user)
    if since is not None:
        rows = rows.filter(opened_at__gt=since)
    return rows.count()


def register() -> None:
    notices.register(
        notices.NoticeKind(
            code="ballots",
            label=_("Ballots waiting for my vote"),
            applies=lambda user: is_council(user) or Role.DIRECTOR in roles_of(user),  # the Director chairs
            count=_ballots_count,
            url=lambda user: reverse("admin:awards_ballot_changelist"),
        )
    )
