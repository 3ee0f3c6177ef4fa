"""The Office's delegate pages, under /conference/."""

from django.urls import path

from conference.views import delegates as views

urlpatterns = [
    path("delegates/", views.delegate_list, name="delegate_list"),
    path("delegates/new/", views.delegate_create, name="delegate_create"),
    path("delegates/<int:pk>/edit/", views.delegate_edit, name="delegate_edit"),
    path("delegates/<int:pk>/history/", views.delegate_history, name="delegate_history"),
    path("delegates/<int:pk>/delete/", views.delegate_delete, name="delegate_delete"),
    path("delegates/awardees/", views.delegate_promote, name="delegate_promote"),
    path("delegates/import/", views.delegate_import, name="delegate_import"),
    path("delegates/import/template.xlsx", views.delegate_template, name="delegate_template"),
    path("delegates/export.xlsx", views.delegate_export, name="delegate_export"),
]
