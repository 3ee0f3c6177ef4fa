"""Cursor pages in a stable order: every list is ordered by a unique key, so no row is skipped or
repeated when rows are added between two pages (``?cursor=…`` from ``next``/``previous``)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from api.exceptions import InvalidCursor


class StableCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"
    cursor_query_description = _("The cursor of the page: the value of `next` or `previous` of another page.")
    page_size_query_description = _("Rows per page (at most 200; 50 when not given).")

    def get_ordering(self, request, queryset, view):
        return (getattr(view, "cursor_ordering", self.ordering),)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise InvalidCursor(_("This cursor is not valid: start again from the first page.")) from None
