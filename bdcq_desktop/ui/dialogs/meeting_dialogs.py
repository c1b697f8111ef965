"""Dialogs for a meeting's own fields: new, edit, the next regular meeting, a similar meeting,
cancel with a reason, delete.

Each function builds a dialog (not yet shown) whose Save is one core call
(:mod:`bdcq_desktop.core.meetings`); the rules are the core's, and a refusal lands under the
field it names (an extraordinary meeting without a caller: under "Người triệu tập"). The form
shows only what the chosen kind can use and says the kind's rule in a line under the fields;
a chair the save will put on the list of invitees (:mod:`bdcq_desktop.core.named_invitees`) is
said in a line under it before the save, and under the meetings list after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from ...core import meetings
from ...core.db import Database
from ...core.enums import MeetingKind
from ...core.errors import ValidationError
from ...core.invitees import InviteeRow
from ...core.meeting_rules import label_of
from ...core.named_invitees import invited_text, newly_invited, will_invite
from ..forms import DATETIME, MULTILINE, FieldSpec, LookupCombo
from ..record_dialog import RecordDialog
from ..record_view import RecordView
from . import choices
from .meeting_fields import FIELD_KEYS, PEOPLE_KEYS, kind_rule, meeting_fields
from .people_needed import PeopleNeeded, nobody_to_chair


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_dialogs", text)


class MeetingDialog(RecordDialog):
    """The meeting's form. The people lookups follow the roster of the day typed in "Thời gian
    bắt đầu" (who is Head, Deputy, Standing Member on that day); fields the kind does not use
    are hidden and saved empty."""

    def __init__(
        self,
        db: Database,
        title: str,
        save: Callable[[dict[str, Any]], Any],
        *,
        values: dict[str, Any],
        reload: Callable[[], dict[str, Any]] | None = None,
        invite_committee: bool | None = None,
        offer_held: bool = False,
        point_to_members: bool = False,
        invitees: Sequence[InviteeRow] = (),
        status: str = "",
        key: str = "meeting",
        parent: QWidget | None = None,
    ) -> None:
        self.db = db
        self._people: list[tuple[Any, str, str]] | None = None
        self._chairs: set[int] = set()
        # The list of invitees and the status of a meeting recorded (empty for a new one): a
        # chair picked who is not on the list is put on it by the save.
        self.invitees = tuple(invitees)
        self.status = status
        super().__init__(title, meeting_fields(), save, reload=reload, key=key, parent=parent)
        # A new meeting only: one recorded keeps its chair, and can be saved with nobody on
        # the roster of its day (a meeting entered before its members were).
        self.people_needed: PeopleNeeded | None = None
        if point_to_members:
            self.people_needed = PeopleNeeded(
                self,
                "committee",
                self._typed,
                _tr(
                    "Chưa lưu được cuộc họp khi chưa có người chủ trì. Đóng cửa sổ này (bỏ "
                    "những gì vừa nhập) để thêm thành viên Ban Chỉ đạo?"
                ),
            )
            self.add_top(self.people_needed)
        self.rule_label = QLabel(self)
        self.rule_label.setObjectName("kindRule")
        self.rule_label.setWordWrap(True)
        self.rule_label.setStyleSheet("color: #1a237e;")
        self.add_section(self.rule_label)
        self.chair_note = QLabel(self)
        self.chair_note.setObjectName("chairInvitedNote")
        self.chair_note.setWordWrap(True)
        self.chair_note.setStyleSheet("color: #1a237e;")
        self.chair_note.setVisible(False)
        self.add_section(self.chair_note)
        self.invite_check: QCheckBox | None = None
        if invite_committee is not None:
            self.invite_check = QCheckBox(
                _tr("Mời toàn bộ thành viên Ban Chỉ đạo tại ngày họp"), self
            )
            self.invite_check.setObjectName("inviteCommittee")
            self.invite_check.setChecked(invite_committee)
            self.invite_check.toggled.connect(lambda _on: self._update_visible())
            self.add_section(self.invite_check)
        self.held_check: QCheckBox | None = None
        if offer_held:
            # A meeting called on the spot, or last year's when the office starts with the app:
            # recorded as held, not planned (no convocation), its start no later than now.
            self.held_check = QCheckBox(
                _tr("Cuộc họp đã diễn ra: ghi lại sau, không triệu tập"), self
            )
            self.held_check.setObjectName("recordHeld")
            planning = title
            self.held_check.toggled.connect(
                lambda on: self.setWindowTitle(
                    _tr("Ghi lại cuộc họp đã diễn ra") if on else planning
                )
            )
            self.add_section(self.held_check)
        self._fill_people(values.get("starts_at"), values)
        self.open_with(values)
        self.initial = self._all_values()
        kind = self.form.editor("kind")
        kind.currentIndexChanged.connect(lambda _i: self._update_visible())  # type: ignore[attr-defined]
        self.form.editor("chair_id").currentIndexChanged.connect(  # type: ignore[attr-defined]
            lambda _i: self._update_visible()
        )
        starts = self.form.editor("starts_at")
        starts.edit.editingFinished.connect(self._on_day_changed)  # type: ignore[attr-defined]
        self._update_visible()

    # -- the people offered ----------------------------------------------------------------------
    def _lookup(self, key: str) -> LookupCombo:
        editor = self.form.editor(key)
        assert isinstance(editor, LookupCombo)
        return editor

    def _fill_people(self, starts_at: Any, keep: dict[str, Any]) -> None:
        day = starts_at.date() if isinstance(starts_at, datetime) else date.today()
        eligible = meetings.eligible_people(self.db, day)
        if self._people is None:
            self._people = choices.people(self.db)
        if self.people_needed is not None:
            self.people_needed.say(nobody_to_chair(eligible, day))
        # Each found by their unit's short name too, as in the people below (choices.people).
        chairs = choices.role_items(eligible.chairs)
        proposers = choices.role_items(eligible.proposers)
        self._chairs = {c.person_id for c in eligible.chairs}
        others = [item for item in self._people if item[0] not in self._chairs]
        offered = {
            "chair_id": chairs + others,  # Head and Deputies first, then a possible delegate
            "chair_delegated_by_id": chairs,
            "called_by_id": chairs,
            "proposed_by_id": proposers,
            "secretary_id": list(self._people),
        }
        for key, items in offered.items():
            lookup = self._lookup(key)
            value = keep.get(key)
            if value is not None and all(item[0] != value for item in items):
                # Recorded before a reorganisation: keep showing who it was.
                items = [*items, next((i for i in self._people if i[0] == value), (value, "", ""))]
            lookup.set_items(items)
            lookup.set_value(value)

    def _on_day_changed(self) -> None:
        try:
            starts = self.form.fields["starts_at"].value()
            keep = {k: self.form.fields[k].value() for k in PEOPLE_KEYS}
        except ValidationError:
            return  # the core names the bad field on Save
        # A read (the people of the day): refused, said as not read; the picks stay.
        if self.read_into_form(lambda: self._fill_people(starts, keep)):
            self._update_visible()

    def _typed(self) -> bool:
        """A title typed (or changed from the one offered): asked about before closing."""
        return bool(self._current("title")) and self._current("title") != self.initial["title"]

    # -- what the kind uses ---------------------------------------------------------------------
    def _current(self, key: str) -> Any:
        try:
            return self.form.fields[key].value()
        except ValidationError:
            return None

    def hidden_keys(self) -> set[str]:
        kind = self._current("kind")
        hidden = set()
        if kind != MeetingKind.EXTRAORDINARY.value:
            hidden.add("proposed_by_id")
        chair = self._current("chair_id")
        no_delegate = kind == MeetingKind.BRIEFING.value or chair is None or chair in self._chairs
        if no_delegate and not self._current("chair_delegated_by_id"):
            hidden.add("chair_delegated_by_id")
        return hidden

    def _update_visible(self) -> None:
        hidden = self.hidden_keys()
        for key, f in self.form.fields.items():
            show = key not in hidden
            f.editor.setVisible(show)
            label = next((w for w in self.form.findChildren(QLabel) if w.buddy() is f.editor), None)
            if label is not None:
                label.setVisible(show)
            if not show:
                f.error.setVisible(False)
        self.rule_label.setText(kind_rule(self._current("kind") or ""))
        note = self.chair_note_text()
        self.chair_note.setText(note)
        self.chair_note.setVisible(bool(note))
        self.fit_height()

    def chair_note_text(self) -> str:
        """What the save does to the list for the chair picked: put on it when not invited (a
        meeting recorded with a list), or, for a new meeting inviting the committee, when the
        chair is no Head or Deputy (delegated: not among the members invited)."""
        chair = self._current("chair_id")
        if self.status:
            invited = will_invite(self.status, self.invitees, chair)
        else:
            checked = self.invite_check is not None and self.invite_check.isChecked()
            invited = checked and chair is not None and chair not in self._chairs
        if not invited:
            return ""
        # The pick reads "name — role" or "name — position, agency".
        name = self._lookup("chair_id").currentText().partition(" — ")[0]
        text = _tr("Khi lưu: thêm {name} (chủ trì) vào danh sách mời.").format(name=name)
        old = self.initial.get("chair_id") if self.status else None
        kept = next((i.name for i in self.invitees if old and i.person_id == old), "")
        if kept and old != chair:
            text += " " + _tr(
                "{name} vẫn trong danh sách mời (bỏ ở mục Thành phần mời nếu không mời nữa)."
            ).format(name=kept)
        return text

    # -- values ---------------------------------------------------------------------------------
    def _all_values(self) -> dict[str, Any]:
        out = {}
        for key in FIELD_KEYS:
            out[key] = self._current(key)
        return out

    def collect(self) -> dict[str, Any]:
        values = self.form.values()
        for key in self.hidden_keys():
            values[key] = None  # a field the kind does not use is saved empty
        if self.invite_check is not None:
            values["invite_committee"] = self.invite_check.isChecked()
        if self.held_check is not None:
            values["held"] = self.held_check.isChecked()
        return values

    def changed(self, values: dict[str, Any]) -> dict[str, Any]:
        """The fields that differ from what the dialog opened with (an edit sends only these)."""
        return {k: v for k, v in values.items() if k in FIELD_KEYS and self.initial.get(k) != v}


def _detail_values(d: meetings.MeetingDetail) -> dict[str, Any]:
    def pid(ref: Any) -> int | None:
        return ref.id if ref is not None else None

    return {
        "kind": d.kind,
        "title": d.title,
        "starts_at": d.starts_at,
        "ends_at": d.ends_at,
        "place": d.place,
        "chair_id": pid(d.chair),
        "chair_delegated_by_id": pid(d.chair_delegated_by),
        "secretary_id": pid(d.secretary),
        "called_by_id": pid(d.called_by),
        "proposed_by_id": pid(d.proposed_by),
        "notes": d.notes,
    }


def _fields_only(values: dict[str, Any]) -> dict[str, Any]:
    return {k: values[k] for k in FIELD_KEYS if k in values}


# -- dialogs -------------------------------------------------------------------------------------
def new_meeting_dialog(
    db: Database,
    parent: QWidget | None = None,
    *,
    values: dict[str, Any] | None = None,
    agenda: tuple[Any, ...] = (),
    invite_committee: bool = True,
    title: str = "",
    offer_held: bool = True,
) -> MeetingDialog:
    """Ctrl+N: a new planned meeting (with ``agenda`` lines pre-filled from a draft), or with
    ``offer_held`` one already held recorded afterwards, in one call
    (:func:`meetings.create_meeting`)."""

    def save(v: dict[str, Any]) -> int:
        return meetings.create_meeting(
            db,
            agenda=list(agenda),
            invite_committee=bool(v.get("invite_committee")),
            held=bool(v.get("held")),
            **_fields_only(v),
        )

    dialog = MeetingDialog(
        db,
        title or _tr("Lên kế hoạch cuộc họp"),
        save,
        values=values or {"kind": MeetingKind.REGULAR.value},
        invite_committee=invite_committee,
        offer_held=offer_held,
        point_to_members=True,
        key="meetingNew",
        parent=parent,
    )
    dialog.setObjectName("newMeetingDialog")
    return dialog


def regular_meeting_dialog(db: Database, parent: QWidget | None = None) -> MeetingDialog:
    """ "Lên lịch họp định kỳ": the next regular meeting pre-filled by the core (due date, the
    Head, the last one's place, secretary and agenda skeleton, the whole committee)."""
    draft = meetings.regular_meeting_draft(db)
    dialog = new_meeting_dialog(
        db,
        parent,
        values=draft.fields(),
        agenda=draft.agenda,
        invite_committee=draft.invite_committee,
        title=_tr("Lên lịch họp định kỳ"),
        offer_held=False,  # the next one, due ahead
    )
    if draft.agenda:
        dialog.rule_label.setText(
            dialog.rule_label.text()
            + " "
            + _tr("Chương trình lấy theo kỳ họp trước ({n} mục).").format(n=len(draft.agenda))
        )
    return dialog


def edit_meeting_dialog(
    db: Database, meeting_id: int, parent: QWidget | None = None
) -> MeetingDialog:
    """Enter: change a meeting's fields (only the changed ones are sent, with the version
    read; a newer save by someone else offers "Tải lại")."""
    detail = meetings.get_meeting(db, meeting_id)
    version = {"v": detail.version}

    def save(v: dict[str, Any], **confirmed: bool) -> int:
        # ``confirmed``: the record dialog's yes to the core's question when a convocation or
        # an invitation is issued (a new time, place or chair supersedes it,
        # core.issued_changes)
        changed = dialog.changed(v)
        if changed:
            meetings.update_meeting(
                db, meeting_id, expected_version=version["v"], **changed, **confirmed
            )
            if "chair_id" in changed:  # whom the save put on the list, said under the list
                after = meetings.get_meeting(db, meeting_id).invitees
                added = newly_invited(dialog.invitees, after, {changed["chair_id"]})
                dialog.done_notice = invited_text(added)
        return meeting_id

    def reload() -> dict[str, Any]:
        fresh = meetings.get_meeting(db, meeting_id)
        version["v"] = fresh.version
        values = _detail_values(fresh)
        dialog.initial = values
        dialog.invitees, dialog.status = fresh.invitees, fresh.status
        return values

    dialog = MeetingDialog(
        db,
        _tr("Sửa cuộc họp: {title}").format(title=detail.title),
        save,
        values=_detail_values(detail),
        reload=reload,
        invitees=detail.invitees,
        status=detail.status,
        key="meetingEdit",
        parent=parent,
    )
    dialog.setObjectName("editMeetingDialog")
    return dialog


def similar_meeting_dialog(
    db: Database, meeting_id: int, parent: QWidget | None = None
) -> RecordDialog:
    """ "Họp tương tự": a new meeting like this one (kind, people, agenda skeleton, invitees)
    on a new date, in one call (:func:`meetings.create_similar`)."""
    d = meetings.get_meeting(db, meeting_id)
    fields = [
        FieldSpec("starts_at", label_of("starts_at"), DATETIME, required=True),
        FieldSpec(
            "ends_at",
            label_of("ends_at"),
            DATETIME,
            help=_tr("Để trống: dài bằng cuộc họp gốc."),
        ),
        FieldSpec("title", label_of("title"), required=True),
        FieldSpec("place", label_of("place")),
    ]

    def save(v: dict[str, Any]) -> int:
        return meetings.create_similar(
            db,
            meeting_id,
            starts_at=v["starts_at"],
            ends_at=v["ends_at"],
            title=v["title"],
            place=v["place"],
        )

    intro = _tr(
        "Tạo cuộc họp mới giống “{title}” ({kind}): cùng chủ trì, chương trình ({n} mục) và "
        "thành phần mời ({m} người, lấy lại chức vụ hiện nay). Chọn ngày mới."
    ).format(title=d.title, kind=d.kind_label, n=len(d.agenda), m=len(d.invitees))
    dialog = RecordDialog(
        _tr("Họp tương tự"),
        fields,
        save,
        values={"title": d.title, "place": d.place},
        intro=intro,
        save_text=_tr("Tạo cuộc họp"),
        key="meetingSimilar",
        parent=parent,
    )
    dialog.setObjectName("similarMeetingDialog")
    return dialog


def cancel_meeting_dialog(
    db: Database, meeting_id: int, version: int, title: str, parent: QWidget | None = None
) -> RecordDialog:
    """Cancel a meeting not yet held; the reason is required and kept with the record."""
    read = [version]  # a stale save reads it again, keeping the reason typed

    def reload() -> dict[str, Any]:
        read[0] = meetings.get_meeting(db, meeting_id).version
        return {}

    dialog = RecordDialog(
        _tr("Hủy cuộc họp"),
        [FieldSpec("cancel_reason", label_of("cancel_reason"), MULTILINE, required=True)],
        lambda v: (
            meetings.cancel_meeting(db, meeting_id, v["cancel_reason"], expected_version=read[0]),
            meeting_id,
        )[1],
        reload=reload,
        intro=_tr(
            "Hủy “{title}”. Cuộc họp vẫn được lưu (với lý do hủy); lịch .ics xuất lại sẽ báo hủy."
        ).format(title=title),
        save_text=_tr("Hủy cuộc họp"),
        key="meetingCancel",
        parent=parent,
    )
    dialog.setObjectName("cancelMeetingDialog")
    # "Hủy" would read as "cancel the meeting" next to "Hủy cuộc họp".
    dialog.findChild(QPushButton, "cancelButton").setText(_tr("Không hủy"))
    return dialog


def confirm_delete_meeting(view: RecordView, row: meetings.MeetingRow) -> None:
    """Ask, then delete a planned meeting entered by mistake (the core refuses one convened or
    with an issued document: it must be cancelled instead)."""
    view.confirm(
        _tr("Xóa cuộc họp"),
        _tr(
            "Xóa hẳn cuộc họp “{title}” ({when}) cùng chương trình và thành phần mời? Chỉ dùng "
            "khi nhập nhầm; cuộc họp không tổ chức nữa thì hủy (ghi lý do). Không thể hoàn tác."
        ).format(title=row.title, when=f"{row.starts_at:%H:%M %d/%m/%Y}"),
        lambda: meetings.delete_meeting(view.db, row.id, expected_version=row.version),
        yes_text=_tr("Xóa"),
    )
