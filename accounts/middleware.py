"""Session idle timeout and the two-factor requirement, applied to every page (admin included)."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.policy import requires_two_factor

LAST_ACTIVITY_KEY = "hoinghi_last_activity"
# The stored time is refreshed at most once a minute, so that a busy page does not write
# the session on every request; the idle timeout is therefore exact to within this.
ACTIVITY_RESOLUTION = 60

# Pages a user who still owes the second factor may open: the way in and out, the switcher,
# static files, and the delegates' public pages (RSVP link, honour roll).
TWO_FACTOR_EXEMPT_URL_NAMES = ("two_factor", "login", "logout", "set_language", "admin:logout")
TWO_FACTOR_EXEMPT_PREFIXES = ("/conference/rsvp/", "/conference/honour-roll/")


def _redirect(request, url: str):
    if request.headers.get("HX-Request") == "true":  # HtmxMiddleware runs later
        return HttpResponseClientRedirect(url)
    return redirect(url)


def start_activity_clock(sender, request, user, **kwargs):
    """At login the idle clock starts (so the first page after it writes no session)."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Log out a user after settings.SESSION_IDLE_TIMEOUT seconds without a request.

    SESSION_COOKIE_AGE (8 hours) stays the hard limit; this one catches a PC left logged in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.SESSION_IDLE_TIMEOUT
        if timeout and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > timeout:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)d minutes without activity. Please log in again.")
                    % {"minutes": timeout // 60},
                )
                login_url = redirect_to_login(request.get_full_path())["Location"]
                return _redirect(request, login_url)
            if last is None or now - last >= ACTIVITY_RESOLUTION:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Send a user of a role in settings.TWO_FACTOR_REQUIRED_ROLES to the two-factor page
    until this session is verified (django_otp.middleware.OTPMiddleware sets is_verified)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt_paths = None

    def exempt(self, path: str) -> bool:
        if self._exempt_paths is None:
            self._exempt_paths = frozenset(reverse(name) for name in TWO_FACTOR_EXEMPT_URL_NAMES)
        return (
            path in self._exempt_paths
            or path.startswith(settings.STATIC_URL)
            or path.startswith(TWO_FACTOR_EXEMPT_PREFIXES)
        )

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not self.exempt(request.path_info)
            and requires_two_factor(user)
        ):
            # After a POST the form is gone; continue at the overview instead.
            next_url = request.get_full_path() if request.method == "GET" else resolve_url(settings.LOGIN_REDIRECT_URL)
            return _redirect(request, f"{reverse('two_factor')}?{urlencode({'next': next_url})}")
        return self.get_response(request)
