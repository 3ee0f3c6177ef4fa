"""Panels that a higher app shows at the top of the home page (the dashboard), registered at start-up.

The dashboard belongs to ``nominations`` (floor 3); a higher app (``awards``: "ballots waiting for
your vote") registers a panel in its ``AppConfig.ready`` so that no app imports one above it. A panel
is a function of the request returning HTML (already escaped) or "" when it has nothing to show.
"""

from collections.abc import Callable

from django.http import HttpRequest

Panel = Callable[[HttpRequest], str]
_PANELS: list[Panel] = []


def register_home_panel(panel: Panel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def home_panels(request: HttpRequest) -> list[str]:
    return [html for html in (panel(request) for panel in _PANELS) if html]
