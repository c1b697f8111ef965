"""Reads made inside a dialog after it opened, or right after a save, refused by the storage
(a SQLite file another program holds with an exclusive lock, or a file damaged on disk) say
the data was not read, never "chưa lưu được gì": nothing was being saved, or the save was done.

The reads: a stale save's reading of the newest version (an agenda, a session's attendance,
compared before "giữ phần tôi đã nhập"); "Tải lại" after another officer's save (the invitees,
a session's participants, the settings), which no longer says "Đã đọc lại" when it read
nothing; the people of a day typed in a meeting's form; the round preview, which now says why
it shows nothing (no regime, the database not read); whether a document can be issued; the
list read again after a save. Each refusal is real: another connection's lock on the file
(tests/test_read_refusals_dialogs.py), or the file's header written over
(tests/test_damaged_in_use.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import engine, meetings, regimes, sqlite_file, units
from bdcq_desktop.core.agenda import set_agenda
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.storage_errors import StorageError
from tests.sqlite_lock import held_exclusively
from tests.test_damaged_in_use import _damage
from tests.test_meeting_record import _meeting
from tests.test_read_refusals import _said_as_a_read
from tests.test_stale_dialogs import _busy_session, _invite_guest, _retitle

LOCKED = "đang bị một chương trình khác khóa"
DAYS = timedelta(days=9)


@pytest.fixture
def lock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``lock(db)``: while inside, another program holds ``db``'s file with an exclusive lock
    (no other connection may read it); the busy wait shortened to 0.2 s (10 s in use)."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.2)

    @contextmanager
    def held(db: Database, *others: Database) -> Iterator[None]:
        """``others``: the other officers' Databases on the file, their connections let go
        (WAL: a connection kept open holds the file shared)."""
        assert db.sqlite_path is not None
        for database in (db, *others):
            database.engine.dispose()  # the pooled connections let go: a read needs the lock
        with held_exclusively(db.sqlite_path):
            yield

    return held


@pytest.fixture
def other(db_path: Path, db: Any) -> Iterator[Database]:
    """Officer B's PC: another Database on the same file."""
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def demo_other(demo_db: Any, tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "demo.sqlite3")
    yield database
    database.dispose()


