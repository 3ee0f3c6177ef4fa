"""Admin for decisions and the rules they cite and pay by, the tie decisions and the printed documents.

- Legal bases, signers, base salaries and reward rules are reference data the Office edits.
- Number series, tie decisions and printed documents are read-only: services write them.
- A decision or proposal is created by ``awards.services.decisions`` (Office pages); a draft's
  summary line may be edited here, an issued one is entirely read-only (its history can be
  viewed, never reverted), and its list is always read-only.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from awards.admin.printing import DOCUMENT_ACTIONS
from awards.enums import DecisionStatus
from awards.models import (
    BaseSalary,
    Decision,
    DecisionEntry,
    LegalBasis,
    PrintedDocument,
    RewardRule,
    Signer,
    TieDecision,
)
from awards.money import format_vnd
from hoinghi.admin_mixins import ReadOnlyAdminMixin


@admin.register(LegalBasis)
class LegalBasisAdmin(SimpleHistoryAdmin):
    list_display = ("text", "for_decisions", "for_proposals", "effective_from", "effective_to", "order")
    list_filter = ("for_decisions", "for_proposals")
    list_editable = ("order",)
    search_fields = ("text",)


@admin.register(Signer)
class SignerAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "position", "authority_prefix", "organisation", "is_active", "order")
    list_filter = ("is_active",)
    list_select_related = ("organisation",)
    search_fields = ("full_name", "position")


@admin.register(BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ("effective_from", "amount_label", "legal_reference")

    @admin.display(description=BaseSalary._meta.get_field("amount").verbose_name, ordering="amount")
    def amount_label(self, obj):
        return format_vnd(obj.amount)


@admin.register(RewardRule)
class RewardRuleAdmin(SimpleHistoryAdmin):
    list_display = ("award_form", "kind", "multiple", "effective_from", "round_to")
    list_filter = ("award_form", "kind")
    list_select_related = ("award_form",)


class DecisionEntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DecisionEntry
    fields = ("register_number", "recipient", "description", "kind", "multiple", "base_salary", "amount")
    readonly_fields = fields
    extra = 0
    ordering = ("register_number", "id")


DECISION_FIELDS = (
    "conference",
    "document_type",
    "award_form",
    "status",
    "number",
    "symbol",
    "date",
    "title",
    "signer_authority",
    "signer_position",
    "signer_name",
    "legal_bases",
    "total_amount",
    "replaces",
    "correction_reason",
    "province_decision_number",
    "province_decision_date",
    "created_by",
    "created_at",
    "issued_by",
    "issued_at",
)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("label", "date", "document_type", "award_form", "status", "total_label", "conference")
    list_filter = ("status", "document_type", "award_form")
    list_select_related = ("award_form", "conference")
    search_fields = ("title", "symbol", "province_decision_number")
    fields = DECISION_FIELDS
    inlines = [DecisionEntryInline]
    actions = DOCUMENT_ACTIONS

    @admin.display(description=Decision._meta.get_field("number").verbose_name, ordering="number")
    def label(self, obj):
        return obj.number_label or "—"

    @admin.display(description=Decision._meta.get_field("total_amount").verbose_name, ordering="total_amount")
    def total_label(self, obj):
        return format_vnd(obj.total_amount)

    def has_add_permission(self, request):
        return False  # drafted from the approved nominations on the Office's page

    def has_delete_permission(self, request, obj=None):
        return False  # never deleted, not even a draft (Decision.delete() refuses too): docs/data-safety.md

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == DecisionStatus.DRAFT:
            return tuple(f for f in DECISION_FIELDS if f != "title")
        return DECISION_FIELDS

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != DecisionStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An old version of a draft would otherwise be saved over the issued decision.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


@admin.register(TieDecision)
class TieDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("ballot", "decided_by", "recorded_by", "recorded_at")
    list_select_related = ("ballot__meeting", "ballot__award_form", "decided_by", "recorded_by")
    fields = ("ballot", "decided_by", "chosen", "reason", "recorded_by", "recorded_at")
    readonly_fields = fields


@admin.register(PrintedDocument)
class PrintedDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("printed_at", "printed_by", "what", "conference")
    list_select_related = ("printed_by", "conference")
    search_fields = ("what",)
