"""The Báo cáo tổng kết các phong trào thi đua: one section per movement, drafted from the accepted unit reports.

``generate`` writes the draft of every section the Office has not edited yet (a section it edited
keeps its text unless ``replace`` names it); ``save_section`` stores the Office's text. The figures
are never copied into a section: the page and the PDF read ``movement_figures`` each time.
"""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from conference.models import SummarySection
from conference.services.movement_figures import TEXT_TITLES, MovementRow, movement_figures
from hoinghi.models import set_history_user
from hoinghi.roles import is_office
from reference.models import Movement

NO_REPORT = "Chưa có báo cáo của đơn vị được tiếp nhận."


def draft_text(row: MovementRow) -> str:
    """The units' texts under the five headings, each line naming its unit (the source)."""
    parts: list[str] = []
    for name, title in TEXT_TITLES.items():
        texts = row.texts.get(name, [])
        if texts:
            lines = "\n".join(f"- {t.unit}: {t.text}" for t in texts)
            parts.append(f"{'abcde'[len(parts)]}) {title}\n{lines}")
    return "\n".join(parts) if parts else NO_REPORT


def _check(by: User) -> None:
    if not is_office(by):
        raise PermissionDenied(_("You may not make this change."))


def generate(conference, *, by: User, replace: SummarySection | None = None) -> int:
    """Draft every section not edited yet (and ``replace``); returns how many sections were written."""
    _check(by)
    rows = movement_figures(conference)
    existing = {s.movement_id: s for s in SummarySection.objects.filter(conference=conference)}
    written = 0
    with transaction.atomic():
        for row in rows:
            section = existing.get(row.pk)
            if section is not None and section.edited and section != replace:
                continue
            section = section or SummarySection(conference=conference, movement_id=row.pk)
            section.body, section.edited = draft_text(row), False
            set_history_user(section, by)
            section.save()
            written += 1
    return written


def save_section(section: SummarySection, body: str, *, by: User) -> SummarySection:
    _check(by)
    section.body, section.edited = body, True
    set_history_user(section, by)
    section.save()
    return section


def sections_by_movement(conference) -> dict[int, SummarySection]:
    return {s.movement_id: s for s in SummarySection.objects.filter(conference=conference)}


def movements_without_section(conference) -> int:
    return Movement.objects.filter(conference=conference).exclude(summary_sections__conference=conference).count()
