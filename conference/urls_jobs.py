"""Background jobs of the conference day (conference/views/background.py)."""

from django.urls import path

from conference.views import background

urlpatterns = [
    path("invitations/job/", background.invitations_job, name="invitations_job"),
    path("delegates/export/job/", background.delegates_export_job, name="delegates_export_job"),
    path("report/job/", background.report_job, name="conference_report_job"),
]
