from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventConfig(AppConfig):
    """The conference day: delegates, agenda, invitations, check-in, ceremony, report.

    It reads every other app (conference ← nominations ← awards ← event).
    """

    name = "event"
    verbose_name = _("Conference day")
