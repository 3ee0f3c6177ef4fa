from collections.abc import Callable

from django.apps import AppConfig
from django.db.models import Field


class HoinghiConfig(AppConfig):
    """The shared kit: settings, text helpers, Excel and PDF, base templates."""

    name = "hoinghi"
    verbose_name = "hoinghi"

    def ready(self) -> None:
        from hoinghi.history_admin import refuse_history_reverts

        refuse_history_reverts()
        name_link_tables()


def name_link_tables() -> None:
    """The tables Django makes for many-to-many fields read "đề nghị khen thưởng – phong trào thi đua"
    (and a row "<nomination> – <movement>") instead of "Nomination-movement relationship" and
    "Nomination_movements object (7)": the admin lists them before a delete (docs/i18n.md).
    """
    from django.apps import apps
    from django.utils.text import format_lazy

    for model in apps.get_models(include_auto_created=True):
        if not model._meta.auto_created:
            continue
        left, right = (f for f in model._meta.fields if f.is_relation)
        names = format_lazy("{} – {}", _verbose_name(left), _verbose_name(right))
        model._meta.verbose_name = model._meta.verbose_name_plural = names
        model.__str__ = _link_label(left.name, right.name)  # type: ignore[method-assign]  # the model Django made


def _verbose_name(link: Field) -> object:
    """The verbose name of the model at the other end of ``link`` (a str or a lazy one)."""
    related = link.related_model
    return related._meta.verbose_name if isinstance(related, type) else str(related)


def _link_label(left: str, right: str) -> Callable[[object], str]:
    def __str__(self: object) -> str:
        return f"{getattr(self, left)} – {getattr(self, right)}"

    return __str__
