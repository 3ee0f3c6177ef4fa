from django.urls import path

from outbox.views import notices

urlpatterns = [
    path("", notices.notice_list, name="notice_list"),
    path("bell/", notices.notice_bell, name="notice_bell"),
    path("<slug:code>/", notices.notice_open, name="notice_open"),
]
