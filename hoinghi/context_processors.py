from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hoinghi.roles import is_council, is_office, unit_of

# The demo's backend keeps mail in the application (outbox.backends); named, never imported.
STORED_EMAIL_BACKEND = "outbox.backends.StoredEmailBackend"


def roles(request: HttpRequest) -> dict[str, Any]:
    """Role flags for the navigation bar."""
    user = request.user
    return {
        "user_is_office": is_office(user),
        "user_is_council": is_council(user),
        "user_unit": unit_of(user),
        "demo_mailbox": user.is_authenticated and settings.EMAIL_BACKEND == STORED_EMAIL_BACKEND,
    }
