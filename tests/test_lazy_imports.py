"""The main window starts without the heavy modules: they are imported when first needed."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("reportlab", "openpyxl", "alembic", "bdcq_desktop.documents")


def test_main_window_import_leaves_the_document_engine_out() -> None:
    code = (
        "import sys, bdcq_desktop.ui.main_window\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == []
    # The modules exist: the test would pass vacuously if the names were wrong.
    check = subprocess.run(
        [sys.executable, "-c", f"import {', '.join(HEAVY)}"], env=env, check=False
    )
    assert check.returncode == 0


def test_revision_of_a_sqlite_file_read_without_the_engine(tmp_path: Path) -> None:
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.migrations import HEAD
    from bdcq_desktop.core.sqlite_file import stored_revision

    path = tmp_path / "d.sqlite3"
    assert stored_revision(path) is None  # no file yet
    open_database(path).dispose()
    assert stored_revision(path) == HEAD
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert stored_revision(junk) is None  # left to the full check, which names the problem


def test_the_core_names_every_meeting_document_the_engine_builds() -> None:
    """The meetings tab lists a meeting's documents from the core's vocabulary (so the engine
    is not loaded to draw the tab): that list must be the registry's own."""
    from bdcq_desktop.core.labels import DOCUMENT_KIND_LABELS, MEETING_DOCUMENT_KINDS
    from bdcq_desktop.documents import service

    assert list(MEETING_DOCUMENT_KINDS) == [k.name for k in service.kinds_for("meeting")]
    assert set(DOCUMENT_KIND_LABELS) == {k.name for k in service.KINDS.values()}


CLI_HEAVY = (
    "sqlalchemy",
    "reportlab",
    "PySide6",
    "openpyxl",
    "alembic",
    "bdcq_desktop.core.models",
    "bdcq_desktop.documents",
)


def _imported_by(*args: str) -> set[str]:
    """Every module a whole ``bdcq`` process imports, as Python itself reports them."""
    env = dict(os.environ)
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bdcq_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in out.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    return names - {"package"}  # the header line of the report


def test_cli_help_imports_no_database_engine_documents_or_qt(tmp_path: Path) -> None:
    """``bdcq --help`` (and every subcommand's parser) answers without SQLAlchemy, the models,
    reportlab or Qt: those are imported inside the command that needs them."""
    for args in (["--help"], ["meetings", "--help"], ["export", "--help"]):
        names = _imported_by(*args)
        assert "bdcq_desktop.commands.common" in names  # the report is read right
        heavy = sorted(n for n in names if n.split(".")[0] in CLI_HEAVY or n.startswith(CLI_HEAVY))
        assert heavy == [], args
    # …while a command that reads the database does import them: the names above are real.
    assert "sqlalchemy" in _imported_by("--db", str(tmp_path / "d.sqlite3"), "members", "list")


def test_building_the_parser_imports_no_heavy_module() -> None:
    code = (
        "import sys, bdcq_desktop.cli; bdcq_desktop.cli.build_parser();"
        f" print(' '.join(m for m in sys.modules if m.split('.')[0] in {CLI_HEAVY!r}"
        f" or m.startswith({CLI_HEAVY!r})))"
    )
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == []


