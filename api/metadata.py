"""OPTIONS: the endpoint's Vietnamese title and the methods it answers (nothing about fields or forms)."""

from rest_framework.metadata import BaseMetadata
from rest_framework.permissions import SAFE_METHODS


class ApiMetadata(BaseMetadata):
    """OPTIONS: the endpoint's Vietnamese title and the methods it answers."""

    def determine_metadata(self, request, view) -> dict:
        return {
            "name": str(getattr(view, "title", view.get_view_name())),
            "methods": list(SAFE_METHODS),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
        }
