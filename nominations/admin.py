"""Admin for nominations and their dossiers, scoped exactly like the web pages.

- Every queryset (lists, change pages, inlines, list filters, autocomplete, history) goes
  through the scoping functions of ``nominations.selectors``: a council member sees only
  accepted nominations, and anything outside the scope is "missing", as on the change page.
- A nomination is read-only here: it is created and edited on the web pages (through
  ``nominations.services``), and its status changes only through ``services.transition``,
  which the "accept for the council" action calls row by row.
- Deleting a nomination goes through ``services.delete_nomination`` (``admin_delete``): one
  that a ballot or a decision points to is kept and marked deleted, never removed.
- Attachments are read-only; files are downloaded through the scoped ``attachment_download``
  view, never from a raw media URL. A nomination's status changes are its history rows that
  record a move (``selectors.moves``), listed read-only on its page.
- Search folds the term the way ``Nominee.search_text`` is folded, so "nguyen thi huong"
  finds "Nguyễn Thị Hường".
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from hoinghi.admin_mixins import (
    FoldedSearchMixin,
    LargeTableMixin,
    ReadOnlyAdminMixin,
    ScopedHistoryMixin,
    ScopedQuerysetMixin,
    ScopedRelatedFilter,
)
from hoinghi.roles import is_office
from hoinghi.templatetags.hoinghi_tags import person_name
from nominations import services
from nominations.admin_delete import SoftDeleteNominationMixin
from nominations.enums import NominationStatus
from nominations.models import Attachment, CommendationRecord, Nomination, Nominee
from nominations.selectors import (
    attachments_visible_to,
    commendations_visible_to,
    nominations_visible_to,
    nominees_visible_to,
)
from nominations.selectors import moves as nomination_moves
from nominations.selectors import status_changes as nomination_status_changes


def download_link(attachment: Attachment) -> str:
    url = reverse("attachment_download", kwargs={"public_id": attachment.public_id})
    return format_html('<a href="{}">{}</a>', url, attachment.original_name)


FILE_NAME_LABEL = Attachment._meta.get_field("original_name").verbose_name


class AttachmentInline(ReadOnlyAdminMixin, ScopedQuerysetMixin, admin.TabularInline):
    model = Attachment
    scope = staticmethod(attachments_visible_to)
    extra = 0
    fields = ("kind", "download", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=FILE_NAME_LABEL)
    def download(self, obj: Attachment) -> str:
        return download_link(obj)


STATUS_CHANGE_COLUMNS = (_("at"), _("from"), _("to"), _("by"), _("note"))


def status_change_table(nomination: Nomination) -> str:
    """The nomination's moves (who, when, from, to, note), read from its history rows."""
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                formats.date_format(timezone.localtime(change.at), "SHORT_DATETIME_FORMAT"),
                change.from_label,
                change.to_label,
                person_name(change.by),
                change.note,
            )
            for change in nomination_status_changes(nomination_moves(nomination.history.all()))
        ),
    )
    head = format_html_join("", "<th>{}</th>", ((capfirst(label),) for label in STATUS_CHANGE_COLUMNS))
    return format_html('<table data-testid="status-changes"><tr>{}</tr>{}</table>', head, rows)


