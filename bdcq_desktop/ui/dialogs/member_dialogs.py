"""Dialogs for people and memberships: add a member, edit one, end a membership, add an expert.

Each function builds a :class:`RecordDialog` (not yet shown) whose Save calls the core; the
caller connects ``saved`` and calls ``open()``. Field keys are the core's keyword names, so a
``ValidationError`` lands under the right editor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core import members
from ...core.db import Database
from ...core.enums import PersonKind
from ...core.errors import ValidationError
from ...core.text import short_date
from .. import messages
from ..forms import CHOICE, DATE, LOOKUP, MULTILINE, FieldSpec
from ..record_dialog import RecordDialog
from ..record_view import RecordView
from . import choices

PERSON_KEYS = ("full_name", "honorific", "position", "unit_id", "phone", "email")
APPOINTMENT_KEYS = ("role", "field", "area", "decision_number", "decision_date", "start_date")
END_KEYS = ("end_date", "end_decision_number", "end_decision_date")


def _tr(text: str) -> str:
    return QCoreApplication.translate("member_dialogs", text)


def body_name(body: str) -> str:
    return _tr("Ban Chỉ đạo") if body == "committee" else _tr("Tổ công tác")


# -- field lists -----------------------------------------------------------------------------
def person_fields(
    db: Database,
    *,
    unit_id: int | None = None,
    kinds: Iterable[PersonKind] | None = None,
    notes: bool = False,
) -> list[FieldSpec]:
    """Name, honorific, position, agency, phone, e-mail (+ kind and notes when asked)."""
    fields = [
        FieldSpec("full_name", _tr("Họ và tên"), required=True, placeholder=_tr("Nguyễn Văn An")),
        FieldSpec("honorific", _tr("Danh xưng"), CHOICE, choices.honorifics()),
        FieldSpec("position", _tr("Chức vụ"), placeholder=_tr("Giám đốc Sở…")),
        FieldSpec(
            "unit_id",
            _tr("Cơ quan, đơn vị"),
            LOOKUP,
            lambda: choices.unit_choices(db, keep=unit_id),
        ),
        FieldSpec("phone", _tr("Điện thoại"), placeholder="0912 345 678"),
        FieldSpec("email", _tr("Thư điện tử"), placeholder=_tr("VD: ten@coquan.gov.vn")),
    ]
    if kinds is not None:
        fields.append(
            FieldSpec("kind", _tr("Loại"), CHOICE, choices.person_kinds(kinds), allow_empty=False)
        )
    if notes:
        fields.append(FieldSpec("notes", _tr("Ghi chú"), MULTILINE))
    return fields


def appointment_fields(body: str, *, ended: bool = False) -> list[FieldSpec]:
    fields = [
        FieldSpec("role", _tr("Vai trò"), CHOICE, choices.roles(body), True, allow_empty=False),
        FieldSpec(
            "field",
            _tr("Lĩnh vực phụ trách"),
            placeholder=_tr("Chuyển đổi số trong y tế"),
        ),
        FieldSpec(
            "area",
            _tr("Địa bàn phụ trách"),
            help=_tr("Nhiều địa bàn ngăn cách bằng dấu phẩy, ví dụ: phường A, xã B."),
        ),
        FieldSpec("decision_number", _tr("Số quyết định"), placeholder="1234/QĐ-UBND"),
        FieldSpec("decision_date", _tr("Ngày quyết định"), DATE),
        FieldSpec("start_date", _tr("Ngày bắt đầu"), DATE, required=True),
    ]
    if ended:
        fields += [
            FieldSpec("end_date", _tr("Là thành viên đến hết ngày"), DATE, required=True),
            FieldSpec("end_decision_number", _tr("Số quyết định thôi"), required=True),
            FieldSpec("end_decision_date", _tr("Ngày quyết định thôi"), DATE),
        ]
    return fields


def _person_values(p: members.PersonRow) -> dict[str, Any]:
    return {
        "full_name": p.full_name,
        "honorific": choices.honorific_code(p.honorific),
        "position": p.position,
        "unit_id": p.unit_id,
        "phone": p.phone,
        "email": p.email,
        "kind": p.kind,
        "notes": p.notes,
    }


def _membership_values(row: members.MemberRow) -> dict[str, Any]:
    return {
        "role": row.role,
        "field": row.field,
        "area": row.area,
        "decision_number": row.decision_number,
        "decision_date": row.decision_date,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "end_decision_number": row.end_decision_number,
        "end_decision_date": row.end_decision_date,
    }


def _pick(values: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    return {k: values[k] for k in keys if k in values}


# -- dialogs -----------------------------------------------------------------------------------
def new_member_dialog(
    db: Database, body: str, parent: QWidget | None = None, *, today: date | None = None
) -> RecordDialog:
    """Ctrl+N: appoint someone already known, or a new person, in one dialog and one save
    (:func:`members.appoint_new`: a refused appointment leaves no person behind)."""
    loaded: dict[int, int] = {}  # person id -> version read when the fields were filled
    picker = FieldSpec(
        "person_id",
        _tr("Người đã có"),
        LOOKUP,
        lambda: choices.people(db),
        help=_tr("Chọn nếu người này đã có trong danh sách; để trống để thêm người mới."),
    )
    fields = [picker, *person_fields(db), *appointment_fields(body)]

    def save(values: dict[str, Any], **confirmed: bool) -> int:
        person_id = values["person_id"]
        return members.appoint_new(
            db,
            body=body,
            person=_pick(values, PERSON_KEYS),  # unchanged details of a known person write nothing
            appointment=_pick(values, APPOINTMENT_KEYS),
            person_id=person_id,
            person_version=loaded.get(person_id) if person_id is not None else None,
            **confirmed,  # the record dialog's yes to a DuplicatePositionWarning
        )

    def chosen_person() -> dict[str, Any]:
        try:
            person_id = dialog.form.fields["person_id"].value()
        except ValidationError:
            return {}
        if person_id is None:
            return {}
        p = members.get_person(db, person_id)
        loaded[person_id] = p.version
        return _pick(_person_values(p), PERSON_KEYS)

    dialog = RecordDialog(
        _tr("Thêm thành viên {body}").format(body=body_name(body)),
        fields,
        save,
        values={"role": "member", "start_date": today or date.today()},
        reload=chosen_person,
        key=f"{body}New",
        parent=parent,
    )
    dialog.setObjectName("newMemberDialog")

    def fill_from_person(_index: int) -> None:
        def read() -> None:  # the person picked, read to fill the form: a read's refusal
            for key, value in chosen_person().items():
                dialog.form.fields[key].set_value(value)

        dialog.read_into_form(read)

    dialog.form.editor("person_id").currentIndexChanged.connect(fill_from_person)  # type: ignore[attr-defined]
    return dialog


def edit_member_dialog(
    db: Database, row: members.MemberRow, body: str, parent: QWidget | None = None
) -> RecordDialog:
    """Enter: correct a member's details and the membership in one save
    (:func:`members.update_member`; only changed fields are sent)."""
    person = members.get_person(db, row.person_id)
    versions = {"person": person.version, "membership": row.version}  # as read; "Tải lại" renews
    values = {**_person_values(person), **_membership_values(row)}

    def save(_values: dict[str, Any], **confirmed: bool) -> int:
        changed = dialog.form.changed_values()
        members.update_member(
            db,
            row.id,
            body=body,
            person_version=versions["person"],
            membership_version=versions["membership"],
            person=_pick(changed, PERSON_KEYS),
            membership=_pick(changed, APPOINTMENT_KEYS + END_KEYS),
            **confirmed,
        )
        return row.id

    def reload() -> dict[str, Any]:
        fresh_person = members.get_person(db, row.person_id)
        fresh = next(
            m for m in members.list_memberships(db, row.person_id, body=body) if m.id == row.id
        )
        versions.update(person=fresh_person.version, membership=fresh.version)
        return {**_person_values(fresh_person), **_membership_values(fresh)}

    # The term as stored: its end fields whenever it has an end, not as ``row.active`` says,
    # which is of the roster's day ("Tính đến ngày": a term current then may have ended since)
    # and true of a term ended with a date to come.
    ended = row.end_date is not None
    dialog = RecordDialog(
        _tr("Sửa thông tin: {name}").format(name=row.full_name),
        [*person_fields(db, unit_id=row.unit_id), *appointment_fields(body, ended=ended)],
        save,
        values=values,
        reload=reload,
        key=f"{body}Edit",
        parent=parent,
    )
    dialog.setObjectName("editMemberDialog")
    return dialog


@dataclass(frozen=True)
class Ended:
    """What the end dialog's save hands the roster: the term to select, and the meetings that
    still invite the person (:func:`tell_still_invited`)."""

    membership_id: int
    still_invited: tuple[members.StillInvited, ...] = ()


def tell_still_invited(
    parent: QWidget, items: Sequence[members.StillInvited], go: Callable[[int], None]
) -> QMessageBox:
    """Said after an end (or a kiện toàn) is saved, without blocking: the meetings not yet held
    that still invite, as members, the people it ended, and which issued paper calls them
    (the core's text, as ``bdcq members end`` prints it). Nobody is taken off: "Đến cuộc
    họp" (``go`` with the first meeting's id) shows it, to change its list if need be;
    "Đóng" (Enter, Esc) leaves it."""
    role = QMessageBox.ButtonRole
    to_meeting = messages.Answer("goToMeetingButton", _tr("Đến cuộc họp"), role.ActionRole)
    close = messages.Answer("closeButton", _tr("Đóng"), role.RejectRole)
    text = members.still_invited_notice(items)
    box = messages.question_box(
        parent, _tr("Vẫn còn trong danh sách mời họp"), text, [to_meeting, close],
        default=close.name, escape=close.name, icon=QMessageBox.Icon.Information,
        name="stillInvitedBox",
    )  # fmt: skip

    def done() -> None:
        if messages.answer_of(box) == to_meeting.name:
            go(items[0].meeting_id)

    box.finished.connect(done)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def end_membership_dialog(
    db: Database,
    row: members.MemberRow,
    body: str,
    parent: QWidget | None = None,
    *,
    today: date | None = None,
) -> RecordDialog:
    """Delete key: the member leaves (thôi làm thành viên) under a decision; history stays."""
    fields = [
        FieldSpec(
            "end_date",
            _tr("Là thành viên đến hết ngày"),
            DATE,
            required=True,
            help=_tr("Ngày cuối cùng còn là thành viên; từ hôm sau không còn trong danh sách."),
        ),
        FieldSpec(
            "decision_number", _tr("Số quyết định"), required=True, placeholder="1234/QĐ-UBND"
        ),
        FieldSpec("decision_date", _tr("Ngày quyết định"), DATE),
    ]

    version = {"v": row.version}  # as read; a stale save reads it again (the fields kept)

    def save(values: dict[str, Any]) -> Ended:
        invited = members.end_membership(
            db, row.id, body=body, expected_version=version["v"], **_pick(values, fields_keys)
        )
        return Ended(row.id, invited)

    def reload() -> dict[str, Any]:
        now = members.list_memberships(db, row.person_id, body=body)
        version["v"] = next((m.version for m in now if m.id == row.id), version["v"])
        return {}

    fields_keys = [f.key for f in fields]
    intro = _tr(
        "{name} — {role} {body} từ {start}. Nhiệm kỳ được kết thúc, không bị xóa: các cuộc họp "
        "đã qua vẫn giữ người này."
    ).format(
        name=row.full_name,
        role=row.role_label,
        body=body_name(body),
        start=short_date(row.start_date),
    )
    dialog = RecordDialog(
        _tr("Thôi làm thành viên"),
        fields,
        save,
        values={"end_date": today or date.today()},
        reload=reload,
        intro=intro,
        save_text=_tr("Kết thúc nhiệm kỳ"),
        key=f"{body}End",
        parent=parent,
    )
    dialog.setObjectName("endMembershipDialog")
    return dialog


def person_dialog(
    db: Database,
    parent: QWidget | None = None,
    *,
    person: members.PersonRow | None = None,
    kinds: Iterable[PersonKind] = members.EXPERT_KINDS,
    title: str = "",
) -> RecordDialog:
    """Add or edit a person (an expert, scientist or guest by default)."""
    kinds = tuple(kinds)
    fields = person_fields(
        db,
        unit_id=person.unit_id if person else None,
        kinds=kinds if len(kinds) > 1 else None,  # one possible kind needs no question
        notes=True,
    )
    version = {"v": person.version if person else None}

    def save(values: dict[str, Any]) -> int:
        if person is None:
            return members.create_person(db, **{"kind": kinds[0].value, **values})
        changed = dialog.form.changed_values()
        if changed:
            members.update_person(db, person.id, expected_version=version["v"], **changed)
        return person.id

    def reload() -> dict[str, Any]:
        assert person is not None
        fresh = members.get_person(db, person.id)
        version["v"] = fresh.version
        return _person_values(fresh)

    values = _person_values(person) if person else {"kind": kinds[0].value}
    dialog = RecordDialog(
        title
        or (
            _tr("Sửa thông tin: {name}").format(name=person.full_name)
            if person
            else _tr("Thêm người")
        ),
        fields,
        save,
        values=values,
        reload=reload if person else None,
        key="person",
        parent=parent,
    )
    dialog.setObjectName("personDialog")
    return dialog


def create_person_action(
    db: Database, kinds: Iterable[PersonKind] = (PersonKind.OFFICIAL,)
) -> Callable[[QWidget, Callable[[Any, str], None]], None]:
    """For a people lookup's "Thêm mới…" button: opens :func:`person_dialog`, then adds the
    new person to the lookup."""

    def create(parent: QWidget, add: Callable[[Any, str], None]) -> None:
        dialog = person_dialog(db, parent, kinds=kinds, title=_tr("Thêm người mới"))
        dialog.saved.connect(
            lambda person_id: add(
                person_id, choices.person_label(members.get_person(db, person_id))
            )
        )
        dialog.open()

    return create


def confirm_delete_person(view: RecordView, row: members.PersonRow) -> None:
    """Ask, then delete a person entered by mistake (the core refuses anyone with history);
    the view refreshes and emits ``changed``. Returns nothing: the question is already open.
    Guarded by the version the list shows: a person corrected elsewhere meanwhile is not
    deleted (the view says so and reloads, see :meth:`.RecordView.refused`)."""
    view.confirm(
        _tr("Xóa người"),
        _tr("Xóa hẳn {name} khỏi danh sách? Không thể hoàn tác.").format(name=row.full_name),
        lambda: members.delete_person(view.db, row.id, expected_version=row.version),
        yes_text=_tr("Xóa"),
    )


def confirm_delete_mistaken_member(view: RecordView, row: members.MemberRow) -> None:
    """Ask, then delete a member entered by mistake with their memberships (the core refuses
    once a meeting, document or later decision refers to them); written to the change log."""
    view.confirm(
        _tr("Xóa người nhập nhầm"),
        _tr(
            "Xóa hẳn {name} cùng các nhiệm kỳ đã nhập? Chỉ dùng khi nhập nhầm; người thôi "
            "làm thành viên thì dùng Thôi làm thành viên. Không thể hoàn tác."
        ).format(name=row.full_name),
        lambda: members.delete_mistaken_member(
            view.db,
            row.id,
            body=view.body,
            expected_version=row.version,
            person_version=row.person_version,
        ),
        yes_text=_tr("Xóa"),
    )
