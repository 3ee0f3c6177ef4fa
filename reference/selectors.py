from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hoinghi.roles import Role
from reference.models import Conference


def current_conference() -> Conference:
    """The conference the application works on now (Conference.is_current)."""
    conference = Conference.objects.current()
    if conference is None:
        raise Http404(_("No conference is marked as current. Ask the Office to set one up."))
    return conference


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
