"""Issuing the conference day's documents through the register, and the issued files."""

from django.urls import path

from conference.views import issuing

urlpatterns = [
    path("documents/<slug:code>/issue/", issuing.issue_document, name="conference_document_issue"),
    path("documents/<slug:code>/<str:key>/issue/", issuing.issue_document, name="conference_document_issue_for"),
    path("documents/issued/<int:pk>.pdf", issuing.issued_pdf, name="conference_issued_pdf"),
]
