"""The demo delegates of the conference day, loaded by ``manage.py seed_demo`` (issue 4 §1).

From ``fixtures/demo_conference.json``: the plan's delegate groups with their target counts
(reference data, synced on every run by conference and code), then — only while the
conference has no delegate yet — about fifty delegates typed in by the Office, group by group,
and the awardees of the issued decisions through ``promote_awardees`` (the same action as the
"Add the awardees" button), so the invitation numbers follow the groups' order. A few replies
are set (confirmed, declined, a substitute). Then the day itself (``seed_conference_day``):
its date and times, the plan's agenda with an exemplar's talk, who presents each award, the
exemplars introduced to the provincial congress, and the first arrivals checked in.
"""

import datetime
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from awards.demo import OFFICE_USERNAME, DemoError, sync
from conference.enums import AgendaKind, Rsvp
from conference.models import AgendaItem, AwardPresenter, Delegate, DelegateGroup
from conference.services.agenda import default_agenda, exemplar_nominations, set_exemplar
from conference.services.checkin import check_in
from conference.services.delegates import EXEMPLARS_GROUP, add_delegate, promote_awardees, update_delegate
from reference.models import AwardForm, Conference

DATA_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo_conference.json"


@dataclass
class ConferenceDayStory:
    skipped: bool = False
    groups: Counter = field(default_factory=Counter)
    added: int = 0
    awardees: int = 0
    replies: Counter = field(default_factory=Counter)
    checked_in: int = 0

    def summary(self) -> str:
        groups = ", ".join(f"{n} {status}" for status, n in sorted(self.groups.items()))
        if self.skipped:
            return f"delegates: groups {groups}; delegates skipped (the conference already has delegates)"
        replies = ", ".join(f"{n} {status}" for status, n in sorted(self.replies.items()))
        return (
            f"delegates: groups {groups}; {self.added + self.awardees} delegates "
            f"({self.awardees} from the awards), replies: {replies}; {self.checked_in} checked in"
        )


def load_data(path: Path = DATA_FILE) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DemoError(f"Cannot read {path}: {exc}") from exc
    return json.loads(unicodedata.normalize("NFC", text))


def seed_groups(conference: Conference, rows: list[dict], counts: Counter) -> dict[str, DelegateGroup]:
    groups = {}
    for order, row in enumerate(rows, start=1):
        values = {"name": row["name"], "target": row["target"], "order": order}
        groups[row["code"]], status = sync(DelegateGroup, {"conference": conference, "code": row["code"]}, values)
        counts[status] += 1
    return groups


def _office() -> User:
    try:
        return User.objects.get(username=OFFICE_USERNAME)
    except User.DoesNotExist as exc:
        raise DemoError(f"The demo account {OFFICE_USERNAME!r} is missing.") from exc


def run_story(conference: Conference, data: dict | None = None) -> ConferenceDayStory:
    """Groups always; delegates once (skipped when the conference has any). All or nothing."""
    data = load_data() if data is None else data
    story = ConferenceDayStory()
    with transaction.atomic():
        groups = seed_groups(conference, data["groups"], story.groups)
        if Delegate.objects.filter(conference=conference).exists():
            story.skipped = True
            return story
        office = _office()
        rows_by_group: dict[str, list[dict]] = {}
        for row in data["delegates"]:
            rows_by_group.setdefault(row["group"], []).append(row)
        for code, group in groups.items():
            if code == EXEMPLARS_GROUP:
                story.awardees = promote_awardees(conference, by=office)[0]
            for row in rows_by_group.get(code, []):
                values = {k: v for k, v in row.items() if k != "group"}
                add_delegate(conference, {"group": group, **values}, by=office)
                story.added += 1
        reply = data.get("awardees_reply")
        if reply:
            for delegate in Delegate.objects.filter(conference=conference, nomination__isnull=False):
                update_delegate(delegate, {"rsvp": reply}, by=office)
        story.replies = Counter(Delegate.objects.filter(conference=conference).values_list("rsvp", flat=True))
        story.checked_in = seed_conference_day(conference, data.get("conference_day", {}), office)
    return story


def seed_conference_day(conference: Conference, day: dict, office: User) -> int:
    """Date and times, agenda, presenters, congress delegates, first arrivals; returns check-ins."""
    for name in ("venue", "organiser", "chair", "contact"):
        setattr(conference, name, day.get(name, getattr(conference, name)))
    if day.get("date"):
        conference.date = datetime.date.fromisoformat(day["date"])
        conference.start_time = datetime.time.fromisoformat(day["start_time"])
        conference.end_time = datetime.time.fromisoformat(day["end_time"])
    conference.save()
    if not AgendaItem.objects.filter(conference=conference).exists():
        default_agenda(conference, by=office)
    talks = AgendaItem.objects.filter(conference=conference, kind=AgendaKind.EXEMPLAR_TALK)
    exemplars = list(exemplar_nominations(conference)[: talks.count()])
    for item, nomination in zip(talks, exemplars, strict=False):
        set_exemplar(item, nomination)
    forms = {form.code: form for form in AwardForm.objects.all()}
    for row in day.get("presenters", []):
        lookup = {"conference": conference, "award_form": forms[row["award_form"]], "kind": row["kind"]}
        sync(AwardPresenter, lookup, {"presenter": row["presenter"]})
    awardees = Delegate.objects.filter(conference=conference, nomination__isnull=False).order_by("invitation_number")
    for delegate in awardees[: day.get("congress_delegates", 0)]:
        update_delegate(delegate, {"introduced_to_congress": True}, by=office)
    arrivals = Delegate.objects.filter(conference=conference, rsvp=Rsvp.CONFIRMED).order_by("invitation_number")
    for delegate in arrivals[: day.get("checked_in", 0)]:
        check_in(delegate, by=office)
    return min(arrivals.count(), day.get("checked_in", 0))
