from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.gates import office_required, proposer_required
from hoinghi.history import render_history
from hoinghi.paging import AFTER, BEFORE, keyset_page
from hoinghi.roles import is_office, unit_of
from nominations import services
from nominations.categories import infer_category
from nominations.enums import NominationStatus
from nominations.filters import NominationFilter
from nominations.forms import (
    AttachmentForm,
    CommendationFormSet,
    NominationEditForm,
    NominationForm,
    TransitionForm,
    commendation_rows,
    strip_delete,
)
from nominations.models import Nomination, Nominee
from nominations.selectors import (
    REVIEW_STATUSES,
    duplicates_of,
    mark_duplicates,
    nominations_visible_to,
    status_changes,
    transitions_visible_to,
)
from reference.enums import NomineeKind
from reference.selectors import current_conference, viewed_conference

PAGE_SIZE = 25
# The verdict is shown once a dossier is before the council, and stays with its outcome.


def get_visible_nomination(user, public_id):
    """Fetch one nomination through the scoping function: 404 outside the user's scope."""
    return get_object_or_404(nominations_visible_to(user), public_id=public_id)


def _filtered_list(request, conference, queryset=None):
    base = nominations_visible_to(request.user, queryset).filter(conference=conference)
    return NominationFilter(request.GET or None, queryset=base, conference=conference, unit=unit_of(request.user))


def _page_with_duplicates(queryset, request):
    """One keyset page (bounded count, cursor links: hoinghi.paging) with its duplicates marked."""
    page = keyset_page(queryset, request.GET, per_page=PAGE_SIZE)
    page.object_list = mark_duplicates(page.object_list)
    return page


@login_required
def nomination_list(request):
    conference = viewed_conference(request)
    nomination_filter = _filtered_list(request, conference)
    page = _page_with_duplicates(nomination_filter.qs, request)
    query = request.GET.copy()
    for cursor in (AFTER, BEFORE, "page"):
        query.pop(cursor, None)
    return render(
        request,
        "nominations/list.html",
        {"conference": conference, "filter": nomination_filter, "page": page, "query": query.urlencode()},
    )


@office_required
def review_queue(request):
    conference = current_conference()
    queryset = nominations_visible_to(request.user).filter(conference=conference, status__in=REVIEW_STATUSES)
    page = _page_with_duplicates(queryset.order_by("submitted_at", "id"), request)
    return render(request, "nominations/review_queue.html", {"conference": conference, "page": page})


def _render_form(request, *, form, formset, conference, kind, nomination=None):
    return render(
        request,
        "nominations/form.html",
        {
            "form": form,
            "formset": formset,
            "conference": conference,
            "kind": kind,
            "nomination": nomination,
            "kind_label": NomineeKind(kind).label,
        },
    )


@proposer_required
def nomination_create(request, kind):
    if kind not in NomineeKind.values:
        raise Http404
    conference = current_conference()
    form = NominationForm(request.POST or None, kind=kind, conference=conference, user=request.user)
    formset = CommendationFormSet(request.POST or None, prefix="history")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.to_input()
        data.commendations = strip_delete(commendation_rows(formset))
        nomination = services.create_nomination(conference, data, by=request.user)
        messages.success(request, _("The nomination was saved as a draft. Attach the achievement report, then submit."))
        _warn_duplicates(request, nomination)
        return redirect("nomination_detail", public_id=nomination.public_id)
    return _render_form(request, form=form, formset=formset, conference=conference, kind=kind)


@login_required
def nomination_edit(request, public_id):
    nomination = get_visible_nomination(request.user, public_id)
    services.ensure_can_edit(request.user, nomination)
    kind = nomination.nominee.kind
    initial = NominationEditForm.initial_from(nomination)
    form = NominationEditForm(
        request.POST or None, initial=initial, kind=kind, conference=nomination.conference, user=request.user
    )
    history = [_history_initial(c) for c in nomination.nominee.commendations.all()]
    formset = CommendationFormSet(request.POST or None, initial=history, prefix="history")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.to_input()
        data.commendations = strip_delete(commendation_rows(formset))
        try:
            services.update_nomination(
                nomination, data, by=request.user, expected_version=form.cleaned_data.get("version")
            )
        except services.StaleEdit as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            _warn_duplicates(request, nomination)
            return redirect("nomination_detail", public_id=nomination.public_id)
    return _render_form(
        request, form=form, formset=formset, conference=nomination.conference, kind=kind, nomination=nomination
    )


def _history_initial(record) -> dict:
    """One history row for the form; a category the title implies shows as "from the title"."""
    row = {k: getattr(record, k) for k in ("year", "title", "decision_number", "decision_date", "issuer")}
    row["category"] = "" if record.category == infer_category(record.title) else record.category
    return row


def _warn_duplicates(request, nomination):
    others = list(duplicates_of(nomination))
    if others:
        units = ", ".join(sorted({o.proposing_unit.name for o in others}))
        messages.warning(
            request,
            _("The same nominee is already proposed in this conference by: %(units)s.") % {"units": units},
        )


@login_required
def nomination_detail(request, public_id):
    nomination = get_visible_nomination(request.user, public_id)
    user = request.user
    context = {
        "nomination": nomination,
        "nominee": nomination.nominee,
        "commendations": nomination.nominee.commendations.all(),
        "attachments": nomination.attachments.select_related("uploaded_by"),
        "transitions": status_changes(transitions_visible_to(user, nomination.history.all())),
        "duplicates": duplicates_of(nomination),
        "can_edit": services.can_edit(user, nomination),
        "targets": [NominationStatus(t) for t in services.allowed_targets(user, nomination)],
        "note_required": services.NOTE_REQUIRED,
        "note_field": TransitionForm()["note"],
        "attachment_form": AttachmentForm(),
        "show_change_history": is_office(user) or unit_of(user) is not None,
        "problems": services.submission_problems(nomination)
        if nomination.status in {NominationStatus.DRAFT, NominationStatus.RETURNED}
        else [],
    }
    return render(request, "nominations/detail.html", context)


@login_required
@require_POST
def nomination_transition(request, public_id):
    nomination = get_visible_nomination(request.user, public_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        errors = [_("Unknown action.")] if "to" in form.errors else form.errors["note"]
        for message in errors:
            messages.error(request, message)
        return redirect("nomination_detail", public_id=public_id)
    target = form.cleaned_data["to"]
    try:
        services.transition(nomination, target, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The nomination is now “%(status)s”.") % {"status": NominationStatus(target).label})
    if request.POST.get("next") == "review" and is_office(request.user):
        return redirect("review_queue")
    return redirect("nomination_detail", public_id=public_id)


@login_required
def nomination_history(request, public_id):
    """The dossier's change history: the Office, and the proposing unit's staff (others: 404)."""
    if not (is_office(request.user) or unit_of(request.user) is not None):
        raise Http404
    nomination = get_visible_nomination(request.user, public_id)
    records = [
        (Nomination._meta.verbose_name.capitalize(), Nomination.history.filter(id=nomination.pk)),
        (Nominee._meta.verbose_name.capitalize(), Nominee.history.filter(id=nomination.nominee_id)),
    ]
    back = reverse("nomination_detail", kwargs={"public_id": nomination.public_id})
    return render_history(request, nomination, records, back_url=back)
