from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Council, votes, decisions and certificates."""

    name = "awards"
    verbose_name = _("Council and awards")

    def ready(self):
        # The outbox's kinds of message and the bell's kind of notice (docs/outbox.md).
        from awards import mail, notices

        mail.register()
        notices.register()
