"""Dialogs of the working-group tab: a session's fields, its participants (members, experts,
experts added on the spot); attendance per day is :mod:`.session_attendance`'s (the outputs:
:mod:`.output_dialogs`).

Each builds a dialog (not yet shown) whose Save is one core call; the rules are the core's and
a refusal lands under the field it names (a convener not on the working group: under "Người
triệu tập"; a day outside the session: under the attendance grid).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QMessageBox, QTabWidget, QWidget

from ...core import session_detail, session_people, working_group
from ...core.db import Database
from ...core.enums import SessionPurpose
from ...core.errors import ConfirmationRequired, NamesakeWarning, ValidationError
from ...core.experts import EXPERT_KINDS
from ...core.labels import choices as vocabulary
from ...core.labels import label
from ...core.session_detail import SessionDetail
from .. import messages
from ..forms import CHOICE, DATE, LOOKUP, MULTILINE, ROWS, FieldSpec, FormWidget, LookupCombo
from ..record_dialog import RecordDialog
from . import choices
from .invitees_dialog import CheckList
from .people_needed import PeopleNeeded, nobody_to_convene
from .session_attendance import DAY_OFF_SHADE as DAY_OFF_SHADE  # where they were
from .session_attendance import AttendanceDialog as AttendanceDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("session_dialogs", text)


# -- the session's own fields ---------------------------------------------------------------------


def session_fields(db: Database) -> list[FieldSpec]:
    L = working_group.label_of
    place = session_detail.default_place_text(db)
    return [
        FieldSpec(
            "purpose", L("purpose"), CHOICE, vocabulary(SessionPurpose), True, allow_empty=False
        ),
        FieldSpec("title", L("title"), required=True),
        FieldSpec("starts_on", L("starts_on"), DATE, required=True),
        FieldSpec(
            "ends_on", L("ends_on"), DATE, required=True, help=_tr("Không sớm hơn “Từ ngày”.")
        ),
        FieldSpec(
            "place",
            L("place"),
            placeholder=place,
            help=_tr("Để trống: trụ sở cơ quan thường trực (theo Cài đặt)."),
        ),
        FieldSpec(
            "convened_by_id",
            L("convened_by_id"),
            LOOKUP,
            help=_tr("Thành viên Tổ công tác tại ngày bắt đầu; để trống: Tổ trưởng."),
        ),
        FieldSpec(
            "serves",
            L("serves"),
            LOOKUP,
            lambda: session_detail.serve_choices(db),
            help=_tr("Kết luận hoặc nhiệm vụ của Ban Chỉ đạo mà phiên làm việc thực hiện."),
        ),
        FieldSpec("notes", L("notes"), MULTILINE),
        FieldSpec("result_summary", L("result_summary"), MULTILINE),
    ]


class SessionDialog(RecordDialog):
    """A session's form; the convener list follows the working group of "Từ ngày"."""

    def __init__(
        self,
        db: Database,
        title: str,
        save: Callable[..., Any],
        *,
        values: dict[str, Any],
        reload: Callable[[], dict[str, Any]] | None = None,
        key: str,
        point_to_members: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        self.db = db
        super().__init__(title, session_fields(db), save, reload=reload, key=key, parent=parent)
        # A new session only (one recorded keeps its convener), as a new meeting's form does.
        self.people_needed: PeopleNeeded | None = None
        if point_to_members:
            self.people_needed = PeopleNeeded(
                self,
                "group",
                lambda: bool(self.form.fields["title"].value()),
                _tr(
                    "Chưa lưu được phiên làm việc khi chưa có người triệu tập. Đóng cửa sổ này "
                    "(bỏ những gì vừa nhập) để thêm thành viên Tổ công tác?"
                ),
            )
            self.add_top(self.people_needed)
        self._fill_conveners(values.get("starts_on"), values.get("convened_by_id"))
        self.open_with(values)
        self.initial = dict(self.form.values())
        starts = self.form.editor("starts_on")
        starts.edit.editingFinished.connect(self._on_day_changed)  # type: ignore[attr-defined]

    def _lookup(self) -> LookupCombo:
        editor = self.form.editor("convened_by_id")
        assert isinstance(editor, LookupCombo)
        return editor

    def _fill_conveners(self, day: Any, keep: Any) -> None:
        day = day if isinstance(day, date) else date.today()
        offered, leader = session_detail.conveners_on(self.db, day)
        # Found by their unit's short name too, as every person picker finds them.
        items: list[tuple[Any, ...]] = list(choices.role_items(offered))
        if self.people_needed is not None:
            self.people_needed.say(nobody_to_convene(self.db, day) if not items else None)
        if keep is not None and all(item[0] != keep for item in items):
            items = [*items, (keep, "")]  # recorded before a reorganisation: keep it shown
        lookup = self._lookup()
        lookup.set_items(items)
        lookup.set_value(keep if keep is not None else leader)

    def _on_day_changed(self) -> None:
        try:
            day = self.form.fields["starts_on"].value()
            keep = self.form.fields["convened_by_id"].value()
        except ValidationError:
            return  # the core names the bad field on Save
        self.read_into_form(lambda: self._fill_conveners(day, keep))  # who may convene that day

    def changed(self, values: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in values.items() if self.initial.get(k) != v}


def new_session_dialog(db: Database, parent: QWidget | None = None) -> SessionDialog:
    """Ctrl+N: a new session, in one call (:func:`working_group.create_session`)."""
    dialog = SessionDialog(
        db,
        _tr("Triệu tập phiên làm việc của Tổ công tác"),
        # ``confirmed``: the yes to the core's question of dates with no working day.
        lambda v, **confirmed: working_group.create_session(db, **v, **confirmed),
        values={"purpose": SessionPurpose.PROPOSAL.value},
        key="sessionNew",
        point_to_members=True,
        parent=parent,
    )
    dialog.setObjectName("newSessionDialog")
    return dialog


def _values(d: SessionDetail) -> dict[str, Any]:
    return {
        "purpose": d.purpose,
        "title": d.title,
        "starts_on": d.starts_on,
        "ends_on": d.ends_on,
        "place": d.place,
        "convened_by_id": d.convened_by_id,
        "serves": d.serves or None,
        "notes": d.notes,
        "result_summary": d.result_summary,
    }


def edit_session_dialog(db: Database, session_id: int, parent: QWidget | None = None) -> Any:
    """Edit a session: only the fields changed are sent, with the version read."""
    d = session_detail.get_session(db, session_id)
    state = {"version": d.version}

    def save(values: dict[str, Any], **confirmed: bool) -> int:
        # ``confirmed``: the record dialog's yes to the core's question when the convocation
        # is issued (new days or place supersede it, core.issued_changes)
        working_group.update_session(
            db, session_id, expected_version=state["version"], **dialog.changed(values), **confirmed
        )
        return session_id

    def reload() -> dict[str, Any]:
        fresh = session_detail.get_session(db, session_id)
        state["version"] = fresh.version
        return _values(fresh)

    dialog = SessionDialog(
        db,
        _tr("Sửa phiên làm việc: {title}").format(title=d.title),
        save,
        values=_values(d),
        reload=reload,
        key="sessionEdit",
        parent=parent,
    )
    dialog.setObjectName("editSessionDialog")
    return dialog


# -- participants ---------------------------------------------------------------------------------


def new_expert_columns() -> list[FieldSpec]:
    return [
        FieldSpec("full_name", _tr("Họ và tên"), required=True),
        # As the experts list and `bdcq people` name it: a title goes here, not in the name.
        FieldSpec("position", _tr("Chức vụ, học hàm")),
        FieldSpec("agency", _tr("Cơ quan, đơn vị")),
        FieldSpec(
            "kind",
            _tr("Loại"),
            CHOICE,
            [(k.value, label(k)) for k in EXPERT_KINDS],
            allow_empty=False,
        ),
    ]


class ParticipantsDialog(RecordDialog):
    """Members of the working group and experts to add, and experts typed in (who go on the
    experts list), in one save."""

    def __init__(self, db: Database, session_id: int, parent: QWidget | None = None) -> None:
        self.db = db
        self.session_id = session_id
        d = session_detail.get_session(db, session_id)
        self.version = d.version
        super().__init__(
            _tr("Thành phần phiên làm việc: {title}").format(title=d.title),
            [],
            self._save,
            reload=self._reload,
            intro=_tr(
                "Đánh dấu (phím cách) thành viên Tổ công tác, chuyên gia cần huy động, hoặc người "
                "khác đã có trong dữ liệu (thành viên Ban Chỉ đạo, cán bộ các cơ quan); người "
                "chưa có thì nhập ở trang “Chuyên gia mới” (được thêm vào danh sách chuyên gia)."
            ),
            save_text=_tr("Thêm"),
            key="sessionParticipants",
            parent=parent,
        )
        self.setObjectName("participantsDialog")
        taking_part = {p.person_id for p in d.participants}
        self.members = CheckList("members", _tr("Tìm thành viên (không cần dấu)…"), self)
        self.experts = CheckList("experts", _tr("Tìm chuyên gia (không cần dấu)…"), self)
        # Anyone else on record: a committee member wanted as an expert is ticked here, not
        # typed in again as a second person.
        self.others = CheckList("others", _tr("Tìm người đã có (không cần dấu)…"), self)
        pages = {"member": self.members, "expert": self.experts, "other": self.others}
        for c in session_detail.candidates(db, d.starts_on):
            text = f"{c.name} ({c.role_label})" + (f" — {c.detail}" if c.detail else "")
            done = c.person_id in taking_part
            target = pages[c.kind]
            target.add(c.person_id, text + (_tr(" (đã có)") if done else ""), enabled=not done)
        self.new_form = FormWidget(
            [FieldSpec("new_experts", _tr("Chuyên gia mới"), ROWS, columns=new_expert_columns())],
            self,
        )
        # Four columns of 220 pixels did not fit the dialog's 796 at 1366×768: typing the
        # agency scrolled the name out of view. The three texts share the width, the kind
        # keeps its own; what is longer scrolls inside its cell.
        header = self.new_rows().table.horizontalHeader()
        header.setStretchLastSection(False)
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("participantPages")
        self.pages.addTab(self.members, _tr("Thành viên Tổ công tác"))
        # The regulation's word for whom the group mobilises (rule 8: "huy động các chuyên
        # gia"), as the pane's role and the session's papers say it.
        self.pages.addTab(self.experts, _tr("Chuyên gia"))
        self.pages.addTab(self.others, _tr("Người khác đã có"))
        self.pages.addTab(self.new_form, _tr("Chuyên gia mới"))
        self.add_section(self.pages, "participants", stretch=1)
        self.resize(1000, 560)

    def new_rows(self) -> Any:
        """The rows editor of experts typed in."""
        return self.new_form.editor("new_experts")

    def collect(self) -> dict[str, Any]:
        try:
            rows = self.new_form.values()["new_experts"]
        except ValidationError as exc:
            raise ValidationError("participants", exc.message, label=exc.label) from None
        return {
            "person_ids": self.members.checked()
            + self.experts.checked()
            + self.others.checked(),
            # The kind always has a value: a row counts when something was typed in it.
            "new_experts": [
                r
                for r in rows
                if any((r.get(k) or "").strip() for k in ("full_name", "position", "agency"))
            ],
        }

    def _save(self, values: dict[str, Any], **confirmed: bool) -> int:
        self.added = session_people.add_participants(
            self.db, self.session_id, expected_version=self.version, **values, **confirmed
        )
        return self.session_id

    def _ask(
        self, exc: ConfirmationRequired, values: dict[str, Any], confirmed: dict[str, bool]
    ) -> None:
        """A name typed that someone on record bears: offer to take that person (the usual
        case), to add a new person all the same, or to go back."""
        if not isinstance(exc, NamesakeWarning):
            super()._ask(exc, values, confirmed)
            return
        lines = [n.line for n in exc.people]
        role = QMessageBox.ButtonRole
        # One namesake a line: that person is meant. Several: the officer picks in the lists.
        one_each = len(set(lines)) == len(lines)
        use = messages.Answer("useExistingButton", _tr("Dùng người đã có"), role.AcceptRole)
        new = messages.Answer("addNewButton", _tr("Vẫn thêm người mới"), role.DestructiveRole)
        no = messages.Answer("noButton", _tr("Không"), role.RejectRole)
        box = messages.question_box(
            self, _tr("Trùng tên người đã có"), exc.message,
            [use, new, no] if one_each else [new, no],
            default=use.name if one_each else no.name, escape=no.name,
            icon=QMessageBox.Icon.Warning, name="namesakeQuestion",
        )  # fmt: skip

        def answered() -> None:
            self.question = None
            clicked = messages.answer_of(box)
            if clicked == use.name:
                chosen = {n.line: n.person_id for n in exc.people}
                rows = values["new_experts"]
                kept = [r for i, r in enumerate(rows, 1) if i not in chosen]
                ids = [*values["person_ids"], *chosen.values()]
                self._attempt({**values, "person_ids": ids, "new_experts": kept}, confirmed)
            elif clicked == new.name:
                self._attempt(values, {**confirmed, exc.parameter: True})

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.question = box
        box.open()

    def _reload(self) -> dict[str, Any]:
        self.version = session_detail.get_session(self.db, self.session_id).version
        return {}

    def reload_note(self) -> str:  # the ticks stay: see InviteDialog's
        return _tr(
            "Bấm “Tải lại” rồi “Thêm” lần nữa: những gì bạn đã đánh dấu và nhập ở đây vẫn giữ "
            "nguyên; ai đã có trong phiên thì giữ như cũ."
        )

    def reload_values(self) -> bool:
        if not super().reload_values():  # not read: the refusal stays said, not "Đã đọc lại"
            return False
        self.show_banner(
            _tr("Đã đọc lại phiên; những gì bạn đã đánh dấu và nhập vẫn giữ nguyên. Bấm “Thêm”.")
        )
        return True
