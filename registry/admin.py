"""The register in the admin: read-only (issued documents are never edited or deleted here)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from hoinghi.admin_mixins import LargeTableMixin, ReadOnlyAdminMixin
from registry.models import IssuedFile, OutgoingDocument, SeriesCounter


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(ReadOnlyAdminMixin, LargeTableMixin, SimpleHistoryAdmin):
    list_display = ("number", "date", "kind", "summary", "signer_name", "status")
    list_filter = ("status", "kind", "year", "issuer_code")
    list_select_related = ("corrects",)
    search_fields = ("summary", "signer_name", "source")
    date_hierarchy = "date"

    @admin.display(description=_("Number"), ordering="number")
    def number(self, obj: OutgoingDocument) -> str:
        return obj.number_label


@admin.register(IssuedFile)
class IssuedFileAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("filename", "document", "size", "sha256", "created_at")
    list_select_related = ("document",)
    exclude = ("content",)
    search_fields = ("filename", "sha256")


@admin.register(SeriesCounter)
class SeriesCounterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("issuer_code", "series", "year", "last_number")
    list_filter = ("year", "issuer_code")
