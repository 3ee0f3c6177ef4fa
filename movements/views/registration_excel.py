"""The registrations by Excel: the Office's export, the template and the all-or-nothing import."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hoinghi.downloads import xlsx_response
from hoinghi.excel import ExcelError, export_filename
from hoinghi.gates import office_required, proposer_required
from movements import registrations
from movements.forms import ImportForm
from movements.registration_excel import build_template, export_registrations, import_registrations
from reference.selectors import current_conference


@require_GET
@office_required
def registration_export(request, movement_id):
    conference = current_conference()
    movement = get_object_or_404(registrations.open_movements(conference), pk=movement_id)
    return xlsx_response(export_registrations(movement), export_filename(conference.slug, "dang-ky-thi-dua"))


@require_GET
@proposer_required
def registration_template(request):
    conference = current_conference()
    content = build_template(conference, user=request.user)
    return xlsx_response(content, export_filename(conference.slug, "mau-dang-ky-thi-dua"))


@proposer_required
def registration_import(request):
    conference = current_conference()
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_registrations(form.cleaned_data["file"], conference=conference, by=request.user)
        except ExcelError as exc:
            errors = exc.errors
        else:
            message = _("%(pledges)s titles were registered in %(registrations)s registrations.")
            messages.success(request, message % {"pledges": result.pledges, "registrations": result.registrations})
            return redirect("registration_list")
    context = {"conference": conference, "form": form, "errors": errors}
    return render(request, "movements/registrations/import.html", context)
