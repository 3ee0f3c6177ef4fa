"""The conference programme (Chương trình): the plan's seven items, their order and their times.

Times are never stored: ``schedule`` computes each item's start and end from the conference's
start time and the durations of the items before it, so moving an item or changing a duration
moves every later time. Exemplar talks take their presenter from an approved or awarded nomination.
"""

import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conference.enums import AgendaKind
from conference.models import AgendaItem
from nominations.enums import NominationStatus
from nominations.models import Nomination

EXEMPLAR_STATUSES = (NominationStatus.APPROVED, NominationStatus.AWARDED)
DEFAULT_START = datetime.time(8, 0)

# The plan's section II.2.d, in its order: (kind, title, minutes).
DEFAULT_ITEMS: tuple[tuple[str, str, int], ...] = (
    (AgendaKind.OPENING, "Tuyên bố lý do, giới thiệu đại biểu và khai mạc Hội nghị", 10),
    (
        AgendaKind.REPORT,
        "Báo cáo Tổng kết phong trào thi đua của UBND tỉnh giao Sở chủ trì và phong trào thi đua chuyên đề "
        "được UBND tỉnh giao triển khai, thực hiện",
        30,
    ),
    (AgendaKind.EXEMPLAR_TALK, "Báo cáo tham luận của các điển hình tiên tiến", 30),
    (AgendaKind.HONOURING, "Biểu dương, tôn vinh và khen thưởng các điển hình tiên tiến", 30),
    (AgendaKind.LAUNCH, "Phát động phong trào thi đua giai đoạn 2025-2030", 15),
    (
        AgendaKind.CONGRESS_DELEGATES,
        "Giới thiệu đại biểu dự Đại hội Thi đua yêu nước tỉnh Hưng Yên lần thứ X năm 2025",
        10,
    ),
    (AgendaKind.CLOSING, "Tổng kết, bế mạc Hội nghị", 10),
)


class Slot(NamedTuple):
    item: AgendaItem
    start: datetime.time
    end: datetime.time


def items_of(conference) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(conference=conference).select_related("nomination__nominee").order_by("order", "id")
    )


def default_agenda(conference, *, by=None) -> list[AgendaItem]:
    """Create the plan's seven items (refused when the conference already has an agenda)."""
    with transaction.atomic():
        if AgendaItem.objects.select_for_update().filter(conference=conference).exists():
            raise ValidationError(_("The conference already has an agenda."), code="exists")
        AgendaItem.objects.bulk_create(
            AgendaItem(conference=conference, order=order, kind=kind, title=title, duration_minutes=minutes)
            for order, (kind, title, minutes) in enumerate(DEFAULT_ITEMS, start=1)
        )
    return items_of(conference)


def renumber(conference) -> list[AgendaItem]:
    """Orders 1, 2, 3… in the current order (gaps and ties settled by id)."""
    items = items_of(conference)
    changed = []
    for order, item in enumerate(items, start=1):
        if item.order != order:
            item.order = order
            changed.append(item)
    if changed:
        AgendaItem.objects.bulk_update(changed, ["order"])
    return items


def move_item(item: AgendaItem, *, up: bool = False, down: bool = False) -> list[AgendaItem]:
    """Swap the item with its neighbour above (``up=True``) or below (``down=True``); at an end, nothing."""
    if up == down:
        raise ValueError("move_item needs exactly one of up=True or down=True")
    with transaction.atomic():
        list(AgendaItem.objects.select_for_update().filter(conference_id=item.conference_id).values_list("pk"))
        items = renumber(item.conference)
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(items):
            a, b = items[index], items[other]
            a.order, b.order = b.order, a.order
            AgendaItem.objects.bulk_update([a, b], ["order"])
            item.order = a.order
    return items_of(item.conference)


def _add(start: datetime.time, minutes: int) -> datetime.time:
    moment = datetime.datetime.combine(datetime.date(2000, 1, 1), start) + datetime.timedelta(minutes=minutes)
    return moment.time()


def schedule(conference, items: list[AgendaItem] | None = None) -> list[Slot]:
    """Each item with its start and end, from the conference's start time (08:00 when unset)."""
    current = conference.start_time or DEFAULT_START
    slots = []
    for item in items if items is not None else items_of(conference):
        end = _add(current, item.duration_minutes)
        slots.append(Slot(item, current, end))
        current = end
    return slots


def exemplar_nominations(conference):
    """The nominations an exemplar talk may be given by: approved by the council or awarded."""
    return (
        Nomination.objects.alive()
        .filter(conference=conference, status__in=EXEMPLAR_STATUSES)
        .select_related("nominee", "nominee__unit")
        .order_by("nominee__sort_key", "id")
    )


def exemplar_label(nomination: Nomination) -> str:
    """ "Nguyễn Thị Hường, Trưởng phòng, Phòng Quản lý khoa học" (what the programme prints)."""
    nominee = nomination.nominee
    parts = [nominee.full_name, nominee.position, nominee.unit.name if nominee.unit else ""]
    return ", ".join(part for part in parts if part)


def check_exemplar(kind: str, conference_id: int, nomination: Nomination) -> None:
    """Only an exemplar talk is given by an exemplar, and only by one the council approved in this conference."""
    if kind != AgendaKind.EXEMPLAR_TALK:
        raise ValidationError(_("Only an exemplar talk is given by an exemplar."), code="kind")
    if nomination.conference_id != conference_id or nomination.status not in EXEMPLAR_STATUSES:
        raise ValidationError(_("Choose an exemplar approved by the council."), code="status")


def set_exemplar(item: AgendaItem, nomination: Nomination | None, *, presenter: str | None = None) -> AgendaItem:
    """Save the item with its exemplar: only an exemplar talk, only an exemplar approved by the council.

    The presenter text follows the nomination, unless ``presenter`` (what the Office typed on the
    edit page) says otherwise. The item's other fields are saved as they are.
    """
    if nomination is not None:
        check_exemplar(item.kind, item.conference_id, nomination)
        item.presenter = (presenter or "").strip() or exemplar_label(nomination)
    item.nomination = nomination
    item.save()
    return item


def add_item(
    conference, *, kind: str, title: str, duration_minutes: int, after: AgendaItem | None = None,
    nomination: Nomination | None = None,
) -> AgendaItem:  # fmt: skip
    """A new item right after ``after`` (at the end without it), given by ``nomination`` when it is an exemplar talk.

    The later items move down by one; the exemplar is checked as ``set_exemplar`` checks it.
    """
    with transaction.atomic():
        list(AgendaItem.objects.select_for_update().filter(conference=conference).values_list("pk"))
        items = renumber(conference)
        position = next((i for i, other in enumerate(items) if after is not None and other.pk == after.pk), None)
        order = len(items) + 1 if position is None else items[position].order + 1
        later = [other for other in items if other.order >= order]
        for other in later:
            other.order += 1
        AgendaItem.objects.bulk_update(later, ["order"])
        item = AgendaItem(conference=conference, order=order, kind=kind, title=title, duration_minutes=duration_minutes)
        return set_exemplar(item, nomination)
