"""Form widgets rendered in Python where Django's templates are too slow for long lists.

Django renders every ``<option>`` of a ``<select>`` through its own template include: with the
300 units of a province, the filter bar of the nominations list spent more time rendering
its drop-downs than the page spent in the database (docs/performance.md). ``FastSelect``
writes the same HTML as ``django/forms/widgets/select.html`` directly.
"""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """As ``django/forms/widgets/attrs.html``: False is left out, True is a bare name."""
    parts = (
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped by format_html)  # nosec B308 B703


class FastSelect(forms.Select):
    """A ``Select`` whose options are written in Python, not through one template include each."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                value, label, attributes = option["value"], option["label"], _attrs(option["attrs"])
                parts.append(format_html('\n  <option value="{}"{}>{}</option>\n', value, attributes, label))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part above is escaped by format_html)  # nosec B308 B703
