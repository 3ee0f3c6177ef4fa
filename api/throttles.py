"""Request limits: per token and per client address (``API_RATES``; the
environment's ``API_RATE_PER_TOKEN`` and ``API_RATE_PER_ADDRESS``).

Rates read ``"120/minute"`` (second, minute, hour, day); over the limit the answer is 429 with
``Retry-After``. Counts live in Django's default cache: a cache per process unless CACHES names
a shared one (docs/api.md, "Limits"). The address is the one the login lock-out uses
(``hoinghi.client_ip``: X-Forwarded-For only from the trusted proxies).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken
from hoinghi.client_ip import client_ip_address


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_rate(self) -> str:
        return settings.API_RATES["per_token"]

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AddressRateThrottle(SimpleRateThrottle):
    scope = "api_address"

    def get_rate(self) -> str:
        return settings.API_RATES["per_address"]

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip_address(request._request) or "unknown"}
