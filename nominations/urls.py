from django.urls import path

from nominations import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nominations/", views.nomination_list, name="nomination_list"),
    path("nominations/review/", views.review_queue, name="review_queue"),
    path("nominations/call/", views.call_for_nominations, name="call_for_nominations"),
    path("nominations/new/<str:kind>/", views.nomination_create, name="nomination_create"),
    path("nominations/export.xlsx", views.nomination_export, name="nomination_export"),
    path("nominations/export/job/", views.excel.nomination_export_job, name="nomination_export_job"),
    path("nominations/import/", views.nomination_import, name="nomination_import"),
    path("nominations/import/template.xlsx", views.import_template, name="import_template"),
    path("nominations/<uuid:public_id>/", views.nomination_detail, name="nomination_detail"),
    path("nominations/<uuid:public_id>/edit/", views.nomination_edit, name="nomination_edit"),
    path("nominations/<uuid:public_id>/history/", views.nomination_history, name="nomination_history"),
    path("nominations/<uuid:public_id>/transition/", views.nomination_transition, name="nomination_transition"),
    path("nominations/<uuid:public_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<uuid:public_id>/", views.attachment_download, name="attachment_download"),
    path("attachments/<uuid:public_id>/delete/", views.attachment_delete, name="attachment_delete"),
]
