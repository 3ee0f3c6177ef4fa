"""Admin for the agenda: the items of each conference, in order, with their computed times shown on the Office page."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from conference.models import AgendaItem
from conference.services.agenda import check_exemplar, exemplar_label, exemplar_nominations, set_exemplar
from hoinghi.models import set_history_user


class AgendaItemAdminForm(forms.ModelForm):
    """The service's exemplar rules, shown on the field before anything is saved."""

    def clean(self):
        cleaned = super().clean()
        nomination, conference = cleaned.get("nomination"), cleaned.get("conference")
        if nomination is not None and conference is not None:
            try:
                check_exemplar(cleaned.get("kind"), conference.pk, nomination)
            except ValidationError as error:
                self.add_error("nomination", error)
        return cleaned


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    form = AgendaItemAdminForm
    list_display = ["order", "title", "kind", "duration_minutes", "presenter", "conference"]
    list_display_links = ["title"]
    list_editable = ["order", "duration_minutes"]
    list_filter = ["conference", "kind"]
    search_fields = ["title", "presenter"]
    ordering = ["conference", "order", "id"]
    list_select_related = ["conference"]
    autocomplete_fields: list[str] = []
    fieldsets = [
        (None, {"fields": ["conference", "order", "kind", "title", "duration_minutes"]}),
        (_("Presenter"), {"fields": ["presenter", "nomination"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "nomination" and field is not None:
            object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            item = AgendaItem.objects.filter(pk=object_id).select_related("conference").first()
            if item is not None:
                field.queryset = exemplar_nominations(item.conference)
            else:
                field.queryset = field.queryset.alive().filter(status__in=("approved", "awarded"))
            field.label_from_instance = exemplar_label
        return field

    def save_model(self, request, obj, form, change):
        if "nomination" not in form.fields:  # the list's editable columns (order, duration)
            super().save_model(request, obj, form, change)
            return
        set_history_user(obj, request.user)
        set_exemplar(obj, obj.nomination, presenter=obj.presenter)
