from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from conference.roles import is_office
from conference.selectors import current_conference
from event.services.checkin import arrival_counts, totals


@login_required
def hub(request):
    """The conference day's start page: the facts, the arrivals, and every page and document."""
    if not is_office(request.user):
        raise PermissionDenied
    conference = current_conference()
    counts = arrival_counts(conference)
    return render(request, "event/hub.html", {"conference": conference, "counts": counts, "total": totals(counts)})
