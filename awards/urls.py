from django.urls import include, path

urlpatterns = [
    path("", include("awards.urls_office")),
    path("documents/", include("awards.urls_documents")),
]
