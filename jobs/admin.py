"""Generated files in the admin: read-only (rows change through jobs.services only)."""

from django.contrib import admin

from jobs.models import GeneratedFile


@admin.register(GeneratedFile)
class GeneratedFileAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "requested_by", "status", "progress_done", "progress_total", "size", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "requested_by__username")
    date_hierarchy = "created_at"
    list_select_related = ("requested_by",)
    exclude = ("file",)  # the file is served only by jobs.views.job_download, to its requester

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields if field.name != "file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
