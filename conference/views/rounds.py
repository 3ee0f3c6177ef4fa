"""Rounds across years (docs/next-round.md): start the next round, carry awards over, review the
matches across rounds, the statistics, the published documents; the public honour roll per year.

The Office's pages use ``office_required``; the public pages need no login and show a year's
honour roll and the documents the Department published (404 for anything not published).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards.enums import DecisionStatus
from awards.models import CouncilMember, Decision, DecisionEntry
from awards.selectors import decided_q
from awards.services import publishing
from awards.services.carry import carry_awards, decided_entries
from conference.forms_rounds import NextRoundForm
from conference.services import ceremony, statistics
from conference.services.next_round import running_movements, start_next_round, suggested_name
from hoinghi.downloads import pdf_response
from hoinghi.gates import office_required
from nominations import matching
from nominations.models import EligibilityRule
from reference.models import Conference, Quota
from reference.selectors import VIEWED_ROUND, current_conference, viewed_conference


def _rounds() -> list[Conference]:
    """Every round, newest first, with its count of decided awards and of those carried over (3 queries)."""
    entries = DecisionEntry.objects.filter(decided_q()).values("decision__conference")
    decided = dict(entries.annotate(n=Count("id")).values_list("decision__conference", "n"))
    carried = dict(
        entries.filter(carried__isnull=False).annotate(n=Count("id")).values_list("decision__conference", "n")
    )
    rounds = list(Conference.objects.order_by("-year", "-id"))
    for conference in rounds:
        conference.awards, conference.carried = decided.get(conference.pk, 0), carried.get(conference.pk, 0)
    return rounds


def _preview(current: Conference) -> dict:
    year = current.year + 1
    return {
        "year": year,
        "movements": list(running_movements(current, year)),
        "left_movements": list(current.movements.filter(end_year__lt=year)),
        "council": CouncilMember.objects.filter(conference=current).count(),
        "quotas": Quota.objects.filter(conference=current).count(),
        "rules": EligibilityRule.objects.filter(Q(effective_to__isnull=True) | Q(effective_to__year__gte=year)).count(),
        "awards": decided_entries(current).count(),
    }


@office_required
def next_round(request):
    current = current_conference()
    preview = _preview(current)
    initial = {"year": preview["year"], "name": suggested_name(current)}
    form = NextRoundForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = start_next_round(form.to_input(), by=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "The round of %(year)s is started and current: %(movements)s movements, %(members)s council "
                        "members and %(quotas)s quotas copied; %(awards)s awards of %(previous)s carried into the "
                        "commendation history."
                    )
                    % {
                        "year": result.conference.year,
                        "movements": result.movements,
                        "members": result.council_members,
                        "quotas": result.quotas,
                        "awards": result.awards.carried,
                        "previous": result.previous.year,
                    },
                )
                return redirect("next_round")
        status = 400
    context = {
        "conference": current, "preview": preview, "form": form, "rounds": _rounds(),
        "viewed": viewed_conference(request),
    }  # fmt: skip
    return render(request, "conference/rounds/next_round.html", context, status=status)


@require_POST
@office_required
def round_view(request):
    """The round switcher: read a past round (``round`` = its id) or go back to the current one (empty)."""
    chosen = request.POST.get("round", "")
    if chosen.isdigit() and not Conference.objects.filter(pk=int(chosen), is_current=True).exists():
        conference = get_object_or_404(Conference, pk=int(chosen))
        request.session[VIEWED_ROUND] = conference.pk
        messages.info(request, _("You are reading the round of %(year)s.") % {"year": conference.year})
    else:
        request.session.pop(VIEWED_ROUND, None)
        messages.info(request, _("You are working on the current round."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("next_round")
    return redirect(target)


@require_POST
@office_required
def round_carry_awards(request, pk: int):
    conference = get_object_or_404(Conference, pk=pk)
    result = carry_awards(conference, by=request.user)
    messages.success(
        request,
        _("%(carried)s awards of %(year)s carried over (%(already)s were already); %(matched)s new matches.")
        % {"carried": result.carried, "year": conference.year, "already": result.already, "matched": result.matched},
    )
    return redirect("next_round")


@require_GET
@office_required
def round_matches(request):
    conference = current_conference()
    rows = list(matching.review_list(conference))
    return render(request, "conference/rounds/matches.html", {"conference": conference, "rows": rows})


@require_POST
@office_required
def round_match_decide(request, pk: int):
    conference = current_conference()
    match = get_object_or_404(matching.review_list(conference), pk=pk)
    try:
        matching.decide(match, same=request.POST.get("same") == "1", by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The review was saved."))
    return redirect("round_matches")


@require_GET
@office_required
def round_statistics(request):
    query = request.GET.get("q", "").strip()
    counts = statistics.award_counts()
    context = {
        "counts": counts,
        "totals": statistics.totals_by_year(counts),
        "people": statistics.nominee_histories(query),
        "query": query,
    }
    return render(request, "conference/rounds/statistics.html", context)


@require_POST
@office_required
def decision_publish(request, pk: int):
    decision = get_object_or_404(Decision, pk=pk)
    try:
        publishing.set_published(decision, published=request.POST.get("published") == "1", by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("decision_detail", pk=decision.pk)


def honour_roll_rows(conference) -> list[dict]:
    return [
        {
            "name": e.recipient,
            "unit": (e.nomination.nominee.unit or e.nomination.proposing_unit).name,
            "kind": e.get_kind_display(),
            "award_form": e.decision.award_form.name,
            "decision": ceremony.decision_label(e.decision),
        }
        for e in ceremony.honoured_entries(conference)
    ]


def render_honour_roll(request, conference):
    """A round's honour roll, the documents published with it, and the other years' links."""
    context = {
        "conference": conference,
        "rows": honour_roll_rows(conference),
        "documents": publishing.published_documents(conference),
        "years": Conference.objects.order_by("-year").values_list("year", flat=True).distinct(),
    }
    return render(request, "conference/ceremony/honour_roll.html", context)


@require_GET
def honour_roll_year(request, year: int):
    """Public: one year's honour roll and the documents published with it."""
    conference = Conference.objects.filter(year=year).order_by("-is_current", "-id").first()
    if conference is None:
        raise Http404(_("No round of that year."))
    return render_honour_roll(request, conference)


@require_GET
def published_document_pdf(request, pk: int):
    """Public: a published document's PDF (404 unless issued and published)."""
    decision = get_object_or_404(
        Decision.objects.select_related("conference__organisation", "award_form"),
        pk=pk,
        status=DecisionStatus.ISSUED,
        published=True,
    )
    return pdf_response(publishing.published_pdf(decision))
