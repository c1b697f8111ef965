"""Thiết lập's "Trang in" page: the page margins and text sizes of the documents, with an A4
page drawn to scale beside them so the margins can be seen, not only read; a refused value
outlines its own field (only while refused: see :meth:`PagePanel._mark`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...documents.page import PageSettings
from ..forms import ERROR_STYLE, mark_invalid


def _tr(text: str) -> str:
    return QCoreApplication.translate("settings_dialog", text)  # Thiết lập's own context


HOLDER_INVALID = (
    'QFrame#fieldHolder[invalid="true"] { border: 1px solid #c62828; border-radius: 3px; '
    "background: #fff6f6; }"
)
# (field, label, low, high): the ranges of Decree 30/2020, Appendix I.
MARGINS = (
    ("margin_top_mm", "Lề trên", 20.0, 25.0),
    ("margin_bottom_mm", "Lề dưới", 20.0, 25.0),
    ("margin_left_mm", "Lề trái", 30.0, 35.0),
    ("margin_right_mm", "Lề phải", 15.0, 20.0),
)


class PagePreview(QWidget):
    """An A4 page to scale with its text area, so the margins can be seen, not only read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.margins = (20.0, 20.0, 30.0, 15.0)  # top, bottom, left, right (mm)
        self.setFixedSize(200, 280)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min((self.width() - 10) / 210, (self.height() - 10) / 297)
        page = QRectF(0, 0, 210 * scale, 297 * scale)
        page.moveCenter(QRectF(self.rect()).center())
        painter.setPen(QPen(QColor("#888"), 1))
        painter.setBrush(QColor("white"))
        painter.drawRect(page)
        top, bottom, left, right = (m * scale for m in self.margins)
        text = page.adjusted(left, top, -right, -bottom)
        painter.setPen(QPen(QColor("#1565c0"), 1, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(227, 242, 253))
        painter.drawRect(text)
        painter.setPen(QColor("#90a4ae"))
        y = text.top() + 6
        while y < text.bottom() - 4:  # lines of "text"
            painter.drawLine(int(text.left() + 6), int(y), int(text.right() - 6), int(y))
            y += 7
        painter.end()


class PagePanel(QWidget):
    """Margins (spin boxes limited to the decree's ranges) and the body's font size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[str, QAbstractSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.holders: dict[str, QFrame] = {}
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setVerticalSpacing(2)
        for row, (key, label, low, high) in enumerate(MARGINS):
            spin = QDoubleSpinBox(self)
            spin.setObjectName(f"field_{key}")
            spin.setRange(low, high)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" mm")
            spin.valueChanged.connect(self._preview)
            self._add(grid, 2 * row, key, _tr(label), spin, f"{low:g}–{high:g} mm")
        self.body_size = QComboBox(self)
        self.body_size.setObjectName("field_body_size")
        for size in (13, 14):
            self.body_size.addItem(f"{size} pt", size)
        self._add(grid, 2 * len(MARGINS), "body_size", _tr("Cỡ chữ nội dung"), self.body_size, "")
        note = QLabel(
            _tr(
                "Khổ A4, chữ Times New Roman, theo Phụ lục I Nghị định 30/2020/NĐ-CP: lề trên, "
                "lề dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm; cỡ chữ nội dung 13 hoặc "
                "14.\n\nVăn bản xuất từ nay dùng thiết lập mới; văn bản đã ban hành giữ nguyên "
                "bản đã lưu."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addSpacing(12)
        left.addWidget(note)
        left.addStretch(1)
        self.preview = PagePreview(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(left, 1)
        layout.addSpacing(24)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)

    def _add(
        self, grid: QGridLayout, row: int, key: str, label: str, editor: QWidget, hint: str
    ) -> None:
        caption = QLabel(label, self)
        caption.setBuddy(editor)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        error = QLabel(self)
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        grid.addWidget(caption, row, 0)
        # A frame around the editor carries the red outline: a style sheet on a spin box
        # itself would replace the style's arrows with bare ones.
        holder = QFrame(self)
        holder.setObjectName("fieldHolder")
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(1, 1, 1, 1)
        holder_layout.addWidget(editor)
        self.holders[key] = holder
        grid.addWidget(holder, row, 1)
        grid.addWidget(QLabel(hint, self), row, 2)
        grid.addWidget(error, row + 1, 1, 1, 2)
        self.errors[key] = error
        if isinstance(editor, QAbstractSpinBox):
            self.spins[key] = editor

    def set_page(self, page: PageSettings) -> None:
        for key, spin in self.spins.items():
            spin.setValue(getattr(page, key))  # type: ignore[attr-defined]
        self.body_size.setCurrentIndex(max(self.body_size.findData(int(page.body_size)), 0))
        self._preview()

    def values(self) -> dict[str, float]:
        out: dict[str, float] = {k: s.value() for k, s in self.spins.items()}  # type: ignore[attr-defined]
        out["body_size"] = float(self.body_size.currentData())
        return out

    def _preview(self) -> None:
        m = {k: s.value() for k, s in self.spins.items()}  # type: ignore[attr-defined]
        self.preview.margins = tuple(m[k] for k, *_ in MARGINS)  # type: ignore[assignment]
        self.preview.update()

    def show_error(self, key: str, message: str) -> bool:
        if key not in self.errors:
            return False
        self.errors[key].setText(message)
        self.errors[key].setVisible(True)
        editor = self.spins.get(key, self.body_size)
        self._mark(key, True)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _mark(self, key: str, invalid: bool) -> None:
        self.spins.get(key, self.body_size).setProperty("invalid", invalid)
        # The outline's style sheet on the holder alone, and only while its value is refused:
        # on the panel, over the spin boxes and the font-size box, Qt's style-sheet style
        # cached the line edit inside each of them and never let it go, some 5 KB kept each
        # time Thiết lập was opened and closed, as long as any other style sheet was alive
        # in the application (the setup notice's, always).
        holder = self.holders[key]
        holder.setStyleSheet(HOLDER_INVALID if invalid else "")
        mark_invalid(holder, invalid)

    def clear_errors(self) -> None:
        for key, error in self.errors.items():
            error.clear()
            error.setVisible(False)
            self._mark(key, False)
