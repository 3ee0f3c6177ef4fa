from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        # The outbox's kinds of message and the bell's kinds of notice (docs/outbox.md).
        from nominations import mail, notices

        mail.register()
        notices.register()
