from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Read API")

    def ready(self):
        from api import schema  # noqa: F401 (registers the token's OpenAPI security scheme)
