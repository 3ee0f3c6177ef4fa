from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from hoinghi.views import healthz

urlpatterns = [
    path("", include("nominations.urls")),
    path("movement-reports/", include("movements.urls")),
    path("registry/", include("registry.urls")),
    path("awards/", include("awards.urls")),
    path("conference/", include("conference.urls")),
    path("jobs/", include("jobs.urls")),
    path("api/v1/", include("api.urls")),
    path("outbox/", include("outbox.urls")),
    path("", include("registry.urls_verify")),  # /verify/ (public) and the Office's signing action
    path("notices/", include("outbox.urls_notices")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("reference.urls")),  # the admin change log, before the admin's own "admin/" pages
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
]
