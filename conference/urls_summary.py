"""The summary report of the movements and the progress report."""

from django.urls import path

from conference.views import summary as views

urlpatterns = [
    path("summary/", views.summary_page, name="conference_summary"),
    path("summary/generate/", views.summary_generate, name="conference_summary_generate"),
    path("summary/sections/<int:pk>/", views.summary_section, name="conference_summary_section"),
    path("summary.pdf", views.summary_pdf, name="conference_summary_pdf"),
    path("launch-plans/<int:movement_id>.pdf", views.launch_plan_pdf, name="conference_launch_plan_pdf"),
    path("progress.pdf", views.progress_pdf, name="conference_progress_pdf"),
    path("summary.docx", views.summary_docx, name="conference_summary_docx"),
    path("launch-plans/<int:movement_id>.docx", views.launch_plan_docx, name="conference_launch_plan_docx"),
    path("progress.docx", views.progress_docx, name="conference_progress_docx"),
]
