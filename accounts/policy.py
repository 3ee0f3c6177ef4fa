"""Who must log in with a second factor (settings.TWO_FACTOR_REQUIRED_ROLES)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User

from hoinghi.roles import Role, roles_of


def requires_two_factor(user: User | AnonymousUser) -> bool:
    """True for a logged-in user holding one of the configured roles.

    A superuser counts as an administrator: ``createsuperuser`` accounts belong to no group,
    yet they can do everything the administrator can.
    """
    if not user.is_authenticated:
        return False
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not required:
        return False
    if user.is_superuser and Role.ADMINISTRATOR in required:
        return True
    return bool(roles_of(user) & required)
