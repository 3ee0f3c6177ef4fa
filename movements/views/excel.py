"""The figures' Excel template and its all-or-nothing import."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hoinghi.downloads import xlsx_response
from hoinghi.excel import ExcelError, export_filename
from hoinghi.gates import proposer_required
from movements.forms import ImportForm
from movements.imports import build_template, import_figures
from reference.selectors import current_conference


@require_GET
@proposer_required
def import_template(request):
    conference = current_conference()
    content = build_template(conference, user=request.user)
    return xlsx_response(content, export_filename(conference.slug, "mau-so-lieu-phong-trao"))


@proposer_required
def figures_import(request):
    conference = current_conference()
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_figures(form.cleaned_data["file"], conference=conference, by=request.user)
        except ExcelError as exc:
            errors = exc.errors
        else:
            message = _("%(figures)s figures were saved in %(reports)s reports.")
            messages.success(request, message % {"figures": result.figures, "reports": result.reports})
            return redirect("movement_report_list")
    return render(request, "movements/import.html", {"conference": conference, "form": form, "errors": errors})
