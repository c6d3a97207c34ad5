"""Meetings from iCalendar files (RFC 5545): who met whom and when, nothing else.

Before parsing, the file's content lines are unfolded and only the properties named in
`KEPT_PROPERTIES` are kept, so a meeting's title, description, location, comments and
attachments are never parsed or held. Rooms and resources (`CUTYPE=ROOM|RESOURCE`) are not
people; attendees who declined and cancelled meetings are not counted. A recurring meeting
counts once per occurrence inside the window (`RRULE`, `RDATE`, `EXDATE`, and occurrences moved
by a `RECURRENCE-ID` event count where they were moved to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.metadata.interactions import MEETING, Interaction, normalized_address

KEPT_PROPERTIES = frozenset({
    "BEGIN", "END", "VERSION", "PRODID", "UID", "DTSTART", "RRULE", "RDATE", "EXDATE",
    "RECURRENCE-ID", "STATUS", "ORGANIZER", "ATTENDEE",
    # VTIMEZONE, so that local times resolve.
    "TZID", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME",
})  # fmt: skip
MAX_FILE_BYTES = 200_000_000
# A recurring meeting with no end and no window would never stop: each series is cut here.
MAX_OCCURRENCES = 2_000
NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})
_FOLD = re.compile(r"\r?\n[ \t]")
_NAME = re.compile(r"[A-Za-z0-9-]+")


@dataclass(frozen=True, slots=True)
class _Event:
    uid: str
    start: datetime
    people: tuple[str, ...]
    moved_from: datetime | None
    rules: Any  # the event's component, for its recurrence properties


def read_ics(path: Path, start: date | None = None, end: date | None = None) -> list[Interaction]:
    """Every meeting occurrence in the file between `start` and `end` (inclusive, UTC dates)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        _refuse(path, f"is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        _refuse(path, "is not UTF-8 text")
    try:
        calendar = Calendar.from_ical(kept_lines(text))
    except ValueError as error:
        _refuse(path, f"is not an iCalendar file ({str(error)[:200]})")
    events = [e for c in calendar.walk("VEVENT") if (e := _event(path, c)) is not None]
    moved = {(e.uid, e.moved_from) for e in events if e.moved_from is not None}
    found: list[Interaction] = []
    for index, event in enumerate(e for e in events if e.people):
        origin = f"{path.name}: event {index + 1}"
        if event.moved_from is not None:
            times = [event.start]
        else:
            try:
                occurrences = _occurrences(event, end)
            except (ValueError, TypeError) as error:
                _refuse(path, f"has a recurrence that cannot be expanded ({origin}: {error})")
            times = [t for t in occurrences if (event.uid, t) not in moved]
        for at in times:
            if (start is None or at.date() >= start) and (end is None or at.date() <= end):
                found.append(Interaction(MEETING, event.people, at, origin))
    return found


def kept_lines(text: str) -> str:
    """The calendar with folded lines joined and only `KEPT_PROPERTIES` left."""
    lines = []
    for line in _FOLD.sub("", text).splitlines():
        name = _NAME.match(line)
        if name and name.group().upper() in KEPT_PROPERTIES:
            lines.append(line)
    return "\r\n".join(lines) + "\r\n"


def _event(path: Path, component: Any) -> _Event | None:
    if str(component.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if component.get("DTSTART") is None:
        _refuse(path, "has an event without DTSTART")
    people: dict[str, None] = {}
    organizer = component.get("ORGANIZER")
    if organizer is not None and (address := normalized_address(_mailto(organizer))):
        people[address] = None
    attendees = component.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        params = getattr(attendee, "params", {})
        if str(params.get("CUTYPE", "")).upper() in NOT_PEOPLE:
            continue
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        if address := normalized_address(_mailto(attendee)):
            people[address] = None
    moved = component.get("RECURRENCE-ID")
    return _Event(
        uid=str(component.get("UID", "")),
        start=_utc(component.decoded("DTSTART")),
        people=tuple(people),
        moved_from=_utc(moved.dt) if moved is not None else None,
        rules=component,
    )


def _occurrences(event: _Event, end: date | None) -> list[datetime]:
    component = event.rules
    if component.get("RRULE") is None and component.get("RDATE") is None:
        return [event.start]
    # Expanded in the meeting's own time zone (9:00 stays 9:00 across a change of daylight
    # saving time), then taken to UTC.
    first = _as_datetime(component.decoded("DTSTART"))
    aware = first.tzinfo is not None
    series = rruleset()
    if (rule := component.get("RRULE")) is not None:
        series.rrule(rrulestr(rule.to_ical().decode(), dtstart=first))
    for name, add in (("RDATE", series.rdate), ("EXDATE", series.exdate)):
        listed = component.get(name)
        for entry in listed if isinstance(listed, list) else [listed] if listed else []:
            for value in entry.dts:
                add(_like(_as_datetime(value.dt), aware))
    series.rdate(first)
    stop = datetime.combine(end + timedelta(days=1), time(), UTC) if end else None
    found: list[datetime] = []
    for local in series:
        at = _utc(local)
        if (stop is not None and at >= stop) or len(found) == MAX_OCCURRENCES:
            break
        found.append(at)
    return found


def _as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


def _like(value: datetime, aware: bool) -> datetime:
    """`value` naive or aware as the series' start is, so that the two can be compared."""
    if aware and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    if not aware and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _utc(value: date | datetime) -> datetime:
    # An all-day meeting counts at midnight; a floating local time is taken as UTC.
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _mailto(value: Any) -> str:
    text = str(value)
    return text[7:] if text.lower().startswith("mailto:") else text


def _refuse(path: Path, problem: str) -> NoReturn:
    message = f"{path.name} {problem}"
    raise ValidationFailed([FieldError("file", ErrorCode.MALFORMED, message, str(path))])
