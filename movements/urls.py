from django.urls import path

from movements.views import excel, files, office, reports

urlpatterns = [
    path("", reports.report_list, name="movement_report_list"),
    path("start/", reports.report_start, name="movement_report_start"),
    path("import/", excel.figures_import, name="movement_report_import"),
    path("import/template.xlsx", excel.import_template, name="movement_report_template"),
    path("indicators/", office.indicators, name="movement_indicators"),
    path("indicators/<int:pk>/delete/", office.indicator_delete, name="movement_indicator_delete"),
    path("<uuid:public_id>/", reports.report_detail, name="movement_report_detail"),
    path("<uuid:public_id>/edit/", reports.report_edit, name="movement_report_edit"),
    path("<uuid:public_id>/transition/", reports.report_transition, name="movement_report_transition"),
    path("<uuid:public_id>/files/", files.attachment_upload, name="movement_report_attachment_upload"),
    path("files/<uuid:public_id>/", files.attachment_download, name="movement_report_attachment_download"),
    path("files/<uuid:public_id>/delete/", files.attachment_delete, name="movement_report_attachment_delete"),
]
