"""What every API view shares: reads only, the request log, OPTIONS answering like GET, filters.

- Any method but GET, HEAD and OPTIONS is refused with 405 before anything else, for every
  caller alike (``tests/permission_matrix_table.py`` pins it per route).
- A request that presents a token gets a log row (``api.models.ApiRequestLog``): token (when
  recognised, even revoked), path, method, answer, time and address.
- OPTIONS on an object answers 404 like GET would, so it never confirms that an object exists
  (what it answers otherwise: ``api.metadata``).
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import SAFE_METHODS, BasePermission

from api import services
from api.authentication import presented_token, token_of
from api.exceptions import InvalidParameter
from api.models import ApiToken
from hoinghi.roles import is_office


class ReadOnly:
    """Mixed into an APIView: unsafe methods refused first, token requests logged."""

    title = ""

    def initial(self, request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if presented_token(request._request) is not None:
            services.record_request(request._request, response.status_code, token_of(request._request))
        return response


class ReadOnlyView(ReadOnly, GenericAPIView):
    pass


class ListView(ListModelMixin, ReadOnlyView):
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class DetailView(RetrieveModelMixin, ReadOnlyView):
    def get(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)

    def options(self, request, *args, **kwargs):
        self.get_object()
        return super().options(request, *args, **kwargs)


class TokenRequired(BasePermission):
    """A valid token (``api.authentication``); without one the answer is 401."""

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiToken)


class OfficeOnly(BasePermission):
    """The Office's pages: office staff, the Director, administrators (``hoinghi.roles.is_office``)."""

    def has_permission(self, request, view) -> bool:
        return is_office(request.user)


def conference_filter(queryset, request, field: str = "conference__slug"):
    """``?conference=<slug>``: one conference's rows (an unknown slug gives an empty list)."""
    slug = request.query_params.get("conference")
    return queryset.filter(**{field: slug}) if slug else queryset


def choice_filter(queryset, request, name: str, field: str, choices) -> object:
    """``?<name>=<value>`` among ``choices``; any other value is refused (400)."""
    value = request.query_params.get(name)
    if not value:
        return queryset
    if value not in choices.values:
        raise InvalidParameter(
            _("“%(name)s” must be one of: %(values)s.") % {"name": name, "values": ", ".join(choices.values)}
        )
    return queryset.filter(**{field: value})


def year_filter(queryset, request, field: str):
    value = request.query_params.get("year")
    if not value:
        return queryset
    if not value.isdigit() or len(value) != 4:
        raise InvalidParameter(_("“year” must be a year of four digits, e.g. 2025."))
    return queryset.filter(**{field: int(value)})
