"""Operational views of the kit: the health check a load balancer or systemd watchdog polls."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
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
