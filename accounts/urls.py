from django.urls import path

from accounts import views

urlpatterns = [
    path("two-factor/", views.two_factor, name="two_factor"),
]
