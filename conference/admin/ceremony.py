"""Admin of who presents each award form's certificates on stage (per kind of awardee)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from conference.models import AwardPresenter


@admin.register(AwardPresenter)
class AwardPresenterAdmin(SimpleHistoryAdmin):
    list_display = ("award_form", "kind", "presenter", "conference")
    list_filter = ("conference", "award_form", "kind")
    search_fields = ("presenter",)
    ordering = ("conference", "award_form__order", "kind")
