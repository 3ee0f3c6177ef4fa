"""Check-in at the door, made for a phone: search by a few letters or open a delegate's QR link, tap.

Every endpoint runs a constant number of queries (tests/conference/test_checkin.py counts them):
the session, the user, the user's roles, then one query for what is shown (and one for the
counts after a tap), whatever the number of delegates.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import time as time_filter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from conference.models import Delegate
from conference.services import checkin as services
from hoinghi.gates import office_required
from hoinghi.templatetags.hoinghi_tags import person_name
from reference.selectors import current_conference

POLL_SECONDS = 5


def _counts_context(conference) -> dict:
    counts = services.arrival_counts(conference)
    return {"counts": counts, "total": services.totals(counts), "poll_seconds": POLL_SECONDS}


def _delegate(token: str) -> Delegate:
    """The delegate of the current conference with this private token (and the conference), one query."""
    found = (
        services.with_check_in(Delegate.objects.filter(token=token, conference__is_current=True))
        .select_related("conference")
        .first()
    )
    if found is None:
        raise Http404(_("No delegate of the current conference has this check-in link."))
    return found


def already_message(row) -> str:
    return _("Already checked in at %(time)s by %(by)s.") % {
        "time": time_filter(timezone.localtime(row.at), "H:i"),
        "by": person_name(row.by),
    }


@login_required
@require_GET
@office_required
def checkin_page(request):
    """The search page: a big box, the results as big buttons, the live count by group."""
    conference = current_conference()
    query = request.GET.get("q", "")
    context = {
        "conference": conference,
        "query": query,
        "delegates": services.search_delegates(conference, query),
        **_counts_context(conference),
    }
    return render(request, "conference/checkin/page.html", context)


@login_required
@require_GET
@office_required
def checkin_search(request):
    """The results list alone (htmx, as the staff member types)."""
    conference = current_conference()
    query = request.GET.get("q", "")
    context = {"query": query, "delegates": services.search_delegates(conference, query)}
    return render(request, "conference/checkin/_results.html", context)


@login_required
@require_GET
@office_required
def checkin_counts(request):
    """The count by group alone (htmx polling)."""
    return render(request, "conference/checkin/_counts.html", _counts_context(current_conference()))


@login_required
@require_GET
@office_required
def checkin_delegate(request, token):
    """One delegate, opened from the QR code of the invitation, with the one-tap button."""
    delegate = _delegate(token)
    context = {"delegate": delegate, "conference": delegate.conference, **_counts_context(delegate.conference)}
    return render(request, "conference/checkin/delegate.html", context)


def _after_tap(request, delegate, notice: str, *, created: bool, quiet: bool = False):
    """The tapped row (and the counts, out of band) for htmx; else back to the delegate's page.

    ``quiet``: the row itself shows the news (the green "present since" line), no notice needed.
    """
    if request.htmx:
        notice = "" if quiet else notice
        context = {
            "delegate": delegate,
            "notice": notice,
            "created": created,
            "oob": True,
            **_counts_context(delegate.conference_id),
        }
        return render(request, "conference/checkin/_tap.html", context)
    messages.info(request, notice)
    return redirect("checkin_delegate", token=delegate.token)


@login_required
@require_POST
@office_required
def checkin_do(request, token):
    """One tap: check in. A second tap (or a colleague's at the same instant) changes nothing."""
    delegate = _delegate(token)
    row, created = services.check_in(delegate, by=request.user)
    delegate.check_in = row
    if created:
        notice = _("%(name)s checked in at %(time)s.") % {
            "name": delegate.full_name,
            "time": time_filter(timezone.localtime(row.at), "H:i"),
        }
    else:
        notice = already_message(row)
    return _after_tap(request, delegate, notice, created=created, quiet=created)


@login_required
@require_POST
@office_required
def checkin_undo(request, token):
    """One tap: undo a mistaken check-in."""
    delegate = _delegate(token)
    services.undo_check_in(delegate, by=request.user)
    notice = _("Check-in of %(name)s undone.") % {"name": delegate.full_name}
    delegate._state.fields_cache["check_in"] = None  # no check-in now, known without a query
    return _after_tap(request, delegate, notice, created=True)
