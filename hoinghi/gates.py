"""The one gate per set of roles, for every view: login first (a redirect), then the role (403).

A view says who may open it with one decorator, placed where its own role check used to be
(after ``require_GET``/``require_POST`` where the method is checked first, so every role keeps
the HTTP answer the permission matrix pins: tests/permission_matrix_table.py):

- ``office_required``: the Office (office staff, the Director, administrators);
- ``proposer_required``: whoever may propose nominations (the Office, or unit staff bound to a unit);
- ``minutes_reader_required``: the Office or the council secretary (the council's records);
- ``administrator_required``: administrators (the admin's change log, inside ``admin_view``).

The predicates are ``hoinghi.roles``; a service still checks its own rules (a gate is not a
substitute for the service's check). Admin pages gate through ``has_*_permission`` and the
scoping mixins of ``hoinghi.admin_mixins``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from hoinghi.roles import Role, can_propose, is_administrator, is_office, roles_of

View = Callable[..., HttpResponseBase]


def may_read_minutes(user: User | AnonymousUser) -> bool:
    """The Office, or the council secretary (who drafts the minutes and the vote counts)."""
    return is_office(user) or Role.COUNCIL_SECRETARY in roles_of(user)


def gate(allowed: Callable[..., bool]) -> Callable[[View], View]:
    """A view decorator: anonymous users go to the login page, users ``allowed`` refuses get 403."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


office_required = gate(is_office)
proposer_required = gate(can_propose)
minutes_reader_required = gate(may_read_minutes)
administrator_required = gate(is_administrator)
