"""Deleting a nomination in the admin goes through ``services.delete_nomination``.

The admin's own delete would refuse a nomination that a ballot, a decision's list, a delegate
or the agenda points to (``on_delete=PROTECT``) with a list of "protected" objects; here such
a nomination is soft-deleted instead (kept, marked, gone from the lists), and one nothing
points to is really deleted — the same rule as everywhere (docs/data-safety.md).
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from hoinghi.roles import is_office
from nominations import services


class SoftDeleteNominationMixin:
    def has_delete_permission(self, request, obj=None):
        return is_office(request.user) and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # The service decides what goes (``delete_nomination``): protected references make it a soft
        # delete rather than a refusal, and the attachments and status changes it removes with a draft
        # are read-only in this admin, which Django would otherwise count as permissions missing.
        to_delete, model_count, _perms_needed, _protected = super().get_deleted_objects(objs, request)
        return to_delete, model_count, set(), []

    def delete_model(self, request, obj):
        if services.delete_nomination(obj, by=request.user):
            self.message_user(request, soft_delete_message(obj), messages.WARNING)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


def soft_delete_message(obj) -> str:
    return _("“%(nomination)s” has been before the council or on a decision, so it is kept and marked deleted.") % {
        "nomination": obj
    }
