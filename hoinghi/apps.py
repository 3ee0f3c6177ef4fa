from django.apps import AppConfig


class HoinghiConfig(AppConfig):
    """The shared kit: settings, text helpers, Excel and PDF, base templates."""

    name = "hoinghi"
    verbose_name = "hoinghi"

    def ready(self):
        from hoinghi.history_admin import refuse_history_reverts

        refuse_history_reverts()
