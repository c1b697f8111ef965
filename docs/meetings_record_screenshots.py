"""Render the meetings tab's Điểm danh and Kết luận sections and the conclusion dialog to PNG
(offscreen) for review and the docs.

Usage: python docs/meetings_record_screenshots.py [DB] [OUT_DIR]
DB defaults to a fresh demo database in a temporary folder; OUT_DIR to docs/screenshots
(the set-up shared with the other screenshot scripts is in docs/_shots.py).
Not a test: it only draws what a user would see, so a person can look at it. The window is
1366×768, the smallest screen the secretariat uses.
"""

from __future__ import annotations

import sys
from datetime import timedelta

import _shots


def main() -> int:
    shots = _shots.start("meetings")
    db, save = shots.db, shots.save

    from bdcq_desktop.core.attendance import check_in
    from bdcq_desktop.core.meetings import get_meeting
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.meetings_tab)
    view = window.meetings_tab.view
    held = next(r for r in view.table.visible_rows() if r.status == "held")

    # The sheet half taken, as during the check-in at the door: the first few not marked yet.
    d = get_meeting(db, held.id)
    version = d.version
    for row in d.attendance[3:6]:
        version = check_in(db, held.id, row.invitee_id, status="unknown", expected_version=version)
    late = d.attendance[9]
    arrived = f"{d.starts_at + timedelta(minutes=25):%H:%M}"
    check_in(db, held.id, late.invitee_id, status="late", arrived_at=arrived,
             expected_version=version)

    view.table.select_where(lambda r: r.id == held.id)
    pane = view.pane
    attendance = pane.section("attendance")
    pane.show_section(pane.sections.indexOf(attendance))
    attendance.box.setFocus()
    attendance.box.setText("hoang x")
    save(window, "attendance")

    # A working-group session serving the first task, so the section shows the link
    # ("Tổ công tác: …" under the tree, "Mở phiên làm việc" beside the buttons).
    from bdcq_desktop.core.working_group import create_session

    task = next((t for c in d.conclusions for t in c.tasks), None)
    if task is not None and not task.sessions:
        starts = d.starts_at.date() + timedelta(days=7)
        create_session(db, purpose="proposal", title="Xây dựng dự thảo Kế hoạch số hóa hồ sơ "
                       "thủ tục hành chính", starts_on=starts, ends_on=starts + timedelta(days=2),
                       serves=f"task:{task.id}")  # fmt: skip
        view.reload()
        view.table.select_where(lambda r: r.id == held.id)
    conclusions = pane.section("conclusions")
    pane.show_section(pane.sections.indexOf(conclusions))
    if task is not None:
        tree = conclusions.tree
        lines = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        children = [top.child(j) for top in lines for j in range(top.childCount())]
        tree.setCurrentItem(next(x for x in children if x.text(0) == task.content))
        tree.setFocus()
    save(window, "conclusions")

    dialog = conclusions.edit()
    if dialog is not None:
        save(dialog, "conclusion-dialog")
        dialog.reject()

    # The notice of these conclusions issued: a change is asked first, the question drawn over
    # the dialog (the box is a window of its own).
    from bdcq_desktop.core.register import find_issued
    from bdcq_desktop.documents import service

    if find_issued(db, "conclusions", "meeting", held.id) is None:
        service.issue(db, "conclusions", held.id)
    view.reload()
    view.table.select_where(lambda r: r.id == held.id)
    pane.show_section(pane.sections.indexOf(conclusions))
    dialog = conclusions.edit()
    if dialog is not None:
        text = dialog.form.editor("text")
        text.setPlainText(text.toPlainText() + " Bổ sung sau họp.")
        dialog.try_save()
        if dialog.question is not None:
            from PySide6.QtGui import QPainter

            shots.app.processEvents()
            shot = dialog.grab()
            box = dialog.question.grab()
            painter = QPainter(shot)
            painter.drawPixmap(
                (shot.width() - box.width()) // 2, (shot.height() - box.height()) // 3, box
            )
            painter.end()
            path = shots.out / "meetings-conclusion-notice-question.png"
            shot.save(str(path), "PNG", 9)
            print(f"{path} {path.stat().st_size // 1024} KB")
            dialog.question.reject()
        dialog.reject()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
