"""The conference day, under /conference/; each sub-domain keeps its own URL module."""

from django.urls import include, path

from conference.views.hub import hub

urlpatterns = [
    path("", hub, name="conference_hub"),
    path("", include("conference.urls_delegates")),
    path("", include("conference.urls_invitations")),
    path("", include("conference.urls_checkin")),
    path("", include("conference.urls_ceremony")),
    path("", include("conference.urls_jobs")),
    path("", include("conference.urls_rounds")),
    path("", include("conference.urls_summary")),
    path("", include("conference.urls_talks")),
    path("", include("conference.urls_issue")),
]
