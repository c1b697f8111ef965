"""Render Báo cáo › Nhiệm vụ (task tracking with its actions: add an ad hoc task, edit, record
a result, remove) to PNG for review and the docs.

Usage: python docs/tasks_screenshots.py [DB] [OUT_DIR]
DB defaults to a fresh demo database in a temporary folder; OUT_DIR to docs/screenshots
(the set-up shared with the other screenshot scripts is in docs/_shots.py). The window is
1366×768. One ad hoc task is recorded first, so that it is the row selected. On a real display
(``QT_QPA_PLATFORM=xcb``) the window stays open after the PNG is written, for a screen capture.
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta

import _shots


def main() -> int:
    shots = _shots.start("reports")
    db, save = shots.db, shots.save

    from bdcq_desktop.core import adhoc_tasks, units
    from bdcq_desktop.ui.main_window import MainWindow

    today = date.today()
    unit = next(u for u in units.list_units(db) if "Thông tin" in u.name)
    tid = adhoc_tasks.create_task(
        db,
        content="Rà soát, cập nhật danh mục thủ tục hành chính cung cấp dịch vụ công trực tuyến "
        "toàn trình",
        assignee_unit_id=unit.id,
        deadline=today + timedelta(days=5),
    )

    window = MainWindow(db)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.reports_tab)
    page = window.reports_tab.tasks_page
    window.reports_tab.pages.setCurrentWidget(page)
    page.tasks.select_where(lambda r: r.id == tid)
    page.tasks.view.setFocus()
    save(window, "tasks")
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return int(shots.app.exec())
    return 0


if __name__ == "__main__":
    sys.exit(main())
