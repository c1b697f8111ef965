"""The line above the main window's tabs while the organisation is not set up (a new file).

Every document prints the committee's name, its parent body and the place name: on a new file
they are empty, and nothing else in four empty tabs says where they are filled in. The notice
names what is missing and opens Tệp › Thiết lập…; it goes once they are saved.

Then, on a file whose register is still empty, it asks once about the paper register: a
committee that starts mid-year has issued numbers since January, and the application's would
start again at 01. It opens Tệp › Văn bản › Số đã cấp ngoài phần mềm…, and goes once that was opened
on this computer, a number recorded there or a document issued.

Last, gentler, the choices the first start could not make (the standing agency, the default
signers: chosen among units and people, none on record then), once there is something to
choose: it opens Thiết lập on the field, and goes once they are chosen.

And, whatever else it says, a year the office works in whose days off nobody entered (the
calendar ships 2024 to 2027): every count of working days then takes Tết for a working day,
so the line says so and opens Thiết lập › Ngày nghỉ; it goes once a day of that year is entered.

One notice, a line a step, in the order the officer does them: each line has its button.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..core.db import Database

# A pale yellow: something to do, not an error (the red of a refused save).
NOTICE_STYLE = "QFrame#setupNotice { background: #fff8e1; border: 1px solid #f0c36d; }"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupNotice", text)


def visited_key(db: Database) -> str:
    """Remembered on this computer (:mod:`.view_state`) once the numbers dialog was opened for
    ``db``: the notice's line about the paper register then goes."""
    where = str(db.sqlite_path or db.engine.url.render_as_string())
    # A number for the file, not its path: a path's slashes would be groups of the store.
    return f"numberingVisited/{zlib.crc32(where.encode()):08x}"


