"""The baseline of the start-up and memory figures: a bare PySide6 ``QMainWindow`` with a
``QTabWidget`` of four empty ``QTableView`` s, started the same way as the application
(``python -m``), timed the same way (an application-wide paint watcher, as
:mod:`bdcq_desktop.ui.startup_probe`), quitting once the window has painted.

Prints ``mapped <epoch seconds>`` and ``maxrss <KiB>`` (the whole process's peak).
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTabWidget, QWidget

from benchmarks.peak_memory import peak_kib


class Watcher(QObject):
    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(window)
        self.app, self.window, self.mapped = app, window, False
        app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and not self.mapped
            and isinstance(obj, QWidget)
            and obj.window() is self.window
        ):
            self.mapped = True
            QTimer.singleShot(0, self.done)
        return False

    def done(self) -> None:
        print(f"mapped {time.time():.6f}", flush=True)
        self.app.removeEventFilter(self)
        self.app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 760)
    tabs = QTabWidget(window)
    for name in ("Một", "Hai", "Ba", "Bốn"):
        tabs.addTab(QTableView(tabs), name)
    window.setCentralWidget(tabs)
    watcher = Watcher(app, window)
    window.show()
    code = app.exec()
    del watcher
    print(f"maxrss {peak_kib()}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
