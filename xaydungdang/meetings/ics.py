"""A meeting as an iCalendar event (RFC 5545), attached to the notice so it lands in the member's calendar."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

DEFAULT_DURATION = dt.timedelta(hours=2)
DEFAULT_TIME = dt.time(8, 0)


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting, *, summary: str, description: str = "", sequence: int = 0) -> str:
    """One VEVENT; `sequence` grows with each reschedule so calendars replace the earlier event."""
    start = timezone.make_aware(dt.datetime.combine(meeting.planned_on, meeting.planned_time or DEFAULT_TIME))
    host = settings.SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "xaydungdang"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//xaydungdang//meetings//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(start + DEFAULT_DURATION)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(meeting.place)}",
        f"DESCRIPTION:{_escape(description)}",
        "STATUS:CANCELLED" if meeting.state == "cancelled" else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
