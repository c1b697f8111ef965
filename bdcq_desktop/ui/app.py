"""``bdcq-desktop``: start the GUI (``--self-test`` checks an install or a bundle)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from .prefetch import DOCUMENT_ENGINE, import_in_turns, import_tabs

if TYPE_CHECKING:  # QtWidgets is imported by main(), after the arguments are read
    from PySide6.QtWidgets import QMessageBox


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bdcq-desktop",
        description="BCĐ Desktop — ứng dụng cho văn phòng Ban Chỉ đạo / the secretariat's app",
    )
    parser.add_argument("--db", metavar="PATH", help="tệp SQLite hoặc URL / SQLite file or URL")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="mở mọi thẻ trên dữ liệu mẫu tạm rồi thoát / open every tab on temporary demo "
        "data, render it, exit 0",
    )
    parser.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    return parser.parse_args(list(argv))


def set_language(app) -> None:  # type: ignore[no-untyped-def]
    """Vietnamese for every widget made from now on (dates, numbers, a calendar's month and
    day names: QLocale's default) and for Qt's own words (:func:`install_translators`)."""
    from PySide6.QtCore import QLocale

    from .qt_vi import vietnamese

    QLocale.setDefault(vietnamese())
    install_translators(app)


def install_translators(app) -> None:  # type: ignore[no-untyped-def]
    """Qt's own words in Vietnamese, then the application's catalogue for the locale, if any
    (Vietnamese is the source language; an English .qm may ship under ui/translations)."""
    from PySide6.QtCore import QLocale, QTranslator

    from .qt_vi import QtVietnamese

    app.installTranslator(QtVietnamese(app))
    translator = QTranslator(app)
    if translator.load(QLocale(), "bdcq", "_", str(Path(__file__).parent / "translations")):
        app.installTranslator(translator)


def self_test(db_path: str | None) -> int:
    """Open every tab on demo data, render each to an image, draw an official document, and
    report. The document is drawn in a second process started first (it needs neither Qt nor
    the database), so on two cores it is done while the window's checks run."""
    from .document_check import DocumentCheck

    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bdcq-selftest-") as tmp:
        document_check = DocumentCheck(Path(tmp))
        try:
            code = _check_window(Path(tmp), db_path, failures)
        except BaseException:
            document_check.cancel()
            raise
        if code:
            document_check.cancel()
            return code
        # The bundle must carry the fonts and the document engine: one official document, drawn.
        problem = document_check.problem()
    if problem is None:
        print("self-test: official document (sample invitation) drawn: valid PDF, fonts embedded")
    else:
        print(f"self-test: official document not drawn: {problem}", file=sys.stderr)
        failures.append("PDF")
    if failures:
        print(f"self-test: FAILED {failures}", file=sys.stderr)
        return 1
    print("self-test: ok")
    return 0


def drawn(image) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``image`` (a QImage) shows a page drawn, with its text and rules, not a blank or
    a filled area: one pixel in 97 has many values (their blue byte), a blank page one or two."""
    from PySide6.QtGui import QImage

    if image.isNull() or image.width() < 100 or image.height() < 100:
        return False
    # The converted image held by a name: the view of its pixels does not keep it alive.
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    return len(set(memoryview(rgb.constBits())[:: 4 * 97])) >= 16


def _painted(window):  # type: ignore[no-untyped-def]
    """The window as its last paint left it, as a QImage. On the offscreen platform (a server,
    a CI run) the screen's grab reads the window's own backing store, which that paint filled:
    ``grab()`` would paint every widget a second time, a third of the tabs' painting. On a
    real screen the grab would copy whatever lies in front of the window, so there the window
    is painted again into an image."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "offscreen":
        return window.screen().grabWindow(window.winId()).toImage()
    return window.grab().toImage()


def _check_window(tmp: Path, db_path: str | None, failures: list[str]) -> int:
    """The window's half of :func:`self_test`: every tab built over the database, read and
    rendered; the names of those that did not render go to ``failures``. 2 if the database
    cannot be opened, else 0."""

    from PySide6.QtWidgets import QApplication

    from . import view_state

    view_state.remember_nothing()  # the officer's widths and window are left as they were
    # Every module the checks need, first, with the cyclic collector paused: importing makes a
    # great many objects (mapped classes, the mappers' relationships, Qt enums) and no garbage,
    # so its passes over them only cost time. Then they are set aside (frozen) for good: the
    # passes during the checks skip them, and so does the one at exit, which otherwise spent
    # about a third of a second walking the modules of SQLAlchemy and the models.
    from ..core.collector import imports_without_gc

    with imports_without_gc():
        import importlib

        from sqlalchemy.orm import configure_mappers

        from ..core.db import open_database
        from ..core.errors import BcdError
        from . import export_actions  # noqa: F401 - the window's document actions
        from .main_window import TABS, MainWindow

        for module, _ in TABS:
            importlib.import_module(module, __package__)
        configure_mappers()  # done by the first query otherwise
    try:
        db = open_database(tmp / "self-test.sqlite3" if db_path is None else db_path, verify=True)
    except BcdError as exc:
        print(f"self-test: {exc.message}", file=sys.stderr)
        return 2
    from ..core.demo_mark import is_empty

    if is_empty(db):
        from ..documents.demo import load_demo_with_documents

        load_demo_with_documents(db)
    # What a tab's slots raise (a record read once its rows are painted, a paint) reaches Qt,
    # which prints it and goes on: in the application a damaged install would show a page
    # half read. Here it fails the tab.
    escaped: list[str] = []
    printed = sys.excepthook

    def record(kind, value, tb) -> None:  # type: ignore[no-untyped-def]
        escaped.append(f"{kind.__name__}: {value}")
        printed(kind, value, tb)

    window = MainWindow(db)
    window.show()
    sys.excepthook = record
    try:
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            tab = window.tab_at(i)
            tab.stale = False  # read here, not again on its first paint
            tab.reload()
            QApplication.processEvents()
            QApplication.processEvents()  # what the first pass queued (a record read after paint)
            image = _painted(window)
            name = window.tabs.tabText(i)
            if not drawn(image) or escaped:
                failures.append(name)
            for problem in escaped:
                print(f"self-test: {tab.objectName()} ({name}): {problem}", file=sys.stderr)
            escaped.clear()
            print(
                f"self-test: {tab.objectName()} ({name}) rendered {image.width()}x{image.height()}"
            )
        window.close()
        QApplication.processEvents()
        if escaped:  # raised while the window closed
            failures.append("main window")
            for problem in escaped:
                print(f"self-test: closing the window: {problem}", file=sys.stderr)
    finally:
        sys.excepthook = printed
    db.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    # No cyclic garbage collection while the start imports: the objects it makes (modules,
    # classes, tables) live as long as the process, and walking them again and again cost
    # some 8 % of the start. On again once the database is open (_Start._opened).
    gc.disable()
    if args.self_test and not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checked = None if args.self_test else _begin_check(args.db)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("BCD")
    QCoreApplication.setApplicationName("bdcq-desktop")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_language(app)

    if args.self_test:
        gc.enable()
        return self_test(args.db)

    from .main_window import MainWindow

    # The window first, empty: the database (SQLAlchemy, its check, an upgrade) opens in the
    # background once it has been painted, and the tabs then fill it.
    window = MainWindow()
    from .unexpected import UnexpectedErrors

    unexpected = UnexpectedErrors(window)  # a defect's error: told, and logged, not lost
    unexpected.install()
    if os.environ.get("BDCQ_EXIT_AFTER_SHOWN"):  # benchmarks/: time a whole start, then quit
        from .startup_probe import StartupWatcher

        window.startup_watcher = StartupWatcher(app, window)  # type: ignore[attr-defined]
    start = _Start(app, window, args, checked)
    window.installEventFilter(start)
    window.show()
    code = app.exec()
    if start.error is not None:  # the bundle has no console: the log keeps it
        unexpected.log_exception(start.error)
    unexpected.uninstall()
    gc.enable()
    from .auto_backup import wait_for_background_work

    wait_for_background_work()
    if start.error is not None:  # a defect, not a refused file: as loud as before the window
        raise start.error
    if code and window.isVisible():
        window.hide()
    return code


def _begin_check(db_arg: str | None):  # type: ignore[no-untyped-def]
    """SQLite's quick check of the file this start will open, begun now in a thread of its
    own: it reads the whole file, and it runs while Qt and the database layer are imported
    (on the other core; SQLite leaves Python's lock while it reads). None for a URL, and for
    the shared server this computer remembers: its local file is not what opens, and its
    roster must not stand in as the first screen."""
    from ..core.server_choice import start_file
    from ..core.sqlite_file import EarlyCheck

    path = start_file(db_arg)
    return None if path is None else EarlyCheck(path)


def _open_checked(db_arg: str | None, front: int = 0, checked=None, password=None):  # type: ignore[no-untyped-def]
    """In the background: the database opened and checked (``checked``: the check begun at
    the start, see :func:`_begin_check`; ``password``: the remembered server's, typed at this
    start), what start-up asks of it, and the modules of the tab in front imported, so the
    GUI thread only builds widgets."""
    from ..core.db import open_database
    from .startup_questions import start_state

    # A file named with --db that is empty is a damaged one (recovery offered), not a new one.
    db = open_database(
        db_arg, verify=True, checked=checked, refuse_empty=db_arg is not None, password=password
    )
    try:
        empty, due = start_state(db)
        import_tabs([front])
    except BaseException:
        db.dispose()
        raise
    return db, empty, due


def _open_in_background(db_arg, front: int = 0, checked=None):  # type: ignore[no-untyped-def]
    """The start's work after the first paint: the officer's name for the change log (it
    reads the core, hence SQLAlchemy), then the database."""
    from ..core.officer import apply_officer_name

    apply_officer_name()
    return _open_checked(db_arg, front, checked)


# How long a start waits, after the first paint, for the early check before it opens the
# database without a first screen: about what importing the database layer takes.
CHECK_WAIT_S = 0.25
CHECK_POLL_MS = 5


class _Start(QObject):
    """The rest of the start, after the window's first paint: open the database off the GUI
    thread, then (on it) recover or refuse a damaged file, offer the demo data and fill the
    window. A database that cannot be used quits with exit code 2."""

    def __init__(self, app, window, args: argparse.Namespace, checked=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.app, self.window, self.args, self.checked = app, window, args, checked
        self.error: BaseException | None = None
        self.started = False
        self.front = 0
        self.first_screen = None  # a FirstScreen the window shows until the database is open
        self.check_deadline: float | None = None  # see _open
        self.question: QMessageBox | None = None  # the start's question, while open
        self.server_start = None  # a ServerStart, once the remembered server was refused
        if args.db is not None or os.environ.get("BDCQ_DATABASE_URL"):
            window.opened_by = "--db" if args.db is not None else "BDCQ_DATABASE_URL"

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.started and obj is self.window and event.type() == QEvent.Type.Paint:
            self.started = True
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._open)  # queued: this paint reaches the screen first
        return False

    def _open(self) -> None:
        """The roster in front read from the file (a first screen) when it can be, then the
        database opened behind it once those rows are painted: both need Python's lock, and
        the rows are what the officer waits for.

        The first screen needs the early check's verdict. On a large file (a decade's register
        holds its PDFs: 118 MB in the benchmarks) the check may still be reading when the
        window is first painted; it is waited for, a little: the usual way would wait for it
        too (the database is opened only on its verdict), and would show no row before the
        database layer is imported, some 0.3 s later."""
        from ..core.first_screen import FirstScreen

        if self.checked is not None and not self.checked.finished():
            now = time.monotonic()
            if self.check_deadline is None:
                self.check_deadline = now + CHECK_WAIT_S
            if now < self.check_deadline:
                QTimer.singleShot(CHECK_POLL_MS, self._open)
                return
        self.front = max(self.window.tabs.currentIndex(), 0)
        first_screen = FirstScreen.of(self.checked)
        if first_screen is not None and self.window.show_first_screen(
            first_screen, self._open_database
        ):
            self.first_screen = first_screen
            return
        self._open_database()

    def _open_database(self) -> None:
        from .worker import run_in_background

        run_in_background(
            lambda _report: _open_in_background(self.args.db, self.front, self.checked),
            on_success=self._opened,
            on_failure=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        """The opening job's failure. Its boxes do not block: a nested event loop in a job's
        callback let a window be deleted under its box (a double free). The start goes on, or
        quits, from their answers."""
        gc.enable()
        from ..core.db import DatabaseDamagedError
        from ..core.errors import BcdError

        if not isinstance(exc, BcdError):
            self.error = exc
            self.app.exit(1)
            return
        if isinstance(exc, DatabaseDamagedError) and exc.backup is not None:
            from .dialogs.backups_dialog import offer_recovery

            self.question = offer_recovery(exc, self._recovered, self.window)
            return
        if self.server_start is None:
            from .start_server import ServerStart

            self.server_start = ServerStart.of(self)
        if self.server_start is not None:  # the remembered server: asked again, not quit
            self.server_start.failed(exc)
            return
        self._refuse(exc)

    def _refuse(self, exc) -> None:  # type: ignore[no-untyped-def]
        from ..core.storage_errors import ServerUnreachable
        from .startup_questions import refuse_database

        # A server named by --db (or BDCQ_DATABASE_URL) out of reach may answer in a moment,
        # as the remembered one may: tried again on "Thử lại" instead of only quitting.
        retry = self._open_database if isinstance(exc, ServerUnreachable) else None
        self.question = refuse_database(
            exc, self.window, lambda: self.app.exit(2), retry, getattr(self.window, "opened_by", "")
        )

    def _recovered(self, moved: Path | None) -> None:
        """The recovery offer answered: quit (``moved`` None: declined, or the recovery failed
        and was told), or open the restored backup (here: the officer is waiting on it)."""
        from ..core.errors import BcdError

        if moved is None:
            self.app.exit(2)
            return
        try:
            opened = _open_checked(self.args.db, self.front)
        except BcdError as again:
            self._refuse(again)
            return
        self._opened(opened)

    def _opened(self, opened) -> None:  # type: ignore[no-untyped-def]
        # The imports are done: what they made is set aside for good (gc.freeze: no collection
        # walks it again), and the collector is on for what follows (a demo load, the tabs).
        gc.freeze()
        gc.enable()
        db, empty, due = opened
        self.window.attach(db)
        if empty:  # asked without blocking (this is the opening job's callback): see _failed
            from .startup_questions import offer_demo

            self.question = offer_demo(self.window, lambda load: self._fill(db, load or due))
            return
        self._fill(db, due)

    def _fill(self, db, demo: bool) -> None:  # type: ignore[no-untyped-def]
        """The rest of the start on the open database: the demo loaded if ``demo``, the
        automatic backups, the tabs' rows."""
        window, app = self.window, self.app
        if demo:
            from .startup_questions import load_demo

            load_demo(window, db)
        from .auto_backup import AutoBackup

        window.auto_backup = AutoBackup(db, window)
        # Once the rows of the tab in front are read: the backup on start (a copy of a large
        # file), and the other tabs' modules, then the tabs themselves, so the first switch to
        # one only reads and paints it.
        window.front_loaded.connect(window.auto_backup.start)
        window.front_loaded.connect(self._prefetch_tabs)
        # The tab in front after the next paint, the others when shown; a first screen is not
        # read again if it is the file as it is (no demo loaded, no backup restored…).
        fresh = self.first_screen is None or not self.first_screen.unchanged()
        window.load_data(front_read=not fresh, heading_read=not demo)
        if self.args.screenshot:  # the window with its rows, once they are read
            window.front_loaded.connect(
                lambda: QTimer.singleShot(
                    300, lambda: (window.grab().save(self.args.screenshot), app.quit())
                )
            )

    def _prefetch_tabs(self) -> None:
        from .main_window import TABS
        from .worker import run_in_background

        others = [i for i in range(len(TABS)) if i != self.front]
        # A method of this object (a child of the window): no call once the window is gone.
        run_in_background(lambda _report: import_tabs(others), on_success=self._build_ahead)

    def _build_ahead(self, _imported: object) -> None:
        self.window.build_ahead()
        import_in_turns(self, DOCUMENT_ENGINE)


if __name__ == "__main__":  # python -m bdcq_desktop.ui.app
    sys.exit(main())
