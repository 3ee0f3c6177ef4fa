from typing import TYPE_CHECKING, Any

from django import template
from django.contrib.auth.models import AbstractUser
from django.template import Context
from django.utils.html import format_html_join

if TYPE_CHECKING:
    from hoinghi.history import HistoryRow

register = template.Library()


@register.filter
def person_name(user: AbstractUser | None) -> str:
    """A user's name in Vietnamese order (family name first), or the username."""
    if user is None:
        return ""
    full = " ".join(part for part in (user.last_name, user.first_name) if part)
    return full or user.get_username()


@register.simple_tag
def readable_history(obj: Any) -> "list[HistoryRow]":  # any model with simple-history's ``history``
    """Every recorded version of ``obj`` as the history pages show it (newest first)."""
    from hoinghi.history import history_rows

    return history_rows([("", obj.history.all())])


@register.simple_tag(takes_context=True)
def home_panels(context: Context) -> str:
    """The panels higher apps add to the home page (hoinghi/home.py), e.g. the ballots waiting for a vote.

    A panel is a rendered template (safe HTML); anything else would be escaped."""
    from hoinghi.home import home_panels as panels

    request = context.get("request")
    return format_html_join("", "{}", ((html,) for html in panels(request))) if request is not None else ""
