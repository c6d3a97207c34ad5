"""`unsilo import-metadata`: calendars and e-mail headers become an organization's meeting and
email layers, people appear only as leaders or pseudonyms, and a failure changes nothing."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.model import OrgSnapshot, TieKind
from graph_queries.stores.sqlite_store import SqliteStore
from service.cli import main
from tests.orgs import acme

SECRET = "Zanzibar-merger-7731"


def _meeting(uid: str, day: int, *people: str) -> str:
    attendees = "".join(f"ATTENDEE:mailto:{p}\n" for p in people[1:])
    return (
        f"BEGIN:VEVENT\nUID:{uid}\nSUMMARY:{SECRET}\nLOCATION:{SECRET}\n"
        f"DTSTART:202603{day:02d}T090000Z\nORGANIZER:mailto:{people[0]}\n{attendees}END:VEVENT\n"
    )


def _message(day: int, sender: str, *recipients: str) -> str:
    return (
        f"From {sender} Mon Mar  2 09:00:00 2026\nFrom: {sender}\nTo: {', '.join(recipients)}\n"
        f"Subject: {SECRET}\nDate: {day} Mar 2026 09:00:00 +0000\n\n{SECRET}\n\n"
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    metadata = tmp_path / "metadata"
    metadata.mkdir()
    events = [_meeting(f"m{d}", d, "ada@acme.test", "ben@acme.test") for d in (2, 3, 4)]
    events += [_meeting("m5", 5, "ada@acme.test", "new.person@acme.test")]
    events += [_meeting("m6", 6, "ada@acme.test", "new.person@acme.test")]
    events += [_meeting("m7", 7, "ben@acme.test", "outsider@other.test")]
    (metadata / "team.ics").write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\n" + "".join(events) + "END:VCALENDAR\n"
    )
    mails = [_message(d, "ben@acme.test", "cy@acme.test") for d in (2, 3)]
    mails += [_message(4, "cy@acme.test", "ben@acme.test")]
    (metadata / "box.mbox").write_text("".join(mails))
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "address,leader,unit\nada@acme.test,l1,\nBen <ben@acme.test>,l2,\ncy@acme.test,l3,\n"
        "new.person@acme.test,,u4\n"
    )
    key = tmp_path / "pseudonyms.key"
    key.write_bytes(b"s" * 32)
    store = tmp_path / "unsilo.sqlite3"
    document = tmp_path / "acme.json"
    document.write_text(json.dumps(to_document(acme())))
    assert main(["--store", f"sqlite:{store}", "import", str(document)]) == 0
    return {"metadata": metadata, "roster": roster, "key": key, "store": store}


def _import(files: dict[str, Path], *extra: str) -> int:
    return main([
        "--store", f"sqlite:{files['store']}", "import-metadata", str(files["metadata"]),
        "--organization", "acme", "--roster", str(files["roster"]),
        "--key-file", str(files["key"]), *extra,
    ])  # fmt: skip


def _stored(files: dict[str, Path]) -> OrgSnapshot:
    async def read() -> OrgSnapshot:
        store = SqliteStore(files["store"])
        try:
            return await store.snapshot(ANONYMOUS, "acme")
        finally:
            await store.close()

    return asyncio.run(read())


def test_metadata_becomes_meeting_and_email_layers(files: dict[str, Path]) -> None:
    before = _stored(files)
    assert _import(files) == 0
    after = _stored(files)
    layers = {
        (t.kind, t.leader_a_id, t.leader_b_id): t.strength
        for t in after.ties.values()
        if t.kind in ("meeting", "email")
    }
    new = [leader for leader in after.leaders.values() if leader.id not in before.leaders]
    assert len(new) == 1
    assert new[0].unit_id == "u4"
    assert new[0].id.startswith("p-")
    # Ada and Ben met three times, Ada and the new person twice; Ben wrote to Cy twice (Cy to Ben
    # once, under the minimum); Ben's meeting with an outsider is not a tie.
    assert layers == {
        ("meeting", "l1", "l2"): 1.0,
        ("meeting", *sorted(("l1", new[0].id))): pytest.approx(2 / 3),
        ("email", "l2", "l3"): 1.0,
    }
    assert set(after.tie_kinds) >= {TieKind("meeting", False), TieKind("email", True)}
    # The other ties are kept as they were.
    assert {i: t for i, t in after.ties.items() if t.kind not in ("meeting", "email")} == {
        i: t for i, t in before.ties.items() if t.kind not in ("meeting", "email")
    }


def test_a_second_import_replaces_the_layers(files: dict[str, Path]) -> None:
    assert _import(files) == 0
    first = _stored(files).ties
    assert _import(files, "--min-interactions", "3") == 0
    second = _stored(files).ties
    assert len(second) < len(first)
    assert [t.kind for t in second.values()].count("meeting") == 1


def test_no_address_or_content_is_stored(files: dict[str, Path]) -> None:
    assert _import(files) == 0
    stored = b"".join(p.read_bytes() for p in files["store"].parent.glob("unsilo.sqlite3*"))
    for text in ("acme.test", "other.test", SECRET, "new.person"):
        assert text.encode() not in stored, text


def test_a_broken_file_changes_nothing(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = _stored(files)
    (files["metadata"] / "broken.mbox").write_text(
        "From x Mon\nFrom: ann@acme.test\nTo: b@acme.test\n\n"
    )
    assert _import(files) == 1
    after = _stored(files)
    assert after.version == before.version
    assert after.ties == before.ties
    assert "broken.mbox:1 column Date" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f["key"].unlink(), "--key-file"),
        (lambda f: f["key"].write_bytes(b"short"), "at least 32 bytes"),
        (lambda f: f["roster"].write_text("address\nann@acme.test\n"), "roster"),
        (lambda f: f["roster"].unlink(), "does not exist or is not a file"),
    ],
)
def test_mistakes_end_in_one_line(
    files: dict[str, Path], change: object, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    change(files)  # type: ignore[operator]
    assert _import(files) != 0
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
