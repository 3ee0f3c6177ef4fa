"""Admin for the reference data the Office edits: organisation, units, conferences, award forms.

Also the one place that names the admin site, and the User admin with its StaffProfile inline
(binding a user to the unit whose nominations they handle).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import User
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from hoinghi.roles import Role
from reference.models import AwardForm, Conference, Movement, Organisation, Quota, StaffProfile, Unit

admin.site.site_header = _("hoinghi administration")
admin.site.site_title = _("hoinghi admin")
admin.site.index_title = _("Data administration")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "abbreviation", "parent_name", "province")
    search_fields = ("name", "short_name", "abbreviation")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "order", "is_active")
    list_display_links = ("code", "name")
    list_editable = ("order", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")


class MovementInline(admin.TabularInline):
    model = Movement
    extra = 0
    fields = ("order", "name", "scope", "launched_by", "start_year", "end_year")


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    fields = ("award_form", "kind", "minimum", "maximum")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award_form")


@admin.register(Conference)
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "year", "slug", "date", "nomination_deadline", "is_current")
    list_filter = ("year", "is_current")
    search_fields = ("name", "slug")
    inlines = (MovementInline, QuotaInline)


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ("name", "conference", "scope", "launched_by", "start_year", "end_year", "order")
    list_filter = ("conference", "scope")
    search_fields = ("name", "launched_by")
    list_select_related = ("conference",)


@admin.register(AwardForm)
class AwardFormAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "level", "issuer", "order")
    list_display_links = ("code", "name")
    list_filter = ("level",)
    search_fields = ("name", "code")


@admin.register(Quota)
class QuotaAdmin(SimpleHistoryAdmin):
    list_display = ("conference", "award_form", "kind", "minimum", "maximum")
    list_display_links = ("conference", "award_form")
    list_filter = ("conference", "award_form", "kind")
    list_select_related = ("conference", "award_form")


@admin.register(StaffProfile)
class StaffProfileAdmin(SimpleHistoryAdmin):
    list_display = ("user", "unit", "position")
    list_filter = ("unit",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name")
    list_select_related = ("user", "unit")
    autocomplete_fields = ("user",)


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    fk_name = "user"
    can_delete = True
    max_num = 1
    extra = 0
    fields = ("unit", "position")


admin.site.unregister(User)


class AdminPasswordForm(AdminPasswordChangeForm):
    """Django's form, with its warning (a plain English string in Django) through the catalog."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's User admin, plus the unit binding and the roles (groups) in the list."""

    change_password_form = AdminPasswordForm
    inlines = (StaffProfileInline,)
    list_display = ("username", "first_name", "last_name", "email", "unit", "roles", "is_staff", "is_active")
    list_select_related = ("staff_profile__unit",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=StaffProfile._meta.get_field("unit").verbose_name)
    def unit(self, obj: User) -> str:
        profile = getattr(obj, "staff_profile", None)
        return profile.unit.name if profile is not None and profile.unit_id else "—"

    @admin.display(description=User._meta.get_field("groups").verbose_name)
    def roles(self, obj: User) -> str:
        labels = dict(Role.choices)
        return ", ".join(sorted(str(labels.get(group.name, group.name)) for group in obj.groups.all())) or "—"
