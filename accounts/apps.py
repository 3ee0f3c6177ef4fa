from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and login security")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts import display
        from accounts.middleware import start_activity_clock

        user_logged_in.connect(start_activity_clock, dispatch_uid="accounts.start_activity_clock")
        display.install()
