"""The Office's agenda pages: the programme with its computed times, moving and editing items, the PDF.

Office only (``hoinghi.roles.is_office``): anonymous users go to the login page, others get 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conference.enums import AgendaKind
from conference.models import AgendaItem
from conference.services import agenda as agenda_services
from conference.services import invitations as invitation_services
from conference.services import talks as talk_services
from hoinghi.downloads import docx_response, pdf_response
from hoinghi.gates import office_required
from reference.selectors import current_conference


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "duration_minutes", "presenter", "nomination"]
        widgets = {
            "kind": forms.Select(attrs={"class": "form-select"}),
            "title": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            "duration_minutes": forms.NumberInput(attrs={"class": "form-control", "min": 1, "max": 240}),
            "presenter": forms.TextInput(attrs={"class": "form-control"}),
            "nomination": forms.Select(attrs={"class": "form-select"}),
        }
        help_texts = {
            "nomination": gettext_lazy("Exemplar talks only: an exemplar approved by the council gives it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = agenda_services.exemplar_nominations(self.instance.conference)
        field.label_from_instance = agenda_services.exemplar_label
        self.fields["duration_minutes"].min_value = 1

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 1 <= minutes <= 240:
            raise ValidationError(_("Between 1 and 240 minutes."))
        return minutes

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("nomination") and cleaned.get("kind") != AgendaKind.EXEMPLAR_TALK:
            self.add_error("nomination", _("Only an exemplar talk is given by an exemplar."))
        return cleaned


@require_GET
@office_required
def agenda_list(request):
    conference = current_conference()
    slots = agenda_services.schedule(conference)
    accepted = talk_services.accepted_talks(conference)
    for slot in slots:
        slot.item.accepted_talk = accepted.get(slot.item.pk)
    return render(request, "conference/agenda/list.html", {"conference": conference, "slots": slots})


@require_POST
@office_required
def agenda_default(request):
    try:
        agenda_services.default_agenda(current_conference(), by=request.user)
        messages.success(request, _("The plan's agenda was created."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("agenda_list")


@require_POST
@office_required
def agenda_move(request, pk: int):
    item = get_object_or_404(AgendaItem, pk=pk, conference=current_conference())
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose up or down."))
    else:
        agenda_services.move_item(item, up=direction == "up", down=direction == "down")
    return redirect("agenda_list")


@require_http_methods(["GET", "POST"])
@office_required
def agenda_edit(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("conference"), pk=pk, conference=current_conference())
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.set_exemplar(
                form.save(commit=False),
                form.cleaned_data.get("nomination"),
                presenter=form.cleaned_data.get("presenter", ""),
            )
        except ValidationError as error:
            form.add_error("nomination", error)
        else:
            messages.success(request, _("Agenda item saved."))
            return redirect("agenda_list")
    return render(request, "conference/agenda/edit.html", {"form": form, "item": item})


@require_GET
@office_required
def agenda_pdf(request):
    return pdf_response(invitation_services.agenda_pdf(current_conference(), by=request.user))


@require_GET
@office_required
def agenda_docx(request):
    return docx_response(invitation_services.agenda_docx(current_conference(), by=request.user))
