from typing import Any

from django.http import HttpRequest

from hoinghi.roles import is_council, is_office, unit_of


def roles(request: HttpRequest) -> dict[str, Any]:
    """Role flags for the navigation bar."""
    user = request.user
    return {
        "user_is_office": is_office(user),
        "user_is_council": is_council(user),
        "user_unit": unit_of(user),
    }
