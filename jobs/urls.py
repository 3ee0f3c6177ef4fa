from django.urls import path

from jobs import views

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("<int:pk>/download/", views.job_download, name="job_download"),
    path("<int:pk>/retry/", views.job_retry, name="job_retry"),
]
