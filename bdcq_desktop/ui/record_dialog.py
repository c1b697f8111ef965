"""A dialog that edits one record and saves it through one core call.

Configured, not subclassed, for the common case::

    RecordDialog(
        self.tr("Thêm cơ quan, đơn vị"),
        [FieldSpec("name", self.tr("Tên"), required=True), ...],
        save=lambda values: units.create_unit(db, **values),
        parent=self,
    ).open()

On Save the values go to ``save(values)``. What the core refuses comes back as an exception and
is shown where it belongs, with the dialog left open and everything typed kept:

* ``ValidationError`` — under the field it names (red outline, message, cursor there);
  a field the form does not have is reported in the banner at the top;
* ``ConflictError`` — someone saved the record first. With a ``reload`` and form fields, a
  :class:`.conflict_dialog.ConflictDialog` shows field by field what the other officer saved
  beside what was typed; "keep mine" loads the newest values (``reload()``, which also takes
  the new version) and puts the typed changes back on top, to be checked and saved again;
  "take theirs" loads the newest values and drops what was typed; "merge" (when both changed
  a multi-line text) is "keep mine" with both texts in those fields, to be tidied;
  "back" keeps the form as typed and saves nothing (a later Lưu asks again, never overwrites).
  Only the fields ``reload()`` returns are the record's: the others (a reason, a day typed for
  the action) are the dialog's own and kept as typed; a ``reload`` that returns none (a
  meeting cancelled with a reason) takes the newest version at once, keeping what was typed,
  and the banner says so. A table dialog compares its own rows by overriding
  :meth:`compares_conflicts` and :meth:`ask_conflict`; any other says in the banner what its
  "Tải lại" does (:meth:`reload_note`), and one without a ``reload`` offers no "Tải lại";
* ``ConfirmationRequired`` — a warning, not a refusal (a second holder of one position): a
  yes/no question shows its message; on yes the same values are saved again with the core's
  confirming keyword (``save(values, confirm_duplicate_position=True)``), on no nothing is
  saved and the form keeps what was typed. Each attempt is one call of ``save``, so a
  ``save`` whose core call may ask forwards its keyword arguments to that call;
* ``NotFoundError`` — in the banner, in the words of :attr:`not_found` (a list's dialog:
  the record was deleted by another officer meanwhile, the list read again);
* any other ``BcdError`` — in the banner.

``saved`` is emitted with what ``save`` returned (usually the record id), then the dialog
accepts; ``done_notice``, set by a ``save`` whose core call did more than the form shows (a
chair put on a meeting's list of invitees), is shown by the view on its notice line. Dialogs needing
more than fields (a checklist, a table) add them with :meth:`add_section` and override
:meth:`collect`.

Closed by the officer (Esc, Hủy, the window's close button) with a field changed, the dialog
asks "Bỏ những gì đã gõ?" first; a close by the program does not ask (:mod:`.record_leave`).

The handling of a stale save (the comparison, the choices, "Tải lại") lives in one of the
dialog's bases, :class:`.record_stale.StaleSave`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import (
    BcdError,
    ConfirmationRequired,
    ConflictError,
    DayOffAttendanceWarning,
    DueOnDayOffWarning,
    LateArrivalWarning,
    NotFoundError,
    SessionOnDaysOffWarning,
    ValidationError,
)
from ..core.read_scope import reading
from . import messages, view_state
from .conflict_dialog import ConflictDialog
from .dialog_base import Dialog, focus_chain, tab_in_layout_order
from .forms import ERROR_STYLE, FieldSpec, FormWidget, mark_invalid
from .record_leave import NOT_SHOWN, LeaveGuard
from .record_stale import StaleSave

BANNER_STYLE = (
    "QFrame#banner { background: #fdecea; border: 1px solid #e57373; border-radius: 3px; }"
)


class RecordDialog(LeaveGuard, StaleSave, Dialog):
    saved = Signal(object)

    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        save: Callable[..., Any],
        *,
        values: dict[str, Any] | None = None,
        reload: Callable[[], dict[str, Any]] | None = None,
        intro: str = "",
        save_text: str = "",
        key: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(f"{key}Dialog" if key else "recordDialog")
        self.save_fn = save
        self.reload_fn = reload
        self.key = key
        self.result_value: Any = None
        self.done_notice = ""  # what the save did beyond the form, for the view's notice line
        self.question: QMessageBox | None = None  # the open ConfirmationRequired question
        self.conflict: ConflictDialog | None = None  # the open ConflictError question
        # Closed by the officer with something changed, asked first (see record_leave).
        self.leave_question: QMessageBox | None = None
        self._opened_state: Any = NOT_SHOWN
        # A save was refused as stale and the newest values not yet taken: Lưu asks again.
        self._stale = False
        # A save refused as not found, in words: the list's (RecordView.open_dialog) name the
        # record another officer deleted meanwhile; alone, the core's.
        self.not_found: Callable[[NotFoundError], str] = lambda exc: exc.message
        self._sections: dict[str, tuple[QWidget, QLabel]] = {}
        self._read_refused = ""  # a read's refusal the banner shows (read_into_form)

        self.banner = QFrame(self)
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(BANNER_STYLE)  # its own: see editors.mark_invalid
        self.banner_label = QLabel(self.banner)
        self.banner_label.setObjectName("bannerText")
        self.banner_label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Tải lại"), self.banner)
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setAutoDefault(False)
        # Out of the Tab chain while hidden: first in it, a hidden push button makes QDialog
        # open with the focus on Lưu instead of the first field (see show_banner).
        self.reload_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reload_button.clicked.connect(self.reload_values)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.setVisible(False)

        self.form = FormWidget(fields, self)
        self.form.errors_changed.connect(self.fit_height)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text or self.tr("Lưu"))
        self.save_button.setObjectName("saveButton")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Hủy"))
        cancel.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.leave)  # Hủy: asked when something was typed

        self.main_layout = QVBoxLayout(self)
        if intro:
            intro_label = QLabel(intro, self)
            intro_label.setObjectName("dialogIntro")
            intro_label.setWordWrap(True)
            self.main_layout.addWidget(intro_label)
        self.main_layout.addWidget(self.banner)
        self.main_layout.addWidget(self.form)
        self._sections_at = self.main_layout.count()
        self.main_layout.addWidget(self.buttons)
        if values:
            self.form.set_values(values)
        self._loaded = self._field_values()  # what the form was opened with
        self.setMinimumWidth(600)
        # The size the officer left it at; else the dialog's preferred one (its content's, or
        # what a subclass asks for while this is False), shrunk to the screen when shown.
        self.geometry_restored = bool(key) and view_state.restore_geometry(f"dialog-{key}", self)

    # -- extension points ----------------------------------------------------------------------
    def add_section(self, widget: QWidget, key: str = "", stretch: int = 0) -> QLabel:
        """Add a widget below the fields; errors for ``key`` are shown in a line under it."""
        error = QLabel(self)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        if key:
            error.setObjectName(f"error_{key}")
            self._sections[key] = (widget, error)
        self.main_layout.insertWidget(self._sections_at, widget, stretch)
        self.main_layout.insertWidget(self._sections_at + 1, error)
        self._sections_at += 2
        return error

    def add_top(self, widget: QWidget) -> None:
        """Add a line above everything else (what to do before the form can be saved)."""
        self.main_layout.insertWidget(0, widget)
        self._sections_at += 1  # the sections stay below the fields

    def open_with(self, values: dict[str, Any]) -> None:
        """The record's ``values`` in the form, put there once a subclass has filled its picks
        (the people of the day): what the form was opened with, as ``values`` given to the
        constructor are. A stale save compares with it: a dialog that set its values without
        this compared with an empty form, so "giữ phần tôi đã nhập" counted every field as
        typed here and put back what another officer had just changed (an audit: officer A's
        new title of a meeting undone by officer B's save of its place)."""
        self.form.set_values(values)
        self._loaded = self._field_values()

    def collect(self) -> dict[str, Any]:
        """The values handed to ``save`` (raise ValidationError for what cannot be read)."""
        return self.form.values()

    # -- saving --------------------------------------------------------------------------------
    def try_save(self) -> bool:
        """Collect, save, and accept; on a refusal show it and stay open. True if saved
        (False too while a ConfirmationRequired question waits for its answer)."""
        self.clear_errors()
        try:
            values = self.collect()
        except ValidationError as exc:
            self.show_validation_error(exc)
            return False
        if self._stale:
            self.ask_conflict("")
            return False
        return self._attempt(values, {})

    def _attempt(self, values: dict[str, Any], confirmed: dict[str, bool]) -> bool:
        """One call of ``save``; ``confirmed`` holds the keywords the user has said yes to."""
        try:
            result = self.save_fn(values, **confirmed)
        except ConfirmationRequired as exc:
            if (
                not exc.parameter
                or exc.parameter in confirmed  # asked already: would ask forever
                # cannot pass the answer on
                or not messages.accepts_keyword(self.save_fn, exc.parameter)
            ):
                self.show_banner(exc.message)
            else:
                self._ask(exc, values, confirmed)
            return False
        except ValidationError as exc:
            self.show_validation_error(exc)
            return False
        except ConflictError as exc:
            # What happened, without the core's "reload, then edit again": the dialog reloads
            # keeping what was typed, or says what its "Tải lại" does.
            if self.compares_conflicts():
                self._stale = True
                self.ask_conflict(exc.happened)
                return False
            self.show_banner(
                f"{exc.happened} {self.reload_note()}", can_reload=self.reload_fn is not None
            )
            return False
        except NotFoundError as exc:
            self.show_banner(self.not_found(exc))
            return False
        except BcdError as exc:
            self.show_banner(exc.message)
            return False
        self.result_value = result
        self.saved.emit(result)
        self.accept()
        return True

    def _ask(
        self, exc: ConfirmationRequired, values: dict[str, Any], confirmed: dict[str, bool]
    ) -> None:
        """Ask the core's question without blocking; on yes save again, confirming it."""

        def yes() -> None:
            self.question = None
            self._attempt(values, {**confirmed, exc.parameter: True})

        if isinstance(exc, LateArrivalWarning):  # asked as everywhere else: Enter says yes
            box = messages.ask_late_arrival(self, exc.message, yes)
        elif isinstance(exc, DueOnDayOffWarning):
            # A due date on a day off is often meant (a request sent on Friday for Monday's
            # meeting): Enter keeps it; "Không" goes back to the date.
            box = messages.confirm(
                self, self.tr("Hạn rơi vào ngày nghỉ"), exc.message, yes,
                yes_text=self.tr("Giữ hạn này"),
            )  # fmt: skip
        elif isinstance(exc, DayOffAttendanceWarning):
            # A session may work on a Saturday, but a tick in a shaded column is as often a
            # slip: "Không" (Enter) goes back to the grid as ticked; Alt+V keeps the day.
            box = messages.confirm(
                self, self.tr("Điểm danh vào ngày nghỉ"), exc.message, yes,
                yes_text=self.tr("Vẫn điểm danh"), destructive=True,
            )  # fmt: skip
        elif isinstance(exc, SessionOnDaysOffWarning):
            # A group may work through a weekend, but dates typed wrong are likelier: "Không"
            # (Enter) goes back to the dates; Alt+V keeps them.
            box = messages.confirm(
                self, self.tr("Phiên làm việc vào ngày nghỉ"), exc.message, yes,
                yes_text=self.tr("Vẫn lưu"), destructive=True,
            )  # fmt: skip
        else:
            # "Không" is the default answer: the warning usually means a typo or a departure
            # not yet recorded, so Enter should not push it through.
            box = messages.confirm(
                self,
                self.tr("Cần xác nhận"),
                exc.message,
                yes,
                yes_text=self.tr("Vẫn lưu"),
                destructive=True,
            )
        box.setObjectName("confirmationQuestion")
        box.rejected.connect(lambda: setattr(self, "question", None))
        self.question = box

    def show_validation_error(self, exc: ValidationError) -> None:
        # Several fields refused at once: each shown, the last shown (the first) keeps the
        # cursor and, off the form, the banner.
        for one in reversed(exc.every):
            self._show_field_error(one)

    def _show_field_error(self, exc: ValidationError) -> None:
        if self.form.show_error(exc.field, exc.message):
            self.fit_height()
            return
        section = self._sections.get(exc.field)
        if section is not None:
            widget, error = section
            error.setText(exc.message)
            error.setVisible(True)
            mark_invalid(widget, True)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.fit_height()
            return
        self.show_banner(exc.message)

    def read_into_form(self, read: Callable[[], None]) -> bool:
        """Run ``read``, what a change in the form reads to fill it (the people of a day typed,
        a person picked): only a read, so a storage refusal (a locked file, the server gone) is
        said in the banner as the data not read, never "chưa lưu được gì"; what was typed
        stays. False then. Read on a later change, the refusal said goes."""
        try:
            with reading():
                read()
        except BcdError as exc:
            self._read_refused = exc.message
            self.show_banner(exc.message)
            return False
        if self._read_refused and self.banner_label.text() == self._read_refused:
            self.banner.setVisible(False)
            self.fit_height()
        self._read_refused = ""
        return True

    def show_banner(self, text: str, *, can_reload: bool = False) -> None:
        self.banner_label.setText(text)
        self.reload_button.setVisible(can_reload)
        self.reload_button.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if can_reload else Qt.FocusPolicy.NoFocus
        )
        self.banner.setVisible(True)
        self.fit_height()

    def fit_height(self) -> None:
        """Grow so a message that just appeared is not cut off (word-wrapped labels report
        their height only for a given width, which layouts do not do alone); shrink back when
        it goes, unless something in the dialog can use the height (a text box, a table), so
        no blank gap stays under the last field."""
        layout = self.layout()
        # Take in a message that just went now, not on the next event: the form's cached size
        # and both layouts are stale until then.
        self.form.updateGeometry()
        for child in (self.form.layout(), layout):
            child.invalidate()
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        stretchy = bool(layout.expandingDirections() & Qt.Orientation.Vertical)
        if needed > self.height() or (not stretchy and needed < self.height()):
            self.resize(width, needed)
        if self.isVisible():  # grown: not past the screen's bottom (the buttons are there)
            self.fit_on_screen()

    def clear_errors(self) -> None:
        self.banner.setVisible(False)
        self.form.clear_errors()
        for widget, error in self._sections.values():
            error.clear()
            error.setVisible(False)
            mark_invalid(widget, False)

    # -- geometry ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Qt chains widgets in the order they were made, and Lưu and Hủy are made here,
        # before a subclass adds its sections: Tab went from the last field to Lưu and only
        # then to the checklist under the fields.
        tab_in_layout_order(self, self.main_layout)
        super().showEvent(event)
        self.fit_height()  # a remembered height may be one that had room for a message
        if self._opened_state is NOT_SHOWN:  # filled by now: what closing compares with
            self.mark_unchanged()
        if self.focusWidget() is None:  # the dialog did not choose: typing goes in the form
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_field(self) -> QWidget | None:
        """The first control Tab reaches that takes typing or arrows: a field (the widget typed
        in: a date's line, not its holder), else the table or list of a dialog without fields."""
        for widget in focus_chain(self):
            if (
                self.isAncestorOf(widget)
                and widget.isEnabled()
                and widget.isVisibleTo(self)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(widget, QAbstractButton | QTabBar)
                and not getattr(widget, "isReadOnly", lambda: False)()
            ):
                while widget.focusProxy() is not None:  # DateField -> its QLineEdit
                    widget = widget.focusProxy()
                return widget
        return None

    def done(self, result: int) -> None:
        if self.key:
            view_state.save_geometry(f"dialog-{self.key}", self)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.key:
            view_state.save_geometry(f"dialog-{self.key}", self)
        super().closeEvent(event)
