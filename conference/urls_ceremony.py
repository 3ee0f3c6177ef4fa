"""The ceremony, the report to the Department of Home Affairs, and the public honour roll."""

from django.urls import path

from conference.views import ceremony as views

urlpatterns = [
    path("ceremony/", views.ceremony_page, name="conference_ceremony"),
    path("ceremony/runsheet.pdf", views.runsheet_pdf, name="conference_runsheet_pdf"),
    path("ceremony/name-cards.pdf", views.name_cards_pdf, name="conference_name_cards_pdf"),
    path("ceremony/sign-in.pdf", views.sign_in_pdf, name="conference_sign_in_pdf"),
    path("ceremony/congress.pdf", views.congress_pdf, name="conference_congress_pdf"),
    path("ceremony/congress.xlsx", views.congress_xlsx, name="conference_congress_xlsx"),
    path("report.pdf", views.report_pdf, name="conference_report_pdf"),
    path("report.docx", views.report_docx, name="conference_report_docx"),
    path("report.xlsx", views.report_xlsx, name="conference_report_xlsx"),
    path("honour-roll/", views.honour_roll, name="conference_honour_roll"),
]
