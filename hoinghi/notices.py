"""The bell's registry: what waits for a user, each kind registered by the app that owns it.

The bell lives in the kit's navigation, but what it counts belongs to the apps above (returned
dossiers and the review queue in ``nominations``, ballots in ``awards``, finished jobs in ``jobs``).
So each app registers its kinds at start-up (``AppConfig.ready``) and the kit never imports them;
``outbox`` (which keeps when each user last opened each kind) reads this registry to draw the bell.

A kind counts what arrived *since* the user last opened its link (``since`` is None when never
opened): opening the link marks the kind read.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

Since = datetime.datetime | None


@dataclass(frozen=True)
class NoticeKind:
    code: str  # stable, in URLs: /notices/<code>/
    label: str  # translated lazily: "Hồ sơ bị trả lại"
    applies: Callable[[User], bool]  # cheap (roles only): whether the user sees this kind at all
    count: Callable[[User, Since], int]  # one query: how many arrived since
    url: Callable[[User], str]  # where the link leads


_KINDS: dict[str, NoticeKind] = {}


def register(kind: NoticeKind) -> None:
    """Register (or replace, on a second ``ready``) a kind of notice."""
    _KINDS[kind.code] = kind


def kind(code: str) -> NoticeKind | None:
    return _KINDS.get(code)


def kinds_for(user: User | AnonymousUser) -> list[NoticeKind]:
    """The kinds this user sees, in registration order."""
    if not user.is_authenticated:
        return []
    return [k for k in _KINDS.values() if k.applies(user)]
