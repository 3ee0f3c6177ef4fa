"""The client's address as the login lock-out sees it (docs/security.md "Login throttling").

Behind nginx every request comes from the proxy's own address, so django-axes would count every
client as one. A proxy that is trusted appends the address it saw to ``X-Forwarded-For``
(nginx: ``$proxy_add_x_forwarded_for``); with ``TRUSTED_PROXY_COUNT`` proxies in front, the real
client is the entry that many places from the right. Entries further left were written by the
client itself and are never believed. Without a trusted proxy the header is ignored entirely.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address the trusted proxies recorded when the deployment declares them."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    entries = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < proxies:
        return remote
    return _valid_address(entries[-proxies]) or remote
