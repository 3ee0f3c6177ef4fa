"""Roles are Django groups (created by ``nominations/migrations/0002_roles.py``); these helpers read them.

One place answers "what may this user do", so views, admin and exports agree. It sits in the kit
because it needs only Django's auth (the user's groups) and reaches the user's unit through the
``staff_profile`` relation, without importing any app: every floor, and the navigation's
context processor, can ask it. The view gates built on it are ``hoinghi.gates``.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_STAFF = "unit_staff", _("Unit staff")
    OFFICE_STAFF = "office_staff", _("Office staff")
    COUNCIL_MEMBER = "council_member", _("Council member")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    DIRECTOR = "director", _("Director")
    ADMINISTRATOR = "administrator", _("Administrator")


OFFICE_ROLES = {Role.OFFICE_STAFF, Role.DIRECTOR, Role.ADMINISTRATOR}
COUNCIL_ROLES = {Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY}


def roles_of(user: User | AnonymousUser) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_hoinghi_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._hoinghi_roles = cached  # type: ignore[attr-defined]  # a cache on this one object (request.user)
    return cached


def remember_roles(user: User, names: frozenset[str]) -> None:
    """Give ``roles_of`` the user's role names read elsewhere (with the user: accounts.backends)."""
    user._hoinghi_roles = names  # type: ignore[attr-defined]  # the same per-object cache as roles_of


def is_office(user: User | AnonymousUser) -> bool:
    """Office staff, the Director and administrators manage every unit's dossiers."""
    return bool(user.is_authenticated and (user.is_superuser or roles_of(user) & OFFICE_ROLES))


def is_administrator(user: User | AnonymousUser) -> bool:
    """Administrators (and superusers): the admin's change log."""
    return bool(user.is_active and (user.is_superuser or Role.ADMINISTRATOR in roles_of(user)))


def manages_council(user: User | AnonymousUser) -> bool:
    """The Office or the council secretary: run meetings and ballots, read and print the council's records."""
    return is_office(user) or Role.COUNCIL_SECRETARY in roles_of(user)


def is_council(user: User | AnonymousUser) -> bool:
    return bool(roles_of(user) & COUNCIL_ROLES)


def unit_of(user: User | AnonymousUser) -> Any:  # a conference.Unit: the kit names no app's model
    """The unit a unit-staff user is bound to, or None."""
    if not user.is_authenticated or Role.UNIT_STAFF not in roles_of(user):
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.unit if profile else None


def can_propose(user: User | AnonymousUser) -> bool:
    """May create nominations: the Office, or unit staff bound to a unit."""
    return is_office(user) or unit_of(user) is not None
