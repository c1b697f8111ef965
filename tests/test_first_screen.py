"""The first screen of a start: the roster read from the file with the standard library, before
SQLAlchemy is imported (core/first_screen.py), then the database opened behind it.

What must hold: the rows are exactly those the database layer reads; anything unusual means no
first screen (the usual start, which reports problems); nothing can be changed until the
database is open; and a file written to in between is read again once it is."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.first_screen import FirstScreen
from bdcq_desktop.core.first_screen_sql import ROSTER_SQL
from bdcq_desktop.core.sqlite_file import EarlyCheck
from tests.start_probe import probed_start

ROOT = Path(__file__).resolve().parents[1]
BODIES = ("committee", "group")


def _full(db: Any, body: str) -> list[mem.MemberRow]:
    read = mem.list_committee if body == "committee" else mem.list_group
    return read(db, include_former=True)


def _varied_roster(db: Any) -> None:
    """Members of both bodies in every state the roster shows: current, ended, ending later,
    starting later, placed in the decision's order or not, with and without a unit, an
    honorific, a decision; one referred to by a meeting (not deletable), names in NFC."""
    from bdcq_desktop.core import units

    today = date.today()
    unit = units.create_unit(db, name="Sở Thông tin và Truyền thông")
    head = mem.create_person(db, full_name="Nguyễn Văn Ánh", honorific="ong", unit_id=unit,
                             position="Giám đốc", phone="0912 345 678", email="a@x.vn")  # fmt: skip
    mem.appoint(db, head, role="head", start_date=today - timedelta(days=400),
                decision_number="12/QĐ-UBND", decision_date=today - timedelta(days=401),
                field="Chuyển đổi số", area="Thành phố Vinh")  # fmt: skip
    deputy = mem.create_person(db, full_name="Trần Thị Bích", honorific="ba")
    ended = mem.appoint(db, deputy, role="deputy_head", start_date=today - timedelta(days=300))
    row = next(r for r in _full(db, "committee") if r.id == ended)
    mem.end_membership(db, ended, end_date=today - timedelta(days=10),
                       expected_version=row.version, decision_number="5/QĐ-UBND",
                       decision_date=today - timedelta(days=11))  # fmt: skip
    later = mem.create_person(db, full_name="Lê Hoàng Đức")
    mem.appoint(db, later, role="member", start_date=today + timedelta(days=5))
    nameless_unit = mem.create_person(db, full_name="Phạm Ngọc Ưng")
    mem.appoint(db, nameless_unit, body="group", role="leader", start_date=today)
    mem.appoint(db, head, body="group", role="member", start_date=today - timedelta(days=3))


def test_the_stored_sql_is_the_roster_query_compiled() -> None:
    # Fails when the roster's query changes and the first screen's copy was not written again
    # (python -m bdcq_desktop.core.first_screen).
    for body in BODIES:
        assert ROSTER_SQL[body] == mem.roster_sql(body), body


def test_rows_are_those_of_the_database_layer(db: Any) -> None:
    _varied_roster(db)
    first = FirstScreen(db.sqlite_path)
    for body in BODIES:
        rows = first.roster(body)
        assert rows, body
        assert rows == _full(db, body), body
    assert not first.failed
    assert first.unchanged()
    committee = first.roster("committee")
    assert committee[0].full_name == "Nguyễn Văn Ánh"
    assert any(not r.active for r in committee)  # the ended and the not yet started


def test_rows_of_the_demo_data_are_those_of_the_database_layer(demo_db: Any) -> None:
    first = FirstScreen(demo_db.sqlite_path)
    for body in BODIES:
        rows = first.roster(body)
        assert rows and rows == _full(demo_db, body), body
    # Members the demo's meetings refer to may not be deleted as mistakes: computed alike.
    assert not all(r.deletable for r in first.roster("committee"))


def test_a_value_it_cannot_read_means_no_first_screen(db: Any) -> None:
    _varied_roster(db)
    path = db.sqlite_path
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE committee_membership SET decision_date = 'hôm qua'")
    con.commit()
    con.close()
    first = FirstScreen(path)
    assert first.roster("committee") == []
    assert first.failed
    assert not first.unchanged()  # so the start reads the roster again, the usual way


def test_only_a_checked_current_file_has_a_first_screen(db: Any, tmp_path: Path) -> None:
    _varied_roster(db)
    path = db.sqlite_path
    db.dispose()
    assert FirstScreen.of(None) is None  # a URL: no early check
    check = EarlyCheck(path)
    check.intact(path)  # waits for the check
    first = FirstScreen.of(check)
    assert first is not None and first.path == path
    # An older schema: the start upgrades it first.
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0007_reports'")
    con.commit()
    con.close()
    assert FirstScreen.of(EarlyCheck(path)) is None
    # A file that is not a database at all.
    other = tmp_path / "not.sqlite3"
    other.write_bytes(b"not a database" * 100)
    assert FirstScreen.of(EarlyCheck(other)) is None


def test_a_write_after_the_first_screen_is_seen(db: Any) -> None:
    _varied_roster(db)
    first = FirstScreen(db.sqlite_path)
    first.roster("committee")
    assert first.unchanged()
    mem.appoint(db, mem.create_person(db, full_name="Đỗ Minh Châu"), role="member",
                start_date=date.today())  # fmt: skip
    assert not first.unchanged()


def test_the_first_screen_imports_no_database_layer(db: Any) -> None:
    """The roster's whole tab and the first screen, imported and read in a fresh process:
    SQLAlchemy stays out (it is what the first screen is not waiting for)."""
    _varied_roster(db)
    db.dispose()
    code = (
        "import sys; from pathlib import Path\n"
        "import bdcq_desktop.ui.main_window, bdcq_desktop.ui.tabs.members_tab\n"
        "from bdcq_desktop.core.first_screen import FirstScreen\n"
        f"rows = FirstScreen(Path({str(db.sqlite_path)!r})).roster('committee')\n"
        "print(len(rows), sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'reportlab', 'openpyxl')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["3", "[]"], out.stdout


# -- the window ------------------------------------------------------------------------------


@pytest.fixture
def roster_file(db: Any) -> Path:
    _varied_roster(db)
    path = db.sqlite_path
    db.dispose()
    return path


def _open(path: Path) -> Any:
    from bdcq_desktop.core.db import open_database

    return open_database(path, verify=True)


def test_window_shows_the_roster_then_edits_once_the_database_is_open(
    qtbot: Any, roster_file: Path
) -> None:
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    opened: list[bool] = []
    first = FirstScreen(roster_file)
    assert window.show_first_screen(first, lambda: opened.append(True))
    qtbot.waitUntil(lambda: bool(opened))  # called once the rows are painted
    view = window.members_tab.committee
    names = [r.full_name for r in view.table.model.rows()]
    assert "Nguyễn Văn Ánh" in names
    view.table.select_where(lambda r: r.full_name == "Nguyễn Văn Ánh")
    assert view.table.current_row() is not None
    # Until the database is open nothing can be changed: no action, no Enter on a row.
    assert not view.new_action.isEnabled() and not view.edit_action.isEnabled()
    assert not view.import_action.isEnabled() and not view.reorganise_action.isEnabled()
    view.table.activated.emit(view.table.current_row())
    assert view.last_dialog is None
    # The other views wait for the database: switched to, the units view reads nothing yet,
    # and reads its rows once the database is open.
    tab = window.members_tab
    tab.views.setCurrentWidget(tab.units)
    assert tab.units.table.model.rowCount() == 0

    db = _open(roster_file)
    try:
        window.attach(db)
        assert first.unchanged()
        window.load_data(front_read=True)
        assert view.db is db and tab.units.db is db and tab.matrix.db is db
        qtbot.waitUntil(lambda: tab.units.table.model.rowCount() > 0)
        tab.views.setCurrentWidget(tab.committee)
        assert view.new_action.isEnabled() and view.edit_action.isEnabled()
        assert view.import_action.isEnabled() and view.reorganise_action.isEnabled()
        view.table.select_where(lambda r: r.full_name == "Nguyễn Văn Ánh")
        view.edit_current()
        assert view.last_dialog is not None
        view.last_dialog.close()
    finally:
        window.close()
        db.dispose()


def test_a_file_written_to_before_the_database_opened_is_read_again(
    qtbot: Any, roster_file: Path
) -> None:
    """The start (ui/app.py) reads the roster again when the file changed after the first
    screen: here another officer appoints a member in between."""
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    first = FirstScreen(roster_file)
    opened: list[bool] = []
    assert window.show_first_screen(first, lambda: opened.append(True))
    qtbot.waitUntil(lambda: bool(opened))
    view = window.members_tab.committee
    before = len(view.table.model.rows())
    db = _open(roster_file)
    try:
        mem.appoint(db, mem.create_person(db, full_name="Đỗ Minh Châu"), role="member",
                    start_date=date.today())  # fmt: skip
        window.attach(db)
        window.load_data(front_read=first.unchanged())
        qtbot.waitUntil(lambda: len(view.table.model.rows()) == before + 1)
        assert "Đỗ Minh Châu" in [r.full_name for r in view.table.model.rows()]
    finally:
        window.close()
        db.dispose()


def test_a_whole_start_shows_the_first_screen_before_sqlalchemy(roster_file: Path) -> None:
    lines = dict(probed_start(roster_file))
    assert lines["sqlalchemy-before-rows"] == "no", lines
    assert float(lines["mapped"]) <= float(lines["rows"]) <= float(lines["ready"])


def test_a_start_waits_for_a_check_still_reading_at_the_first_paint(roster_file: Path) -> None:
    """On a large file (a decade's register holds its PDFs) the early check may still be
    reading when the window is first painted: the start waits for its verdict, a little, and
    shows the first screen, instead of showing no row until the database layer is imported.
    Here another program holds the file until the window has painted, so the check is
    certainly pending when the start asks for it."""
    from tests.start_probe import ROOT

    holder: sqlite3.Connection | None = sqlite3.connect(
        roster_file, isolation_level=None, timeout=0
    )
    assert holder is not None
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    start = subprocess.Popen(
        [sys.executable, "-m", "bdcq_desktop", "--db", str(roster_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "BDCQ_EXIT_AFTER_SHOWN": "1",
             "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    lines: dict[str, str] = {}
    try:
        assert start.stdout is not None
        for line in start.stdout:
            name, _, value = line.strip().partition(" ")
            lines[name] = value
            if name == "mapped" and holder is not None:
                holder.execute("ROLLBACK")
                holder.close()  # the exclusive lock goes with the connection
                holder = None
        _out, err = start.communicate(timeout=300)
    finally:
        if holder is not None:
            holder.close()
        if start.poll() is None:
            start.kill()
    assert start.returncode == 0, err
    assert lines["sqlalchemy-before-rows"] == "no", lines
    assert float(lines["mapped"]) <= float(lines["rows"]) <= float(lines["ready"])
