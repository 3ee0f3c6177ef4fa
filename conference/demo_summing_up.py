"""The demo of summing up the movements (issue 13), loaded by ``manage.py seed_demo``.

From ``fixtures/demo_summing_up.json``, every write through the services the pages call:

- **Unit reports** on the plan's nine movements: the Office's indicators per movement
  (``movements.services.add_indicator``), then two units' reports per movement — written and
  submitted by the unit's account, accepted by the Office; one left *submitted* for the Office to
  review and one *returned* with a reason for the unit to correct.
- **The 2025–2030 movement** (a tenth movement of the conference), its launch plan
  (``movements.registrations.save_plan``) and three units' registrations with their pledges for the
  unit and for individuals: two sent, one left as a draft.
- **Three exemplars' talks** on three exemplar-talk items of the agenda (the plan's item, split in
  three): one accepted (the agenda links it), one submitted, one returned with a reason.
- **The honour book's photos**: a small portrait drawn with Pillow for every honoured entry
  (``conference.services.book.set_photo``), so the book is ready to print; no image file is committed.

Each part runs once: reports when no report of the conference exists yet, registrations when the
movement has none, talks when the conference has none, photos for the honoured entries without one.
The next round is left ready to start: nothing here touches the conference's year, slug or flag.
"""

import datetime
import io
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from awards.demo import OFFICE_USERNAME, UNIT_USERNAME_PREFIX, DemoError, sample_pdf, sync
from conference.enums import AgendaKind, TalkStatus
from conference.models import AgendaItem, ExemplarTalk, HonourPhoto
from conference.services import agenda, book, talks
from movements import registrations, services
from movements.enums import RegistrationStatus, ReportStatus
from movements.models import Indicator, LaunchPlan, MovementReport, Registration
from reference.models import AwardForm, Conference, Movement, Unit

DATA_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_summing_up.json"
TALK_MINUTES = 10  # the plan's 30 minutes of talks, shared by three exemplars
PHOTO_SIZE = (240, 320)
PALETTE = ((176, 196, 222), (205, 220, 190), (230, 210, 180), (210, 200, 225))


@dataclass
class SummingUpStory:
    indicators: Counter = field(default_factory=Counter)
    reports: Counter = field(default_factory=Counter)
    movement: str = "unchanged"
    registrations: Counter = field(default_factory=Counter)
    pledges: int = 0
    talks: Counter = field(default_factory=Counter)
    photos: int = 0

    def summary(self) -> str:
        def told(counter: Counter) -> str:
            return ", ".join(f"{n} {status}" for status, n in sorted(counter.items())) or "skipped"

        return (
            f"summing up: indicators {told(self.indicators)}; unit reports {told(self.reports)}; "
            f"2025-2030 movement {self.movement}, registrations {told(self.registrations)} ({self.pledges} pledges); "
            f"talks {told(self.talks)}; {self.photos} photos for the honour book"
        )


def load_data(path: Path = DATA_FILE) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DemoError(f"Cannot read {path}: {exc}") from exc
    return json.loads(unicodedata.normalize("NFC", text))


