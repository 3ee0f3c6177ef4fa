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
        # The home page (nominations' dashboard) lists a council member's ballots waiting for a vote.
        from awards.home import waiting_ballots
        from hoinghi.home import register_home_panel

        register_home_panel(waiting_ballots)
