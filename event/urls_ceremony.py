"""The ceremony, the report to the Department of Home Affairs, and the public honour roll."""

from django.urls import path

from event.views import ceremony as views

urlpatterns = [
    path("ceremony/", views.ceremony_page, name="event_ceremony"),
    path("ceremony/runsheet.pdf", views.runsheet_pdf, name="event_runsheet_pdf"),
    path("ceremony/name-cards.pdf", views.name_cards_pdf, name="event_name_cards_pdf"),
    path("ceremony/sign-in.pdf", views.sign_in_pdf, name="event_sign_in_pdf"),
    path("ceremony/congress.pdf", views.congress_pdf, name="event_congress_pdf"),
    path("ceremony/congress.xlsx", views.congress_xlsx, name="event_congress_xlsx"),
    path("report.pdf", views.report_pdf, name="event_report_pdf"),
    path("report.xlsx", views.report_xlsx, name="event_report_xlsx"),
    path("honour-roll/", views.honour_roll, name="event_honour_roll"),
]
