"""Reads made by dialogs (opening and reading their record, a picker listing people, a
preview, the history, an export) refused by a SQLite file another program holds locked say
the data was not read, never "chưa lưu được gì": nothing was being saved. The dialogs here are
opened from a pane's button or a menu, not by a list's action (tests/test_read_refusals.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import engine, meetings, sqlite_file, units
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.storage_errors import StorageError
from tests.sqlite_lock import held_exclusively
from tests.test_read_refusals import _said_as_a_read, _said_as_a_save, _two_meetings

LOCKED = "đang bị một chương trình khác khóa"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A database with two meetings, and ``lock()``: another program's exclusive
    lock held on its file while inside (no other connection may read it), its busy wait
    shortened to 0.2 s (10 s in use)."""
    path = tmp_path / "bcd.sqlite3"
    db = open_database(str(path))
    first, _second = _two_meetings(db)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.2)

    @contextmanager
    def lock() -> Iterator[None]:
        db.engine.dispose()  # the pooled connection let go: the next read needs the lock
        with held_exclusively(path):
            yield

    yield db, first, lock
    db.dispose()


def _refused(build: Callable[[], Any]) -> str:
    with pytest.raises(StorageError) as refused:
        build()
    return refused.value.message


def test_dialogs_opened_from_a_pane_or_a_menu_say_their_read_was_refused(
    qtbot: Any, office: Any
) -> None:
    """Each dialog reads as it opens (its record, the people and units its pickers list, the
    history): opened from a pane's button (Lịch sử, Thêm người dự, Thêm kết luận) or a menu
    (Thiết lập…, Số đã cấp ngoài phần mềm…), not by a list's action that marks it a read."""
    from bdcq_desktop.ui.dialogs.change_log_dialog import ChangeLogDialog
    from bdcq_desktop.ui.dialogs.conclusion_dialog import ConclusionDialog
    from bdcq_desktop.ui.dialogs.numbering_dialog import NumberingDialog
    from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog
    from bdcq_desktop.ui.dialogs.walk_in_dialog import WalkInDialog

    db, first, lock = office
    detail = meetings.get_meeting(db, first)
    with lock():
        # The history says why it is empty in its own line (meeting_history builds it so).
        history = ChangeLogDialog(db, "meeting", first, children=True, title=detail.title)
        qtbot.addWidget(history)
        said = {
            "Lịch sử": history.message.text(),
            "Thêm người dự": _refused(lambda: WalkInDialog(db, first)),
            "Thêm kết luận": _refused(lambda: ConclusionDialog(db, detail, None)),
            "Số đã cấp": _refused(lambda: NumberingDialog(db)),
            "Thiết lập": _refused(lambda: SettingsDialog(db)),
        }
        saved = _refused(lambda: units.create_unit(db, name="Sở Tư pháp"))  # a save
    for where, text in said.items():
        assert LOCKED in text, (where, text)
        _said_as_a_read(text)
    assert LOCKED in saved
    _said_as_a_save(saved)


def test_the_minutes_exported_on_a_worker_thread_say_their_read_was_refused(
    tmp_path: Path, office: Any
) -> None:
    """Xuất Word / PDF of the minutes runs on a worker thread (the read scope is the thread's
    own): it only reads, so its refusal does too."""
    from bdcq_desktop.ui.tabs.minutes_dialogs import write_minutes_docx, write_minutes_pdf

    db, first, lock = office
    with lock():
        word = _refused(lambda: write_minutes_docx(db, first, str(tmp_path / "bb.docx")))
        pdf = _refused(lambda: write_minutes_pdf(db, first, str(tmp_path / "bb.pdf"), None))
    for text in (word, pdf):
        assert LOCKED in text, text
        _said_as_a_read(text)
    assert not (tmp_path / "bb.docx").exists() and not (tmp_path / "bb.pdf").exists()
