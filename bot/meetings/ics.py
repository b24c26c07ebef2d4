"""The calendar file of a meeting (iCalendar, RFC 5545) that calendar apps import at the right time.

The start carries TZID=Asia/Jakarta with its VTIMEZONE; the UID is the meeting's own and never changes, SEQUENCE
grows with every reschedule and cancellation, and a cancelled meeting's file says METHOD:CANCEL and
STATUS:CANCELLED so an import removes the event.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from db.models import Meeting, MeetingStatus

PRODID = "-//Sinergi//Rapat Koordinasi Pilkada//ID"


def meeting_ics(meeting: Meeting, *, tz: ZoneInfo, now: datetime, location: str | None = None,
                description: str | None = None) -> bytes:
    """The .ics bytes of one meeting (`location` and `description` as the caller words them)."""
    cancelled = meeting.status == MeetingStatus.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", now)
    start = meeting.starts_at.astimezone(tz)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", meeting.title)
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if location or meeting.place_text:
        event.add("location", location or meeting.place_text)
    if meeting.latitude is not None and meeting.longitude is not None:
        event.add("geo", (meeting.latitude, meeting.longitude))
    if description or meeting.agenda:
        event.add("description", description or meeting.agenda)
    event.add("last-modified", meeting.updated_at)
    calendar.add_component(event)
    calendar.add_missing_timezones()  # the VTIMEZONE of Asia/Jakarta, so importers need no zone database
    return calendar.to_ical()


def filename(meeting: Meeting) -> str:
    """`rapat-12.ics`."""
    return f"rapat-{meeting.id}.ics"
