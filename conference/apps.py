from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    """The conference day: delegates, agenda, invitations, check-in, ceremony, report.

    It reads every other app (reference ← nominations ← awards ← conference).
    """

    name = "conference"
    verbose_name = _("Conference day")

    def ready(self):
        from conference import mail  # the invitation e-mail's kind (docs/outbox.md)

        mail.register()
