from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Council, votes, decisions and certificates."""

    name = "awards"
    verbose_name = _("Council and awards")