class RecentYearFilter(admin.SimpleListFilter):
    """The last 15 years as fixed choices: the default filter ran a DISTINCT over every history row."""

    title = _("year")
    parameter_name = "year"
    years = 15

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        return [(str(year), str(year)) for year in range(this_year, this_year - self.years, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(year=int(value)) if value and value.isdigit() else queryset


@admin.register(Nomination)
class NominationAdmin(
    SoftDeleteNominationMixin,
    LargeTableMixin,
    ScopedHistoryMixin,
    FoldedSearchMixin,
    ScopedQuerysetMixin,
    SimpleHistoryAdmin,
):
    scope = staticmethod(nominations_visible_to)
    list_display = ("nominee_name", "nominee_kind", "proposing_unit", "award_form", "status", "submitted_at")
    list_filter = (
        ("conference", ScopedRelatedFilter),
        "status",
        ("award_form", ScopedRelatedFilter),
        ("proposing_unit", ScopedRelatedFilter),
        "nominee__kind",
    )
    list_select_related = ("conference", "nominee", "proposing_unit", "award_form")
    search_fields = ("nominee__search_text__contains",)
    fields = (
        "open_in_app",
        "conference",
        "nominee",
        "proposing_unit",
        "award_form",
        "movements",
        "achievement_summary",
        "status",
        "status_note",
        "submitted_at",
        "created_by",
        "created_at",
        "updated_at",
        "status_changes",
    )
    readonly_fields = fields
    inlines = (AttachmentInline,)
    actions = ("accept_for_council",)

    def has_add_permission(self, request):
        # Created on the web form (services.create_nomination writes the first status change).
        return False

    def has_change_permission(self, request, obj=None):
        # The list may offer the workflow action; a nomination itself is only viewed here.
        return obj is None and super().has_change_permission(request)

    def has_accept_permission(self, request) -> bool:
        return is_office(request.user) and super().has_change_permission(request)

    def revert_disabled(self, request, obj=None):
        return True  # an old version would carry an old status: only transition() sets it

    @admin.display(description=Nominee._meta.get_field("full_name").verbose_name, ordering="nominee__sort_key")
    def nominee_name(self, obj: Nomination) -> str:
        return obj.nominee.full_name

    @admin.display(description=Nominee._meta.get_field("kind").verbose_name, ordering="nominee__kind")
    def nominee_kind(self, obj: Nomination) -> str:
        return obj.nominee.get_kind_display()

    @admin.display(description=_("status changes"))
    def status_changes(self, obj: Nomination) -> str:
        return status_change_table(obj)

    @admin.display(description=_("Nomination page"))
    def open_in_app(self, obj: Nomination) -> str:
        url = reverse("nomination_detail", kwargs={"public_id": obj.public_id})
        return format_html('<a href="{}">{}</a>', url, _("Open in the application"))

    @admin.action(description=_("Accept for the council"), permissions=["accept"])
    def accept_for_council(self, request, queryset):
        accepted = 0
        for nomination in queryset:
            try:
                services.transition(nomination, NominationStatus.ACCEPTED, by=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    self.message_user(request, f"{nomination}: {message}", messages.ERROR)
            except PermissionDenied as exc:
                self.message_user(request, f"{nomination}: {exc}", messages.ERROR)
            else:
                accepted += 1
        if accepted:
            self.message_user(
                request, _("Nominations accepted for the council: %(count)d.") % {"count": accepted}, messages.SUCCESS
            )


class CommendationRecordInline(ScopedQuerysetMixin, admin.TabularInline):
    model = CommendationRecord
    scope = staticmethod(commendations_visible_to)
    extra = 0
    fields = ("year", "title", "decision_number", "decision_date", "issuer")


@admin.register(Nominee)
class NomineeAdmin(LargeTableMixin, ScopedHistoryMixin, FoldedSearchMixin, ScopedQuerysetMixin, SimpleHistoryAdmin):
    scope = staticmethod(nominees_visible_to)
    list_display = ("full_name", "kind", "gender", "birth_year", "position", "unit", "parent_body")
    list_filter = ("kind", "gender")
    list_select_related = ("unit",)
    search_fields = ("search_text__contains",)
    ordering = ("sort_key", "id")
    fields = ("kind", "full_name", "gender", "birth_date", "birth_year", "position", "unit", "parent_body")
    inlines = (CommendationRecordInline,)

    def has_add_permission(self, request):
        # A nominee comes into being with its nomination (services.create_nomination).
        return False


@admin.register(CommendationRecord)
class CommendationRecordAdmin(
    LargeTableMixin, ScopedHistoryMixin, FoldedSearchMixin, ScopedQuerysetMixin, SimpleHistoryAdmin
):
    scope = staticmethod(commendations_visible_to)
    list_display = ("nominee", "year", "title", "decision_number", "decision_date", "issuer")
    list_filter = (RecentYearFilter,)
    list_select_related = ("nominee",)
    search_fields = ("nominee__search_text__contains",)
    autocomplete_fields = ("nominee",)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdminMixin, FoldedSearchMixin, ScopedQuerysetMixin, admin.ModelAdmin):
    scope = staticmethod(attachments_visible_to)
    list_display = ("download", "kind", "nomination", "size", "uploaded_by", "uploaded_at")
    list_filter = ("kind",)
    list_select_related = ("nomination__nominee", "nomination__award_form", "uploaded_by")
    search_fields = ("nomination__nominee__search_text__contains",)
    # Never the FileField itself: its raw media URL would bypass the scoped download view.
    fields = ("nomination", "kind", "download", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=FILE_NAME_LABEL, ordering="original_name")
    def download(self, obj: Attachment) -> str:
        return download_link(obj)


from nominations import admin_eligibility, admin_matches  # noqa: E402, F401  (register their models' admin)
