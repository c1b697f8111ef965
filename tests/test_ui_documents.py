"""The document dialog and where it is opened from (offscreen, pytest-qt)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from sqlalchemy import select

from bdcq_desktop.core import register
from bdcq_desktop.core.models import Meeting, MeetingStatus
from bdcq_desktop.documents import service
from bdcq_desktop.ui import messages, pdf_preview
from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
from bdcq_desktop.ui.export_actions import DocumentSource, RecordRef
from bdcq_desktop.ui.main_window import MainWindow

TIMEOUT = 60_000


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Warning boxes shown: a blocking one recorded instead of blocking the test; a document
    not built or not issued (non-blocking, ui/messages.py) recorded and shown as it is."""
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kw: calls.append(args))
    shown = messages.show_message
    refusals = ("Không tạo được văn bản", "Không ban hành được")

    def show_message(*args: Any, **kw: Any) -> QMessageBox:
        if args[1] in refusals:
            calls.append(args)
        return shown(*args, **kw)

    monkeypatch.setattr(messages, "show_message", show_message)
    return calls


@pytest.fixture
def infos(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kw: calls.append(args))
    return calls


def _wait(qtbot: Any, dialog: DocumentDialog) -> None:
    qtbot.waitUntil(lambda: not dialog._busy, timeout=TIMEOUT)


def _planned_meeting(db: Any) -> int:
    with db.session() as s:
        return s.scalars(select(Meeting.id).where(Meeting.status == MeetingStatus.PLANNED)).first()


def test_session_preview_save_and_issue(
    qtbot: Any,
    demo_db: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[Any],
    infos: list[Any],
) -> None:
    dialog = DocumentDialog(demo_db, "session", 1, "Đề án chuyển đổi số", kind="wg-report")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind_names()[:2] == ["wg-convocation", "wg-report"]
    assert {"roster", "tasks"} <= set(dialog.kind_names())
    _wait(qtbot, dialog)
    assert dialog.current_kind().name == "wg-report"
    assert dialog.page_count() >= 1

    # Choose another kind: the preview follows.
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT) as blocker:
        assert dialog.select_kind("wg-convocation")
    assert blocker.args[0] >= 1
    pages = dialog.pages.findChildren(QLabel, "previewPage")
    assert len(pages) == blocker.args[0] == dialog.page_count()
    assert all(not p.pixmap().isNull() and p.pixmap().width() > 300 for p in pages)
    assert "Chưa ban hành" in dialog.status.text()
    assert dialog.save_button.isEnabled()

    # Save as: the file dialog is patched; the file is the draft shown.
    target = tmp_path / "out" / "giay-trieu-tap"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp PDF (*.pdf)")
    )
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    written = Path(saved.args[0])
    assert written == target.with_suffix(".pdf")
    assert written.read_bytes() == dialog._pdf and written.read_bytes().startswith(b"%PDF")

    # The convocation of a session that has taken place cannot be issued today: not offered,
    # the reason beside the button (documents/issue_readiness.py); the draft stays saved.
    assert not dialog.issue_button.isEnabled()
    note = dialog.findChild(QLabel, "issueNote")
    assert note is not None and "là sau ngày làm việc (" in note.text()
    # Pressed all the same (the record changed under a preview shown): the issue refuses it,
    # says so, and no number is taken.
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as refused:
        dialog.issue()
    assert "là sau ngày làm việc (" in refused.args[0]
    assert warnings and "là sau ngày làm việc (" in warnings[-1][2]
    warnings.clear()
    assert register.list_issued(demo_db) == []

    # The session's report: asks first (a "no" changes nothing), then takes number 01 of the
    # BC series.
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        assert dialog.select_kind("wg-report")
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "noButton")
    dialog.issue_button.click()
    assert register.list_issued(demo_db) == []
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    with qtbot.waitSignal(dialog.issued, timeout=TIMEOUT) as issued:
        dialog.issue_button.click()
        # Esc or Đóng while it is issued: refused, so the number taken reaches the record's
        # tab and the officer (closed, the dialog took both with it).
        dialog.reject()
        dialog.close()
        assert dialog.isVisible() and "xin chờ" in dialog.status.text()
        assert not dialog.close_button.isEnabled()
    _wait(qtbot, dialog)
    assert dialog.close_button.isEnabled()
    rec = issued.args[0]
    assert rec.symbol == "01/BC-BCĐ" and rec.kind == "wg-report" and rec.record_id == 1
    assert [(r.symbol, r.record_type) for r in register.list_issued(demo_db)] == [
        ("01/BC-BCĐ", "session")
    ]
    box = dialog.findChild(QMessageBox, "issuedBox")
    assert box is not None and "01/BC-BCĐ" in box.text()
    box.accept()
    assert "01/BC-BCĐ" in dialog.status.text()
    assert dialog._pdf == register.stored_copy(rec)
    assert not dialog.issue_button.isEnabled() and dialog.draft_check.isVisibleTo(dialog)
    assert not warnings

    # Reopened later: the stored copy, under its number, is what is saved.
    again = DocumentDialog(demo_db, "session", 1, "", kind="wg-report")
    qtbot.addWidget(again)
    _wait(qtbot, again)
    assert again._pdf == register.stored_copy(rec)
    assert "Đã ban hành số 01/BC-BCĐ" in again.status.text()
    with qtbot.waitSignal(again.saved, timeout=TIMEOUT) as saved:
        again.save_button.click()
    assert Path(saved.args[0]).read_bytes() == register.stored_copy(rec)
    # ...and a fresh draft can still be looked at.
    with qtbot.waitSignal(again.preview_ready, timeout=TIMEOUT):
        again.draft_check.setChecked(True)
    assert again._pdf != register.stored_copy(rec)
    assert "bản dự thảo" in again.status.text()


