"""The register of outgoing documents (registry/views.py), under /registry/."""

from django.urls import path

from registry import views

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("export.xlsx", views.register_export, name="register_export"),
    path("<int:pk>/", views.document_detail, name="register_document"),
    path("<int:pk>/file/", views.document_file, name="register_document_file"),
]
