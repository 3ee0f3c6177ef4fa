"""Admin for delegate groups and delegates (the Office's pages are the main way in).

The invitation number is shown, never edited. Adding and changing go through
``conference.services.delegates`` like on the web page: a delegate added here gets the next number,
and a group of another conference is refused with the service's message. Search folds the
term the way ``Delegate.search_text`` is folded, so "nguyen thi" finds "Nguyễn Thị …".
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from conference.models import Delegate, DelegateGroup
from conference.selectors import delegates_visible_to
from conference.services import delegates as services
from hoinghi.text import fold


@admin.register(DelegateGroup)
class DelegateGroupAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "conference", "target", "delegate_count", "order")
    list_filter = ("conference",)
    list_select_related = ("conference",)
    search_fields = ("name", "code")
    ordering = ("conference", "order", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(delegate_count=Count("delegates"))

    @admin.display(description=_("delegates"), ordering="delegate_count")
    def delegate_count(self, obj):
        return obj.delegate_count


class DelegateAdminForm(forms.ModelForm):
    """The service's group check, shown on the group field before anything is saved."""

    def clean(self):
        cleaned = super().clean()
        conference, group = cleaned.get("conference"), cleaned.get("group")
        if conference is not None and group is not None:
            try:
                services.check_group(conference, group)
            except ValidationError as error:
                self.add_error("group", error)
        return cleaned


@admin.register(Delegate)
class DelegateAdmin(SimpleHistoryAdmin):
    form = DelegateAdminForm
    list_display = ("invitation_number", "full_name", "position", "organisation", "group", "rsvp", "conference")
    list_display_links = ("invitation_number", "full_name")
    list_filter = ("conference", "group", "rsvp", "introduced_to_congress")
    list_select_related = ("group", "conference")
    search_fields = ("search_text",)
    readonly_fields = ("invitation_number",)
    raw_id_fields = ("nomination",)
    ordering = ("conference", "group__order", "sort_key", "id")

    def get_queryset(self, request):
        return delegates_visible_to(request.user, super().get_queryset(request))

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))

    def save_model(self, request, obj, form, change):
        if change:
            services.update_delegate(obj, form.cleaned_data, by=request.user)
        else:
            services.add_delegate(obj.conference, form.cleaned_data, by=request.user, instance=obj)
