"""``Authorization: Bearer hn1_…``: the request acts as the token's user, or is refused (401).

A request without the header is anonymous (the public endpoints answer it); a header that names
no valid token is refused everywhere, public endpoints included, so a system notices at once
that its token was revoked. The token found (even a refused one) is kept on the request for the
log (``api.base``).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from api import services

KEYWORD = "bearer"
UNSET = object()


def presented_token(request) -> str | None:
    """The text after "Bearer " in the Authorization header; "" for a malformed header; None without one."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    keyword, _space, value = header.partition(" ")
    return value.strip() if keyword.lower() == KEYWORD else ""


def token_of(django_request):
    """The token the request presented (cached on the request), or None."""
    found = getattr(django_request, "api_token", UNSET)
    if found is UNSET:
        plain = presented_token(django_request)
        found = services.find_token(plain) if plain else None
        django_request.api_token = found
    return found


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        plain = presented_token(request._request)
        if plain is None:
            return None
        if not plain:
            raise AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        token = token_of(request._request)
        if token is None:
            raise AuthenticationFailed(_("This API token is not known."))
        if token.revoked_at is not None:
            raise AuthenticationFailed(_("This API token has been revoked."))
        if token.expires_at is not None and token.expires_at <= timezone.now():
            raise AuthenticationFailed(_("This API token has expired."))
        if not token.user.is_active:
            raise AuthenticationFailed(_("The account this API token acts as is disabled."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
