"""The API's writes: issuing and revoking tokens, and the log of token requests.

A token reads ``hn1_`` followed by 43 URL-safe characters (256 random bits). Only its SHA-256
digest is stored, so a copy of the database gives no working token; a random token needs no
slow hash. The plain token exists only in the answer to the administrator who issued it.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiRequestLog, ApiToken
from hoinghi.client_ip import client_ip_address

TOKEN_PREFIX = "hn1_"  # noqa: S105 (the visible marker of a token, not a secret)  # nosec B105
SHOWN_PREFIX = 12  # "hn1_" and the first eight random characters, to recognise a token in lists
LOGGED_PATH = ApiRequestLog._meta.get_field("path").max_length


def digest_of(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def issue(token: ApiToken, *, created_by) -> str:
    """Give ``token`` (unsaved: user, name, expiry) its secret and save it; the plain token, to show once."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token.prefix, token.digest, token.created_by = plain[:SHOWN_PREFIX], digest_of(plain), created_by
    token.full_clean()
    token.save()
    return plain


def issue_token(*, user, name: str, created_by, expires_at=None) -> tuple[ApiToken, str]:
    """A new token acting as ``user``: the row, and the plain token to show once."""
    token = ApiToken(user=user, name=name, expires_at=expires_at)
    return token, issue(token, created_by=created_by)


def revoke_tokens(tokens, *, by) -> int:
    """Revoke every token of ``tokens`` not yet revoked; returns how many were."""
    revoked = 0
    with transaction.atomic():
        for token in tokens.select_for_update().filter(revoked_at__isnull=True):
            token.revoked_at = timezone.now()
            token.revoked_by = by
            token._change_reason = "revoked"
            token.save(update_fields=["revoked_at", "revoked_by"])
            revoked += 1
    return revoked


def find_token(plain: str) -> ApiToken | None:
    """The token whose digest matches, with its user, or None."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    return ApiToken.objects.select_related("user__staff_profile__unit").filter(digest=digest_of(plain)).first()


def record_request(request, status: int, token: ApiToken | None) -> ApiRequestLog:
    """One log row for a request that presented a token (the token when it was recognised)."""
    return ApiRequestLog.objects.create(
        token=token,
        method=request.method[:10],
        path=request.get_full_path()[:LOGGED_PATH],
        status=status,
        address=client_ip_address(request),
    )