# A real start, left alone: when, and on which thread, the document engine is imported.
AFTER_A_START = """
import sys, threading, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

WATCHED = ("reportlab.platypus.paragraph", "bdcq_desktop.documents",
           "bdcq_desktop.ui.dialogs.document_dialog")
turns = [0]  # turns of the event loop, counted once the window is built
importers = {}


class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in WATCHED:
            on_gui = threading.current_thread() is threading.main_thread()
            importers.setdefault(name, (on_gui, turns[0]))
        return None


sys.meta_path.insert(0, Watch())
import bdcq_desktop.ui.app as app
import bdcq_desktop.ui.main_window as main_window

built = main_window.MainWindow.__init__


def report(window):
    print("asked", sorted(importers.items()), flush=True)
    dialog = window.document_actions.open_for_current()
    QApplication.processEvents()
    print("opened", dialog.objectName(), flush=True)
    QApplication.quit()


def init(self, *args, **kwargs):
    built(self, *args, **kwargs)
    waited = time.perf_counter()
    ticker = QTimer(self)
    ticker.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    ticker.start(0)

    def poll():
        # Once the dialog's module is in, or 20 s after the start if it never comes.
        if "bdcq_desktop.ui.dialogs.document_dialog" in sys.modules or (
            time.perf_counter() - waited > 20
        ):
            report(self)
        else:
            QTimer.singleShot(100, poll)

    QTimer.singleShot(100, poll)


main_window.MainWindow.__init__ = init
sys.argv = ["bdcq-desktop", "--db", sys.argv[1]]
app.main()
"""


