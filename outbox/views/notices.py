"""The bell: what waits for this user (``hoinghi.notices``), each kind a link that marks it read.

``notice_bell`` is the fragment the menu loads after the page (htmx, ``hx-trigger="load"``), so the
bell adds no query to any page; ``notice_list`` is the same as a page (the bell's link without
script); ``notice_open`` records that the user opened the kind and goes to its page.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hoinghi import notices
from outbox.models import NoticeSeen


def waiting(user) -> list[dict]:
    """Each kind the user sees, with its count (one query for the marks, one per kind)."""
    seen = dict(NoticeSeen.objects.filter(user=user).values_list("kind", "seen_at"))
    return [{"kind": kind, "count": kind.count(user, seen.get(kind.code))} for kind in notices.kinds_for(user)]


@require_GET
@login_required
def notice_bell(request):
    rows = waiting(request.user)
    total = sum(row["count"] for row in rows)
    return render(request, "outbox/bell.html", {"rows": rows, "total": total})


@require_GET
@login_required
def notice_list(request):
    return render(request, "outbox/notices.html", {"rows": waiting(request.user)})


@require_GET
@login_required
def notice_open(request, code: str):
    kind = notices.kind(code)
    if kind is None or not kind.applies(request.user):
        raise Http404
    NoticeSeen.objects.update_or_create(user=request.user, kind=code, defaults={"seen_at": timezone.now()})
    return redirect(kind.url(request.user))
