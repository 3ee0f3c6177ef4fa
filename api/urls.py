"""/api/v1/: the read API (docs/api.md). A later version gets its own prefix and namespace."""

from django.urls import path

from api.views import docs, public, token

app_name = "api"

urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsPage.as_view(), name="docs"),
    path("conferences/", public.ConferenceList.as_view(), name="conference-list"),
    path("conferences/<slug:slug>/", public.ConferenceDetail.as_view(), name="conference-detail"),
    path("honour-roll/<int:year>/", public.HonourRoll.as_view(), name="honour-roll"),
    path("decisions/", public.DecisionList.as_view(), name="decision-list"),
    path("decisions/<int:pk>/", public.DecisionDetail.as_view(), name="decision-detail"),
    path("decisions/<int:decision_id>/entries/", public.DecisionEntries.as_view(), name="decision-entries"),
    path("nominations/", token.NominationList.as_view(), name="nomination-list"),
    path("nominations/<uuid:public_id>/", token.NominationDetail.as_view(), name="nomination-detail"),
    path("awards/", token.AwardList.as_view(), name="award-list"),
    path("awards/<int:pk>/", token.AwardDetail.as_view(), name="award-detail"),
    path("attendance/", token.AttendanceList.as_view(), name="attendance-list"),
    path("attendance/<int:pk>/", token.AttendanceDetail.as_view(), name="attendance-detail"),
]
