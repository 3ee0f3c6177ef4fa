"""The Office (office staff, the Director, administrators) reads the register in the admin; nobody writes it there."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["outgoingdocument", "issuedfile", "seriescounter"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="registry", codename__in=[f"view_{m}" for m in MODELS])
    for name in ("office_staff", "director", "administrator"):
        Group.objects.get(name=name).permissions.add(*view)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.all():
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="registry"))


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
        ("nominations", "0002_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
