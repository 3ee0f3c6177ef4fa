from django.db import models
from django.utils.translation import gettext_lazy as _


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class UnitKind(models.TextChoices):
    DIVISION = "division", _("Specialised division")
    AFFILIATED = "affiliated", _("Unit of the Department")
    SUBORDINATE = "subordinate", _("Unit directly under the Department")
    EXTERNAL = "external", _("Outside body")


class MovementScope(models.TextChoices):
    DEPARTMENT = "department", _("Led by the Department")
    PROVINCE = "province", _("Launched by the province")
    NATIONAL = "national", _("Launched by the Prime Minister")


class AwardLevel(models.TextChoices):
    DEPARTMENT = "department", _("Department (Director)")
    PROVINCE = "province", _("Province (Chairman of the Provincial People's Committee)")
