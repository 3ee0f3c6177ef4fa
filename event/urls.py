"""The conference day, under /event/; each sub-domain keeps its own URL module."""

from django.urls import include, path

from event.views.hub import hub

urlpatterns = [
    path("", hub, name="event_hub"),
    path("", include("event.urls_delegates")),
    path("", include("event.urls_invitations")),
    path("", include("event.urls_checkin")),
    path("", include("event.urls_ceremony")),
    path("", include("event.urls_jobs")),
]
