"""Who may see the delegates: the Office only (office staff, the Director, administrators)."""

from django.db.models import QuerySet

from conference.models import Delegate
from hoinghi.roles import is_office


def delegates_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The delegates ``user`` may see and edit: all of them for the Office, none for anyone else."""
    queryset = Delegate.objects.all() if queryset is None else queryset
    return queryset if is_office(user) else queryset.none()
