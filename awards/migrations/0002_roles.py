"""Give the role groups their permissions on the council and awards models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ["view", "add", "change", "delete"]
OFFICE_MODELS = [
    "councilmember",
    "councilmeeting",
    "meetingattendance",
    "ballot",
    "ballotitem",
    "tiedecision",
    "legalbasis",
    "signer",
    "basesalary",
    "rewardrule",
    "numberseries",
    "decision",
    "decisionentry",
    "certificatelayout",
    "certificateprint",
    "printeddocument",
    "votereceipt",
]
SECRETARY_MODELS = ["councilmember", "councilmeeting", "meetingattendance", "ballot", "ballotitem", "tiedecision"]


def _perms(Permission, models, actions):
    codenames = [f"{action}_{model}" for model in models for action in actions]
    return list(Permission.objects.filter(content_type__app_label="awards", codename__in=codenames))


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office = _perms(Permission, OFFICE_MODELS, ["view", "add", "change"])
    for name in ("office_staff", "director", "administrator"):
        Group.objects.get(name=name).permissions.add(*office)
    Group.objects.get(name="administrator").permissions.add(*_perms(Permission, OFFICE_MODELS, ["delete"]))
    Group.objects.get(name="council_secretary").permissions.add(
        *_perms(Permission, SECRETARY_MODELS, ["view", "add", "change"])
    )
    Group.objects.get(name="council_member").permissions.add(
        *_perms(Permission, ["councilmeeting", "ballot", "ballotitem"], ["view"])
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.all():
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="awards"))


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("nominations", "0002_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
