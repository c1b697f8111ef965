"""The Biên bản section of the meetings tab on a real demo SQLite file: edit a part, save a
revision (who, when), issue (number and SHA-256; the issued PDF read back), reopen with a
reason, a version conflict that keeps what was typed, the Word export read back."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget

from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.minutes_history import minutes_revisions
from bdcq_desktop.core.minutes_text import minutes_draft, save_minutes
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.tabs.meeting_minutes import MinutesSection
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from bdcq_desktop.ui.tabs.minutes_dialogs import ReasonDialog
from tests.pdf_text import page_texts
from tests.test_meeting_docs import demo_ids

TIMEOUT = 60_000
NOTES = "Đồng chí Hoàng Quang Tuấn báo cáo: Chỉ số DTI của tỉnh tăng 5 bậc."
OPENING = "Thời gian: 14 giờ 05 ngày 06/11/2026.\nChủ trì: đồng chí Cao Bá Công (đã soát lại)."


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def tab(qtbot: Any, demo_db: Any) -> MeetingsTab:
    tab = MeetingsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    return tab


@pytest.fixture
def section(qtbot: Any, demo_db: Any, tab: MeetingsTab) -> MinutesSection:
    view = tab.view
    held = demo_ids(demo_db)["held"]
    assert view.table.select_where(lambda r: r.id == held)
    sec = view.pane.section("minutes")
    assert isinstance(sec, MinutesSection)
    view.pane.sections.setCurrentWidget(sec)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == held)
    return sec


def _type_opening(qtbot: Any, sec: MinutesSection, text: str, key: str = "opening") -> None:
    sec.select_part(key)
    assert not sec.editor.isReadOnly()
    sec.editor.selectAll()
    sec.editor.insertPlainText(text)
    assert sec.edits[key] == text
    assert sec.parts.currentItem().text().endswith(" *")  # unsaved, said in words
    assert sec.save_button.isEnabled()


def _box(sec: MinutesSection) -> QMessageBox:
    box = sec.host.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box


def test_edit_save_issue_reopen(
    qtbot: Any, demo_db: Any, section: MinutesSection, tmp_path: Path
) -> None:
    sec, meeting_id = section, section.detail.id
    assert sec.parts.count() == 4 + len(sec.draft.items)  # built from the meeting
    sec.select_part("attendance")
    assert sec.editor.isReadOnly() and "dự họp" in sec.editor.toPlainText()

    _type_opening(qtbot, sec, OPENING)
    item = sec.draft.items[0].item_id
    _type_opening(qtbot, sec, NOTES, f"item:{item}")
    assert set(sec.edits) == {"opening", f"item:{item}"}
    qtbot.mouseClick(sec.save_button, Qt.MouseButton.LeftButton)  # both parts, one revision
    assert not sec.edits and not sec.save_button.isEnabled()
    draft = minutes_draft(demo_db, meeting_id)
    assert draft.opening == OPENING and draft.items[0].notes == NOTES
    (rev,) = minutes_revisions(demo_db, meeting_id)
    assert rev.event == "saved" and rev.author
    assert sec.history_model.rowCount() == 1
    row = [sec.history_model.index(0, c).data() for c in range(5)]
    assert row[2] == rev.author and row[3] == "Lưu bản sửa"  # who and when, shown

    # Issue: asked first, then a number and the SHA-256 of the issued PDF.
    qtbot.mouseClick(sec.finalise_button, Qt.MouseButton.LeftButton)
    box = _box(sec)
    yes = next(b for b in box.buttons() if b.objectName() == "yesButton")
    yes.click()
    qtbot.waitUntil(lambda: sec.is_locked(), timeout=TIMEOUT)
    info = get_meeting(demo_db, meeting_id).minutes
    assert info.status == "final" and info.issued_number and len(info.sha256) == 64
    assert info.issued_number in sec.status.text() and info.sha256 in sec.status.text()
    assert sec.editor.isReadOnly() and not sec.save_button.isEnabled()
    assert sec.reopen_button.isEnabled()

    pdf = tmp_path / "bien-ban.pdf"
    sec.export_pdf_to(str(pdf))
    qtbot.waitUntil(lambda: "Đã xuất" in sec.notice.text(), timeout=TIMEOUT)
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == info.sha256  # the issued copy
    text = "\n".join(page_texts(pdf))
    assert "BIÊN BẢN" in text
    assert info.issued_number.split("/")[0] in text
    assert "tăng 5 bậc" in " ".join(text.split())  # the notes saved on screen

    # Reopen: a reason is required; the dialog keeps what was typed when refused.
    qtbot.mouseClick(sec.reopen_button, Qt.MouseButton.LeftButton)
    dialog = sec.host.last_dialog
    assert isinstance(dialog, ReasonDialog) and dialog.isVisible()
    dialog.accept()
    assert dialog.isVisible() and dialog.error_box is not None  # the empty reason refused
    dialog.error_box.close()
    dialog.reason.setText("Sửa tên đại biểu dự thay")
    dialog.accept()
    assert not dialog.isVisible()
    assert not sec.is_locked() and "Mở lại để sửa" in sec.status.text()
    assert "Sửa tên đại biểu dự thay" in sec.status.text()
    events = [r.event for r in minutes_revisions(demo_db, meeting_id)]
    assert events == ["saved", "issued", "reopened"]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert sec.findChildren(ReasonDialog) == []  # gone once closed, not kept in the section
    # The issued copy stays retrievable, marked superseded.
    (entry,) = sec.issued_menu.actions()
    assert "đã bị thay thế" in entry.text() and sec.issued_button.isEnabled()
    again = tmp_path / "ban-cu.pdf"
    sec.export_pdf_to(str(again), entry.data())
    qtbot.waitUntil(lambda: again.exists(), timeout=TIMEOUT)
    assert hashlib.sha256(again.read_bytes()).hexdigest() == info.sha256


def test_conflict_keeps_what_was_typed(qtbot: Any, demo_db: Any, section: MinutesSection) -> None:
    sec, meeting_id = section, section.detail.id
    _type_opening(qtbot, sec, OPENING)
    # Another officer saves the minutes meanwhile.
    theirs = minutes_draft(demo_db, meeting_id)
    save_minutes(
        demo_db, meeting_id, expected_version=theirs.version, closing="Bế mạc lúc 16 giờ 45."
    )
    qtbot.mouseClick(sec.save_button, Qt.MouseButton.LeftButton)
    box = _box(sec)
    assert "người khác" in box.windowTitle() and "giữ nguyên" in box.text()
    box.close()
    assert sec.edits == {"opening": OPENING}
    assert sec.editor.toPlainText() == OPENING
    assert minutes_draft(demo_db, meeting_id).opening != OPENING  # nothing of ours written
    # Theirs is the new base: saving again stores ours, theirs kept.
    qtbot.mouseClick(sec.save_button, Qt.MouseButton.LeftButton)
    draft = minutes_draft(demo_db, meeting_id)
    assert draft.opening == OPENING and draft.closing == "Bế mạc lúc 16 giờ 45."
    assert len(minutes_revisions(demo_db, meeting_id)) == 2


def test_word_export_read_back(
    qtbot: Any, demo_db: Any, section: MinutesSection, tmp_path: Path
) -> None:
    sec = section
    _type_opening(qtbot, sec, OPENING)
    qtbot.mouseClick(sec.save_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "du-thao"
    sec.export_docx_to(str(target))
    qtbot.waitUntil(lambda: "Đã xuất" in sec.notice.text(), timeout=TIMEOUT)
    doc = Document(str(tmp_path / "du-thao.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN" in text and "đã soát lại" in text


def test_revision_is_readable(qtbot: Any, demo_db: Any, section: MinutesSection) -> None:
    sec = section
    _type_opening(qtbot, sec, OPENING)
    qtbot.mouseClick(sec.save_button, Qt.MouseButton.LeftButton)
    sec.history.setCurrentIndex(sec.history_model.index(0, 0))
    qtbot.mouseClick(sec.revision_button, Qt.MouseButton.LeftButton)
    dialog = sec.host.last_dialog
    assert dialog is not None and dialog.objectName() == "revisionDialog"
    text = dialog.findChild(type(sec.editor), "revisionText").toPlainText()
    assert "đã soát lại" in text
    dialog.close()


def test_an_issued_copy_saved_after_its_file_was_altered_says_where_that_file_is(
    qtbot: Any, demo_db: Any, section: MinutesSection, tmp_path: Path
) -> None:
    """Saving the issued minutes reads the register's copy, which puts back the folder's file
    someone edited: the officer is told which file, and where the edited one was kept."""
    from bdcq_desktop.core import register
    from bdcq_desktop.documents import service

    sec = section
    rec = service.issue(demo_db, "minutes", sec.detail.id, confirm_unmarked=True)
    path = register.documents_dir() / rec.file_path
    right = path.read_bytes()
    path.write_bytes(right + b"\n% a note added in another program\n")
    pdf = tmp_path / "bien-ban.pdf"
    sec.export_pdf_to(str(pdf), rec.id)
    qtbot.waitUntil(lambda: "Đã xuất" in sec.notice.text(), timeout=TIMEOUT)
    assert pdf.read_bytes() == right == path.read_bytes()
    [kept] = path.parent.glob(f"{path.stem}.altered-*.pdf")
    box = _box(sec)
    assert box.objectName() == "restoredBox"
    assert rec.symbol in box.text() and str(path) in box.text() and str(kept) in box.text()


def _laid_out(layout: Any) -> list[QWidget]:
    """The widgets ``layout`` and the layouts inside it place."""
    out: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None and item.widget().objectName() == "buttonFlow":
            out.extend(_laid_out(item.widget().layout()))  # the buttons' wrapping rows
        elif item.widget() is not None:
            out.append(item.widget())
        elif item.layout() is not None:
            out.extend(_laid_out(item.layout()))
    return out


def test_every_button_of_the_section_is_laid_out_apart(qtbot: Any, section: MinutesSection) -> None:
    """Each button is placed by the section's layout (none floats at its top-left), inside the
    section, over no other widget of it ("Giờ bắt đầu…" once hid "Trạng thái: Dự thảo")."""
    tab = section.window()
    tab.resize(1366, 700)
    qtbot.wait(50)
    placed = _laid_out(section.layout())
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    children = [w for w in section.findChildren(QWidget, options=direct) if w.isVisible()]
    flow = next(w for w in children if w.objectName() == "buttonFlow")
    children.remove(flow)
    children += [w for w in flow.findChildren(QWidget, options=direct) if w.isVisible()]
    assert any(isinstance(w, QLabel) and "Trạng thái" in w.text() for w in children)
    buttons = [w for w in children if isinstance(w, QAbstractButton)]
    assert section.start_button in buttons and section.close_button in buttons
    area = section.rect()

    def geometry(w: QWidget) -> QRect:
        return QRect(w.mapTo(section, QPoint(0, 0)), w.size())

    for b in buttons:
        assert b in placed, b.objectName()
        assert area.contains(geometry(b)), b.objectName()
        for other in children:
            if other is not b:
                assert not geometry(b).intersects(geometry(other)), (
                    b.objectName(), other.objectName() or type(other).__name__
                )


def test_an_issue_refused_reads_as_a_refusal(
    qtbot: Any, demo_db: Any, section: MinutesSection
) -> None:
    """Ban hành refused (the minutes issued meanwhile from another PC): the section's line says
    so in red, as every refusal, not in the colour of what was done; the next thing done is said
    in that colour again."""
    from bdcq_desktop.documents import service
    from bdcq_desktop.ui.record_view import NOTICE_STYLE, REFUSAL_STYLE

    sec = section
    service.issue(demo_db, "minutes", sec.detail.id, confirm_unmarked=True)  # another officer
    sec._issue(sec.detail.id, confirm_unmarked=True)  # this one's Ban hành, confirmed
    qtbot.waitUntil(lambda: "Chưa ban hành được" in sec.notice.text(), timeout=TIMEOUT)
    assert sec.notice.styleSheet() == REFUSAL_STYLE
    _box(sec).close()

    sec.refresh()  # the minutes issued by the other officer are shown
    sec.export_pdf_to(str(Path(sec.host.db.sqlite_path).parent / "bien-ban.pdf"))
    qtbot.waitUntil(lambda: "Đã xuất" in sec.notice.text(), timeout=TIMEOUT)
    assert sec.notice.styleSheet() == NOTICE_STYLE


def test_a_file_not_written_reads_as_a_refusal(
    qtbot: Any, section: MinutesSection, tmp_path: Path
) -> None:
    """An export that could not be written ends "Đang xuất…" with a refusal in red (the line
    stayed "Đang xuất…" for good)."""
    from bdcq_desktop.ui.record_view import REFUSAL_STYLE

    sec = section
    taken = tmp_path / "du-thao.docx"
    taken.mkdir()  # a folder of that name: the file cannot be written
    sec.export_docx_to(str(taken))
    qtbot.waitUntil(lambda: "Chưa xuất được" in sec.notice.text(), timeout=TIMEOUT)
    assert sec.notice.styleSheet() == REFUSAL_STYLE
    _box(sec).close()
