"""The units' reports: the list (a unit's movements, or every unit's for the Office), one report, its edit and moves.

Every page is for proposers (the Office, unit staff bound to a unit): others get 403; another
unit's report answers 404 (``movements.selectors.reports_visible_to``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoinghi.gates import proposer_required
from hoinghi.roles import is_office, unit_of
from movements import selectors, services
from movements.enums import ReportStatus
from movements.forms import AttachmentForm, ReportForm, StartForm, TransitionForm
from movements.models import MovementReport
from movements.transitions import REVIEW
from reference.models import Unit
from reference.selectors import current_conference, viewed_conference


def get_visible_report(user, public_id) -> MovementReport:
    return get_object_or_404(selectors.reports_visible_to(user), public_id=public_id)


def _unit_rows(conference, unit) -> list[dict]:
    reports = {r.movement_id: r for r in MovementReport.objects.filter(movement__conference=conference, unit=unit)}
    return [{"movement": m, "report": reports.get(m.pk)} for m in selectors.movements_of(conference)]


def _office_rows(conference, status: str) -> list[MovementReport]:
    reports = selectors.reports_visible_to_office(conference)
    if status == "review":
        return [r for r in reports if r.status in REVIEW]
    return [r for r in reports if not status or r.status == status]


@require_GET
@proposer_required
def report_list(request):
    conference = viewed_conference(request)
    deadline = conference.movement_report_deadline
    context = {
        "conference": conference,
        "deadline": deadline,
        "overdue": bool(deadline and timezone.localdate() > deadline),
        "statuses": ReportStatus.choices,
    }
    unit = unit_of(request.user)
    if is_office(request.user):
        status = request.GET.get("status", "")
        context |= {
            "reports": _office_rows(conference, status),
            "status": status,
            "units": Unit.objects.filter(is_active=True),
            "movements": selectors.movements_of(conference),
        }
    else:
        context["rows"] = _unit_rows(conference, unit)
    return render(request, "movements/list.html", context)


@require_POST
@proposer_required
def report_start(request):
    conference = current_conference()
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a movement."))
        return redirect("movement_report_list")
    movement = get_object_or_404(selectors.movements_of(conference), pk=form.cleaned_data["movement"])
    own = unit_of(request.user)
    if own is None or is_office(request.user):
        unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"] or 0, is_active=True)
    else:
        unit = own
    report = services.start_report(movement, unit, by=request.user)
    return redirect("movement_report_edit", public_id=report.public_id)


@require_GET
@proposer_required
def report_detail(request, public_id):
    report = get_visible_report(request.user, public_id)
    history = report.history.select_related("history_user").exclude(history_change_reason=None).order_by("history_date")
    context = {
        "report": report,
        "figures": selectors.figure_rows(report),
        "attachments": report.attachments.all(),
        "history": history,
        "targets": services.allowed_targets(request.user, report),
        "can_edit": services.can_edit(request.user, report),
        "attachment_form": AttachmentForm(),
        "texts": [(report._meta.get_field(name).verbose_name, getattr(report, name)) for name in _TEXTS],
    }
    return render(request, "movements/detail.html", context)


_TEXTS = ("results", "good_practices", "lessons", "shortcomings", "proposals")


@proposer_required
def report_edit(request, public_id):
    report = get_visible_report(request.user, public_id)
    services.ensure_can_edit(request.user, report)
    rows = selectors.figure_rows(report)
    form = ReportForm(
        request.POST or None,
        report=report,
        indicators=[indicator for indicator, _value in rows],
        values={indicator.pk: value for indicator, value in rows},
    )
    if request.method == "POST" and form.is_valid():
        services.update_report(report, form.texts(), form.figures(), by=request.user)
        messages.success(request, _("The report was saved."))
        return redirect("movement_report_detail", public_id=report.public_id)
    return render(request, "movements/form.html", {"report": report, "form": form})


@require_POST
@proposer_required
def report_transition(request, public_id):
    report = get_visible_report(request.user, public_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long."))
        return redirect("movement_report_detail", public_id=public_id)
    try:
        services.transition(report, form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report is now “%(status)s”.") % {"status": report.get_status_display()})
    return redirect("movement_report_detail", public_id=public_id)