def _open(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _banner(dialog: Any) -> str:
    assert dialog.banner.isVisible()
    return dialog.banner_label.text()


def _ticked(dialog: Any, row: int, col: int) -> bool:
    return dialog.grid.item(row, col).checkState() == Qt.CheckState.Checked


# -- a stale save compares with the newest version: read first --------------------------------
def test_an_agenda_compared_after_another_officers_save_says_the_newest_was_not_read(
    qtbot: Any, db: Any, other: Database, lock: Any
) -> None:
    from bdcq_desktop.ui.dialogs.agenda_dialog import AgendaDialog

    mid = _meeting(db)["meeting"]
    dialog = _open(qtbot, AgendaDialog(db, mid))
    _retitle(dialog, 0, "Khai mạc hội nghị (A sửa)")
    seen = meetings.get_meeting(other, mid)
    lines = seen.agenda_lines()
    set_agenda(other, mid, [replace(lines[0], title="Khai mạc (B sửa)"), *lines[1:]],
               expected_version=seen.version)  # fmt: skip
    assert not dialog.try_save()
    dialog.conflict.back_button.click()  # the typing kept; the next Lưu compares again
    with lock(db, other):
        assert not dialog.try_save()  # reads the newest agenda: refused
    said = _banner(dialog)
    assert LOCKED in said and "vừa được người khác sửa" in said, said
    _said_as_a_read(said)
    assert "bấm “Lưu” để đọc lại" in said and dialog.conflict is None
    assert dialog.model.items[0]["title"] == "Khai mạc hội nghị (A sửa)"
    assert not dialog.try_save() and dialog.conflict is not None  # read now: compared


def test_a_sessions_attendance_compared_after_another_officers_save_says_it_was_not_read(
    qtbot: Any, demo_db: Any, demo_other: Database, lock: Any
) -> None:
    from bdcq_desktop.core import session_detail, session_people
    from bdcq_desktop.ui.dialogs.session_dialogs import AttendanceDialog

    d = _busy_session(demo_db)
    second, day = d.participants[1], d.days[0]
    dialog = _open(qtbot, AttendanceDialog(demo_db, d.id))
    mine = not _ticked(dialog, 0, 1)
    dialog.grid.item(0, 1).setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
    days = sorted(set(second.days) - {day} if day in second.days else {*second.days, day})
    seen = session_detail.get_session(demo_other, d.id)
    session_people.set_attendance(
        demo_other, d.id,
        [session_people.Attendance(second.id, tuple(days), second.absence_reason or None)],
        expected_version=seen.version, confirm_double_attendance=True,
    )  # fmt: skip
    assert not dialog.try_save()
    dialog.conflict.back_button.click()
    with lock(demo_db, demo_other):
        assert not dialog.try_save()
    said = _banner(dialog)
    assert LOCKED in said, said
    _said_as_a_read(said)
    assert _ticked(dialog, 0, 1) is mine  # nothing ticked is lost


# -- "Tải lại" after another officer's save ----------------------------------------------------
def test_the_invite_dialogs_reload_refused_does_not_say_it_read_again(
    qtbot: Any, db: Any, other: Database, lock: Any
) -> None:
    from bdcq_desktop.ui.dialogs.invitees_dialog import InviteDialog

    mid = _meeting(db)["meeting"]
    dialog = _open(qtbot, InviteDialog(db, mid))
    dialog.guest.fields["guest_name"].set_value("Bà Khách A")
    _invite_guest(other, mid)
    assert not dialog.try_save() and dialog.reload_button.isVisible()
    with lock(db, other):
        dialog.reload_button.click()
    said = _banner(dialog)
    assert LOCKED in said and "Đã đọc lại" not in said, said
    _said_as_a_read(said)
    assert dialog.reload_button.isVisible()  # to try again
    assert dialog.guest.values()["guest_name"] == "Bà Khách A"
    dialog.reload_button.click()
    assert _banner(dialog).startswith("Đã đọc lại cuộc họp")
    assert dialog.try_save(), dialog.banner_label.text()


def test_the_participants_dialogs_reload_refused_does_not_say_it_read_again(
    qtbot: Any, demo_db: Any, demo_other: Database, lock: Any
) -> None:
    from bdcq_desktop.core import session_detail, session_people
    from bdcq_desktop.ui.dialogs.session_dialogs import ParticipantsDialog

    d = _busy_session(demo_db)
    dialog = _open(qtbot, ParticipantsDialog(demo_db, d.id))
    rows = dialog.new_rows()
    rows.add_row()
    rows.cell(0, "full_name").setText("Người Mới A")
    seen = session_detail.get_session(demo_other, d.id)
    session_people.add_participants(
        demo_other, d.id, new_experts=[{"full_name": "Người Mới B"}],
        expected_version=seen.version, confirm_after_convocation=True,
    )  # fmt: skip
    assert not dialog.try_save()
    with lock(demo_db, demo_other):
        dialog.reload_button.click()
    said = _banner(dialog)
    assert LOCKED in said and "Đã đọc lại" not in said, said
    _said_as_a_read(said)
    assert dialog.reload_button.isVisible() and rows.cell(0, "full_name").text() == "Người Mới A"


def test_the_settings_reload_refused_keeps_everything_typed(
    qtbot: Any, demo_db: Any, demo_other: Database, lock: Any
) -> None:
    from bdcq_desktop.core.settings import update_organisation
    from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog

    dialog = _open(qtbot, SettingsDialog(demo_db))
    name = dialog.org_form.editor("committee_name")
    name.setText("Ban Chỉ đạo chuyển đổi số tỉnh (A)")  # type: ignore[attr-defined]
    update_organisation(demo_other, place_name="Hà Tĩnh (B)")
    assert not dialog.try_save() and dialog.reload_button.isVisible()
    with lock(demo_db, demo_other):
        dialog.reload_button.click()
    said = _banner(dialog)
    assert LOCKED in said and "Đã tải bản mới nhất" not in said, said
    _said_as_a_read(said)
    assert name.text() == "Ban Chỉ đạo chuyển đổi số tỉnh (A)"  # type: ignore[attr-defined]
    assert dialog.org_form.editor("place_name").text() != "Hà Tĩnh (B)"  # type: ignore[attr-defined]
    assert dialog.reload_button.isVisible()
    dialog.reload_button.click()
    assert _banner(dialog).startswith("Đã tải bản mới nhất")
    assert dialog.org_form.editor("place_name").text() == "Hà Tĩnh (B)"  # type: ignore[attr-defined]


# -- reads on a change in the form ----------------------------------------------------------------
def test_a_meetings_day_typed_reads_its_people_and_a_refusal_says_so(
    qtbot: Any, db: Any, lock: Any
) -> None:
    from bdcq_desktop.ui.dialogs.meeting_dialogs import new_meeting_dialog

    _meeting(db)
    dialog = _open(qtbot, new_meeting_dialog(db))
    dialog.form.fields["title"].set_value("Họp chuyên đề")
    starts = dialog.form.editor("starts_at")
    with lock(db):
        dialog.form.fields["starts_at"].set_value(datetime.combine(date.today(), time(8)) + DAYS)
        starts.edit.editingFinished.emit()
    said = _banner(dialog)
    assert LOCKED in said, said
    _said_as_a_read(said)
    assert dialog.form.fields["title"].value() == "Họp chuyên đề"
    starts.edit.editingFinished.emit()  # read now: the refusal said goes
    assert not dialog.banner.isVisible()


def test_the_round_preview_says_why_it_shows_nothing(qtbot: Any, db: Any, lock: Any) -> None:
    from bdcq_desktop.ui.dialogs.round_open import OpenRoundDialog

    today = date(2026, 5, 4)
    empty = _open(qtbot, OpenRoundDialog(db, today=today))
    assert "chưa có chế độ báo cáo định kỳ nào" in empty.preview.text()
    unit = units.create_unit(db, name="Sở Y tế")
    regimes.create_regime(db, name="Báo cáo quý", frequency="quarterly", unit_ids=[unit])
    dialog = _open(qtbot, OpenRoundDialog(db, today=today))
    assert "Quý II/2026" in dialog.preview.text() and "1 đơn vị" in dialog.preview.text()
    with lock(db):
        dialog.form.set_values({"number": 3})
    said = dialog.preview.text()
    assert said.startswith("Chưa xem trước được đợt báo cáo:") and LOCKED in said, said
    _said_as_a_read(said)
    dialog.form.set_values({"number": 4})
    assert "Quý IV/2026" in dialog.preview.text()


def test_the_round_preview_of_a_damaged_file_says_it_was_not_read(
    qtbot: Any, db: Any, db_path: Path
) -> None:
    from bdcq_desktop.ui.dialogs.round_open import OpenRoundDialog

    regimes.create_regime(db, name="Báo cáo quý", frequency="quarterly")
    dialog = _open(qtbot, OpenRoundDialog(db, today=date(2026, 5, 4)))
    _damage(db, db_path, "header")
    dialog.form.set_values({"number": 3})
    said = dialog.preview.text()
    assert "không phải tệp cơ sở dữ liệu SQLite" in said, said
    _said_as_a_read(said)


# -- reads outside a dialog's form ---------------------------------------------------------------
def test_whether_a_document_can_be_issued_is_a_read(db: Any, lock: Any) -> None:
    from bdcq_desktop.documents.issue_readiness import issue_refusal

    mid = _meeting(db)["meeting"]
    with lock(db), pytest.raises(StorageError) as refused:
        issue_refusal(db, "minutes", mid)
    assert LOCKED in refused.value.message
    _said_as_a_read(refused.value.message)


def test_the_list_read_again_after_a_save_says_it_was_not_read(
    qtbot: Any, db: Any, lock: Any
) -> None:
    """The save is done when the list is read again: its refusal must not say otherwise."""
    from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab

    mid = _meeting(db)["meeting"]
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload()
    view = tab.view
    qtbot.waitUntil(lambda: not view.current_pending())
    with lock(db), pytest.raises(StorageError) as refused:
        view.after_save(mid)
    assert LOCKED in refused.value.message
    _said_as_a_read(refused.value.message)
    qtbot.waitUntil(lambda: not view.current_pending())  # the row shown, read now
    assert "Họp Ban Chỉ đạo 6 tháng" in view.pane.heading.text()
    tab.close()
