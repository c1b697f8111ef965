"""Every question the application asks with answers of its own (the issue's "Điểm danh / Vẫn
ban hành / Hủy", the namesake's, the demo offer, the recovery, a database refused, the
restores, "Ban hành văn bản") answers from the keyboard as the generic one does
(tests/test_ui_confirm_letters.py): each answer an Alt letter of its own, plain ASCII; Enter
and Esc as before; and a letter typed without Alt (the officer still typing, Telex "vaanx"
when the box opens) answers nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from bdcq_desktop.core.errors import BcdError, Namesake, NamesakeWarning
from bdcq_desktop.ui import backup_actions, messages, startup_questions
from bdcq_desktop.ui.dialogs import backups_dialog
from bdcq_desktop.ui.mnemonics import mnemonic_of

_KEPT: list[Any] = []  # the windows a box opens over (qtbot holds only a weak reference)


class Case(NamedTuple):
    box: str  # the box's object name
    texts: list[str]  # its answers, in order, without their "&"
    names: list[str]  # their buttons' object names
    enter: str  # the answer Enter gives
    esc: str  # the answer Esc gives


def _window(qtbot: Any) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    _KEPT.append(window)
    window.show()
    return window


def _issue_question(qtbot: Any, **_: Any) -> Callable[[], object]:
    window = _window(qtbot)
    question = BcdError("Còn 2 người được mời chưa điểm danh.")
    return lambda: messages.ask_before_issue(window, question, lambda: None, lambda: None)


def _issue_question_elsewhere(qtbot: Any, **_: Any) -> Callable[[], object]:
    window = _window(qtbot)
    question = BcdError("Còn 2 người được mời chưa điểm danh.")
    return lambda: messages.ask_before_issue(window, question, lambda: None)


def _namesake(qtbot: Any, demo_db: Any, monkeypatch: Any, **_: Any) -> Callable[[], object]:
    from bdcq_desktop.core import working_group as wg
    from bdcq_desktop.ui.dialogs.session_dialogs import ParticipantsDialog

    sid = wg.create_session(demo_db, purpose="regulation", title="Dự thảo Quy chế",
                            starts_on="07/12/2026", ends_on="11/12/2026")  # fmt: skip
    dialog = ParticipantsDialog(demo_db, sid)
    qtbot.addWidget(dialog)
    _KEPT.append(dialog)
    dialog.show()
    monkeypatch.setattr(dialog, "_attempt", lambda *a: None)  # what an answer then does
    people = (Namesake(1, 1, "Vũ Duy Tiến", "Trưởng ban"),)
    exc = NamesakeWarning("Vũ Duy Tiến đã có trong danh sách.", people)
    values = {"person_ids": [], "new_experts": [{"full_name": "Vũ Duy Tiến"}]}
    return lambda: dialog._ask(exc, values, {})


def _demo_offer(qtbot: Any, **_: Any) -> Callable[[], object]:
    window = _window(qtbot)
    return lambda: startup_questions.offer_demo(window, lambda load: None)


def _recovery(qtbot: Any, tmp_path: Path, monkeypatch: Any, **_: Any) -> Callable[[], object]:
    monkeypatch.setattr(backups_dialog, "recover_damaged", lambda path, backup: path)
    exc = SimpleNamespace(message="Tệp dữ liệu bị hỏng.", path=tmp_path / "bcd.sqlite3",
                          backup=tmp_path / "bcd-auto.sqlite3")  # fmt: skip
    window = _window(qtbot)
    return lambda: backups_dialog.offer_recovery(exc, lambda moved: None, window)


def _refused(qtbot: Any, **_: Any) -> Callable[[], object]:
    window = _window(qtbot)
    exc = BcdError("Không mở được tệp dữ liệu.")
    return lambda: startup_questions.refuse_database(exc, window, lambda: None)


def _refused_retry(qtbot: Any, **_: Any) -> Callable[[], object]:
    """A server named by --db out of reach: "Thử lại" offered beside "Thoát"."""
    window = _window(qtbot)
    exc = BcdError("Không kết nối được tới máy chủ cơ sở dữ liệu.")
    return lambda: startup_questions.refuse_database(exc, window, lambda: None, lambda: None)


def _restore_listed(qtbot: Any, db: Any, monkeypatch: Any, **_: Any) -> Callable[[], object]:
    from bdcq_desktop.core.backup import backup_before

    backup_before(db, "manual")
    dialog = backups_dialog.BackupsDialog(db)
    qtbot.addWidget(dialog)
    _KEPT.append(dialog)
    dialog.show()
    dialog.table.selectRow(0)
    monkeypatch.setattr(dialog, "restore", lambda path: None)
    return dialog.restore_selected


def _restore_file(
    qtbot: Any, db: Any, tmp_path: Path, monkeypatch: Any, **_: Any
) -> Callable[[], object]:
    window = _window(qtbot)
    # A file that can be restored over: the question is asked only then.
    window.db, window.show_error = db, print  # type: ignore[attr-defined]
    picked = str(tmp_path / "sao-luu.sqlite3")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (picked, ""))
    monkeypatch.setattr(backup_actions, "run_restore", lambda *a, **k: None)
    return lambda: backup_actions.restore_from_file(window)


def _issue(qtbot: Any, demo_db: Any, monkeypatch: Any, **_: Any) -> Callable[[], object]:
    from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog

    dialog = DocumentDialog(demo_db, "meeting", 12, "Họp", kind="conclusions")
    qtbot.addWidget(dialog)
    _KEPT.append(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
    monkeypatch.setattr(dialog, "_start_issue", lambda *a, **k: None)
    return dialog.issue


YES_NO = ["Có", "Không"]
CASES = {
    "ask_before_issue": (_issue_question, Case(
        "issueQuestionBox", ["Điểm danh", "Vẫn ban hành", "Hủy"],
        ["attendanceButton", "issueAnywayButton", "noButton"], "attendanceButton", "noButton")),
    "ask_before_issue_without_attendance": (_issue_question_elsewhere, Case(
        "issueQuestionBox", ["Để điểm danh trước", "Vẫn ban hành"],
        ["attendanceButton", "issueAnywayButton"], "attendanceButton", "attendanceButton")),
    "namesake": (_namesake, Case(
        "namesakeQuestion", ["Dùng người đã có", "Vẫn thêm người mới", "Không"],
        ["useExistingButton", "addNewButton", "noButton"], "useExistingButton", "noButton")),
    "demo_offer": (_demo_offer, Case(
        "demoOffer", ["Nạp dữ liệu mẫu", "Bắt đầu với dữ liệu trống"],
        ["loadDemoButton", "emptyStartButton"], "loadDemoButton", "emptyStartButton")),
    "recovery": (_recovery, Case(
        "databaseRecovery", ["Khôi phục bản sao lưu này", "Thoát"],
        ["restoreThisBackup", "quitButton"], "restoreThisBackup", "quitButton")),
    "database_refused": (_refused, Case(
        "databaseRefused", ["Thoát"], ["quitButton"], "quitButton", "quitButton")),
    "database_refused_retry": (_refused_retry, Case(
        "databaseRefused", ["Thử lại", "Thoát"], ["retryButton", "quitButton"], "retryButton",
        "quitButton")),
    "restore_listed_backup": (_restore_listed, Case(
        "confirmRestore", YES_NO, ["yesButton", "noButton"], "noButton", "noButton")),
    "restore_from_file": (_restore_file, Case(
        "confirmRestore", YES_NO, ["yesButton", "noButton"], "noButton", "noButton")),
    "issue_document": (_issue, Case(
        "issueConfirmBox", YES_NO, ["yesButton", "noButton"], "noButton", "noButton")),
}  # fmt: skip


def _answer(qtbot: Any, open_box: Callable[[], object], act: Callable[[QMessageBox], None]
            ) -> tuple[dict[str, Any], list[str]]:  # fmt: skip
    """Open the box (some wait for their answer, some not), let ``act`` answer it once it is
    the active window; what it showed, and the answers its buttons gave."""
    seen: dict[str, Any] = {}
    said: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.property("seen"):
            QTimer.singleShot(10, look)
            return
        if not box.isActiveWindow():
            box.activateWindow()
            QTimer.singleShot(10, look)
            return
        box.setProperty("seen", True)
        seen.update(name=box.objectName(), buttons=[(b.objectName(), b.text())
                                                    for b in box.buttons()])  # fmt: skip
        box.buttonClicked.connect(lambda button: said.append(button.objectName()))
        act(box)
        # Never left waiting (a box that did not answer would hold the test in its loop).
        QTimer.singleShot(3000, lambda: shiboken6.isValid(box) and box.isVisible()
                          and box.done(0))  # fmt: skip

    QTimer.singleShot(0, look)
    open_box()
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    return seen, said


def _typing(letters: list[str]) -> Callable[[QMessageBox], None]:
    """Each letter typed without Alt; then, the box still open, Esc."""

    def act(box: QMessageBox) -> None:
        for letter in letters:
            QTest.keyClick(box.focusWidget() or box, getattr(Qt.Key, f"Key_{letter.upper()}"))

        def then() -> None:
            if box.isVisible():
                QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Escape)

        QTimer.singleShot(50, then)

    return act


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
         ) -> Callable[[QMessageBox], None]:  # fmt: skip
    return lambda box: QTest.keyClick(box.focusWidget() or box, key, modifier)


@pytest.mark.parametrize("case", list(CASES))
def test_each_question_answers_alt_letters_enter_and_esc_only(
    qtbot: Any, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: Any
) -> None:
    opener, want = CASES[case]
    db = request.getfixturevalue("demo_db" if case in ("namesake", "issue_document") else "db")
    open_box = opener(qtbot=qtbot, demo_db=db, db=db, tmp_path=tmp_path, monkeypatch=monkeypatch)

    # Letters typed without Alt answer nothing: only the Esc after them does.
    all_letters = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    seen, said = _answer(qtbot, open_box, _typing(all_letters))
    assert said == [want.esc], seen["buttons"]  # not the button of a letter typed
    assert seen["name"] == want.box
    names = [name for name, _text in seen["buttons"]]
    texts = [text for _name, text in seen["buttons"]]
    assert sorted(names) == sorted(want.names)
    assert [texts[names.index(n)].replace("&", "") for n in want.names] == want.texts
    letters = [mnemonic_of(texts[names.index(n)]) for n in want.names]
    assert all(letters) and len(set(letters)) == len(letters), texts
    assert all(ch.isascii() and ch.isalpha() for ch in letters), texts

    _seen, said = _answer(qtbot, open_box, _key(Qt.Key.Key_Return))
    assert said == [want.enter]
    _seen, said = _answer(qtbot, open_box, _key(Qt.Key.Key_Escape))
    assert said == [want.esc]
    for name, letter in zip(want.names, letters, strict=True):
        key = getattr(Qt.Key, f"Key_{letter.upper()}")
        _seen, said = _answer(qtbot, open_box, _key(key, Qt.KeyboardModifier.AltModifier))
        assert said == [name], (letter, texts)

