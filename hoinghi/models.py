"""Model helpers every app's models share (no models of its own: the kit has no tables)."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from hoinghi.text import normalize_multiline, normalize_text

if TYPE_CHECKING:
    _ModelBase = models.Model  # what the mixin is mixed into
else:
    _ModelBase = object


class NormalisedTextMixin(_ModelBase):
    """NFC-normalise and trim every CharField on save (multi-line text keeps its lines)."""

    def normalise_text_fields(self) -> None:
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if not isinstance(value, str):
                continue
            if isinstance(field, models.TextField):
                setattr(self, field.attname, normalize_multiline(value))
            elif isinstance(field, models.CharField):
                setattr(self, field.attname, normalize_text(value))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalise_text_fields()
        super().save(*args, **kwargs)


# django-simple-history reads two attributes of the instance when a save writes its historical
# row: who (``_history_user``, else the request's user) and why (``_change_reason``). These set
# them, so a service names the user also outside a request (background jobs, commands).


def set_history_user(obj: models.Model, by: User | AnonymousUser | None) -> None:
    """The next save of ``obj`` records ``by`` as who made the change."""
    obj._history_user = by  # type: ignore[attr-defined]  # read by simple-history, not a field


def set_change_reason(obj: models.Model, reason: str | None) -> None:
    """The next saves of ``obj`` record ``reason`` as why; ``None`` removes it again."""
    if reason is not None:
        obj._change_reason = reason  # type: ignore[attr-defined]  # read by simple-history, not a field
    elif hasattr(obj, "_change_reason"):
        del obj._change_reason
