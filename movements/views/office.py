"""The Office's indicators per movement: list, add, remove."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.gates import office_required
from movements import selectors, services
from movements.forms import IndicatorForm
from movements.models import Indicator
from reference.selectors import current_conference


@office_required
def indicators(request):
    conference = current_conference()
    form = IndicatorForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_indicator(
                data["movement"],
                name=data["name"],
                unit_of_measure=data["unit_of_measure"],
                target=data["target"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, _("The indicator was added."))
            return redirect("movement_indicators")
    context = {"conference": conference, "form": form, "movements": selectors.movements_of(conference)}
    return render(request, "movements/indicators.html", context)


@require_POST
@office_required
def indicator_delete(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk, movement__conference=current_conference())
    try:
        services.delete_indicator(indicator, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The indicator was removed."))
    return redirect("movement_indicators")
