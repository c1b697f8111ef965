"""Child of the live meeting crash test: the whole application typing into the live window.

Run as ``python tests/live_child.py DB MEETING_ID``. It starts the main window the way the
application does (``load_data``: a live meeting remembered from a killed run is reopened
there) and prints ``REOPENED`` with the notes found, or opens the live window itself (the F11
path) and prints ``OPENED``. Then it types, one key event every few milliseconds, into the
notes of the agenda items in turn (Alt+→ to the next item), so that every item's notes are
always a prefix of :data:`KNOWN`. Each save the window reports done prints
``SAVED item_id length``. It runs until it is killed.
"""

from __future__ import annotations

import json
import sys

KNOWN = "".join(
    f"Dai bieu {i} phat bieu: dong y voi bao cao, de nghi bo sung so lieu. " for i in range(400)
)


def started(path: str):  # type: ignore[no-untyped-def]
    """The application on ``path`` as a user starts it (``load_data``: a live meeting
    remembered from a killed run is reopened there): (the QApplication, the main window)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("BCD")
    QCoreApplication.setApplicationName("bdcq-desktop")
    app = QApplication(sys.argv[:1])

    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.ui.main_window import MainWindow

    db = open_database(path, migrate=False)
    window = MainWindow(db)
    window.show()
    window.load_data()
    return app, window


def report_saves(live) -> None:  # type: ignore[no-untyped-def]
    """Print ``SAVED item_id length`` for each save the live window reports done, the length
    being that of the item's notes when the save was asked for."""
    lengths: dict[tuple[int, int], int] = {}

    def typed() -> None:
        item = live.current_item()
        lengths[(item, live.submitted_seq[item])] = len(live.notes.toPlainText())

    def saved(item: int, seq: int, _result: object) -> None:
        print(f"SAVED {item} {lengths[(item, seq)]}", flush=True)

    # Connected after the window's own slots: its sequence numbers are set when these run.
    live.notes.textChanged.connect(typed)
    live.bridge.saved.connect(saved)


def main(path: str, meeting_id: int) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    app, window = started(path)
    view = window.meetings_tab.view
    live = view.live_window
    if live is not None:
        print("REOPENED", live.meeting_id, json.dumps(live.texts), flush=True)
    else:
        live = view.open_live(meeting_id)
        print("OPENED", flush=True)
    assert live is not None
    report_saves(live)
    count = 0

    def key() -> None:
        nonlocal count
        count += 1
        if count % 60 == 0:  # the next item (wrapping to the first), as the meeting moves on
            if live.current + 1 < len(live.items):
                QTest.keyClick(live.notes, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
            else:
                live.show_item(0)
            return
        text = live.notes.toPlainText()
        assert KNOWN.startswith(text)
        live.notes.moveCursor(live.notes.textCursor().MoveOperation.End)
        QTest.keyClicks(live.notes, KNOWN[len(text)])

    timer = QTimer()
    timer.timeout.connect(key)
    timer.start(4)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
