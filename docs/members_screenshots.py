"""Render the members tab's views and dialogs to PNG (offscreen) for review and the docs.

Usage: python docs/members_screenshots.py [DB] [OUT_DIR]
DB defaults to a fresh demo database in a temporary folder; OUT_DIR to docs/screenshots
(the set-up shared with the other screenshot scripts is in docs/_shots.py).
Not a test: it only draws what a user would see, so a person can look at it.
"""

from __future__ import annotations

from pathlib import Path

import _shots


def main() -> int:
    from PySide6.QtGui import QPainter

    shots = _shots.start("members")
    app, db, out, tmp, save = shots.app, shots.db, shots.out, shots.tmp, shots.save

    from bdcq_desktop.core import members, roster_io
    from bdcq_desktop.ui.dialogs import member_dialogs
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog
    from bdcq_desktop.ui.dialogs.reorganise_dialog import ReorganiseDialog
    from bdcq_desktop.ui.tabs.members_tab import MembersTab

    tab = MembersTab(db)
    tab.resize(1280, 720)
    tab.show()
    tab.reload()
    names = ["committee", "working-group", "experts", "units", "matrix"]
    for i, name in enumerate(names):
        tab.views.setCurrentIndex(i)
        save(tab, name)

    tab.views.setCurrentIndex(0)
    view = tab.committee
    view.show_former.setChecked(True)
    view.table.search.setText("so")
    view.table.view.selectRow(1)
    save(tab, "committee-search-former")
    view.table.search.clear()
    view.show_former.setChecked(False)

    row = members.list_committee(db)[3]
    edit = member_dialogs.edit_member_dialog(db, row, "committee", tab)
    edit.form.editor("email").setText("khong-phai-email")  # type: ignore[attr-defined]
    edit.show()
    edit.try_save()
    save(edit, "dialog-edit-invalid")
    edit.reject()

    end = member_dialogs.end_membership_dialog(db, row, "committee", tab)
    end.show()
    save(end, "dialog-end")
    end.try_save()  # no decision number: the message under the field
    save(end, "dialog-end-invalid")
    end.reject()

    new = member_dialogs.new_member_dialog(db, "committee", tab)
    new.show()
    save(new, "dialog-new")
    # A second holder of a member's position in the same unit: the core asks, the dialog shows
    # its question over the form (drawn together: the box is a window of its own).
    held = next(r for r in members.list_committee(db) if r.position and r.unit_id)
    new.form.editor("full_name").setText("Lê Văn Trùng")  # type: ignore[attr-defined]
    new.form.editor("position").setText(held.position)  # type: ignore[attr-defined]
    new.form.editor("unit_id").set_value(held.unit_id)  # type: ignore[attr-defined]
    new.try_save()
    if new.question is not None:
        app.processEvents()
        shot = new.grab()
        box = new.question.grab()
        painter = QPainter(shot)
        painter.drawPixmap(
            (shot.width() - box.width()) // 2, (shot.height() - box.height()) // 3, box
        )
        painter.end()
        path = out / "members-dialog-new-duplicate-question.png"
        shot.save(str(path), "PNG", 9)
        print(f"{path} {path.stat().st_size // 1024} KB")
        new.question.reject()
    new.reject()

    reorg = ReorganiseDialog(db, "committee", tab)
    current = members.list_committee(db)
    reorg.check_membership(current[-1].id)
    experts = members.list_experts(db)
    if experts:
        reorg.add_appointment(
            members.NewAppointment(experts[0].id, "member", "Chuyển đổi số", "Vinh"),
            experts[0].full_name,
        )
    reorg.form.editor("decision_number").setText("2345/QĐ-UBND")  # type: ignore[attr-defined]
    reorg.show()
    save(reorg, "dialog-reorganise")
    sub = reorg.open_appointment_dialog()
    save(sub, "dialog-appointment")
    sub.reject()
    reorg.reject()

    person = member_dialogs.person_dialog(db, tab, person=experts[0] if experts else None)
    person.show()
    save(person, "dialog-expert")
    person.reject()

    bad = Path(tmp) / "danh-sach.csv"
    bad.write_text(
        "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Email\n"
        "Lê Văn Tám,Nam,Phó Giám đốc,Sở Tài chính,Thành viên,tam@nghean.gov.vn\n"
        "Hoàng Thị Mai,Nữ,Chuyên viên,Phòng mới thành lập,Thành viên,khong-hop-le\n"
        ",Nam,Giám đốc,Sở Y tế,Trưởng ban,\n",
        encoding="utf-8",
    )
    preview = roster_io.preview_import(db, bad)
    dialog = ImportPreviewDialog(db, preview, str(bad), tab)
    dialog.show()
    save(dialog, "dialog-import")
    dialog.reject()

    warned = Path(tmp) / "danh-sach-canh-bao.csv"
    warned.write_text(
        "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Email\n"
        f"Lê Văn Trùng,Nam,{held.position},{held.unit},Thành viên,\n"
        "Hoàng Thị Mai,Nữ,Chuyên viên,Sở Tài chính,Thành viên,mai@nghean.gov.vn\n",
        encoding="utf-8",
    )
    dialog = ImportPreviewDialog(db, roster_io.preview_import(db, warned), str(warned), tab)
    dialog.show()
    save(dialog, "dialog-import-warnings")
    dialog.reject()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
