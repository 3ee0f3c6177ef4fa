from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from nominations import selectors
from reference.selectors import current_conference


@login_required
def dashboard(request):
    conference = current_conference()
    # The maintained counters, not the nominations: a few thousand rows at province scale, however
    # many nominations (docs/nominations.md "The dashboard").
    visible = selectors.counts_visible_to(request.user).filter(conference=conference, n__gt=0)
    by_status = selectors.status_rows(visible)
    context = {
        "conference": conference,
        "by_status": by_status,
        "by_unit": selectors.unit_rows(visible),
        "by_award": selectors.quota_rows(conference, visible),
        "total": sum(row["count"] for row in by_status),
    }
    return render(request, "nominations/dashboard.html", context)
