"""Collaboration metadata: calendars and e-mail headers read without their content, and turned
into weighted ties between pseudonyms by the window and thresholds asked for."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_queries.errors import ValidationFailed
from graph_queries.formats.metadata import (
    EMAIL,
    MEETING,
    Interaction,
    MetadataRules,
    Pseudonymizer,
    collaboration_ties,
    read_interactions,
)
from graph_queries.formats.metadata.ics import kept_lines

KEY = b"k" * 32
SECRET = "Zanzibar-merger-7731"  # stands for any subject, body, title or place

CALENDAR = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//unsilo tests//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:weekly
SUMMARY:{SECRET}
DESCRIPTION:first part
 {SECRET}
LOCATION:{SECRET}
DTSTART;TZID=Europe/Berlin:20260302T090000
RRULE:FREQ=WEEKLY;COUNT=6
EXDATE;TZID=Europe/Berlin:20260316T090000
ORGANIZER;CN=Ann:mailto:Ann@Example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com
ATTENDEE;CUTYPE=ROOM:mailto:room-1@example.com
ATTENDEE;PARTSTAT=DECLINED:mailto:cy@example.com
END:VEVENT
BEGIN:VEVENT
UID:weekly
RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000
DTSTART;TZID=Europe/Berlin:20260324T100000
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:bob@example.com
END:VEVENT
BEGIN:VEVENT
UID:cancelled
STATUS:CANCELLED
DTSTART:20260301T100000Z
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:bob@example.com
END:VEVENT
END:VCALENDAR
"""

