"""Check-in at the door, made for a phone: search by a few letters or open a delegate's QR link, tap.

Every endpoint runs a constant number of queries (tests/conference/test_checkin.py counts them):
the session, the user with the user's roles (accounts.backends), then one query for what is shown
— the current conference is joined in it, never read on its own. A tap adds one statement (the
insert) and recomputes no counts: the page's poll refreshes them every few seconds.

The rows are built in Python (``rows_html``), not by a template loop: at the door every keystroke
renders them, and Django's template engine spent more CPU on a few rows than all the rest of the
request. The tap and undo addresses are built once per request with a placeholder (``_with_urls``)
and every form carries the page's one CSRF token. The delegates are read with one written-out
statement (``services.search_delegates``, ``services.delegate_by_token``): on these hot paths the
ORM's compilation cost more than the query.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.defaultfilters import time as time_filter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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


def _row_html(delegate: Delegate, labels: dict[str, str], csrf_token: str, notice: str, created: bool) -> SafeString:
    """One delegate's card: name, position and organisation, group, arrival, the one button."""
    check_in = getattr(delegate, "check_in", None)
    details = ", ".join(part for part in (delegate.position, delegate.organisation) if part)
    lines = [
        format_html(
            '<div class="fw-bold delegate-name" data-testid="delegate-name">{} {}</div>',
            delegate.honorific,
            delegate.full_name,
        )
    ]
    if details:
        lines.append(format_html('<div class="small text-muted text-truncate">{}</div>', details))
    lines.append(format_html('<div class="small text-muted fst-italic text-truncate">{}</div>', delegate.group.name))
    if check_in is not None:
        present = labels["present"] % {
            "time": time_filter(timezone.localtime(check_in.at), "H:i"),
            "by": person_name(check_in.by),
        }
        lines.append(
            format_html('<div class="small text-success fw-semibold" data-testid="checked-in">✓ {}</div>', present)
        )
    if notice:
        tone = "text-body-secondary" if created else "text-warning-emphasis"
        lines.append(
            format_html('<div class="small fw-semibold {}" role="status" data-testid="notice">{}</div>', tone, notice)
        )
    if check_in is not None:
        url, button, testid, label = delegate.undo_url, "btn-outline-secondary", "undo", labels["undo"]
    else:
        url, button, testid, label = delegate.tap_url, "btn-success", "check-in", labels["check_in"]
    return format_html(
        '<div class="card mb-2 checkin-row{}" id="delegate-{}" data-testid="delegate-row">\n'
        '  <div class="card-body p-2 d-flex align-items-center gap-2">\n'
        '    <div class="flex-grow-1 min-w-0">\n      {}\n    </div>\n'
        '    <form method="post" action="{}" hx-post="{}" hx-target="#delegate-{}" hx-swap="outerHTML">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">\n'
        '      <button type="submit" class="btn {} btn-lg checkin-btn text-nowrap" data-testid="{}">{}</button>\n'
        "    </form>\n  </div>\n</div>",
        " border-success border-2" if check_in is not None else "",
        delegate.pk,
        format_html_join("\n      ", "{}", ((line,) for line in lines)),
        url,
        url,
        delegate.pk,
        csrf_token,
        button,
        testid,
        label,
    )


def rows_html(request, delegates: list[Delegate], *, notice: str = "", created: bool = False) -> SafeString:
    """The delegates' cards (search results, the delegate's page, a tap's answer); ``notice`` only with one row."""
    labels = {"check_in": _("Check in"), "undo": _("Undo"), "present": _("Present since %(time)s (%(by)s)")}
    csrf_token = get_token(request)
    rows = ((_row_html(delegate, labels, csrf_token, notice, created),) for delegate in _with_urls(delegates))
    return format_html_join("\n", "{}", rows)


def _delegate(token: str) -> Delegate:
    """The delegate of the current conference with this private token, with its group and check-in, one query."""
    found = services.delegate_by_token(token)
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
        "rows": rows_html(request, services.search_delegates(conference, query)),
        **_counts_context(conference),
    }
    return render(request, "conference/checkin/page.html", context)


@login_required
@require_GET
@office_required
def checkin_search(request):
    """The results list alone (htmx, as the staff member types); the current conference joined, not read."""
    query = request.GET.get("q", "")
    context = {"query": query, "rows": rows_html(request, services.search_delegates(None, query))}
    return HttpResponse(render_to_string("conference/checkin/_results.html", context))


@login_required
@require_GET
@office_required
def checkin_counts(request):
    """The count by group alone (htmx polling); the current conference joined, not read."""
    return HttpResponse(render_to_string("conference/checkin/_counts.html", _counts_context()))


@login_required
@require_GET
@office_required
def checkin_delegate(request, token):
    """One delegate, opened from the QR code of the invitation, with the one-tap button."""
    delegate = _delegate(token)
    context = {"rows": rows_html(request, [delegate]), "delegate": delegate, **_counts_context(delegate.conference_id)}
    return render(request, "conference/checkin/delegate.html", context)


def _after_tap(request, delegate, notice: str, *, created: bool, quiet: bool = False):
    """The tapped row for htmx (the counts follow with the page's poll); else back to the delegate's page.

    ``quiet``: the row itself shows the news (the green "present since" line), no notice needed.
    """
    if request.htmx:
        return HttpResponse(rows_html(request, [delegate], notice="" if quiet else notice, created=created))
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
