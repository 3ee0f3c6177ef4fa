from django.shortcuts import render

from conference.services.checkin import arrival_counts, totals
from hoinghi.gates import office_required
from reference.selectors import current_conference


@office_required
def hub(request):
    """The conference day's start page: the facts, the arrivals, and every page and document."""
    conference = current_conference()
    counts = arrival_counts(conference)
    return render(request, "conference/hub.html", {"conference": conference, "counts": counts, "total": totals(counts)})
