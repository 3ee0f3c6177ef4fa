"""Create the role groups with their model permissions (DESIGN §3)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["unit_staff", "office_staff", "council_member", "council_secretary", "director", "administrator"]
REFERENCE_MODELS = ["organisation", "unit", "conference", "movement", "awardform", "quota", "staffprofile"]
DOSSIER_MODELS = [
    "nominee",
    "nomination",
    "commendationrecord",
    "attachment",
    "eligibilityrule",
]
ALL = ["view", "add", "change", "delete"]


def _perms(Permission, app_label, models, actions):
    codenames = [f"{action}_{model}" for model in models for action in actions]
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    office = _perms(Permission, "reference", REFERENCE_MODELS, ALL) + _perms(
        Permission, "nominations", DOSSIER_MODELS, ["view", "add", "change"]
    )
    groups["office_staff"].permissions.set(office)
    groups["director"].permissions.set(office)
    groups["administrator"].permissions.set(
        office
        + _perms(Permission, "nominations", DOSSIER_MODELS, ["delete"])
        + _perms(Permission, "auth", ["user", "group"], ALL)
    )
    council = _perms(Permission, "nominations", ["nominee", "nomination", "commendationrecord", "attachment"], ["view"])
    groups["council_member"].permissions.set(council)
    groups["council_secretary"].permissions.set(council)


def drop_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0001_initial"),
        ("reference", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, drop_roles)]
