"""The one audit trail's one writer for an event that changes no tracked field.

Every change of a tracked row is already its django-simple-history row, and a workflow's move is
such a row with the reason "from → to[: note]" (``hoinghi.transitions``). An event that changes
nothing the history keeps (the paper counts of a ballot, whose counters are never tracked) is
recorded the same way: one more history row of the object it concerns, a copy of the row as it
is, with the event as its reason. See docs/architecture.md, "Audit trail".
"""

from django.contrib.auth.models import User
from django.db import models

from hoinghi.models import set_history_user


def record_event(obj: models.Model, reason: str, *, by: User) -> None:
    """Write a history row ("~") of ``obj`` as it is now: who ``by``, now, why ``reason``."""
    attribute = obj._meta.simple_history_manager_attribute  # type: ignore[attr-defined]  # set by simple-history
    manager = getattr(type(obj), attribute)
    set_history_user(obj, by)  # bulk_history_create prefers the instance's own user to default_user
    manager.bulk_history_create([obj], update=True, default_change_reason=reason)
