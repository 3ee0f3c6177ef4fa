from typing import TYPE_CHECKING, Any

from django import template
from django.contrib.auth.models import AbstractUser

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
