"""Render the working-group tab (Tổ công tác) and its dialogs to PNG (offscreen) for review and
the docs.

Usage: python docs/sessions_screenshots.py [DB] [OUT_DIR]
DB defaults to a fresh demo database in a temporary folder; OUT_DIR to docs/screenshots
(the set-up shared with the other screenshot scripts is in docs/_shots.py). The window is
1366×768, the smallest screen the secretariat uses. One demo session gets per-day attendance
and a draft with a file first, so the record shows them.
"""

from __future__ import annotations

import sys
from datetime import timedelta

import _shots


def main() -> int:
    shots = _shots.start("sessions")
    db, save = shots.db, shots.save

    from bdcq_desktop.core import session_detail, session_outputs, session_people
    from bdcq_desktop.core.stored_files import check_upload
    from bdcq_desktop.ui.dialogs import output_dialogs, session_dialogs
    from bdcq_desktop.ui.main_window import MainWindow

    sessions = session_detail.get_session
    first = next(iter(db_sessions(db)))
    d = sessions(db, first)
    rows = []
    for i, p in enumerate(d.participants):
        # Working days only (a holiday ticked would be asked about); one absent throughout,
        # one absent some days, each with the reason.
        days = tuple(x for j, x in enumerate(d.working_days) if (i + j) % 7)
        reason = "Đi công tác" if not days else "Họp HĐND tỉnh" if i == 1 else None
        rows.append(session_people.Attendance(p.id, days, reason))
    session_people.set_attendance(db, first, rows, expected_version=d.version)
    d = sessions(db, first)
    session_outputs.add_output(
        db,
        first,
        expected_version=d.version,
        upload=check_upload("Dự thảo Báo cáo DTI 2026 (bản 2).docx", b"PK\x03\x04" + b"x" * 48000),
        title="Dự thảo Báo cáo đánh giá DTI năm 2026 (bản trình)",
        kind="other",
        version_label="Dự thảo 2",
        status="submitted",
    )

    window = MainWindow(db)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.sessions_tab)
    view = window.sessions_tab.view
    view.table.select_where(lambda r: r.id == first)
    save(window, "list-record")
    view.pane.show_section(1)
    save(window, "record-participants")
    view.pane.show_section(2)
    outputs = view.pane.section("outputs")
    outputs.view.setCurrentIndex(outputs.model.index(outputs.model.rowCount() - 1, 0))
    save(window, "record-outputs")
    view.pane.show_section(3)
    save(window, "record-documents")

    attendance = session_dialogs.AttendanceDialog(db, first, window)
    attendance.show()
    save(attendance, "attendance-dialog")
    attendance.reject()

    people = session_dialogs.ParticipantsDialog(db, first, window)
    people.show()
    people.pages.setCurrentIndex(3)  # "Chuyên gia mới": a row typed in
    editor = people.new_rows()
    editor.add_row(
        {
            "full_name": "Lê Văn Minh",
            "position": "PGS.TS, Giảng viên cao cấp",
            "agency": "Trường Đại học Vinh",
        }
    )
    save(people, "participants-dialog")
    people.reject()

    new = session_dialogs.new_session_dialog(db, window)
    new.show()
    new.form.set_values({"title": "Xây dựng dự thảo Đề án dữ liệu số tỉnh"})
    start = d.starts_on + timedelta(days=60)
    new.form.set_values({"starts_on": start, "ends_on": start - timedelta(days=1)})
    new.try_save()
    save(new, "dialog-new-invalid")
    new.reject()

    out = output_dialogs.OutputDialog(db, first, None, window)
    out.show()
    save(out, "output-dialog")
    out.reject()
    window.close()
    return 0


def db_sessions(db):  # type: ignore[no-untyped-def]
    from bdcq_desktop.core.session_list import list_sessions

    return [r.id for r in list_sessions(db)]


if __name__ == "__main__":
    sys.exit(main())