def test_meeting_dialog_offers_meeting_and_database_documents(
    qtbot: Any, demo_db: Any, warnings: list[Any]
) -> None:
    meeting_kinds = [k.name for k in service.kinds_for("meeting")]
    dialog = DocumentDialog(demo_db, "meeting", 1, "Họp Ban Chỉ đạo năm 2024")
    qtbot.addWidget(dialog)
    assert dialog.kind_names() == meeting_kinds + [k.name for k in service.kinds_for(None)]
    _wait(qtbot, dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT) as blocker:
        dialog.select_kind("tasks")
    assert blocker.args[0] >= 3  # body and the landscape annex
    assert dialog._record_for(dialog.current_kind()) is None  # not filed under the meeting
    if meeting_kinds:
        with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT) as blocker:
            dialog.select_kind(meeting_kinds[0])
        assert blocker.args[0] >= 1
    assert not warnings


def test_closed_before_its_first_check_ends(qtbot: Any, demo_db: Any) -> None:
    """Esc at once: the check of which kinds can be made ends after the dialog has gone, and
    must not reach its deleted widgets (it raised RuntimeError into the error dialog)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    from bdcq_desktop.ui import worker

    for kind in ("attendance", None, "tasks"):
        dialog = DocumentDialog(demo_db, "meeting", 1, "Họp Ban Chỉ đạo năm 2024", kind=kind)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as the application opens it
        dialog.show()
        dialog.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert QThreadPool.globalInstance().waitForDone(TIMEOUT)
    qtbot.waitUntil(lambda: not worker._running, timeout=TIMEOUT)  # the callbacks have run


def test_errors_are_shown_as_messages(qtbot: Any, demo_db: Any, warnings: list[Any]) -> None:
    dialog = DocumentDialog(demo_db, "session", 99999, "", kind="wg-report")
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    assert warnings and "Không tìm thấy" in warnings[-1][2]
    assert dialog.pages.findChild(QLabel, "previewError") is not None
    assert not dialog.save_button.isEnabled() and not dialog.issue_button.isEnabled()


def test_minutes_of_a_planned_meeting(qtbot: Any, demo_db: Any, warnings: list[Any]) -> None:
    if "minutes" not in {k.name for k in service.kinds_for("meeting")}:
        pytest.skip("the minutes document is not registered")
    meeting = _planned_meeting(demo_db)
    dialog = DocumentDialog(demo_db, "meeting", meeting, "")
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        dialog.select_kind("minutes")
    assert failed.args[0] == warnings[-1][2]
    assert "Traceback" not in failed.args[0]
    assert not dialog.issue_button.isEnabled()
    # Back to a kind that works: the dialog recovers.
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        dialog.select_kind("roster")
    assert dialog.page_count() >= 1


def test_open_in_viewer_hands_a_temporary_copy_to_the_system(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = DocumentDialog(demo_db, None, None, "", kind="roster")
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    assert dialog.kind_names() == [k.name for k in service.kinds_for(None)]
    dialog.open_button.click()
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.suffix == ".pdf" and path.read_bytes() == dialog._pdf
    path.unlink()


def test_preview_falls_back_to_text(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_preview, "RENDERERS", [])
    dialog = DocumentDialog(demo_db, "round", 9, "", kind="reports-summary")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args[0] == 0
    text = dialog.pages.findChild(QLabel, "previewText").text()
    assert "BÁO CÁO" in text or "Mở bằng trình xem" in text
    assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("name", ["pdfium", "pdftoppm"])
def test_each_page_renderer(name: str, demo_db: Any) -> None:
    renderer = dict(pdf_preview.RENDERERS)[name]
    pdf = service.draft(demo_db, "wg-convocation", 1)
    images = renderer(pdf, 50)
    if images is None:
        pytest.skip(f"{name} is not available here")
    assert len(images) == 2
    assert all(abs(img.width() / img.height() - 210 / 297) < 0.01 for img in images)
    assert pdf_preview.render_pages(pdf, 50).images


def test_tabs_and_main_window_open_the_dialog(
    qtbot: Any, demo_db: Any, warnings: list[Any]
) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.read_every_tab()
    # Tệp › Văn bản, and the toolbar button.
    file_menu = window.menuBar().actions()[0].menu()
    submenu = next(a.menu() for a in file_menu.actions() if a.menu() is not None)
    assert submenu.title().replace("&", "") == "Văn bản"
    assert window.document_actions.open_action in window.document_actions.toolbar.actions()

    for tab, record_type in (
        (window.meetings_tab, "meeting"),
        (window.sessions_tab, "session"),
        (window.reports_tab, "round"),
    ):
        assert isinstance(tab.document_source, DocumentSource)
        table = tab.document_source.table
        context = [a.objectName() for a in table.view.actions()]
        assert "documentsAction" in context
        window.tabs.setCurrentWidget(tab)
        table.view.selectRow(0)
        ref = window.document_actions.current_record()
        assert isinstance(ref, RecordRef) and ref.record_type == record_type
        dialog = window.document_actions.open_for_current()
        assert dialog.record_type == record_type and dialog.record_id == ref.record_id
        _wait(qtbot, dialog)
        dialog.close()

    # The members tab has no record documents: the whole-database ones are offered.
    window.tabs.setCurrentWidget(window.members_tab)
    dialog = window.document_actions.open_for_current()
    assert dialog.record_type is None
    _wait(qtbot, dialog)
    dialog.close()
    dialog = window.document_actions.open_kind("roster")
    assert dialog.current_kind().name == "roster"
    _wait(qtbot, dialog)
    dialog.close()
    assert not warnings


def test_a_long_document_previews_its_first_pages_and_says_so(qtbot: Any) -> None:
    """A decade's tasks report runs to hundreds of pages: the preview shows the first ones
    (rendered whole it took half a minute and 2 GB) and says how many there are in all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4)
    for n in range(1, 46):
        sheet.drawString(72, 720, f"Trang {n}")
        sheet.showPage()
    sheet.save()
    pdf = buffer.getvalue()
    assert pdf_preview.page_count(pdf) == 45
    for name, renderer in pdf_preview.RENDERERS:
        images = renderer(pdf, 30, pdf_preview.MAX_PAGES)
        if images is not None:
            assert len(images) == pdf_preview.MAX_PAGES, name
    preview = pdf_preview.render_pages(pdf, 30)
    assert preview.total == 45
    assert len(preview.images) in (0, pdf_preview.MAX_PAGES)  # none: no renderer here
    area = pdf_preview.PreviewArea()
    try:
        area.show_preview(preview)
        if preview.images:
            assert area.page_count() == pdf_preview.MAX_PAGES
            more = area.pages.findChild(QLabel, "previewMore")
            assert more is not None
            assert f"{pdf_preview.MAX_PAGES} trang đầu trong 45 trang" in more.text()
    finally:
        area.deleteLater()


