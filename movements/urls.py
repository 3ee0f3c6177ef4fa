from django.urls import path

from movements.views import excel, files, office, registrations, reports
from movements.views import registration_excel as rx

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
    path("registrations/", registrations.registration_list, name="registration_list"),
    path("registrations/start/", registrations.registration_start, name="registration_start"),
    path("registrations/<uuid:public_id>/", registrations.registration_detail, name="registration_detail"),
    path("registrations/<uuid:public_id>/submit/", registrations.registration_submit, name="registration_submit"),
    path("registrations/pledges/<int:pk>/delete/", registrations.pledge_delete, name="registration_pledge_delete"),
    path("registrations/import/", rx.registration_import, name="registration_import"),
    path("registrations/import/template.xlsx", rx.registration_template, name="registration_template"),
    path(
        "registrations/<int:movement_id>/export.xlsx",
        rx.registration_export,
        name="registration_export",
    ),
    path("registrations/plan/<int:movement_id>/", registrations.launch_plan_edit, name="launch_plan_edit"),
]
