"""Peak memory of the application after visiting every tab: ``python -m benchmarks.memory_probe
DB`` builds the main window the way ``bdcq-desktop`` does, shows it, loads every tab, shows each
tab and each sub-view in turn, and prints ``maxrss <KiB>`` (the whole process's peak)."""

import sys

from PySide6.QtWidgets import QTabWidget

from bdcq_desktop.core.db import open_database
from benchmarks.peak_memory import peak_kib
from benchmarks.qt_app import application, window_with_every_tab


def main() -> int:
    app = application()
    db = open_database(sys.argv[1])
    # Imported by every start once its tabs are built (ui/app.py, ``_Start._build_ahead``).
    import bdcq_desktop.ui.dialogs.document_dialog  # noqa: F401

    window = window_with_every_tab(db)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        app.processEvents()
        for sub in window.tabs.widget(i).findChildren(QTabWidget):
            for j in range(sub.count()):
                sub.setCurrentIndex(j)
                app.processEvents()
    print(f"maxrss {peak_kib()}", flush=True)
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
