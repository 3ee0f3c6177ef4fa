"""Give the Office roles their permissions on the conference-day models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["delegategroup", "delegate", "checkin", "agendaitem", "awardpresenter"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in MODELS for action in ("view", "add", "change", "delete")]
    perms = list(Permission.objects.filter(content_type__app_label="conference", codename__in=codenames))
    for name in ("office_staff", "director", "administrator"):
        Group.objects.get(name=name).permissions.add(*perms)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.all():
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="conference"))


class Migration(migrations.Migration):
    dependencies = [("conference", "0001_initial"), ("nominations", "0002_roles")]
    operations = [migrations.RunPython(grant, revoke)]
