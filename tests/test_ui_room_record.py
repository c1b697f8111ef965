"""The import dialog of a room record (ui.room_record_actions): the preview lists the room's
changes and the conflict, "Nhập" stays off until the conflict is chosen, then one core call
applies it as chosen."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.conclusions import add_conclusion, get_conclusion, update_conclusion
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.room_merge import preview_meeting_record
from bdcq_desktop.core.room_record import export_meeting_record, read_meeting_record
from bdcq_desktop.ui.room_record_actions import CONFLICT_COLOUR, RoomImportDialog
from tests.test_meetings_core import START, roster  # noqa: F401
from tests.test_room_conclusions import Held, held  # noqa: F401
from tests.test_room_record import Room, room  # noqa: F401


def test_the_dialog_applies_the_record_as_the_conflict_is_chosen(
    qtbot: Any, room: Room, tmp_path: Path  # noqa: F811
) -> None:
    office, meeting = room.office, room.meeting
    version = get_meeting(office, meeting).version
    check_in(office, meeting, room.member, expected_version=version, status="absent",
             reason="Đi công tác", now=START.replace(minute=30))  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)
    preview = preview_meeting_record(office, record)
    dialog = RoomImportDialog(office, record, preview)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == len(preview.changes) == 6
    assert not dialog.apply_button.isEnabled()  # the conflict is not chosen yet
    box = dialog.choices[f"invitee:{room.member}"]
    assert isinstance(box, QComboBox) and box.accessibleName().startswith("Giữ bên nào")
    box.setCurrentIndex(box.findData("room"))
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()  # applied in the background, as the other imports are
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.result_applied.applied == 6
    marks = {r.invitee_id: r.status for r in attendance_rows(office, meeting)}
    assert marks[room.member] == "late"  # the room's, as chosen


def test_a_conclusion_conflict_stands_out_and_the_keyboard_reaches_its_choice(
    qtbot: Any, held: Held  # noqa: F811
) -> None:
    h = held
    edit = get_conclusion(h.laptop, h.first)
    update_conclusion(h.laptop, h.first, "Giao Sở Y tế hoàn thành bệnh án điện tử trong quý III.",
                      edit.tasks, expected_version=edit.version)  # fmt: skip
    edit = get_conclusion(h.office, h.first)
    update_conclusion(h.office, h.first, "Giao Sở Y tế triển khai bệnh án điện tử toàn tỉnh.",
                      edit.tasks, expected_version=edit.version)  # fmt: skip
    add_conclusion(h.laptop, h.meeting, "Giao Sở Tài chính bố trí kinh phí năm 2027.",
                   [{"content": "Trình phương án kinh phí", "assignee_unit_id": h.r.health}],
                   expected_version=get_meeting(h.laptop, h.meeting).version,
                   now=START.replace(hour=10))  # fmt: skip
    export_meeting_record(h.laptop, h.meeting, h.path)
    record = read_meeting_record(h.path)
    preview = preview_meeting_record(h.office, record)
    dialog = RoomImportDialog(h.office, record, preview)
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 100, 768 - 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    shots = os.environ.get("BDCQ_SHOTS")
    if shots:  # a look at it, at the size of a 1366x768 screen
        dialog.grab().save(str(Path(shots) / "room-import-conclusion-conflict.png"))
    row = next(n for n, c in enumerate(preview.changes) if c.conflict)
    plain = next(n for n, c in enumerate(preview.changes) if not c.conflict and not c.skipped)
    assert dialog.table.item(row, 0).background().color() == CONFLICT_COLOUR
    assert dialog.table.item(row, 0).text() == "Xung đột: Kết luận"
    assert dialog.table.item(plain, 0).background().style() == Qt.BrushStyle.NoBrush
    # Tab from the table lands on the conflict's choice, not on the next cell.
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    box = dialog.choices[f"conclusion:{h.first}"]
    assert dialog.focusWidget() is box, dialog.focusWidget()
    box.setCurrentIndex(box.findData("room"))
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: "Nhập"
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert get_conclusion(h.office, h.first).text.endswith("trong quý III.")


def test_the_office_changing_the_meeting_while_the_preview_is_open_offers_it_read_again(
    qtbot: Any, room: Room, tmp_path: Path  # noqa: F811
) -> None:
    """The dialog stayed open while the office checked people in: "Nhập" says nothing was
    imported and why, and offers the preview read again; a choice is kept where its conflict
    still shows the same two texts, one the office changed again is asked again, a new
    conflict is named; the import then goes through as chosen."""
    from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

    office, meeting = room.office, room.meeting
    check_in(office, meeting, room.member, expected_version=get_meeting(office, meeting).version,
             status="absent", reason="Đi công tác", now=START.replace(minute=30))  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)
    dialog = RoomImportDialog(office, record, preview_meeting_record(office, record))
    qtbot.addWidget(dialog)
    dialog.show()
    member, standing = f"invitee:{room.member}", f"invitee:{room.standing}"
    names = {c.key: c.what for c in dialog.preview.changes}
    assert list(dialog.choices) == [member]
    dialog.choices[member].setCurrentIndex(dialog.choices[member].findData("room"))

    def stale_box() -> QMessageBox:
        """Nhập, refused as stale: the box that says so (asserted nothing was imported)."""
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "stalePreviewBox") is not None,
                        timeout=10_000)  # fmt: skip
        box = dialog.findChild(QMessageBox, "stalePreviewBox")
        assert box.isVisible() and dialog.isVisible() and dialog.result_applied is None
        assert box.text().startswith("Chưa nhập gì. Văn phòng đã sửa cuộc họp")
        assert "sau khi bản xem trước này được mở" in box.text()
        yes = box.findChild(QPushButton, "yesButton")
        assert yes.text().replace("&", "") == "Xem lại bản xem trước"
        return box

    def read_again(box: QMessageBox) -> QLabel:
        """"Xem lại bản xem trước": the note above the list, once the preview is read again."""
        notice = dialog.findChild(QLabel, "previewNotice")
        box.findChild(QPushButton, "yesButton").click()
        # The click reads it in the background at once (busy until it is shown).
        qtbot.waitUntil(lambda: notice.isVisible() and not dialog._busy, timeout=10_000)
        qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "stalePreviewBox") is None)
        return notice

    # Meanwhile, at the office: the standing member, checked in at the room, marked absent.
    check_in(office, meeting, room.standing, expected_version=get_meeting(office, meeting).version,
             status="absent", reason="Ốm", now=START.replace(minute=35))  # fmt: skip
    box = stale_box()
    marks = {r.invitee_id: (r.status, r.reason) for r in attendance_rows(office, meeting)}
    assert marks[room.member] == ("absent", "Đi công tác")  # nothing imported
    assert not dialog.findChild(QLabel, "previewNotice").isVisible()  # not read again yet
    notice = read_again(box)
    assert dialog.preview.version == get_meeting(office, meeting).version
    assert set(dialog.choices) == {member, standing}
    assert dialog.choices[member].currentData() == "room"  # the same two texts: kept
    assert dialog.choices[standing].currentData() == ""  # new: to be chosen
    assert not dialog.apply_button.isEnabled()
    assert f"Xung đột mới, cần chọn: {names[standing]}." in notice.text()
    assert "Đã giữ 1 lựa chọn trước của bạn." in notice.text()
    assert dialog.focusWidget() is dialog.choices[standing]  # where the officer goes on
    standing_row = next(r for r, c in enumerate(dialog.preview.changes) if c.key == standing)
    assert dialog.table.item(standing_row, 0).background().color() == CONFLICT_COLOUR
    dialog.choices[standing].setCurrentIndex(dialog.choices[standing].findData("office"))

    # Again before "Nhập": the office corrects the member's absence, the conflict chosen.
    check_in(office, meeting, room.member, expected_version=get_meeting(office, meeting).version,
             status="absent", reason="Họp Tỉnh ủy", now=START.replace(minute=40))  # fmt: skip
    read_again(stale_box())
    assert dialog.choices[member].currentData() == ""  # other texts now: chosen again
    assert dialog.choices[standing].currentData() == "office"  # unchanged: kept
    assert f"Văn phòng đã sửa lại, cần chọn lại: {names[member]}." in notice.text()
    assert "Xung đột mới" not in notice.text()
    assert "Đã giữ 1 lựa chọn trước của bạn." in notice.text()
    shots = os.environ.get("BDCQ_SHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "room-import-read-again.png"))
    dialog.choices[member].setCurrentIndex(dialog.choices[member].findData("room"))
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    marks = {r.invitee_id: (r.status, r.reason) for r in attendance_rows(office, meeting)}
    assert marks[room.member][0] == "late"  # the room's, chosen again
    assert marks[room.standing] == ("absent", "Ốm")  # the office's, the choice kept


def test_the_preview_says_each_case_and_flags_a_laptop_clock_a_day_ahead(
    qtbot: Any, room: Room, roster: Any  # noqa: F811
) -> None:
    import json
    from datetime import datetime, timedelta

    from bdcq_desktop.core.room_merge import apply_meeting_record
    from bdcq_desktop.core.room_record import parse_record
    from tests.test_room_record import AFTER

    office, laptop, meeting = room.office, room.laptop, room.meeting
    add_conclusion(laptop, meeting, "Giao Sở Tài chính bố trí kinh phí năm 2027.",
                   [{"content": "Trình phương án kinh phí", "assignee_person_id": roster.member}],
                   expected_version=get_meeting(laptop, meeting).version,
                   now=START.replace(hour=10))  # fmt: skip
    export_meeting_record(laptop, meeting, room.path)
    content = json.loads(room.path.read_text(encoding="utf-8"))
    for inv in content["invitees"]:
        if inv["walked_in_at"]:  # the walk-in, stamped by a clock a day ahead
            for field in ("walked_in_at", "arrived_at"):
                inv[field] = (datetime.fromisoformat(inv[field]) + timedelta(days=1)).isoformat()
    record = parse_record(content)
    preview = preview_meeting_record(office, record, now=AFTER)
    dialog = RoomImportDialog(office, record, preview)
    qtbot.addWidget(dialog)
    dialog.resize(1200, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    shots = os.environ.get("BDCQ_SHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "room-import-doubt.png"))
    head = dialog.head.text()
    assert "xung đột" not in head and "1 giờ không hợp lệ" in head, head  # no "0 xung đột"
    rows = {c.key: n for n, c in enumerate(preview.changes)}
    walk = next(n for n, c in enumerate(preview.changes) if c.kind == "walk_in")
    assert dialog.table.item(walk, 0).text() == "Giờ không hợp lệ: Người dự thêm"
    said = dialog.table.item(walk, 3).text()
    assert "máy phòng họp có thể sai giờ" in said and "muộn hơn giờ hiện tại" in said, said
    assert not dialog.apply_button.isEnabled()  # applied only if the officer chooses to
    new = next(c for c in preview.changes if c.kind == "conclusion")
    row = rows[new.key]
    texts = [dialog.table.item(row, col).text() for col in range(4)]
    assert sum("bố trí kinh phí năm 2027" in t for t in texts) == 1, texts  # said once
    task = next(c for c in preview.changes if c.kind == "task")
    assert "Giao Sở Tài chính bố trí kinh phí" in dialog.table.item(rows[task.key], 1).text()
    # "Giữ" whole inside the table, not cut at the right edge.
    header = dialog.table.horizontalHeader()
    right = header.sectionViewportPosition(4) + header.sectionSize(4)
    assert right <= dialog.table.viewport().width(), (right, dialog.table.viewport().width())
    assert header.sectionSize(4) >= dialog.choices[f"walk_in:{_walk_in_id(preview)}"].sizeHint(
        ).width()  # fmt: skip

    # The file as the laptop wrote it, applied: read again, nothing new, and it says so.
    plain = read_meeting_record(room.path)
    apply_meeting_record(office, plain, expected_version=get_meeting(office, meeting).version,
                         now=AFTER)  # fmt: skip
    dialog._fill(preview_meeting_record(office, plain, now=AFTER), {})
    assert "không có gì mới so với văn phòng" in dialog.head.text(), dialog.head.text()


def _walk_in_id(preview: Any) -> str:
    return next(c.key for c in preview.changes if c.kind == "walk_in").split(":", 1)[1]


def test_the_file_menu_writes_the_laptop_s_copy_and_says_where(
    qtbot: Any, demo_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Tệp → Chép dữ liệu sang máy phòng họp…: the copy is written where the officer chose,
    opens as the same database (its identity), and the window says where, without blocking."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.room_record import database_uid
    from bdcq_desktop.ui.main_window import MainWindow

    target = tmp_path / "usb" / "laptop.sqlite3"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "(*.sqlite3)")
    )
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.room_copy_action.trigger()
    qtbot.waitUntil(
        lambda: any(b.objectName() == "roomCopyDone" for b in window.findChildren(QMessageBox)),
        timeout=20_000,
    )
    [box] = [b for b in window.findChildren(QMessageBox) if b.objectName() == "roomCopyDone"]
    assert str(target) in box.text()
    box.accept()
    copy = open_database(target)
    try:
        with copy.session() as s, demo_db.session() as o:
            assert database_uid(s) == database_uid(o)
        assert len(get_meeting(copy, 1).invitees) == len(get_meeting(demo_db, 1).invitees)
    finally:
        copy.dispose()


def test_a_conclusion_the_office_deleted_shows_as_a_conflict_kept_deleted_by_default(
    qtbot: Any, held: Held  # noqa: F811
) -> None:
    """Made in the room, imported, deleted at the office: the same file again shows it as a
    conflict whose choice already reads "Bản văn phòng" (Nhập applies without a choice and
    leaves it deleted); the officer may choose the room's from the keyboard to restore it."""
    from bdcq_desktop.core.conclusions import list_conclusions, remove_conclusion
    from bdcq_desktop.core.room_merge import apply_meeting_record

    h = held
    text = "Giao Sở Tài chính bố trí kinh phí năm 2027."
    add_conclusion(h.laptop, h.meeting, text,
                   [{"content": "Trình phương án kinh phí", "assignee_unit_id": h.r.health}],
                   expected_version=get_meeting(h.laptop, h.meeting).version,
                   now=START.replace(hour=10))  # fmt: skip
    export_meeting_record(h.laptop, h.meeting, h.path)
    record = read_meeting_record(h.path)
    apply_meeting_record(h.office, record, expected_version=None, now=START.replace(hour=14))
    made = next(c for c in list_conclusions(h.office, h.meeting) if c.text == text)
    remove_conclusion(h.office, made.id, expected_version=made.version)

    preview = preview_meeting_record(h.office, record)
    dialog = RoomImportDialog(h.office, record, preview)
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 100, 768 - 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    shots = os.environ.get("BDCQ_SHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "room-import-deleted-at-office.png"))
    [(row, change)] = [(n, c) for n, c in enumerate(preview.changes) if c.kind == "conclusion"]
    assert dialog.table.item(row, 0).text() == "Xung đột: Kết luận"
    assert dialog.table.item(row, 0).background().color() == CONFLICT_COLOUR
    assert dialog.table.item(row, 2).text().startswith("Đã xóa ở văn phòng")
    box = dialog.choices[change.key]
    assert box.currentData() == "office" and box.findData("") == -1  # no "— chọn —"
    assert "để đã xóa" in dialog.head.text(), dialog.head.text()
    assert dialog.apply_button.isEnabled()  # nothing to choose: the office's stands
    # Tab reaches the choice; the room's chosen from the keyboard brings it back.
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.currentData() == "room"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert text in [c.text for c in list_conclusions(h.office, h.meeting)]


def test_the_room_s_side_for_all_leaves_a_doubtful_time_to_choose(
    qtbot: Any, room: Room  # noqa: F811
) -> None:
    """"Bản phòng họp cho mọi xung đột" chooses the room's for the plain conflict only: the
    walk-in timed by a clock a day ahead stays to be chosen, with the focus, and "Nhập" stays
    off until it is; "Bản văn phòng cho mọi xung đột" chooses the office's for both."""
    import json
    from datetime import datetime, timedelta

    from bdcq_desktop.core.room_record import parse_record
    from tests.test_room_record import AFTER

    office, meeting = room.office, room.meeting
    check_in(office, meeting, room.member, expected_version=get_meeting(office, meeting).version,
             status="absent", reason="Đi công tác", now=START.replace(minute=30))  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    content = json.loads(room.path.read_text(encoding="utf-8"))
    for inv in content["invitees"]:
        if inv["walked_in_at"]:
            for field in ("walked_in_at", "arrived_at"):
                inv[field] = (datetime.fromisoformat(inv[field]) + timedelta(days=1)).isoformat()
    record = parse_record(content)
    preview = preview_meeting_record(office, record, now=AFTER)
    dialog = RoomImportDialog(office, record, preview)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    member = dialog.choices[f"invitee:{room.member}"]
    walk = dialog.choices[f"walk_in:{_walk_in_id(preview)}"]
    assert dialog.room_all.isVisible() and dialog.office_all.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.room_all.click()
    assert member.currentData() == "room" and walk.currentData() == ""
    assert dialog.focusWidget() is walk and not dialog.apply_button.isEnabled()
    dialog.office_all.click()
    assert (member.currentData(), walk.currentData()) == ("office", "office")
    assert dialog.focusWidget() is dialog.apply_button and dialog.apply_button.isEnabled()


def test_someone_taken_off_the_list_is_offered_as_a_walk_in_off_by_default(
    qtbot: Any, room: Room  # noqa: F811
) -> None:
    """The room checked in a member the office took off the list meanwhile: the row offers
    "Ghi là người dự thêm", its box reading "Bản văn phòng" (not recorded) until the officer
    chooses it from the keyboard; then the member is on the list as a walk-in, late."""
    from bdcq_desktop.core.invitees import remove_invitees

    office, meeting = room.office, room.meeting
    name = next(r.name for r in attendance_rows(office, meeting) if r.invitee_id == room.member)
    remove_invitees(office, meeting, [room.member],
                    expected_version=get_meeting(office, meeting).version,
                    confirm_after_convocation=True)  # fmt: skip
    export_meeting_record(room.laptop, meeting, room.path)
    record = read_meeting_record(room.path)
    preview = preview_meeting_record(office, record)
    dialog = RoomImportDialog(office, record, preview)
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 100, 768 - 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    shots = os.environ.get("BDCQ_SHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "room-import-taken-off-the-list.png"))
    key = f"walk_in:{room.member}"
    row = next(n for n, c in enumerate(preview.changes) if c.key == key)
    assert dialog.table.item(row, 1).text() == name
    assert dialog.table.item(row, 2).text() == "Đã bị bỏ khỏi danh sách ở văn phòng"
    box = dialog.choices[key]
    assert [box.itemText(i) for i in range(box.count())] == ["Bản văn phòng",
                                                             "Ghi là người dự thêm"]  # fmt: skip
    assert box.currentData() == "office" and dialog.apply_button.isEnabled()
    assert "Ghi là người dự thêm" in dialog.head.text(), dialog.head.text()
    dialog.room_all.click()  # a choice for all leaves it off
    assert box.currentData() == "office"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == "walk-in"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    mark = next(r for r in attendance_rows(office, meeting) if r.name == name)
    assert mark.walk_in and mark.status == "late"


def test_the_preview_says_why_an_older_file_is_all_choices(qtbot: Any) -> None:
    from datetime import datetime

    from bdcq_desktop.core.room_fork import RoomChange
    from bdcq_desktop.core.room_merge import RoomPreview
    from bdcq_desktop.ui.room_record_actions import head_text

    change = RoomChange("invitee:4", "attendance", "Nguyễn Bá Thịnh", "Vắng", "Có mặt", True)
    said = head_text(RoomPreview(1, "Họp", 3, (change,), datetime(2026, 4, 7, 12, 30)))
    assert said.startswith("Tệp này cũ hơn tệp đã nhập từ máy phòng họp (xuất lúc 12:30 "
                           "07/04/2026): mỗi chỗ khác đều cần chọn giữ bên nào."), said
    assert "1 xung đột" in said
