"""The OpenAPI description of the token (drf-spectacular), and the schema generated for the docs page."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _(
                "A token the administrator issues (Admin → API tokens), sent as “Authorization: Bearer hn1_…”. "
                "It reads what its user sees in the application."
            ),
        }
