"""The schema (OpenAPI 3, JSON by default, ``?format=yaml``) and the documentation page built from it.

The page is rendered on the server from the same schema, in Vietnamese, with the application's
own stylesheet: no Swagger UI or Redoc, nothing from a CDN, no inline script, so the site's
Content-Security-Policy holds on it unchanged (docs/api.md, "Documentation page").
"""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from api.base import ReadOnly
from api.docs_page import endpoints


class SchemaView(ReadOnly, SpectacularAPIView):
    title = _("OpenAPI schema")
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]


class DocsPage(TemplateView):
    template_name = "api/docs.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return {**super().get_context_data(**kwargs), "schema": schema, "endpoints": endpoints(schema)}
