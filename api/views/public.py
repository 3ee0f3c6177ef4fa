"""Public endpoints: no token needed, nothing personal beyond the public honour roll."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api import selectors
from api.base import DetailView, ListView, ReadOnlyView, choice_filter, conference_filter, year_filter
from api.serializers import (
    ConferenceDetailSerializer,
    ConferenceSerializer,
    HonourRollSerializer,
    PublicDecisionSerializer,
    PublicEntrySerializer,
)
from awards.enums import DocumentType
from reference.models import Conference

PUBLIC = _("Public")
CONFERENCE = OpenApiParameter("conference", str, description=_("Only this conference (its short code)."))
YEAR = OpenApiParameter("year", int, description=_("Only this year's conferences, e.g. 2025."))


class Public:
    permission_classes = [AllowAny]


@extend_schema(
    tags=[PUBLIC],
    summary=_("Conferences"),
    description=_("Every conference: name, year, date, times and venue."),
)
class ConferenceList(Public, ListView):
    title = _("Conferences")
    serializer_class = ConferenceSerializer
    cursor_ordering = "id"

    def get_queryset(self):
        return selectors.conferences()


@extend_schema(
    tags=[PUBLIC],
    summary=_("A conference and its agenda"),
    description=_("The conference with its agenda: each item's order, kind, title, start and end."),
)
class ConferenceDetail(Public, DetailView):
    title = _("A conference and its agenda")
    serializer_class = ConferenceDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.conferences()


@extend_schema(
    tags=[PUBLIC],
    summary=_("Honour roll of a year"),
    description=_(
        "The collectives and individuals honoured in that year's conferences, once decided (an issued "
        "decision, or a proposal the province has decided), in the order they are called on stage: name, "
        "unit, award form, decision number and date. One page: the list is as long as the quotas allow."
    ),
    responses=HonourRollSerializer,
)
class HonourRoll(Public, ReadOnlyView):
    title = _("Honour roll of a year")
    pagination_class = None
    serializer_class = HonourRollSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not Conference.objects.filter(year=kwargs["year"]).exists():
            raise Http404

    def get(self, request, year: int):
        rows = list(selectors.honour_roll(year))
        return Response(HonourRollSerializer({"year": year, "count": len(rows), "results": rows}).data)


@extend_schema(
    tags=[PUBLIC],
    summary=_("Decisions"),
    description=_(
        "Issued decisions (Quyết định) and proposals (Tờ trình) the province has decided, with the number "
        "the certificates carry and the size of the list."
    ),
    parameters=[
        YEAR,
        CONFERENCE,
        OpenApiParameter("document_type", str, enum=DocumentType.values, description=_("decision or proposal")),
    ],
)
class DecisionList(Public, ListView):
    title = _("Decisions")
    serializer_class = PublicDecisionSerializer
    cursor_ordering = "id"

    def get_queryset(self):
        queryset = conference_filter(selectors.public_decisions(), self.request)
        queryset = year_filter(queryset, self.request, "conference__year")
        return choice_filter(queryset, self.request, "document_type", "document_type", DocumentType)


@extend_schema(tags=[PUBLIC], summary=_("A decision"), description=_("One decided decision or proposal."))
class DecisionDetail(Public, DetailView):
    title = _("A decision")
    serializer_class = PublicDecisionSerializer

    def get_queryset(self):
        return selectors.public_decisions()


@extend_schema(
    tags=[PUBLIC],
    summary=_("A decision's list"),
    description=_("The collectives and individuals on a decided decision's list: register number, name, unit."),
    parameters=[OpenApiParameter("decision_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
)
class DecisionEntries(Public, ListView):
    title = _("A decision's list")
    serializer_class = PublicEntrySerializer
    cursor_ordering = "id"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.decision = get_object_or_404(selectors.public_decisions(), pk=kwargs["decision_id"])

    def get_queryset(self):
        return selectors.public_entries(self.decision)
