"""The Office's delegate pages: list, add, edit, remove, awardees, Excel in and out."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.exports import LIST_IDENTIFIER, TEMPLATE_IDENTIFIER, build_template, export_delegates
from conference.forms import DelegateFilter, DelegateForm, DelegateImportForm
from conference.imports import import_delegates
from conference.models import Delegate, DelegateGroup
from conference.selectors import delegates_visible_to
from conference.services import delegates as services
from hoinghi.downloads import xlsx_response
from hoinghi.excel import ExcelError, export_filename
from hoinghi.gates import office_required
from hoinghi.history import render_history
from reference.selectors import current_conference

PAGE_SIZE = 50


def _filtered(request, conference):
    base = delegates_visible_to(request.user).filter(conference=conference).select_related("group")
    return DelegateFilter(request.GET or None, queryset=base, conference=conference)


def group_counts(conference) -> list[DelegateGroup]:
    """Each group with ``invited`` and ``confirmed`` counts, in the plan's order (one query)."""
    confirmed = Q(delegates__rsvp__in=("confirmed", "substitute"))
    return list(
        DelegateGroup.objects.filter(conference=conference)
        .annotate(invited=Count("delegates"), confirmed=Count("delegates", filter=confirmed))
        .order_by("order", "id")
    )


def group_totals(groups: list[DelegateGroup]) -> dict:
    """The plan's target (the groups' targets summed: the plan's ~60), invited, confirmed, and how many over."""
    target = sum(g.target for g in groups)
    invited = sum(g.invited for g in groups)
    return {
        "target": target,
        "invited": invited,
        "confirmed": sum(g.confirmed for g in groups),
        "over": max(invited - target, 0) if target else 0,
    }


@office_required
def delegate_list(request):
    conference = current_conference()
    delegate_filter = _filtered(request, conference)
    page = Paginator(delegate_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    groups = group_counts(conference)
    totals = group_totals(groups)
    context = {
        "conference": conference,
        "filter": delegate_filter,
        "page": page,
        "query": query.urlencode(),
        "groups": groups,
        "totals": totals,
    }
    return render(request, "conference/delegates/list.html", context)


def _form_page(request, form, conference, delegate=None):
    return render(
        request, "conference/delegates/form.html", {"form": form, "conference": conference, "delegate": delegate}
    )


@office_required
def delegate_create(request):
    conference = current_conference()
    form = DelegateForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        delegate = services.add_delegate(conference, form.cleaned_data, by=request.user)
        message = _("%(name)s was added with invitation number %(number)s.")
        messages.success(request, message % {"name": delegate.full_name, "number": delegate.invitation_number})
        return redirect("delegate_list")
    return _form_page(request, form, conference)


def _visible_delegate(request, pk, conference):
    return get_object_or_404(delegates_visible_to(request.user).filter(conference=conference), pk=pk)


@office_required
def delegate_edit(request, pk):
    conference = current_conference()
    delegate = _visible_delegate(request, pk, conference)
    form = DelegateForm(request.POST or None, instance=delegate, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_delegate(
                delegate, form.cleaned_data, by=request.user, expected_version=form.cleaned_data.get("version")
            )
        except services.StaleDelegate as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The delegate was saved."))
            return redirect("delegate_list")
    return _form_page(request, form, conference, delegate)


@office_required
def delegate_delete(request, pk):
    conference = current_conference()
    delegate = _visible_delegate(request, pk, conference)
    if request.method == "POST":
        try:
            services.delete_delegate(delegate, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(name)s was removed.") % {"name": delegate.full_name})
        return redirect("delegate_list")
    return render(request, "conference/delegates/delete.html", {"delegate": delegate, "conference": conference})


@login_required
@require_POST
@office_required
def delegate_promote(request):
    conference = current_conference()
    try:
        created, skipped = services.promote_awardees(conference, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        message = _("%(created)s awardees were added as delegates; %(skipped)s were already on the list.")
        messages.success(request, message % {"created": created, "skipped": skipped})
        totals = group_totals(group_counts(conference))
        if created and totals["over"]:
            message = _(
                "The list now has %(invited)s delegates, %(over)s more than the %(target)s planned; check the list "
                "or the groups' targets."
            )
            messages.warning(request, message % totals)
    return redirect("delegate_list")


@office_required
def delegate_template(request):
    conference = current_conference()
    return xlsx_response(build_template(conference), export_filename(conference.slug, TEMPLATE_IDENTIFIER))


@office_required
def delegate_import(request):
    conference = current_conference()
    form = DelegateImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = import_delegates(form.cleaned_data["file"], conference=conference, by=request.user)
        except ExcelError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("%(count)s delegates were imported.") % {"count": created})
            return redirect("delegate_list")
    context = {"conference": conference, "form": form, "errors": errors, "max_rows": settings.IMPORT_MAX_ROWS}
    return render(request, "conference/delegates/import.html", context)


@office_required
def delegate_export(request):
    """The list's current filter and order (same GET parameters) as .xlsx."""
    conference = current_conference()
    content = export_delegates(_filtered(request, conference).qs)
    return xlsx_response(content, export_filename(conference.slug, LIST_IDENTIFIER))


@office_required
def delegate_history(request, pk):
    """The change history of one delegate (the Office only, like the delegate pages)."""
    delegate = _visible_delegate(request, pk, current_conference())
    records = [(Delegate._meta.verbose_name.capitalize(), Delegate.history.filter(id=delegate.pk))]
    return render_history(request, delegate, records, back_url=reverse("delegate_edit", kwargs={"pk": delegate.pk}))
