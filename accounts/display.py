"""How users and permissions read in the interface (docs/i18n.md, "Names and permissions").

Django names a user by the username and a permission by the English sentence stored when the
table was migrated ("Can add ballot"). The Office reads people's full names and Vietnamese:
``install()`` (called from ``AccountsConfig.ready``) makes ``str()`` of both say so everywhere —
the admin's choice lists and read-only fields, "recorded by" columns, the history pages.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from hoinghi.templatetags.hoinghi_tags import person_name

# The four permissions Django creates for every model, by their codename's prefix.
DEFAULT_ACTIONS = {
    "add": gettext_lazy("may add"),
    "change": gettext_lazy("may change"),
    "delete": gettext_lazy("may delete"),
    "view": gettext_lazy("may view"),
}


def permission_label(permission: Permission) -> str:
    """ "Hội đồng và khen thưởng | lượt bỏ phiếu | Được thêm" from the model's own translated names."""
    content_type = permission.content_type
    model = content_type.model_class()
    prefix, _, model_name = permission.codename.partition("_")
    action = DEFAULT_ACTIONS.get(prefix)
    if model is None or action is None or model_name != model._meta.model_name:
        return f"{content_type} | {permission.name}"
    name = model._meta.verbose_name
    original = getattr(model, "instance_type", None)  # a django-simple-history table
    if original is not None:
        name = gettext("history of %(name)s") % {"name": original._meta.verbose_name}
    app = model._meta.app_config.verbose_name
    return f"{capfirst(app)} | {name} | {capfirst(action)}"


def install() -> None:
    get_user_model().__str__ = person_name
    Permission.__str__ = permission_label
