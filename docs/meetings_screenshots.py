"""Render the meetings tab and its dialogs to PNG (offscreen) for review and the docs.

Usage: python docs/meetings_screenshots.py [DB] [OUT_DIR]
DB defaults to a fresh demo database in a temporary folder; OUT_DIR to docs/screenshots
(the set-up shared with the other screenshot scripts is in docs/_shots.py).
Not a test: it only draws what a user would see, so a person can look at it. The window is
1366×768, the smallest screen the secretariat uses.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta

import _shots


def main() -> int:
    shots = _shots.start("meetings")
    db, save = shots.db, shots.save

    from bdcq_desktop.core import meetings
    from bdcq_desktop.ui.dialogs import meeting_dialogs
    from bdcq_desktop.ui.dialogs.agenda_dialog import AgendaDialog
    from bdcq_desktop.ui.dialogs.invitees_dialog import VALUE_ROLE, InviteDialog
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.meetings_tab)
    view = window.meetings_tab.view
    planned = next(r for r in view.table.visible_rows() if r.status == "planned")
    expanded = next(r for r in view.table.visible_rows() if r.kind == "expanded")

    view.table.select_where(lambda r: r.id == planned.id)
    save(window, "list-record")
    view.pane.show_section(1)
    save(window, "record-agenda")

    view.table.select_where(lambda r: r.id == expanded.id)
    view.pane.show_section(2)
    save(window, "record-invitees")
    view.pane.show_section(3)
    save(window, "record-documents")

    agenda = AgendaDialog(db, planned.id, window)
    agenda.show()
    # Lengthen the discussion so the agenda runs past the planned end: the warning shows.
    agenda.model.setData(agenda.model.index(4, agenda.model.MINUTES), "150")
    agenda.view.setCurrentIndex(agenda.model.index(4, agenda.model.TITLE))
    save(agenda, "agenda-editor")
    agenda.reject()

    invite = InviteDialog(db, planned.id, window)
    invite.show()
    for row in (1, 3):
        invite.units.check(invite.units.list.item(row).data(VALUE_ROLE))
    save(invite, "invite-dialog")
    invite.reject()

    day = date.today() + timedelta(days=40)
    start = datetime.combine(day, time(14, 0))
    new = meeting_dialogs.new_meeting_dialog(db, window)
    new.form.editor("kind").setCurrentIndex(  # type: ignore[attr-defined]
        new.form.editor("kind").findData("extraordinary")  # type: ignore[attr-defined]
    )
    new.form.fields["title"].set_value("Họp bất thường về sự cố an toàn thông tin")
    new.form.fields["starts_at"].set_value(start)
    new.form.fields["ends_at"].set_value(start + timedelta(hours=2))
    new.form.fields["chair_id"].set_value(meetings.eligible_people(db, day).chairs[1].person_id)
    new.show()
    new.try_save()  # neither caller nor proposer: refused under "Người triệu tập"
    save(new, "dialog-extraordinary-invalid")
    new.reject()

    cancel = meeting_dialogs.cancel_meeting_dialog(db, planned.id, planned.version, planned.title)
    cancel.show()
    save(cancel, "dialog-cancel")
    cancel.reject()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
