"""A read refused by the storage says the data was not read, never "Chưa lưu được gì." as a
save's refusal does (nothing was being saved); every save keeps its words.

Real failures: a PostgreSQL server closing the officer's database to new connections (as a
stopped server refuses them, tests/pg.py), and a SQLite file another connection holds with an
exclusive lock. The reads: a record pane (a row picked), a dialog reading its record as it
opens, a document's draft for the preview; the CLI's read-only commands (a server refusing
the CLI's start is said in the start's words, read or save: the locked file tells them apart)."""

from __future__ import annotations

import contextlib
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop import cli
from bdcq_desktop.core import engine, meetings, members, sqlite_file, units
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.storage_errors import StorageError
from bdcq_desktop.ui.dialogs.document_jobs import build_preview
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from tests.sqlite_lock import held_exclusively
from tests.test_server_gone_tabs import _allow_connections

SAVED_NOTHING = "chưa lưu được gì"  # the save's words, in the server's and SQLite's texts


def _bdcq(*argv: str) -> tuple[int, str]:
    """``bdcq argv`` run here: its exit code and what it said on stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(list(argv))
    return code, err.getvalue()


def _said_as_a_read(text: str) -> None:
    assert SAVED_NOTHING not in text.lower(), text
    assert "chưa đọc được dữ liệu" in text.lower(), text


def _said_as_a_save(text: str) -> None:
    assert SAVED_NOTHING in text.lower(), text
    assert "chưa đọc được" not in text.lower(), text


def _two_meetings(db: Any) -> list[int]:
    unit = units.create_unit(db, name="UBND tỉnh Nghệ An")
    head = members.create_person(db, full_name="Vũ Duy Tiến", unit_id=unit)
    members.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    made = []
    for title, day in (("Buổi làm việc", 7), ("Họp giao ban", 9)):
        at = datetime(2026, 4, day, 8, 0)
        made.append(
            meetings.create_meeting(
                db, kind="briefing", title=title, chair_id=head, starts_at=at,
                now=datetime(2026, 4, 1, 9, 0),
            )
        )
    return made


def test_reads_the_server_refuses_do_not_say_nothing_was_saved_and_saves_still_do(
    qtbot: Any, pg_server: str, pg_db: Any
) -> None:
    first, second = _two_meetings(pg_db)
    officer = open_database(pg_server)
    tab = MeetingsTab(officer)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    view = tab.view
    qtbot.waitUntil(lambda: not view.current_pending())
    assert view.table.select_where(lambda r: r.id == first)
    try:
        _allow_connections(pg_server, False)
        # Sửa…: the meeting dialog reads its record as it opens.
        view.edit_action.trigger()
        opened = view.last_dialog.text()
        view.last_dialog.close()
        # A save from the same row: one click (Mời toàn bộ thành viên BCĐ), run as the
        # actions that open a dialog are.
        view.invite_committee_action.trigger()
        invited = view.last_dialog.text()
        view.last_dialog.close()
        # A row picked: its record read for the pane, which says why it could not.
        assert view.table.select_where(lambda r: r.id == second)
        pane = view.pane.heading.text()
        # A document's preview: its draft made from the record.
        with pytest.raises(StorageError) as preview:
            build_preview(officer, "convocation", second, 1, True, None, lambda: False)
        with pytest.raises(StorageError) as saved:  # a save
            units.create_unit(officer, name="Sở Tư pháp")
    finally:
        _allow_connections(pg_server, True)
        tab.close()
        officer.dispose()
    for text in (pane, opened, preview.value.message):
        assert "tạm không nhận kết nối" in text or "Mất kết nối" in text, text
        _said_as_a_read(text)
    for text in (invited, saved.value.message):
        _said_as_a_save(text)


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A database with one unit, then held by another program's exclusive lock (a write
    transaction in exclusive locking mode: no other connection may read it), its busy wait
    shortened to 0.2 s (10 s in use)."""
    path = tmp_path / "bcd.sqlite3"
    db = open_database(str(path))
    units.create_unit(db, name="UBND tỉnh Nghệ An")
    db.engine.dispose()  # the pooled connection let go, as another officer's window closed
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.2)  # the start's look at the file
    with held_exclusively(path):
        yield db, path
    db.dispose()


def test_a_read_of_a_locked_sqlite_file_does_not_say_nothing_was_saved(locked: Any) -> None:
    """About 10 s a command: the CLI's start waits SQLite's own 5 s twice before it is told."""
    db, path = locked
    listed = _bdcq("--db", str(path), "units", "list")
    draft = _bdcq("--db", str(path), "export", "convocation", "--meeting", "1",
                  "-o", str(path.with_suffix(".pdf")))  # fmt: skip
    added = _bdcq("--db", str(path), "units", "add", "Sở Tư pháp")
    with pytest.raises(StorageError) as saved:
        units.create_unit(db, name="Sở Tư pháp")
    for code, text in (listed, draft):
        assert code == 2 and "đang bị một chương trình khác khóa" in text, text
        _said_as_a_read(text)
    assert added[0] == 2
    for text in (added[1], saved.value.message):
        assert "đang bị một chương trình khác khóa" in text, text
        _said_as_a_save(text)


def test_a_translated_refusal_says_a_read_in_its_own_language(locked: Any) -> None:
    """What was left undone is given to the text where it is built, translated on its own:
    a catalogue (--lang en) says a read's refusal in its words too, and a rewording of the
    text cannot lose it. (A read was once made by replacing "chưa lưu được gì" in the text
    already translated: in English the read said nothing was saved.)"""
    from bdcq_desktop.core import i18n
    from bdcq_desktop.core.read_scope import reading

    db, _path = locked
    i18n.install({
        "Cơ sở dữ liệu đang bị một chương trình khác khóa (đang ghi hoặc sao lưu) quá lâu: "
        "{outcome}. Hãy đợi một lát rồi thử lại.":
            "The database is locked by another program for too long: {outcome}. Wait a "
            "moment and try again.",
        "chưa lưu được gì": "nothing was saved",
        "chưa đọc được dữ liệu": "the data was not read",
    })  # fmt: skip
    try:
        with pytest.raises(StorageError) as read, reading():
            units.list_units(db)
        with pytest.raises(StorageError) as saved:
            units.create_unit(db, name="Sở Tư pháp")
    finally:
        i18n.install({})
    assert read.value.message == (
        "The database is locked by another program for too long: the data was not read. Wait "
        "a moment and try again."
    )
    assert saved.value.message == (
        "The database is locked by another program for too long: nothing was saved. Wait a "
        "moment and try again."
    )
