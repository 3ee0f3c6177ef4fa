"""The login backend: Django's ``ModelBackend`` that reads the user's roles in the same query as the user.

Every request of a logged-in user loads the user (``AuthenticationMiddleware``) and then, for the
two-factor check and the navigation, the user's groups. Here the group names come with the user,
aggregated into one JSON array by the database (``JSON_AGG`` on PostgreSQL, ``JSON_GROUP_ARRAY``
on SQLite) in a subquery: one query instead of two, and nothing is kept between requests, so there is nothing
to invalidate. A role an administrator removes (or a group renamed or deleted) stops working on
the user's very next request, whatever way the change was made (the admin, the shell, a migration).
docs/performance.md ("Check-in CPU") explains why the roles are not kept in the session.
"""

import json
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import connections, router

from hoinghi.roles import remember_roles


def _user_sql(connection: Any) -> str:
    """The user's columns and, in the last one, the user's group names as one JSON array (NULL or [] for none)."""
    quote = connection.ops.quote_name
    meta, groups = User._meta, User.groups.through._meta
    user_column = quote(groups.get_field("user").column)
    group_column = quote(groups.get_field("group").column)
    aggregate = "JSON_AGG" if connection.vendor == "postgresql" else "JSON_GROUP_ARRAY"
    columns = ", ".join(f"u.{quote(field.column)}" for field in meta.concrete_fields)
    return (
        f"SELECT {columns}, (SELECT {aggregate}(g.{quote('name')}) FROM {quote(groups.db_table)} ug "  # noqa: S608  # nosec B608  names from the models
        f"JOIN {quote(Group._meta.db_table)} g ON g.{quote('id')} = ug.{group_column} "
        f"WHERE ug.{user_column} = u.{quote(meta.pk.column)}) AS role_names "
        f"FROM {quote(meta.db_table)} u WHERE u.{quote(meta.pk.column)} = %s"
    )


def _names(value: Any) -> frozenset[str]:
    """The aggregate's value: a JSON text (SQLite), a list psycopg already decoded (PostgreSQL), or None."""
    names = json.loads(value) if isinstance(value, str) else value
    return frozenset(name for name in names or () if name is not None)


class RolesModelBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` (every request) also reads the role names, in one query.

    The statement is written out (``_user_sql``) and run as a raw query, which converts the
    columns as the ORM would: the ORM's query compilation cost more CPU than the lookup itself.
    """

    def get_user(self, user_id: Any) -> User | None:
        connection = connections[router.db_for_read(User)]
        try:
            user_pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = next(iter(User._default_manager.raw(_user_sql(connection), [user_pk])), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        remember_roles(user, _names(user.role_names))
        return user