def test_an_altered_file_put_back_on_reading_is_told_with_where_it_was_kept(
    qtbot: Any, demo_db: Any, warnings: list[Any]
) -> None:
    """The issued copy read for the preview puts back the folder's file someone changed: the
    officer is told which document and file, and where the changed file was kept, without
    being stopped (the preview is there behind the message)."""
    from datetime import date

    from tests.test_meeting_docs import demo_ids

    meeting = demo_ids(demo_db)["expanded"]
    day = date(2026, 7, 20)
    rec = service.issue(demo_db, "agenda", meeting, issued_on=day, today=day)
    path = register.documents_dir() / rec.file_path
    right = path.read_bytes()
    path.write_bytes(right.replace(b"%%EOF", b"%%EOF\n% edited by hand", 1))
    dialog = DocumentDialog(demo_db, "meeting", meeting, "", kind="agenda")
    qtbot.addWidget(dialog)
    dialog.show()
    def told() -> QMessageBox | None:
        return dialog.findChild(QMessageBox, "restoredBox")

    qtbot.waitUntil(lambda: told() is not None, timeout=TIMEOUT)
    _wait(qtbot, dialog)
    [kept] = path.parent.glob(f"{path.stem}.altered-*.pdf")
    box = told()
    assert box is not None
    # Opened, not run in a loop of its own: the dialog's work goes on; it covers the dialog only.
    assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
    text = box.text()
    assert rec.symbol in text and str(path) in text and str(kept) in text
    assert "đã bị thay đổi" in text and "ghi lại" in text
    assert path.read_bytes() == right and dialog._pdf == right and not warnings
    assert "Đã ban hành" in dialog.status.text()
    box.accept()
    # Read again, the file is right: nothing more is said.
    again = DocumentDialog(demo_db, "meeting", meeting, "", kind="agenda")
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.preview_ready, timeout=TIMEOUT):
        again.show()
    assert again.findChild(QMessageBox, "restoredBox") is None