def _user(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist as exc:
        raise DemoError(f"The demo account {username!r} is missing.") from exc


def _unit_user(unit: Unit) -> User:
    return _user(f"{UNIT_USERNAME_PREFIX}{unit.code}")


# --- unit reports -----------------------------------------------------------------------------------


def seed_indicators(movements: dict[str, Movement], rows: dict[str, list], office: User, story) -> None:
    for key, indicators in rows.items():
        present = set(Indicator.objects.filter(movement=movements[key]).values_list("name", flat=True))
        for name, unit_of_measure, target in indicators:
            if name in present:
                story.indicators["unchanged"] += 1
                continue
            target = None if target is None else Decimal(target)
            services.add_indicator(movements[key], name=name, unit_of_measure=unit_of_measure, target=target, by=office)
            story.indicators["created"] += 1


def seed_reports(movements: dict[str, Movement], units: dict[str, Unit], rows: list[dict], office: User, story):
    if MovementReport.objects.filter(movement__in=movements.values()).exists():
        return
    for row in rows:
        movement, unit = movements[row["movement"]], units[row["unit"]]
        author = _unit_user(unit)
        report = services.start_report(movement, unit, by=author)
        indicators = list(Indicator.objects.filter(movement=movement).order_by("order", "id"))
        figures = {i.pk: Decimal(str(v)) for i, v in zip(indicators, row["figures"], strict=True)}
        texts = {name: row[name] for name in ("results", "good_practices", "lessons", "shortcomings", "proposals")}
        services.update_report(report, texts, figures, by=author)
        services.transition(report, ReportStatus.SUBMITTED, by=author)
        if row["status"] == ReportStatus.ACCEPTED:
            services.transition(report, ReportStatus.ACCEPTED, by=office)
        elif row["status"] == ReportStatus.RETURNED:
            services.transition(report, ReportStatus.RETURNED, by=office, note=row["note"])
        story.reports[row["status"]] += 1


# --- the 2025-2030 movement: launch plan and registrations -------------------------------------------


def seed_new_movement(conference: Conference, row: dict, story) -> Movement:
    values = {k: row[k] for k in ("scope", "launched_by", "start_year", "end_year")}
    values["order"] = Movement.objects.filter(conference=conference).exclude(name=row["name"]).count() + 1
    movement, story.movement = sync(Movement, {"conference": conference, "name": row["name"]}, values)
    return movement


def seed_registrations(movement: Movement, units: dict[str, Unit], data: dict, office: User, story) -> None:
    if not LaunchPlan.objects.filter(movement=movement).exists():
        plan = data["launch_plan"]
        registrations.save_plan(
            movement,
            goals=plan["goals"],
            deadline=datetime.date.fromisoformat(plan["registration_deadline"]),
            award_forms=list(AwardForm.objects.filter(code__in=plan["award_forms"])),
            other_titles=plan["other_titles"],
            by=office,
        )
    if Registration.objects.filter(movement=movement).exists():
        return
    for row in data["registrations"]:
        author = _unit_user(units[row["unit"]])
        registration = registrations.start_registration(movement, units[row["unit"]], by=author)
        for person, title, text in row["pledges"]:
            registrations.add_pledge(registration, person=person, title=title, text=text, by=author)
            story.pledges += 1
        if row["submit"]:
            registrations.submit(registration, by=author)
        story.registrations[RegistrationStatus.SUBMITTED if row["submit"] else RegistrationStatus.DRAFT] += 1


# --- the exemplars' talks -------------------------------------------------------------------------


def talk_items(conference: Conference, count: int) -> list[AgendaItem]:
    """``count`` exemplar-talk items, each with its own exemplar: the plan's one, then new ones after it."""
    items = list(AgendaItem.objects.filter(conference=conference, kind=AgendaKind.EXEMPLAR_TALK).order_by("order"))
    if not items:
        return []
    taken = {item.nomination_id for item in items if item.nomination_id}
    free = [n for n in agenda.exemplar_nominations(conference) if n.pk not in taken]
    for item in items:
        if item.nomination_id is None and free:
            agenda.set_exemplar(item, free.pop(0))
    first = items[0]
    if len(items) < count and first.duration_minutes != TALK_MINUTES:
        first.duration_minutes = TALK_MINUTES
        agenda.set_exemplar(first, first.nomination, presenter=first.presenter)
    while len(items) < count and free:
        items.append(
            agenda.add_item(
                conference, kind=AgendaKind.EXEMPLAR_TALK, title=first.title, duration_minutes=TALK_MINUTES,
                after=items[-1], nomination=free.pop(0),
            )
        )  # fmt: skip
    return [item for item in items if item.nomination_id][:count]


def seed_talks(conference: Conference, rows: list[dict], office: User, story) -> None:
    if ExemplarTalk.objects.filter(agenda_item__conference=conference).exists():
        return
    items = talk_items(conference, len(rows))
    for item, row in zip(items, rows, strict=False):
        unit = item.nomination.proposing_unit
        author = _unit_user(unit) if unit is not None else office
        upload = SimpleUploadedFile("tham-luan.pdf", sample_pdf(row["title"]), content_type="application/pdf")
        talk = talks.upload_talk(item, upload, title=row["title"], by=author)
        if row["status"] == TalkStatus.ACCEPTED:
            talks.review(talk, TalkStatus.ACCEPTED, by=office)
        elif row["status"] == TalkStatus.RETURNED:
            talks.review(talk, TalkStatus.RETURNED, by=office, note=row["note"])
        story.talks[row["status"]] += 1


# --- the honour book's photos ----------------------------------------------------------------------


def portrait(number: int) -> bytes:
    """A small PNG standing in for an exemplar's photo: a head-and-shoulders silhouette on a plain ground."""
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, PALETTE[number % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.32, height * 0.16, width * 0.68, height * 0.46), fill=(90, 90, 100))
    draw.ellipse((width * 0.12, height * 0.5, width * 0.88, height * 1.2), fill=(60, 70, 90))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def seed_photos(conference: Conference, office: User, story) -> None:
    entries = list(book.book_entries(conference))
    with_photo = set(HonourPhoto.objects.values_list("nomination_id", flat=True))
    for number, entry in enumerate(entries):
        if entry.nomination_id in with_photo:
            continue
        with_photo.add(entry.nomination_id)
        upload = SimpleUploadedFile("anh.png", portrait(number), content_type="image/png")
        book.set_photo(entry.nomination, upload, by=office)
        story.photos += 1


# --- the story ------------------------------------------------------------------------------------


def run_story(conference: Conference, movements: dict[str, Movement], data: dict | None = None) -> SummingUpStory:
    """All of it, in one transaction (``movements``: the seed's movements by their keys)."""
    data = load_data() if data is None else data
    story = SummingUpStory()
    office = _user(OFFICE_USERNAME)
    units = {unit.code: unit for unit in Unit.objects.all()}
    with transaction.atomic():
        seed_indicators(movements, data["indicators"], office, story)
        seed_reports(movements, units, data["reports"], office, story)
        movement = seed_new_movement(conference, data["new_movement"], story)
        seed_registrations(movement, units, data, office, story)
        seed_talks(conference, data["talks"], office, story)
        seed_photos(conference, office, story)
    return story
