"""The login backend: Django's ``ModelBackend`` that reads the user's roles in the same query as the user.

Every request of a logged-in user loads the user (``AuthenticationMiddleware``) and then, for the
two-factor check and the navigation, the user's groups. Here the group names come with the user,
aggregated into one JSON array by the database (``JSON_AGG`` on PostgreSQL, ``JSON_GROUP_ARRAY``
on SQLite): one query instead of two, and nothing is kept between requests, so there is nothing
to invalidate. A role an administrator removes (or a group renamed or deleted) stops working on
the user's very next request, whatever way the change was made (the admin, the shell, a migration).
docs/performance.md ("Check-in CPU") explains why the roles are not kept in the session.
"""

import json
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.db.models import Aggregate, TextField

from hoinghi.roles import remember_roles


class JSONNames(Aggregate):
    """The values of one column of the joined rows as a JSON array of strings (``[null]`` for none)."""

    function = "JSON_AGG"
    output_field = TextField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def _names(value: Any) -> frozenset[str]:
    """The aggregate's value: a JSON text (SQLite) or a list psycopg already decoded (PostgreSQL)."""
    names = json.loads(value) if isinstance(value, str) else value
    return frozenset(name for name in names or () if name is not None)


class RolesModelBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` (every request) also reads the role names, in one query."""

    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.annotate(role_names=JSONNames("groups__name")).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        remember_roles(user, _names(user.role_names))
        return user
