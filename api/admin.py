"""API tokens and their request log: the administrator's alone (``hoinghi.roles.is_administrator``).

A token is issued from the add form (user, name, optional expiry) and shown once on the page that
follows; afterwards only its first characters are visible. It is never edited or deleted: the
action "Revoke" ends it, and its log rows stay.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from api import services
from api.models import ApiRequestLog, ApiToken
from hoinghi.admin_mixins import LargeTableMixin, ReadOnlyAdminMixin
from hoinghi.roles import is_administrator


class AdministratorOnly:
    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(AdministratorOnly, SimpleHistoryAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at", "active"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user"]
    fields = ["name", "user", "scope", "expires_at"]
    readonly_fields = ["scope"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return is_administrator(request.user)

    shown = ["prefix", "created_by", "created_at", "revoked_at", "revoked_by"]

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else [*self.fields, *self.shown]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else [*self.fields, *self.shown]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(is_active=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(boolean=True, description=gettext_lazy("active"))
    def active(self, token: ApiToken) -> bool:
        return token.is_active

    def save_model(self, request, obj, form, change):
        obj.plain_token = services.issue(obj, created_by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token": obj,
            "plain": obj.plain_token,
            "title": _("API token issued"),
        }
        return TemplateResponse(request, "admin/api/apitoken/issued.html", context)

    @admin.action(permissions=["revoke"], description=gettext_lazy("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = services.revoke_tokens(queryset, by=request.user)
        message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)


@admin.register(ApiRequestLog)
class ApiRequestLogAdmin(AdministratorOnly, ReadOnlyAdminMixin, LargeTableMixin, admin.ModelAdmin):
    list_display = ["at", "token", "method", "path", "status", "address"]
    list_filter = ["status", "method"]
    search_fields = ["path", "token__name", "token__prefix", "address"]
    list_select_related = ["token"]
    date_hierarchy = "at"
