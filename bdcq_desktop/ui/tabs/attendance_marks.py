"""The marks of the Điểm danh section (:mod:`.meeting_attendance`) that need a word more than
a key: absent with a reason, a substitute, late with the time (each a small form whose save is
one check-in call), the question before such a mark is replaced, a walk-in (someone not on
the list, :mod:`..dialogs.walk_in_dialog`) and taking one added by mistake off the list again
(asked first; one call, :func:`bdcq_desktop.core.walk_in.remove_walk_in`). A mixin of
:class:`.meeting_attendance.AttendanceSection`, kept apart so that each module stays readable.

The forms and the question are functions too (:func:`mark_form`, :func:`ask_replace`): the
live meeting window's checklist (:mod:`..live_panels`) opens the same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...core import attendance as core_attendance
from ...core.attendance import AttendanceRow
from ...core.attendance_marks import MARK_LABELS
from ...core.meetings import MeetingDetail, get_meeting
from .. import messages

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QMessageBox

    from ...core.db import Database
    from ..forms import FieldSpec
    from ..record_dialog import RecordDialog
    from .meeting_record import Host


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_attendance", text)


def note_text(row: AttendanceRow) -> str:
    """What goes with the mark: the reason, who came instead, when they arrived."""
    if row.takes_the_minutes:
        return _tr("Không tính vào số dự họp")
    if row.walk_in:
        # Not among the invited: the counts and the minutes take them apart.
        late = f", {row.late_at:%H:%M}" if row.late_at is not None else ""
        return _tr("Không theo giấy mời") + late
    if row.status == "absent":
        return row.reason
    if row.status == "substitute":
        # Who, alone: the mark beside it ("Cử người dự thay") says what they do.
        return ", ".join(x for x in (row.substitute_name, row.substitute_position) if x)
    if row.status == "late" and row.arrived_at is not None:
        return _tr("Đến lúc {time}").format(time=f"{row.arrived_at:%H:%M}")
    return ""


def mark_words(row: AttendanceRow) -> str:
    """The mark in one phrase, for a sentence (the line under the sheet, the live window's,
    the question before a mark is replaced): "Vắng mặt (Đi công tác)", "Đến muộn (Đến lúc
    08:20)", and a substitute as the minutes name one, "Lê Văn Nam, Phó Giám đốc dự thay"
    (they print "… (dự thay Nguyễn Văn An)"): the label "Cử người dự thay" beside it said
    "dự thay" twice."""
    note = note_text(row)
    if row.status == "substitute" and note and not row.takes_the_minutes and not row.walk_in:
        return _tr("{who} dự thay").format(who=note)
    return f"{row.status_label} ({note})" if note else row.status_label


def _field(key: str, title: str, **options: Any) -> FieldSpec:
    # The forms are imported when a form is first opened: the section's table needs none.
    from ..forms import FieldSpec

    return FieldSpec(key, title, **options)


def ask_replace(parent: QWidget, row: AttendanceRow, status: str, then: Any) -> QMessageBox | None:
    """Ask before ``status`` replaces a mark carrying what was typed for it (a reason, a
    substitute, an arrival time): the question, open (``then()`` runs on yes); ``None`` when
    there is nothing to ask."""
    if row.status not in ("absent", "substitute", "late") or row.status == status:
        return None
    note = note_text(row)
    if row.status == "substitute":  # "Lê Văn Nam dự thay": the substitute's words once
        mark, note = mark_words(row), ""
    else:
        mark = row.status_label
    question = messages.confirm(
        parent,
        _tr("Thay điểm danh"),
        _tr("{name} đang được ghi “{mark}”{note}. Ghi “{new}” sẽ thay điểm danh này. Tiếp tục?")
        .format(
            name=row.name,
            mark=mark,
            note=f" ({note})" if note else "",
            new=_tr(MARK_LABELS.get(status, status)),
        ),
        then,
        yes_text=_tr("Thay"),
        destructive=True,
    )
    question.setObjectName("replaceMarkQuestion")
    return question


Values = Callable[[AttendanceRow], dict[str, Any]]


def _absent() -> tuple[str, list[FieldSpec], Values]:
    return (
        _tr("Vắng mặt"),
        [_field("reason", _tr("Lý do vắng"), placeholder=_tr("vd. Đi công tác"))],
        lambda r: {"reason": r.reason},
    )


def _substitute() -> tuple[str, list[FieldSpec], Values]:
    return (
        _tr("Cử người dự thay"),
        [
            _field("substitute_name", _tr("Họ và tên người dự thay"), required=True),
            _field("substitute_position", _tr("Chức vụ người dự thay")),
        ],
        lambda r: {
            "substitute_name": r.substitute_name,
            "substitute_position": r.substitute_position,
        },
    )


def _late(detail: MeetingDetail | None) -> tuple[str, list[FieldSpec], Values]:
    from ..dialogs.walk_in_dialog import sitting

    def arrived(r: AttendanceRow) -> dict[str, Any]:
        if r.late_at is not None:
            return {"arrived_at": f"{r.late_at:%H:%M}"}
        now = datetime.now()
        # Now, while the meeting may be sitting (after its recorded start, else the
        # planned one; past midnight too, until its actual end): the core's rule.
        going_on = detail is not None and sitting(detail, now)
        return {"arrived_at": f"{now:%H:%M}" if going_on else ""}

    return (
        _tr("Đến muộn"),
        [_field("arrived_at", _tr("Giờ đến"), required=True, placeholder="08:20")],
        arrived,
    )


def mark_form(
    parent: QWidget,
    db: Database,
    meeting_id: int,
    version: int,
    row: AttendanceRow,
    status: str,
    *,
    detail: MeetingDetail | None = None,
    live: bool = False,
) -> RecordDialog:
    """The form of mark ``status`` (absent, substitute, late) for ``row``, not yet open: its
    save is one check-in call with the meeting's ``version`` and the invitee's, as read.
    ``detail``: the meeting, for the time a late arrival's form proposes; ``live``: saved from
    the live window (the core's rule for a meeting running past its planned end)."""
    from ..record_dialog import RecordDialog

    title, fields, values = (
        _late(detail) if status == "late" else _absent() if status == "absent" else _substitute()
    )
    invitee = row.invitee_id
    # The meeting's version and the invitee's, as read: the invitee's guards the mark (a
    # check-in of someone else meanwhile is no conflict), both read anew on reload.
    versions = [version, row.version]

    def save(form: dict[str, Any], **confirmed: bool) -> int:
        # ``confirmed``: the core's question answered (a time far past the planned end).
        core_attendance.check_in(
            db,
            meeting_id,
            invitee,
            expected_version=versions[0],
            invitee_version=versions[1],
            status=status,
            live=live,
            **form,
            **confirmed,
        )
        return meeting_id

    def reload() -> dict[str, Any]:
        fresh = get_meeting(db, meeting_id)
        now = next((r for r in fresh.attendance if r.invitee_id == invitee), row)
        versions[:] = [fresh.version, now.version]
        return values(now) if now.status == status else {}

    dialog = RecordDialog(
        f"{title}: {row.name}",
        fields,
        save,
        values=values(row) if row.status == status or status == "late" else None,
        reload=reload,
        intro=", ".join(x for x in (row.name, row.position, row.unit) if x),
        key=f"attendance-{status}",
        parent=parent,
    )
    dialog.setObjectName(f"{status}Dialog")
    return dialog


class MarkDialogs:
    """The marks with a form, the question before a replacement, the walk-in (module doc)."""

    if TYPE_CHECKING:
        detail: MeetingDetail | None
        host: Host
        box: QLineEdit
        matches: list[AttendanceRow]
        question: Any

        def markable(self) -> AttendanceRow | None: ...
        def can_mark(self) -> bool: ...
        def select(self, invitee_id: int) -> None: ...
        def say(self, text: str, *, error: bool = False) -> None: ...
        def said_saved(self, invitee_id: int) -> None: ...

    def ask_replace(self, row: AttendanceRow, status: str, then: Any) -> bool:
        """Ask before ``status`` replaces a mark carrying what was typed for it (a reason, a
        substitute, an arrival time); True when asked (``then()`` runs on yes)."""
        assert isinstance(self, QWidget)
        question = ask_replace(self, row, status, then)
        if question is None:
            return False
        self.question = question
        return True

    def add_walk_in(self) -> None:
        """Someone not on the list: the walk-in dialog, with what was typed in the box."""
        from ..dialogs.walk_in_dialog import WalkInDialog, saved_text

        d = self.detail
        if d is None or not self.can_mark():
            return
        typed = self.box.text() if not self.matches else ""
        dialog = WalkInDialog(self.host.db, d.id, typed, parent=self)

        def saved(_result: Any) -> None:
            if dialog.added is not None:
                self.box.clear()
                self.say(saved_text(dialog.added))  # first: the line shrinks the table
                self.select(dialog.added.invitee_id)

        self.host.open_dialog(dialog)  # its refresh first, then the line about what was saved
        dialog.saved.connect(saved)

    def remove_walk_in(self) -> None:
        """The selected walk-in, added by mistake, taken off the list (asked first)."""
        from ...core.errors import BcdError, ConflictError
        from ...core.walk_in import remove_walk_in

        d, row = self.detail, self.markable()
        if d is None or row is None or not row.walk_in:
            return

        def remove() -> None:
            try:
                # The walk-in's own version guards it: a check-in at the door meanwhile is no
                # conflict, a mark of this walk-in made elsewhere is.
                remove_walk_in(
                    self.host.db,
                    d.id,
                    row.invitee_id,
                    expected_version=d.version,
                    invitee_version=row.version,
                )
            except ConflictError:
                from .meeting_attendance import conflict_text

                self.say(conflict_text(), error=True)
                self.host.after_save(d.id)
                return
            except BcdError as exc:
                self.say(exc.message, error=True)
                return
            self.host.after_save(d.id)
            self.say(_tr("Đã xóa khỏi danh sách: {name} (thêm nhầm).").format(name=row.name))

        self.question = messages.confirm(
            self,
            _tr("Xóa người dự thêm nhầm"),
            _tr(
                "Xóa {name} khỏi danh sách cuộc họp? Chỉ dùng khi đã thêm nhầm: người này sẽ "
                "không có trong biên bản."
            ).format(name=row.name),
            remove,
            yes_text=_tr("Xóa"),
            destructive=True,
        )
        self.question.setObjectName("removeWalkInQuestion")

    def mark_absent(self) -> None:
        self._dialog("absent")

    def mark_substitute(self) -> None:
        self._dialog("substitute")

    def mark_late(self) -> None:
        self._dialog("late")

    def _dialog(self, status: str, asked: bool = False) -> RecordDialog | None:
        """The form of mark ``status`` for the selected invitee (:func:`mark_form`), open."""
        row, d = self.markable(), self.detail
        if row is None or d is None:
            return None
        if not asked and self.ask_replace(
            row, status, lambda: self._dialog(status, asked=True)
        ):
            return None
        assert isinstance(self, QWidget)
        dialog = mark_form(self, self.host.db, d.id, d.version, row, status, detail=d)
        self.host.open_dialog(dialog)  # its refresh first, then the line about what was saved
        invitee = row.invitee_id
        dialog.saved.connect(lambda _r: self.said_saved(invitee))
        return dialog
