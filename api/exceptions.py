"""Every refusal in Vietnamese (the active language), as ``{"detail": …, "code": …}``.

Django REST framework's own messages are only partly translated into Vietnamese, so the
refusals it raises get the project's wording here; messages the API raises itself (a refused
token, a bad cursor or filter) are already the project's and are kept.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _message(exc) -> str:
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("This address needs an API token: send “Authorization: Bearer <token>”.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("The API only reads: use GET, HEAD or OPTIONS.")
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return ngettext(
            "Too many requests. Try again in %(seconds)d second.",
            "Too many requests. Try again in %(seconds)d seconds.",
            wait,
        ) % {"seconds": wait}
    if isinstance(exc, exceptions.PermissionDenied):
        return _("The user this API token acts as may not read this.")
    if isinstance(exc, exceptions.NotFound):
        return _("Not found, or not visible to this API token.")
    return str(exc.detail)


class OwnMessage(exceptions.APIException):
    """Raised by the API itself: the message is already the project's."""


class InvalidParameter(OwnMessage):
    status_code = 400
    default_code = "invalid"


class InvalidCursor(OwnMessage):
    status_code = 404
    default_code = "invalid_cursor"


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, OwnMessage | exceptions.AuthenticationFailed):
        detail, code = str(exc.detail), exc.default_code
    else:
        if not isinstance(exc, exceptions.APIException):  # Django's Http404 or PermissionDenied
            exc = exceptions.NotFound() if response.status_code == 404 else exceptions.PermissionDenied()
        detail, code = _message(exc), exc.default_code
    response.data = {"detail": detail, "code": code}
    return response
