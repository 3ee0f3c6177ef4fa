"""Chương trình Hội nghị: the programme as printed (NĐ 30 header, a time | content | presenter table)."""

import datetime
from dataclasses import dataclass

from conference.documents.invitations import conference_title, director, weekday_date
from conference.services.agenda import schedule
from conference.services.talks import accepted_talks
from hoinghi.letterhead import Header, agency_name, vn_date


def hhmm(t: datetime.time) -> str:
    """ "08h00" (how programmes print their times)."""
    return f"{t.hour:02d}h{t.minute:02d}"


@dataclass(frozen=True)
class AgendaRow:
    number: int
    time: str
    title: str
    presenter: str
    talk: str = ""  # the accepted talk's title: "Tham luận: …" under the item


@dataclass(frozen=True)
class AgendaDocument:
    title: str
    header: Header
    type_name: str
    summary: str
    when: str
    venue: str
    rows: tuple[AgendaRow, ...]
    signature: object
    draft: bool = False


def agenda_document(conference, *, on: datetime.date | None = None) -> AgendaDocument:
    """``on``: the date of the invitation it goes with (the agenda is not numbered); None: left blank."""
    organisation = conference.organisation
    place_date = f"{organisation.place_name}, {vn_date(on)}"
    header = Header(organisation.parent_name, agency_name(organisation), "", place_date)
    accepted = accepted_talks(conference)
    rows = tuple(
        AgendaRow(
            number,
            f"{hhmm(start)} - {hhmm(end)}",
            item.title,
            item.presenter,
            accepted[item.pk].title if item.pk in accepted else "",
        )
        for number, (item, start, end) in enumerate(schedule(conference), start=1)
    )
    return AgendaDocument(
        title="Chương trình",
        header=header,
        type_name="CHƯƠNG TRÌNH",
        summary=conference_title(conference),
        when=weekday_date(conference.date),
        venue=conference.venue,
        rows=rows,
        signature=director(organisation),
    )