def test_a_start_imports_the_document_engine_ahead_a_module_per_turn(tmp_path: Path) -> None:
    """Once the tabs are built, a start imports the document dialog and its engine before
    the officer asks for a document (which then opens without 0.1-0.15 s of imports): on the
    GUI thread, never in a second one (the documents package imports itself, and a thread
    entering it midway gets a module half made), a module per turn of the event loop."""
    path = tmp_path / "demo.sqlite3"
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    # The demo as `bdcq demo` makes it, its documents issued: a start has nothing to finish.
    subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(path), "demo"],
        capture_output=True,
        env=env,
        timeout=300,
        check=True,
    )
    out = subprocess.run(
        [sys.executable, "-c", AFTER_A_START, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines["opened"].startswith("documentDialog"), out.stdout
    asked = dict(ast.literal_eval(lines["asked"]))
    engine, package, dialog = (
        asked["reportlab.platypus.paragraph"],
        asked["bdcq_desktop.documents"],
        asked["bdcq_desktop.ui.dialogs.document_dialog"],
    )
    assert engine[0] and package[0] and dialog[0], asked  # on the GUI thread
    assert engine[1] < package[1] < dialog[1], asked  # each in a turn of its own


def test_the_guide_is_imported_only_when_asked() -> None:
    """F1 is offered by the main window and by the windows and dialogs that have a section of
    their own (ui/help_key.py); the guide's window, and the reading of its file, come only
    when F1 or Trợ giúp › Hướng dẫn sử dụng is pressed."""
    code = (
        "import sys, bdcq_desktop.ui.main_window, bdcq_desktop.ui.help_key,"
        " bdcq_desktop.ui.live_meeting, bdcq_desktop.ui.dialogs.document_dialog,"
        " bdcq_desktop.ui.dialogs.settings_dialog, bdcq_desktop.ui.dialogs.backups_dialog\n"
        "print('bdcq_desktop.ui.guide_window' in sys.modules)\n"
        "import bdcq_desktop.ui.guide_window\n"  # the name is real
    )
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"


# Modules of today's pages that a start and a self-test have no use for: the date editor
# beside "Hạn từ" (with its completer's list) until "Từ ngày…" is chosen, the Excel export
# until "Xuất Excel…" is, the user guide until F1.
LATER = (
    "bdcq_desktop.ui.editors",
    "bdcq_desktop.ui.choice_list",
    "bdcq_desktop.ui.table_export",
    "bdcq_desktop.ui.guide_window",  # the user guide, until F1
)


def test_a_self_test_visits_every_page_without_the_date_editor_or_the_export(
    demo_template: Path,
    tmp_path: Path,
) -> None:
    import shutil

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    names = _imported_by_app("--self-test", "--db", str(path))
    assert "bdcq_desktop.ui.tabs.chase_list" in names  # the chase page was built and read
    assert "bdcq_desktop.ui.tabs.report_rounds" in names
    assert sorted(n for n in LATER if n in names) == []


def _imported_by_app(*args: str) -> set[str]:
    """Every module a whole ``bdcq-desktop`` process imports (offscreen)."""
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bdcq_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in out.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def test_the_credential_store_is_asked_only_for_a_remembered_server(tmp_path: Path) -> None:
    """keyring finds its backends through every installed package's entry points (some 0.1 s):
    a start, or a command, on this computer's own file never imports it; looking the server
    up does."""
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.units import create_unit

    path = tmp_path / "office.sqlite3"
    db = open_database(path)
    create_unit(db, name="Sở Y tế")  # not empty: the start asks nothing
    db.dispose()
    shown = _imported_by_app("--db", str(path), "--screenshot", str(tmp_path / "start.png"))
    assert "bdcq_desktop.core.server_choice" in shown and (tmp_path / "start.png").exists()
    assert "keyring" not in shown
    for args in (["members", "list"], ["--db", str(path), "members", "list"]):
        names = _imported_by(*args)
        assert "bdcq_desktop.core.server_choice" in names, args
        assert "keyring" not in names, args
    assert "keyring" in _imported_by("connect", "--show")  # the name is the module's


# The change log's dialog and its vocabulary (core/change_log names the fields of every kind
# of record, so it imports a dozen core modules' labels): a record pane builds the
# "Lịch sử thay đổi…" action at start, the dialog comes when a history is first opened.
HISTORY = ("bdcq_desktop.ui.dialogs.change_log_dialog", "bdcq_desktop.core.change_log")
# What pages built at start need only once acted on or shown: the autosave of the live notes
# while a meeting is held (the record reads its notes through core/item_notes), a task's
# history when a task is picked, the rows and figures of Báo cáo › Nhiệm vụ, Tổng hợp's
# overview and Đôn đốc's chase when those pages are first shown.
ACTED_ON = (
    "bdcq_desktop.core.live_notes",
    "bdcq_desktop.core.task_history",
    "bdcq_desktop.core.task_tracking",
    "bdcq_desktop.core.task_first_rows",
    "bdcq_desktop.core.task_read",
    "bdcq_desktop.core.report_overview",
    "bdcq_desktop.core.chase",
)


def test_a_self_test_reads_every_record_without_the_change_log_or_what_acts_need(
    demo_template: Path,
    tmp_path: Path,
) -> None:
    import shutil

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    names = _imported_by_app("--self-test", "--db", str(path))
    # The meeting's and the session's record panes, with their history action, were built.
    assert {"bdcq_desktop.ui.tabs.meeting_record", "bdcq_desktop.ui.tabs.session_record"} <= names
    assert sorted(n for n in HISTORY if n in names) == []
    # The Nhiệm vụ, Tổng hợp and Đôn đốc pages were built.
    built = ("task_acts", "report_matrix", "chase_model")
    assert {f"bdcq_desktop.ui.tabs.{name}" for name in built} <= names
    assert sorted(n for n in ACTED_ON if n in names) == []
    # …and the names are real: opening a history imports them (tests/test_ui_history.py).
    check = subprocess.run(
        [sys.executable, "-c", f"import {', '.join(HISTORY + ACTED_ON)}"],
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert check.returncode == 0


def test_the_read_scope_the_window_enters_at_start_imports_no_sqlalchemy() -> None:
    """The window marks its reads (core.read_scope) on its own thread while the start may still
    be importing SQLAlchemy in the background: a module importing SQLAlchemy there met a
    half-initialised ``sqlalchemy.engine`` and the start failed (tests/test_startup_order.py)."""
    code = "import sys, bdcq_desktop.core.read_scope\nprint('sqlalchemy' in sys.modules)\n"
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"
    # The window's reads use it, not storage_errors (which imports SQLAlchemy).
    for path in (root / "bdcq_desktop" / "ui").rglob("*.py"):
        assert "storage_errors import reading" not in path.read_text(encoding="utf-8"), path
