"""PDF documents and certificates (awards/views/documents.py), under /awards/documents/."""

from django.urls import path

from awards.views import documents

urlpatterns = [
    path("decisions/<int:pk>/quyet-dinh.pdf", documents.decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/to-trinh.pdf", documents.proposal_pdf, name="proposal_pdf"),
    path("decisions/<int:pk>/quyet-dinh.docx", documents.decision_docx, name="decision_docx"),
    path("decisions/<int:pk>/to-trinh.docx", documents.proposal_docx, name="proposal_docx"),
    path("decisions/<int:pk>/certificates.pdf", documents.decision_certificates_pdf, name="decision_certificates_pdf"),
    path("decisions/<int:pk>/certificates/job/", documents.decision_certificates_job, name="decision_certificates_job"),
    path("entries/<int:pk>/certificate.pdf", documents.certificate_pdf, name="certificate_pdf"),
    path("award-forms/<int:pk>/calibration.pdf", documents.calibration_pdf, name="certificate_calibration_pdf"),
    path("meetings/<int:pk>/minutes.pdf", documents.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("ballots/<int:pk>/vote-count.pdf", documents.ballot_count_pdf, name="ballot_count_pdf"),
    path("meetings/<int:pk>/minutes.docx", documents.meeting_minutes_docx, name="meeting_minutes_docx"),
    path("ballots/<int:pk>/vote-count.docx", documents.ballot_count_docx, name="ballot_count_docx"),
    path("meetings/<int:pk>/minutes/issue/", documents.meeting_minutes_issue, name="meeting_minutes_issue"),
    path("ballots/<int:pk>/vote-count/issue/", documents.ballot_count_issue, name="ballot_count_issue"),
]
