"""Check-in at the door, made for a phone: search by a few letters or open a delegate's QR link, tap.

Every endpoint runs a constant number of queries (tests/conference/test_checkin.py counts them):
the session, the user with the user's roles (accounts.backends), then one query for what is shown
— the current conference is joined in it, never read on its own. A tap adds one statement (the
insert) and recomputes no counts: the page's poll refreshes them every few seconds.

The rows are one template loop (``_rows.html``): the tap and undo addresses are built once per
request with a placeholder (``_with_urls``) and the forms carry the page's one CSRF token.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import time as time_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from conference.models import Delegate
from conference.services import checkin as services
from hoinghi.gates import office_required
from hoinghi.templatetags.hoinghi_tags import person_name
from reference.selectors import current_conference

POLL_SECONDS = 5
PLACEHOLDER = "0token0"  # stands for a delegate's token in the addresses built once per request


def _counts_context(conference=None) -> dict:
    counts = services.arrival_counts(conference)
    return {"counts": counts, "total": services.totals(counts), "poll_seconds": POLL_SECONDS}


def _with_urls(delegates: list[Delegate]) -> list[Delegate]:
    """Give each delegate its tap and undo addresses: two ``reverse`` calls, whatever the number of rows."""
    tap = reverse("checkin_do", args=[PLACEHOLDER])
    undo = reverse("checkin_undo", args=[PLACEHOLDER])
    for delegate in delegates:
        delegate.tap_url = tap.replace(PLACEHOLDER, delegate.token)
        delegate.undo_url = undo.replace(PLACEHOLDER, delegate.token)
    return delegates


def _delegate(token: str) -> Delegate:
    """The delegate of the current conference with this private token, with its group and check-in, one query."""
    found = services.with_check_in(Delegate.objects.filter(token=token, conference__is_current=True)).first()
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
        "delegates": _with_urls(services.search_delegates(conference, query)),
        **_counts_context(conference),
    }
    return render(request, "conference/checkin/page.html", context)


@login_required
@require_GET
@office_required
def checkin_search(request):
    """The results list alone (htmx, as the staff member types); the current conference joined, not read."""
    query = request.GET.get("q", "")
    context = {"query": query, "delegates": _with_urls(services.search_delegates(None, query))}
    return render(request, "conference/checkin/_results.html", context)


@login_required
@require_GET
@office_required
def checkin_counts(request):
    """The count by group alone (htmx polling); the current conference joined, not read."""
    return render(request, "conference/checkin/_counts.html", _counts_context())


@login_required
@require_GET
@office_required
def checkin_delegate(request, token):
    """One delegate, opened from the QR code of the invitation, with the one-tap button."""
    delegate = _delegate(token)
    context = {"delegates": _with_urls([delegate]), "delegate": delegate, **_counts_context(delegate.conference_id)}
    return render(request, "conference/checkin/delegate.html", context)


def _after_tap(request, delegate, notice: str, *, created: bool, quiet: bool = False):
    """The tapped row for htmx (the counts follow with the page's poll); else back to the delegate's page.

    ``quiet``: the row itself shows the news (the green "present since" line), no notice needed.
    """
    if request.htmx:
        context = {"delegates": _with_urls([delegate]), "notice": "" if quiet else notice, "created": created}
        return render(request, "conference/checkin/_rows.html", context)
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