def _watch_for_box(
    is_it: Callable[[QMessageBox], bool], progress: list[Any]
) -> list[tuple[QMessageBox, int]]:
    """Look, from Qt's loop, for the visible box ``is_it`` picks, and note it with how far the
    dialog had gone (``len(progress)``) when it showed. A blocking box would run this inside
    its own event loop: it is answered then, so the test goes on and fails on that count."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    shown: list[tuple[QMessageBox, int]] = []

    def watch() -> None:
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible() and is_it(w)
            ),
            None,
        )
        if box is None:
            QTimer.singleShot(20, watch)
            return
        shown.append((box, len(progress)))
        if not progress:
            box.accept()

    QTimer.singleShot(0, watch)
    return shown



def _deleted_on_close(request: pytest.FixtureRequest, dialog: DocumentDialog) -> None:
    """``dialog`` deleted when it closes, as the application opens it, and closed after the
    test if it is still there. Not given to qtbot: its teardown closes every widget whose
    Python side is still alive, and a deleted dialog's (kept by a closure until the collector
    runs) then raised "Internal C++ object already deleted" in the next test's set-up."""
    import shiboken6

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    request.addfinalizer(lambda: shiboken6.isValid(dialog) and dialog.close())

def test_the_issued_notice_does_not_block_and_the_dialog_may_close_under_it(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """"Đã ban hành văn bản …" is told without a nested event loop, as every notice of the
    window: the audit's script accepted that box and closed the dialog in one step and the
    application aborted ("double free or corruption"), the blocking box's dialog deleted while
    the box was still running on the stack."""
    import shiboken6

    dialog = DocumentDialog(demo_db, "session", 1, "", kind="wg-report")
    _deleted_on_close(request, dialog)  # as export_actions opens it
    dialog.show()
    _wait(qtbot, dialog)
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    ready: list[int] = []
    dialog.preview_ready.connect(ready.append)
    shown = _watch_for_box(lambda w: "Đã ban hành văn" in w.text(), ready)
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    box, ready_when_shown = shown[0]
    assert ready_when_shown == 1  # the dialog went on (the preview ready) with the box up
    assert box.isVisible() and box.parent() is dialog
    # Đóng with the box still up: the dialog and its box go, the application stays.
    _wait(qtbot, dialog)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=TIMEOUT)
    assert not shiboken6.isValid(box)
    assert [r.symbol for r in register.list_issued(demo_db)] == ["01/BC-BCĐ"]


