"""Operational views of the kit: the health check a load balancer or systemd watchdog polls; the CSRF page."""

from urllib.parse import urlsplit, urlunsplit

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the process serves and the database answers, 503 otherwise.

    Anonymous on purpose (a proxy polls it) and it reveals nothing but "ok"/"database".
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"; the log has the detail
        return JsonResponse({"status": "database"}, status=503)
    return JsonResponse({"status": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Settings ``CSRF_FAILURE_VIEW``: a Vietnamese page (on the site's base) with a way back, 403.

    Django's own page is English and technical. ``reason`` goes to the log only (Django logs it
    under ``django.security.csrf``). The way back is the page the form was on when the browser
    says so and it is this site (the Referer), else the address the form was sent to.
    """
    return render(request, "403_csrf.html", {"back_url": _back_url(request)}, status=403)


def _back_url(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if referer and same_site:
        parts = urlsplit(referer)
        return urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return request.get_full_path()
