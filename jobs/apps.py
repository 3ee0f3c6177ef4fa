from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Background jobs and generated files")

    def ready(self):
        from jobs import notices  # the bell's "finished jobs" (hoinghi.notices)

        notices.register()
