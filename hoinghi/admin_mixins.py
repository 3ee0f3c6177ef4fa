"""Mixins every ModelAdmin of the project shares: scoping, history pages, folded search, read-only, large tables.

- ``ScopedQuerysetMixin``: the admin fetches through the model's scoping function (``scope``),
  so it answers exactly like the web pages.
- ``ScopedHistoryMixin``: django-simple-history's pages answer like the change page.
- ``FoldedSearchMixin``: search folds the term like the ``search_text`` columns are folded.
- ``ReadOnlyAdminMixin``: viewable, never added, changed or deleted in the admin.
- ``LargeTableMixin``: one COUNT and 50 rows a page for tables at province scale.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from hoinghi.paging import BoundedCountPaginator
from hoinghi.roles import is_office
from hoinghi.text import fold

if TYPE_CHECKING:  # what each mixin is mixed into (at run time they derive from object)
    from django.contrib.admin.options import BaseModelAdmin, ModelAdmin
    from simple_history.admin import SimpleHistoryAdmin as _HistoryAdminBase

    _AdminBase = BaseModelAdmin
    _ModelAdminBase = ModelAdmin
else:
    _AdminBase = _ModelAdminBase = _HistoryAdminBase = object


class ScopedQuerysetMixin(_AdminBase):
    """Fetch through the model's scoping function (superusers and the Office see everything).

    The changelist applies ``list_select_related`` only to a queryset without any
    select_related, and the selectors already add theirs; so it is applied here.
    """

    scope: Callable[..., QuerySet]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = self.scope(request.user, queryset=super().get_queryset(request))
        related = getattr(self, "list_select_related", ())
        if isinstance(related, list | tuple) and related:
            queryset = queryset.select_related(*related)
        return queryset


class ScopedHistoryMixin(_HistoryAdminBase):
    """The history pages of django-simple-history answer like the change page.

    Out of the box they fall back to the historical rows of an object the user cannot see,
    and the revert page saves an old version without any check; here an object outside the
    user's scope is missing, and reverting is refused where ``revert_disabled`` says so.
    """

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponseBase:
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponseBase:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if request.method == "POST" and self.revert_disabled(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


class FoldedSearchMixin(_ModelAdminBase):
    """Search folded columns (``search_text``) with the folded term.

    The search fields use ``contains`` (``LIKE '%word%'``), not the default ``icontains``: the
    column is already lower-case, and ``UPPER(search_text) LIKE`` would bypass the pg_trgm index.
    """

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        return super().get_search_results(request, queryset, fold(search_term))


class ReadOnlyAdminMixin:
    """Viewable with the view permission; never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LargeTableMixin:
    """Province scale (docs/performance.md): one bounded COUNT per page ("more than 1,000" beyond
    ``LIST_COUNT_LIMIT``, so the page numbers stop there), 50 rows a page."""

    show_full_result_count = False
    list_per_page = 50
    paginator = BoundedCountPaginator


class ScopedRelatedFilter(admin.RelatedOnlyFieldListFilter):
    """A related filter that offers what the user's rows point to — and, for the office, who sees
    every row anyway, the related table's rows without the DISTINCT over the whole table
    (300 units, not a scan of 50,000 nominations: docs/performance.md)."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        if is_office(request.user):
            return field.get_choices(
                include_blank=False, ordering=self.field_admin_ordering(field, request, model_admin)
            )
        return super().field_choices(field, request, model_admin)
