from django.urls import path

from registry import views_verify

urlpatterns = [
    path("verify/", views_verify.verify, name="document_verify"),
    path("registry/<int:pk>/sign/", views_verify.sign, name="outgoing_document_sign"),
]