MAILBOX = f"""From ann@example.com Mon Mar  2 09:00:00 2026
From: Ann Lee <ann@example.com>
To: bob@example.com, "Lee, Cy" <cy@example.com>
Cc: someone@elsewhere.org
Subject: {SECRET}
Date: Mon, 2 Mar 2026 09:00:00 +0100

{SECRET} in the body
>From the body, escaped as mbox does

From bob@example.com Mon Mar  2 10:00:00 2026
From: bob@example.com
To: ann@example.com
Date: Mon, 2 Mar 2026 10:00:00 +0000

reply
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_calendar_counts_each_occurrence_where_it_took_place(tmp_path: Path) -> None:
    found = read_interactions(_write(tmp_path, "team.ics", CALENDAR))
    times = sorted(i.at for i in found)
    # Weekly from 2 March, 16 March excluded, 23 March moved to the 24th, cancelled one gone;
    # 9:00 in Berlin is 8:00 UTC before the change to summer time on 29 March and 7:00 after.
    assert times == [
        datetime(2026, 3, 2, 8, tzinfo=UTC),
        datetime(2026, 3, 9, 8, tzinfo=UTC),
        datetime(2026, 3, 24, 9, tzinfo=UTC),
        datetime(2026, 3, 30, 7, tzinfo=UTC),
        datetime(2026, 4, 6, 7, tzinfo=UTC),
    ]
    # Rooms and those who declined are not counted; addresses are normalized.
    assert {i.people for i in found} == {("ann@example.com", "bob@example.com")}


def test_a_window_cuts_a_series_without_an_end(tmp_path: Path) -> None:
    endless = CALENDAR.replace("RRULE:FREQ=WEEKLY;COUNT=6", "RRULE:FREQ=DAILY")
    rules = MetadataRules(start=date(2026, 3, 3), end=date(2026, 3, 5))
    found = read_interactions(_write(tmp_path, "team.ics", endless), rules)
    assert sorted(i.at.date() for i in found) == [date(2026, 3, d) for d in (3, 4, 5)]


def test_titles_descriptions_and_places_are_dropped_before_parsing() -> None:
    kept = kept_lines(CALENDAR)
    assert SECRET not in kept
    assert "first part" not in kept, "a folded line goes with the property it continues"
    assert "ATTENDEE" in kept


def test_a_mailbox_gives_sender_recipients_and_date_only(tmp_path: Path) -> None:
    found = read_interactions(_write(tmp_path, "box.mbox", MAILBOX))
    assert [(i.sender, i.people, i.at) for i in found] == [
        (
            "ann@example.com",
            ("ann@example.com", "bob@example.com", "cy@example.com", "someone@elsewhere.org"),
            datetime(2026, 3, 2, 8, tzinfo=UTC),
        ),
        (
            "bob@example.com",
            ("bob@example.com", "ann@example.com"),
            datetime(2026, 3, 2, 10, tzinfo=UTC),
        ),
    ]
    assert [i.origin for i in found] == ["box.mbox:1", "box.mbox:11"]


def test_a_header_export_keeps_only_its_four_columns(tmp_path: Path) -> None:
    text = (
        "Date,From,Subject,To,Cc,Body\n"
        f'2026-03-02T09:00:00+01:00,ann@example.com,"{SECRET}, really",'
        f"bob@example.com;cy@example.com,,{SECRET}\n"
        '"Mon, 2 Mar 2026 10:00:00 +0000",bob@example.com,x,ann@example.com,,\n'
    )
    found = read_interactions(_write(tmp_path, "headers.csv", text))
    assert [(i.sender, i.people) for i in found] == [
        ("ann@example.com", ("ann@example.com", "bob@example.com", "cy@example.com")),
        ("bob@example.com", ("bob@example.com", "ann@example.com")),
    ]


def test_content_never_reaches_what_is_read(tmp_path: Path) -> None:
    _write(tmp_path, "team.ics", CALENDAR)
    _write(tmp_path, "box.mbox", MAILBOX)
    found = read_interactions(tmp_path)
    ties = collaboration_ties(found, MetadataRules(min_interactions=1), Pseudonymizer(KEY))
    assert SECRET not in repr(found)
    assert SECRET not in repr(ties)
    assert "example.com" not in repr(ties), "addresses leave only as pseudonyms"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        (
            "box.mbox",
            MAILBOX.replace("Date: Mon, 2 Mar 2026 10:00:00 +0000\n", ""),
            ":11 column Date",
        ),
        (
            "box.mbox",
            MAILBOX.replace("From: bob@example.com\n", "From: nobody\n"),
            ":11 column From",
        ),
        ("box.mbox", "Subject: no separator line\n", ":1"),
        ("headers.csv", "From,To\nann@example.com,bob@example.com\n", ":1"),
        (
            "headers.csv",
            "From,To,Date\nann@example.com,bob@example.com,yesterday\n",
            ":2 column Date",
        ),
        ("team.ics", "this is not a calendar", "team.ics"),
    ],
)
def test_broken_files_are_refused_whole_with_the_place(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    _write(tmp_path, "good.mbox", MAILBOX)
    _write(tmp_path, name, text)
    with pytest.raises(ValidationFailed) as refused:
        read_interactions(tmp_path)
    assert any(where in str(error) for error in refused.value.errors), refused.value.errors


def _meeting(day: int, *people: str) -> Interaction:
    return Interaction(MEETING, people, datetime(2026, 3, day, tzinfo=UTC), "test")


def _mail(day: int, sender: str, *recipients: str) -> Interaction:
    return Interaction(
        EMAIL, (sender, *recipients), datetime(2026, 3, day, tzinfo=UTC), "t", sender
    )


def test_ties_follow_the_window_caps_and_minimum() -> None:
    a, b, c, x = "a@org.test", "b@org.test", "c@org.test", "x@else.test"
    interactions = [
        _meeting(2, a, b), _meeting(3, a, b), _meeting(4, a, b, c),
        _meeting(5, *(f"p{n}@org.test" for n in range(11))),  # over the cap of 10
        _meeting(30, a, c),  # outside the window
        _mail(2, a, b), _mail(3, a, b, x), _mail(4, b, a),
    ]  # fmt: skip
    rules = MetadataRules(
        start=date(2026, 3, 1), end=date(2026, 3, 20), min_interactions=2,
        domains=frozenset({"org.test"}),
    )  # fmt: skip
    pseudonym = Pseudonymizer(KEY)
    result = collaboration_ties(interactions, rules, pseudonym)
    ties = {(t.kind, t.source, t.target): (t.interactions, t.strength) for t in result.ties}
    pa, pb = pseudonym(a), pseudonym(b)
    meeting_pair = (MEETING, *sorted((pa, pb)))
    # a-b met three times; a-c and b-c once (under the minimum); a wrote to b twice, b to a once.
    assert ties == {meeting_pair: (3, 1.0), (EMAIL, pa, pb): (2, 1.0)}
    assert result.people == tuple(sorted((pa, pb)))
    assert result.left_out["meetings over the size cap"] == 1
    assert result.left_out["outside the window"] == 1
    assert result.left_out["addresses outside the domains"] == 1
    assert result.left_out["pairs under the minimum"] == 3  # a-c, b-c meetings; b->a e-mail


def test_pseudonyms_are_stable_per_key_and_differ_between_keys() -> None:
    first, again, other = Pseudonymizer(KEY), Pseudonymizer(KEY), Pseudonymizer(b"o" * 32)
    assert first("a@org.test") == again("a@org.test")
    assert first("a@org.test") != other("a@org.test")
    assert first("a@org.test") != first("b@org.test")
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Pseudonymizer(b"short")


PEOPLE = [f"p{n}@org.test" for n in range(6)]


@settings(max_examples=60, deadline=None)
@given(
    meetings=st.lists(
        st.tuples(st.integers(1, 28), st.sets(st.sampled_from(PEOPLE), min_size=2)), max_size=30
    ),
    cap=st.integers(2, 6),
    minimum=st.integers(1, 3),
)
def test_meeting_ties_match_a_count_by_pair(
    meetings: list[tuple[int, set[str]]], cap: int, minimum: int
) -> None:
    interactions = [_meeting(day, *sorted(people)) for day, people in meetings]
    pseudonym = Pseudonymizer(KEY)
    result = collaboration_ties(
        interactions, MetadataRules(max_participants=cap, min_interactions=minimum), pseudonym
    )
    counts = Counter(
        pair
        for _, people in meetings
        if len(people) <= cap
        for pair in itertools.combinations(sorted(pseudonym(p) for p in people), 2)
    )
    expected = {pair: n for pair, n in counts.items() if n >= minimum}
    assert {(t.source, t.target): t.interactions for t in result.ties} == expected
    if expected:
        top = max(expected.values())
        assert {t.strength for t in result.ties if t.interactions == top} == {1.0}
        assert all(0 < t.strength <= 1 for t in result.ties)
