"""Model helpers every app's models share (no models of its own: the kit has no tables)."""

from django.db import models

from hoinghi.text import normalize_multiline, normalize_text


class NormalisedTextMixin:
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

    def save(self, *args, **kwargs):
        self.normalise_text_fields()
        super().save(*args, **kwargs)
