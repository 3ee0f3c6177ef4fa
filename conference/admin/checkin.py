"""Check-ins in the admin: a read-only list (they are made and undone on the check-in page)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from conference.models import CheckIn


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["delegate", "group", "at", "by"]
    list_filter = ["delegate__group"]
    search_fields = ["delegate__search_text"]
    list_select_related = ["delegate__group", "by"]
    ordering = ["-at"]

    @admin.display(description=_("group"), ordering="delegate__group__order")
    def group(self, obj):
        return obj.delegate.group

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