class SetupNotice(QFrame):
    """Hidden until :meth:`show_missing` is given the labels of empty required fields,
    :meth:`show_numbering` told the paper register's numbers are still to ask about, or
    :meth:`show_choices` given the labels of choices still to make. ``label`` and ``button``
    are the first line's."""

    def __init__(
        self,
        parent: QWidget,
        open_settings: Callable[[], None],
        open_numbering: Callable[[], None] | None = None,
        open_choices: Callable[[], None] | None = None,
        open_days_off: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_settings = open_settings
        self._open_numbering = open_numbering
        self._open_choices = open_choices
        self._open_days_off = open_days_off
        self._days_off: list[int] = []
        self._missing: list[str] = []
        self._numbering = False
        self._choices: list[str] = []
        self.setObjectName("setupNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 3, 8, 3)
        self._layout.setSpacing(2)
        self.lines: list[tuple[QLabel, QPushButton]] = []
        self._actions: list[Callable[[], None]] = []
        self._line()  # the first line is always there (label, button)
        self.setVisible(False)

    def _line(self) -> tuple[QLabel, QPushButton]:
        index = len(self.lines)
        label = QLabel(self)
        label.setObjectName("setupNoticeText" if index == 0 else f"setupNoticeText{index}")
        # Wrapped, not one long line: the notice must not make the window wider than a
        # 1366×768 laptop at 125 % leaves it.
        label.setWordWrap(True)
        button = QPushButton(self)
        button.setObjectName("setupNoticeButton" if index == 0 else f"setupNoticeButton{index}")
        button.setAutoDefault(False)
        # Out of the Tab chain: made after the tabs, it would be reached after them, below
        # them to the eye (Tab reads top to bottom). The keyboard has what it opens in the
        # menu, which its text names (Tệp › Thiết lập…, Tệp › Văn bản › Số đã cấp…).
        button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        button.clicked.connect(lambda _c=False, i=index: self._press(i))
        row = QHBoxLayout()
        row.addWidget(label, 1)
        row.addWidget(button)
        self._layout.addLayout(row)
        self.lines.append((label, button))
        return label, button

    @property
    def label(self) -> QLabel:
        return self.lines[0][0]

    @property
    def button(self) -> QPushButton:
        return self.lines[0][1]

    def show_missing(self, labels: list[str]) -> None:
        """``labels``: the empty required fields, as the settings form names them (none: the
        notice goes, or says what :meth:`show_numbering` asks)."""
        self._missing = list(labels)
        self._refresh()

    def show_numbering(self, needed: bool) -> None:
        """``needed``: the register is empty and the numbers issued on paper were never looked
        at; said once the settings are done (they come first: no document without them)."""
        self._numbering = needed and self._open_numbering is not None
        self._refresh()

    def show_choices(self, labels: list[str]) -> None:
        """``labels``: the choices still to make that can be made now (the standing agency,
        the default signers, see core.settings.unchosen_organisation); said once the required
        fields are saved, after the paper register's line."""
        self._choices = list(labels) if self._open_choices is not None else []
        self._refresh()

    def show_days_off(self, years: tuple[int, ...] | list[int]) -> None:
        """``years``: the years worked in whose days off are not entered
        (core.days_off.years_not_entered_now); none: the line goes."""
        self._days_off = list(years) if self._open_days_off is not None else []
        self._refresh()

    @property
    def asks_numbering(self) -> bool:
        return not self._missing and self._numbering

    @property
    def asks_choices(self) -> bool:
        return not self._missing and bool(self._choices)

    def _wanted(self) -> list[tuple[str, str, Callable[[], None]]]:
        """The lines to show, in the officer's order: (text, button, what it opens)."""
        days_off = []
        if self._days_off and self._open_days_off is not None:
            text = _tr(
                "Chưa nhập lịch ngày nghỉ năm {years}: số ngày làm việc (phiên làm việc, điểm "
                "danh, báo cáo) đang tính cả ngày lễ, Tết. Hãy nhập theo thông báo của Chính "
                "phủ (Tệp › Thiết lập…, thẻ “Ngày nghỉ”)."
            ).format(years=", ".join(str(y) for y in self._days_off))
            days_off.append((text, _tr("Nhập ngày nghỉ…"), self._open_days_off))
        if self._missing:  # first, alone: the dialog it opens holds the choices too
            text = _tr(
                "Chưa ghi {fields}: mọi văn bản đều cần. Hãy ghi tại Tệp › Thiết lập…"
            ).format(fields=_quoted(self._missing))
            return [(text, _tr("Mở Thiết lập…"), self._open_settings), *days_off]
        wanted = days_off
        if self._numbering and self._open_numbering is not None:
            text = _tr(
                "Nếu năm nay đã ban hành văn bản giấy, hãy nhập số cuối đã cấp của từng "
                "loại để số văn bản không bị trùng (Tệp › Văn bản › Số đã cấp ngoài phần mềm…)."
            )
            wanted.append((text, _tr("Nhập số đã cấp…"), self._open_numbering))
        if self._choices and self._open_choices is not None:
            text = _tr(
                "Nên chọn {fields} (Tệp › Thiết lập…, thẻ “Tổ chức”): một số văn bản cần đến."
            ).format(fields=_quoted(self._choices))
            wanted.append((text, _tr("Chọn trong Thiết lập…"), self._open_choices))
        return wanted

    def _refresh(self) -> None:
        wanted = self._wanted()
        while len(self.lines) < len(wanted):
            self._line()
        self._actions = [open_ for _text, _button, open_ in wanted]
        for i, (label, button) in enumerate(self.lines):
            shown = i < len(wanted)
            if shown:
                label.setText(wanted[i][0])
                button.setText(wanted[i][1])
            label.setVisible(shown)
            button.setVisible(shown)
        self.setVisible(bool(wanted))

    def _press(self, index: int) -> None:
        if index < len(self._actions):
            self._actions[index]()


def _quoted(labels: list[str]) -> str:
    return ", ".join(f"“{label}”" for label in labels)
