"""Endpoints for another system with a token: what the token's user sees on the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema

from api import selectors
from api.base import DetailView, ListView, OfficeOnly, TokenRequired, choice_filter, conference_filter
from api.serializers import AttendanceSerializer, AwardSerializer, NominationSerializer
from nominations.enums import NominationStatus

WITH_TOKEN = _("With a token")
CONFERENCE = OpenApiParameter("conference", str, description=_("Only this conference (its short code)."))


class WithToken:
    permission_classes = [TokenRequired]


class OfficeToken:
    permission_classes = [TokenRequired, OfficeOnly]


@extend_schema(
    tags=[WITH_TOKEN],
    summary=_("Nominations and their status"),
    description=_(
        "The nominations the token's user sees: a unit's staff their own unit's, the council those put "
        "to it, the Office every one."
    ),
    parameters=[
        CONFERENCE,
        OpenApiParameter("status", str, enum=NominationStatus.values, description=_("Only this status.")),
    ],
)
class NominationList(WithToken, ListView):
    title = _("Nominations and their status")
    serializer_class = NominationSerializer
    cursor_ordering = "id"

    def get_queryset(self):
        queryset = conference_filter(selectors.nominations_for(self.request.user), self.request)
        return choice_filter(queryset, self.request, "status", "status", NominationStatus)


@extend_schema(tags=[WITH_TOKEN], summary=_("A nomination"), description=_("One nomination the token's user sees."))
class NominationDetail(WithToken, DetailView):
    title = _("A nomination")
    serializer_class = NominationSerializer
    lookup_field = "public_id"

    def get_queryset(self):
        return selectors.nominations_for(self.request.user)


@extend_schema(
    tags=[WITH_TOKEN],
    summary=_("Awards with their decision numbers"),
    description=_(
        "Every entry of an issued decision or proposal, with its number, the province's decision for a "
        "proposal, the register number and the reward. For the Office's tokens, as the decision pages are."
    ),
    parameters=[CONFERENCE],
)
class AwardList(OfficeToken, ListView):
    title = _("Awards with their decision numbers")
    serializer_class = AwardSerializer
    cursor_ordering = "id"

    def get_queryset(self):
        return conference_filter(selectors.awards_for(self.request.user), self.request, "decision__conference__slug")


@extend_schema(tags=[WITH_TOKEN], summary=_("An award"), description=_("One entry of an issued decision or proposal."))
class AwardDetail(OfficeToken, DetailView):
    title = _("An award")
    serializer_class = AwardSerializer

    def get_queryset(self):
        return selectors.awards_for(self.request.user)


@extend_schema(
    tags=[WITH_TOKEN],
    summary=_("Delegates' attendance"),
    description=_(
        "Each delegate's reply to the invitation and arrival on the day. For the Office's tokens, as the "
        "delegate pages are."
    ),
    parameters=[CONFERENCE],
)
class AttendanceList(OfficeToken, ListView):
    title = _("Delegates' attendance")
    serializer_class = AttendanceSerializer
    cursor_ordering = "id"

    def get_queryset(self):
        return conference_filter(selectors.attendance_for(self.request.user), self.request)


@extend_schema(tags=[WITH_TOKEN], summary=_("A delegate's attendance"), description=_("One delegate's attendance."))
class AttendanceDetail(OfficeToken, DetailView):
    title = _("A delegate's attendance")
    serializer_class = AttendanceSerializer

    def get_queryset(self):
        return selectors.attendance_for(self.request.user)
