"""History is read, never written, from the interface.

django-simple-history's admin page for one old version (``…/history/<version>/``) saves the
posted form whenever it is POSTed — hiding the "Revert" button (``revert_disabled``) does not
stop a crafted POST, and it only checks the *view history* permission. Every change in this
project goes through a service (workflow, locking, audit), so a revert would bypass all of
them. ``refuse_history_reverts`` makes that page read-only for every ``SimpleHistoryAdmin``
at once: GET shows the old version without a "Revert" button, any other method is refused (403).
"""

from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from simple_history.admin import SimpleHistoryAdmin


def refuse_history_reverts() -> None:
    """Wrap ``SimpleHistoryAdmin.history_form_view`` once (idempotent)."""
    original = SimpleHistoryAdmin.history_form_view
    if getattr(original, "refuses_reverts", False):
        return

    @wraps(original)
    def history_form_view(
        self: SimpleHistoryAdmin,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return original(self, request, object_id, version_id, extra_context=extra_context)

    history_form_view.refuses_reverts = True  # type: ignore[attr-defined]  # the marker read above
    SimpleHistoryAdmin.history_form_view = history_form_view
    SimpleHistoryAdmin.revert_disabled = lambda self, request, obj=None: True  # no "Revert" button either
