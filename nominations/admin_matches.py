"""Admin for the links between nominees across rounds (``NomineeMatch``, docs/next-round.md).

Read-mostly: the links are made by ``nominations.matching`` (a nomination created or edited, awards
carried over); the only change here is the Office's review of a near match, the two actions that
call ``matching.decide`` row by row — as the *Đối chiếu giữa các đợt* page does. Office only
(``selectors.matches_visible_to``): anyone else sees an empty list.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from hoinghi.admin_mixins import FoldedSearchMixin, ReadOnlyAdminMixin, ScopedQuerysetMixin
from hoinghi.roles import is_office
from nominations import matching
from nominations.models import NomineeMatch
from nominations.selectors import matches_visible_to


@admin.register(NomineeMatch)
class NomineeMatchAdmin(ReadOnlyAdminMixin, FoldedSearchMixin, ScopedQuerysetMixin, admin.ModelAdmin):
    scope = staticmethod(matches_visible_to)
    list_display = ("nominee", "nominee_unit", "earlier", "earlier_unit", "status", "differences", "decided_by")
    list_filter = ("status", "nominee__kind")
    list_select_related = ("nominee__unit", "earlier__unit", "decided_by")
    search_fields = ("nominee__search_text__contains", "earlier__search_text__contains")
    ordering = ("nominee__sort_key", "nominee_id", "earlier_id")
    fields = ("nominee", "earlier", "status", "differences", "decided_by", "decided_at")
    readonly_fields = fields
    actions = ("confirm", "reject")

    def has_decide_permission(self, request) -> bool:
        return is_office(request.user)

    @admin.display(description=_("unit"), ordering="nominee__unit__sort_key")
    def nominee_unit(self, obj: NomineeMatch) -> str:
        return obj.nominee.unit.name if obj.nominee.unit else ""

    @admin.display(description=_("unit of the earlier nominee"), ordering="earlier__unit__sort_key")
    def earlier_unit(self, obj: NomineeMatch) -> str:
        return obj.earlier.unit.name if obj.earlier.unit else ""

    def _decide(self, request, queryset, *, same: bool) -> None:
        done = 0
        for match in queryset:
            try:
                matching.decide(match, same=same, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                for reason in reasons:
                    self.message_user(request, f"{match}: {reason}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("Matches reviewed: %(count)d.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Confirm: the same nominee"), permissions=["decide"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, same=True)

    @admin.action(description=_("Reject: not the same nominee"), permissions=["decide"])
    def reject(self, request, queryset):
        self._decide(request, queryset, same=False)
