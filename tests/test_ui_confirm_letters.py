"""The generic question (messages.confirm: "Vẫn lưu" / "Không", "Đồng ý" / "Không"…) answers
from the keyboard: each button an Alt letter of its own, Enter and Esc as before, and a letter
typed without Alt (the officer still typing when the box opens) answers nothing."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from bdcq_desktop.ui import messages
from bdcq_desktop.ui.mnemonics import mnemonic_of

_KEPT: list[QWidget] = []  # the window a box opens over (qtbot holds only a weak reference)


def _ask(qtbot: Any, answers: list[str], **kwargs: Any) -> QMessageBox:
    parent = QWidget()
    qtbot.addWidget(parent)
    _KEPT[:] = [parent]
    parent.show()
    box = messages.confirm(parent, "Cần xác nhận", "Lưu?", lambda: answers.append("yes"), **kwargs)
    qtbot.waitUntil(box.isVisible)
    # Deleted once answered: whether it was is read from here, not from the box.
    box.finished.connect(lambda _r: answers.append("closed"))
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    return box


def _buttons(box: QMessageBox) -> tuple[QPushButton, QPushButton]:
    return box.findChild(QPushButton, "yesButton"), box.findChild(QPushButton, "noButton")


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"yes_text": "Vẫn lưu", "destructive": True},
        {"yes_text": "Giữ hạn này"},
        {"yes_text": "Vẫn ghi đến muộn"},
        {"yes_text": "Không ghi nữa"},  # starts with the letter "Không" would take
        {"yes_text": "Đóng, thêm thành viên", "no_text": "Tiếp tục nhập", "destructive": True},
    ],
)
def test_each_answer_has_its_own_alt_letter(qtbot: Any, kwargs: dict[str, Any]) -> None:
    answers: list[str] = []
    box = _ask(qtbot, answers, **kwargs)
    yes, no = _buttons(box)
    letters = [mnemonic_of(yes.text()), mnemonic_of(no.text())]
    assert all(letters) and letters[0] != letters[1], [yes.text(), no.text()]
    assert all(ch.isascii() for ch in letters)  # typed with Alt whatever the input method
    assert yes.text().replace("&", "") == kwargs.get("yes_text", "Đồng ý")
    assert no.text().replace("&", "") == kwargs.get("no_text", "Không")
    key = getattr(Qt.Key, f"Key_{letters[0].upper()}")
    qtbot.keyClick(box, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "closed" in answers)
    assert answers == ["yes", "closed"]


def test_alt_letter_of_no_answers_no(qtbot: Any) -> None:
    answers: list[str] = []
    box = _ask(qtbot, answers, yes_text="Vẫn lưu", destructive=True)
    _yes, no = _buttons(box)
    key = getattr(Qt.Key, f"Key_{mnemonic_of(no.text()).upper()}")
    qtbot.keyClick(box, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "closed" in answers)
    assert answers == ["closed"]


@pytest.mark.parametrize(("destructive", "said"), [(True, ["closed"]), (False, ["yes", "closed"])])
def test_enter_and_esc_answer_as_before(qtbot: Any, destructive: bool, said: list[str]) -> None:
    answers: list[str] = []
    box = _ask(qtbot, answers, yes_text="Vẫn lưu", destructive=destructive)
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "closed" in answers)
    assert answers == said
    answers.clear()
    box = _ask(qtbot, answers, yes_text="Vẫn lưu", destructive=destructive)
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "closed" in answers)
    assert answers == ["closed"]


def test_a_letter_typed_without_alt_answers_nothing(qtbot: Any) -> None:
    answers: list[str] = []
    box = _ask(qtbot, answers, yes_text="Vẫn lưu", destructive=True)
    yes, no = _buttons(box)
    for button in (yes, no):
        letter = mnemonic_of(button.text())
        qtbot.keyClick(box.focusWidget() or box, getattr(Qt.Key, f"Key_{letter.upper()}"))
    qtbot.wait(50)
    assert box.isVisible() and answers == []
    box.reject()
