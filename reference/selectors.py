from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hoinghi.roles import Role, is_office
from reference.models import Conference


def current_conference() -> Conference:
    """The conference the application works on now (Conference.is_current)."""
    conference = Conference.objects.current()
    if conference is None:
        raise Http404(_("No conference is marked as current. Ask the Office to set one up."))
    return conference


VIEWED_ROUND = "viewed_round"  # the session key of the round the Office chose to look at


def viewed_conference(request) -> Conference:
    """The round the Office is looking at: the one chosen on the rounds page, else the current one.

    Only the Office chooses (docs/next-round.md, "The round switcher"); everyone else works on the
    current round. One query, like ``current_conference``. A past round is for reading: the pages
    that honour the choice show it with a banner, and every write still goes to the current round.
    """
    pk = request.session.get(VIEWED_ROUND) if is_office(request.user) else None
    if pk is not None:
        conference = Conference.objects.filter(pk=pk).select_related("organisation").first()
        if conference is not None:
            return conference
    return current_conference()


def unit_staff(unit_ids) -> QuerySet[User]:
    """The active unit-staff accounts bound to these units, with an e-mail address (who mail for a unit reaches)."""
    return (
        User.objects.filter(is_active=True, groups__name=Role.UNIT_STAFF, staff_profile__unit_id__in=list(unit_ids))
        .exclude(email="")
        .select_related("staff_profile__unit")
        .order_by("staff_profile__unit__order", "last_name", "first_name", "id")
        .distinct()
    )


def office_staff() -> QuerySet[User]:
    """The Office's active accounts with an e-mail address (office staff; not the Director nor administrators)."""
    return (
        User.objects.filter(is_active=True, groups__name=Role.OFFICE_STAFF)
        .exclude(email="")
        .order_by("last_name", "first_name", "id")
        .distinct()
    )
