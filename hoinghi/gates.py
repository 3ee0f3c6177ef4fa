"""The one gate per set of roles, for every view: login first (a redirect), then the role (403).

A view says who may open it with one decorator, placed where its own role check used to be
(after ``require_GET``/``require_POST`` where the method is checked first, so every role keeps
the HTTP answer the permission matrix pins: tests/permission_matrix_table.py):

- ``office_required``: the Office (office staff, the Director, administrators);
- ``proposer_required``: whoever may propose nominations (the Office, or unit staff bound to a unit);
- ``council_manager_required``: the Office or the council secretary (meetings, ballots, the
  council's records);
- ``administrator_required``: administrators (the admin's change log, inside ``admin_view``).

The same decorators gate the admin's own views (a ``ModelAdmin`` method taking ``self, request``):
``gate`` finds the request in either place. Inside ``admin_site.admin_view`` the visitor is
always a logged-in staff member, so only the role part answers there (403).

The predicates are ``hoinghi.roles``; a service still checks its own rules (a gate is not a
substitute for the service's check). The admin's model pages gate through ``has_*_permission``
and the scoping mixins of ``hoinghi.admin_mixins``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from hoinghi.roles import can_propose, is_administrator, is_office, manages_council

View = Callable[..., HttpResponseBase]


def gate(allowed: Callable[..., bool]) -> Callable[[View], View]:
    """A view decorator: anonymous users go to the login page, users ``allowed`` refuses get 403.

    It decorates a view function ``(request, ...)`` or a ModelAdmin view method ``(self, request, ...)``.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> HttpResponseBase:
            request = args[0] if isinstance(args[0], HttpRequest) else args[1]
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(*args, **kwargs)

        return wrapper

    return decorator


office_required = gate(is_office)
proposer_required = gate(can_propose)
council_manager_required = gate(manages_council)
administrator_required = gate(is_administrator)
