"""Vietnamese names for the third-party apps the admin shows (docs/i18n.md, "Third-party text").

django-axes, django-otp and django-tasks-db ship no Vietnamese, and some of their names are plain
strings that no catalog can reach (``verbose_name = "TOTP device"``, a field named ``digits``).
These AppConfig subclasses replace the packages' own in ``INSTALLED_APPS``: each gives the app a
translated name and, in ``ready()``, gives its models and fields lazily translated names. Only
the *displayed* attributes change (``_meta.verbose_name``, ``field.verbose_name`` and
``help_text``); migrations read ``Meta``'s original options and ``field._verbose_name``, and a
lazy string equals its English source while migrations run untranslated, so no migration follows.
The msgids (with the context ``third-party``) are translated in ``locale_thirdparty/``.
"""

from typing import TYPE_CHECKING, Any

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db.models import Field, Model
from django.utils import formats, timezone
from django.utils.translation import pgettext_lazy
from django_tasks_db.apps import TasksAppConfig

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

CONTEXT = "third-party"


def _name(text: str) -> "StrPromise":
    return pgettext_lazy(CONTEXT, text)


def translate_model(model: type[Model], singular: str, plural: str) -> None:
    """The model's displayed names and every field's label and help text, through the catalog."""
    model._meta.verbose_name = _name(singular)
    model._meta.verbose_name_plural = _name(plural)
    for field in model._meta.get_fields():
        if not isinstance(field, Field) or not field.concrete or field.auto_created:
            continue
        field.verbose_name = _name(str(field.verbose_name))
        if field.help_text:
            field.help_text = _name(str(field.help_text))


class AxesConfig(AxesAppConfig):
    """django-axes (login throttling): its models' names are marked for translation, their str() is not."""

    verbose_name = _name("Login throttling")

    def ready(self) -> None:
        super().ready()
        from axes.admin import AccessAttemptAdmin
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttemptAdmin.status.short_description = _name("Status")

        AccessAttempt.__str__ = _attempt_label
        AccessFailureLog.__str__ = _attempt_label
        AccessLog.__str__ = _attempt_label


def _attempt_label(row: Any) -> str:  # an AccessAttempt, AccessFailureLog or AccessLog (axes ships no types)
    """ "donvi-qlkh, 06/12/2026 10:25, 10.0.0.7": who, when, from where (any axes row)."""
    when = formats.date_format(timezone.localtime(row.attempt_time), "d/m/Y H:i") if row.attempt_time else ""
    return ", ".join(part for part in (row.username or "", when, row.ip_address or "") if part)


class OtpConfig(AppConfig):
    name = "django_otp"
    verbose_name = _name("Two-factor login")


class OtpTotpConfig(AppConfig):
    name = "django_otp.plugins.otp_totp"
    verbose_name = _name("Authenticator apps")
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        translate_model(self.get_model("TOTPDevice"), "TOTP device", "TOTP devices")


class OtpStaticConfig(AppConfig):
    name = "django_otp.plugins.otp_static"
    verbose_name = _name("Backup codes")
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        translate_model(self.get_model("StaticDevice"), "static device", "static devices")
        translate_model(self.get_model("StaticToken"), "static token", "static tokens")


class TasksDbConfig(TasksAppConfig):
    """django-tasks-db (background jobs' queue): fields are marked for translation, the app name is not."""

    verbose_name = _name("Background job queue")  # type: ignore[assignment]  # lazy, as AppConfig allows

    def ready(self) -> None:
        super().ready()
        from django.contrib import admin
        from django_tasks_db.admin import DBTaskResultAdmin

        # Two columns named by plain strings in the package's admin: admin.display names the
        # package's own functions again (it sets their short_description and returns them).
        admin.display(description=_name("traceback"))(DBTaskResultAdmin.formatted_traceback)
        admin.display(description=_name("run after"))(DBTaskResultAdmin.display_run_after)
