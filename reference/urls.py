"""The reference data's one page outside the admin's own: the admin change log (``reference.change_log``)."""

from django.contrib import admin
from django.urls import path

from reference.change_log import change_log_view

urlpatterns = [
    path("admin/change-log/", admin.site.admin_view(change_log_view), name="admin_change_log"),
]
