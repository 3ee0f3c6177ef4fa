"""The conference as a calendar entry (.ics, RFC 5545), attached to each invitation e-mail.

Written by hand (no dependency): one VEVENT with the date, start and end times (converted to UTC,
so no VTIMEZONE is needed), the venue, the organiser and the delegate's reply link. Text values
are escaped (backslash, semicolon, comma, newline) and lines are folded at 75 octets without
cutting a UTF-8 character; lines end with CRLF.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from conference.documents.invitations import conference_title, public_url

PRODID = "-//Hoinghi//Giay moi Hoi nghi//VI"
DEFAULT_LENGTH = datetime.timedelta(hours=4)  # when the conference has a start time and no end time


def escape(text: str) -> str:
    text = " ".join(str(text).replace("\r\n", "\n").split(" "))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, each continuation starting with one space."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not pieces else 74  # a continuation's leading space counts
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _times(conference) -> list[str]:
    if conference.start_time is None:
        day = conference.date
        return [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}"]
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(conference.date, conference.start_time, tzinfo=zone)
    end = (
        datetime.datetime.combine(conference.date, conference.end_time, tzinfo=zone)
        if conference.end_time and conference.end_time > conference.start_time
        else start + DEFAULT_LENGTH
    )
    return [f"DTSTART:{utc(start)}", f"DTEND:{utc(end)}"]


def organiser_name(conference) -> str:
    return (conference.organiser or conference.organisation.name).replace('"', "'")


def conference_ics(conference, delegate=None, *, now: datetime.datetime | None = None) -> bytes | None:
    """The .ics of ``conference`` (for ``delegate``: their reply link); None when the date is not set yet."""
    if conference.date is None:
        return None
    host = urlsplit(getattr(settings, "PUBLIC_BASE_URL", "") or "http://localhost").hostname or "localhost"
    uid = f"hoinghi-{conference.pk}" + (f"-{delegate.pk}" if delegate else "") + f"@{host}"
    description = conference_title(conference)
    url = public_url(delegate) if delegate else ""
    if url:
        description += f"\nXác nhận tham dự: {url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{utc(now or timezone.now())}",
        *_times(conference),
        f"SUMMARY:{escape(conference_title(conference))}",
        f"LOCATION:{escape(conference.venue)}" if conference.venue else "",
        f'ORGANIZER;CN="{organiser_name(conference)}":mailto:{settings.DEFAULT_FROM_EMAIL}',
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}" if url else "",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines if line) + "\r\n").encode("utf-8")
