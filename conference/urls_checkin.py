"""Check-in at the door (under /conference/). ``checkin_delegate`` is the QR code's target."""

from django.urls import path

from conference.views import checkin as views

urlpatterns = [
    path("checkin/", views.checkin_page, name="checkin"),
    path("checkin/search/", views.checkin_search, name="checkin_search"),
    path("checkin/counts/", views.checkin_counts, name="checkin_counts"),
    path("checkin/<str:token>/", views.checkin_delegate, name="checkin_delegate"),
    path("checkin/<str:token>/in/", views.checkin_do, name="checkin_do"),
    path("checkin/<str:token>/undo/", views.checkin_undo, name="checkin_undo"),
]