def test_a_document_that_cannot_be_built_is_told_without_blocking_and_may_be_closed(
    qtbot: Any, demo_db: Any, request: pytest.FixtureRequest
) -> None:
    """"Không tạo được văn bản" is shown from the background job's callback, as "Đã ban hành"
    is: a blocking box there ran a nested event loop, and the dialog closed under it (Đóng, or
    Esc, with the box still up) was deleted while the box still ran on the stack."""
    import shiboken6

    failed: list[str] = []
    shown = _watch_for_box(lambda w: "Không tìm thấy" in w.text(), failed)
    dialog = DocumentDialog(demo_db, "session", 99999, "", kind="wg-report")
    _deleted_on_close(request, dialog)  # as export_actions opens it
    dialog.failed.connect(failed.append)
    dialog.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    box, failed_when_shown = shown[0]
    assert failed_when_shown == 1  # the dialog went on (failed said) with the box up
    assert box.isVisible() and box.parent() is dialog
    assert box.windowTitle() == "Không tạo được văn bản"
    # Đóng with the box still up: the dialog and its box go, the application stays.
    _wait(qtbot, dialog)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=TIMEOUT)
    assert not shiboken6.isValid(box)


def test_an_issue_refused_is_told_without_blocking_and_the_dialog_may_close_under_it(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """"Không ban hành được" comes from the issue's background job too: told without a nested
    event loop, the dialog closing under it takes it along."""
    import shiboken6

    dialog = DocumentDialog(demo_db, "session", 1, "", kind="wg-convocation")
    _deleted_on_close(request, dialog)  # as export_actions opens it
    dialog.show()
    _wait(qtbot, dialog)
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    failed: list[str] = []
    dialog.failed.connect(failed.append)
    shown = _watch_for_box(lambda w: w.windowTitle() == "Không ban hành được", failed)
    # The convocation of a session already held is refused on its date (the core's rule); not
    # offered, so asked for as when the session changed under the preview shown.
    dialog.issue()
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    box, failed_when_shown = shown[0]
    assert failed_when_shown == 1  # the dialog went on (failed said) with the box up
    assert box.isVisible() and box.parent() is dialog and box.text() == failed[0]
    assert register.list_issued(demo_db) == []
    _wait(qtbot, dialog)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=TIMEOUT)
    assert not shiboken6.isValid(box)


def test_a_document_not_built_or_not_issued_reads_as_a_refusal(
    qtbot: Any,
    demo_db: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[Any],
) -> None:
    """The status line under the preview says "Không tạo được văn bản." and "Chưa ban hành
    được: …" in red, as every refusal (they read as the line's other news); a preview built
    afterwards says its status in the line's own colour again."""
    from bdcq_desktop.ui.record_view import REFUSAL_STYLE

    dialog = DocumentDialog(demo_db, "session", 1, "Đề án chuyển đổi số", kind="wg-convocation")
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, dialog)
    assert dialog.status.styleSheet() == ""
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: "yesButton")
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT):
        dialog.issue()  # a session already held: its convocation is refused (not offered)
    assert "Chưa ban hành được" in dialog.status.text()
    assert dialog.status.styleSheet() == REFUSAL_STYLE
    target = tmp_path / "giay-trieu-tap.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save_button.click()  # the draft kept is saved
    assert "Đã lưu" in dialog.status.text() and dialog.status.styleSheet() == ""
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        assert dialog.select_kind("wg-report")
    assert "Chưa ban hành" in dialog.status.text() and dialog.status.styleSheet() == ""

    meeting = _planned_meeting(demo_db)
    dialog = DocumentDialog(demo_db, "meeting", meeting, "")
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT):
        dialog.select_kind("minutes")  # no minutes for a meeting not held
    assert dialog.status.text() == "Không tạo được văn bản."
    assert dialog.status.styleSheet() == REFUSAL_STYLE
