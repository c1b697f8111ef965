"""Appointments to the committee and the working group: appoint, correct, end, reorganise.

History is never overwritten: leaving the committee ends a membership with a date and a
decision, and a reorganisation (kiện toàn) ends and starts memberships under one decision in one
transaction. The public names are re-exported by :mod:`bdcq_desktop.core.members`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import NotFoundError, ValidationError
from .i18n import tr
from .labels import label
from .locking import check_version, flush, serialize
from .membership_rules import (
    END_DATE_LABEL,
    duplicate_position_warning,
    overlaps,
    same_position_holder,
)
from .models import CommitteeMembership, CommitteeRole, GroupMembership, GroupRole, Person
from .still_invited import StillInvited, still_invited
from .text import clean, excerpt, fold, short_date

ROLE_RANK = {role: i for i, role in enumerate(CommitteeRole)}
GROUP_RANK = {role: i for i, role in enumerate(GroupRole)}

Membership = CommitteeMembership | GroupMembership

MEMBERSHIP_LABELS = {
    "person_id": "Người được phân công",
    "role": "Vai trò",
    "field": "Lĩnh vực phụ trách",
    "area": "Địa bàn phụ trách",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "start_date": "Ngày bắt đầu",
    "end_date": END_DATE_LABEL,
    "end_decision_number": "Số quyết định thôi làm thành viên",
    "end_decision_date": "Ngày quyết định thôi làm thành viên",
    "effective_date": "Ngày hiệu lực",
    "end_ids": "Thành viên thôi",
    "new": "Thành viên mới",
    "body": "Ban Chỉ đạo / Tổ công tác",
}

# Folded spellings of the roles as written in decisions and spreadsheets.
_COMMITTEE_NAMES = {
    "truong ban": CommitteeRole.HEAD,
    "pho truong ban": CommitteeRole.DEPUTY_HEAD,
    "pho truong ban thuong truc": CommitteeRole.STANDING_DEPUTY_HEAD,
    "pho truong ban tt": CommitteeRole.STANDING_DEPUTY_HEAD,
    "thanh vien thuong truc": CommitteeRole.STANDING_MEMBER,
    "uy vien thuong truc": CommitteeRole.STANDING_MEMBER,
    "thanh vien": CommitteeRole.MEMBER,
    "uy vien": CommitteeRole.MEMBER,
    "thu ky": CommitteeRole.SECRETARY,
}
_GROUP_NAMES = {
    "to truong": GroupRole.LEADER,
    "to pho": GroupRole.DEPUTY_LEADER,
    "pho to truong": GroupRole.DEPUTY_LEADER,
    "thanh vien": GroupRole.MEMBER,
}
_TOP_ROLE = {"committee": CommitteeRole.HEAD, "group": GroupRole.LEADER}


def _l(key: str) -> str:
    return tr(MEMBERSHIP_LABELS[key])


def _fail(field_name: str, template: str, **values: object) -> ValidationError:
    """A ValidationError on ``field_name``; ``{label}`` in the template is its label. A value
    echoed back is cleaned and cut, as validation's are: a role typed as 3,000 characters made
    a refusal of 2,000 (``bdcq members add --role``)."""
    shown = {k: excerpt(clean(x[:1000])) if isinstance(x, str) else x for k, x in values.items()}
    text = tr(template).format(label=_l(field_name), **shown)
    return ValidationError(field_name, text, label=_l(field_name))


def membership_model(body: str) -> type[CommitteeMembership] | type[GroupMembership]:
    if body == "committee":
        return CommitteeMembership
    if body == "group":
        return GroupMembership
    raise _fail("body", 'Không có tổ chức "{body}" (committee hoặc group).', body=body)


def parse_role(value: object, body: str = "committee") -> CommitteeRole | GroupRole:
    """A role from its enum member, code (``head``), or Vietnamese name in any case, with or
    without diacritics (``Phó Trưởng ban``, ``pho truong ban``)."""
    enum_cls = GroupRole if membership_model(body) is GroupMembership else CommitteeRole
    if isinstance(value, enum_cls):
        return value
    names = _GROUP_NAMES if enum_cls is GroupRole else _COMMITTEE_NAMES
    key = re.sub(r"[\s.:;,*]+", " ", fold(str(value) if value is not None else "")).strip()
    if key in names:
        return names[key]
    try:
        role = v.choice(value, enum_cls, "role", _l("role"))
    except ValidationError:
        if not key:
            raise
        allowed = ", ".join(label(m) for m in enum_cls)
        raise _fail(
            "role",
            '"{label}" không nhận giá trị "{value}"; các giá trị hợp lệ: {allowed}.',
            value=str(value).strip(),
            allowed=allowed,
        ) from None
    assert role is not None
    return role


def clean_membership(data: dict[str, Any], body: str = "committee") -> dict[str, Any]:
    """Validate membership fields (only those present); raises one ValidationError naming
    every bad field (see :func:`.people.clean_person`)."""
    out: dict[str, Any] = {}
    for key in data:
        if key not in MEMBERSHIP_LABELS or key in ("effective_date", "end_ids", "new", "body"):
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    check = v.Refusals()
    for key, value in data.items():
        if key == "role":
            out[key] = check(parse_role, value, body)
        elif key in ("field", "area"):
            out[key] = check(v.text, value, key, _l(key), max_len=300)
        elif key in ("decision_number", "end_decision_number"):
            out[key] = check(v.text, value, key, _l(key), max_len=60)
        elif key in ("decision_date", "end_decision_date", "end_date"):
            out[key] = check(v.date_value, value, key, _l(key))
        elif key == "start_date":
            day = check(v.date_value, value, key, _l(key), required=True)
            out[key] = day and check(v.date_window, day, key, _l(key), latest=latest_start())
        elif key == "person_id":
            out[key] = check(v.positive_int, value, key, _l(key), minimum=1, required=True)
    check.raise_any()
    return out


def latest_start(today: date | None = None) -> date:
    """The latest start a membership may be given: a decision is entered ahead of time
    (a reorganisation planned for next term), but not years ahead (a typo such as 9999)."""
    return (today or date.today()) + timedelta(days=366)


def _get(s: Session, model: type[Membership], membership_id: int) -> Membership:
    m = s.get(model, v.record_id(membership_id, "membership_id", tr("Mã nhiệm kỳ")))
    if m is None:
        raise NotFoundError(tr("Không tìm thấy nhiệm kỳ có mã {id}.").format(id=membership_id))
    return m


def _body_name(model: type[Membership]) -> str:
    return tr("Ban Chỉ đạo") if model is CommitteeMembership else tr("Tổ công tác")


def _check_rules(s: Session, model: type[Membership], m: Membership) -> None:
    """One membership per person per body at a time; one Head (Tổ trưởng for the group) at a
    time. "At a time": the periods share a day (an end date is the last day, see
    :mod:`.membership_rules`), so a membership ending next month still counts. The saves of
    one body take turns from here: the second of two at once reads the first's."""
    serialize(s, f"rule:{model.__tablename__}")
    same_time = overlaps(model, m.start_date, m.end_date) & (model.id != m.id)
    other = s.scalar(select(model).where(model.person_id == m.person_id, same_time))
    if other is not None:
        raise _fail(
            "person_id",
            '"{name}" đang là {role} {body}; hãy kết thúc nhiệm kỳ hiện tại trước '
            "khi phân công vai trò khác.",
            name=other.person.full_name,
            role=label(other.role),
            body=_body_name(model),
        )
    top = _TOP_ROLE["committee" if model is CommitteeMembership else "group"]
    if m.role == top:
        current = s.scalar(select(model).where(model.role == top, same_time))
        if current is not None:
            raise _fail(
                "role",
                "Đã có {role} đương nhiệm ({name}); hãy kết thúc nhiệm kỳ người này trước "
                "hoặc dùng kiện toàn.",
                role=label(top),
                name=current.person.full_name,
            )


def appoint_in(
    s: Session, model: type[Membership], person_id: int, values: dict[str, Any]
) -> Membership:
    person = s.get(Person, person_id)
    if person is None:
        raise NotFoundError(tr("Không tìm thấy ID người {id}.").format(id=person_id))
    m = model(person_id=person_id, position_at_start=person.position, **values)
    m.person = person
    s.add(m)
    s.flush()  # an id, so the rule checks can exclude this row
    _check_rules(s, model, m)
    return m


def check_position(s: Session, model: type[Membership], m: Membership) -> None:
    """Raise :class:`DuplicatePositionWarning` if another member of the body holds ``m``'s
    person's position in the same unit during ``m``'s period."""
    other = same_position_holder(s, model, m.person, m.start_date, m.end_date)
    if other is not None:
        raise duplicate_position_warning(model is CommitteeMembership, m.person, other)


def appoint(
    db: Database,
    person_id: int,
    *,
    body: str = "committee",
    role: Any,
    field: str | None = None,
    area: str | None = None,
    decision_number: str | None = None,
    decision_date: date | str | None = None,
    start_date: date | str,
    confirm_duplicate_position: bool = False,
) -> int:
    """Start a membership (bổ nhiệm / phân công); returns its id.

    Raises :class:`DuplicatePositionWarning` (nothing written) if another member holds the same
    position in the same unit at the time; call again with ``confirm_duplicate_position=True``
    once the user has confirmed."""
    model = membership_model(body)
    values = clean_membership(
        {
            "role": role,
            "field": field,
            "area": area,
            "decision_number": decision_number,
            "decision_date": decision_date,
            "start_date": start_date,
        },
        body,
    )
    with db.session() as s:
        m = appoint_in(s, model, person_id, values)
        if not confirm_duplicate_position:
            check_position(s, model, m)
        return m.id


_EDITABLE = ("role", "field", "area", "decision_number", "decision_date", "start_date")
_END_FIELDS = ("end_date", "end_decision_number", "end_decision_date")


def update_membership(
    db: Database,
    membership_id: int,
    *,
    body: str = "committee",
    expected_version: int | None = None,
    **fields: Any,
) -> None:
    """Correct a membership. The end fields may be corrected only on an ended membership
    (ending one is :func:`end_membership`)."""
    model = membership_model(body)
    values = clean_correction(fields, body)
    with db.session() as s:
        update_membership_in(s, model, membership_id, values, expected_version)


def clean_correction(fields: dict[str, Any], body: str) -> dict[str, Any]:
    """Validate the fields of a correction to a membership (only those present)."""
    for key in fields:
        if key not in _EDITABLE + _END_FIELDS:
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    return clean_membership(fields, body)


def clean_appointment(fields: dict[str, Any], body: str) -> dict[str, Any]:
    """Validate a new appointment: role and start date required, end fields not allowed."""
    for key in fields:
        if key not in _EDITABLE:
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    return clean_membership({"role": None, "start_date": None, **fields}, body)


def update_membership_in(
    s: Session,
    model: type[Membership],
    membership_id: int,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> Membership:
    """Apply a cleaned correction inside an open session (see :func:`update_membership`)."""
    m = _get(s, model, membership_id)
    check_version(m, expected_version, tr("Nhiệm kỳ"))
    if not values:
        return m
    if m.end_date is None and any(k in values for k in _END_FIELDS):
        raise _fail("end_date", "Nhiệm kỳ đang hiệu lực; hãy dùng chức năng thôi làm thành viên.")
    for key in ("end_date", "end_decision_number"):
        if key in values and values[key] is None:
            raise _fail(key, '"{label}" không được để trống.')
    for key, value in values.items():
        setattr(m, key, value)
    v.date_order(m.start_date, m.end_date, "end_date", _l("end_date"), start_label=_l("start_date"))
    flush(s, tr("Nhiệm kỳ"))
    _check_rules(s, model, m)
    return m


def end_in(
    m: Membership, end_date: date, decision_number: str, decision_date: date | None
) -> None:
    """End ``m`` on ``end_date`` (its last day) by a decision, in the caller's session."""
    if m.end_date is not None:
        raise _fail(
            "end_date",
            'Nhiệm kỳ của "{name}" đã kết thúc ngày {day}.',
            name=m.person.full_name,
            day=short_date(m.end_date),
        )
    v.date_order(m.start_date, end_date, "end_date", _l("end_date"), start_label=_l("start_date"))
    m.end_date = end_date
    m.end_decision_number = decision_number
    m.end_decision_date = decision_date


def end_membership(
    db: Database,
    membership_id: int,
    *,
    body: str = "committee",
    end_date: date | str,
    decision_number: str,
    decision_date: date | str | None = None,
    expected_version: int | None = None,
) -> tuple[StillInvited, ...]:
    """Leave the committee (thôi làm thành viên): the membership is ended, never deleted.
    Returns the meetings not yet held that still invite the person as a member on a day they
    no longer are one (:mod:`.still_invited`: said, never taken off)."""
    model = membership_model(body)
    end = v.date_value(end_date, "end_date", _l("end_date"), required=True)
    number = v.text(
        decision_number, "decision_number", _l("end_decision_number"), required=True, max_len=60
    )
    when = v.date_value(decision_date, "decision_date", _l("end_decision_date"))
    assert end is not None and number is not None
    with db.session() as s:
        m = _get(s, model, membership_id)
        check_version(m, expected_version, tr("Nhiệm kỳ"))
        end_in(m, end, number, when)
        flush(s, tr("Nhiệm kỳ"))
        return tuple(still_invited(s, body, people=[m.person_id]))


@dataclass(frozen=True)
class NewAppointment:
    person_id: int
    role: Any  # CommitteeRole / GroupRole, a code or a Vietnamese name
    field: str | None = None
    area: str | None = None


@dataclass
class Reorganisation:
    """A reorganisation decision (quyết định kiện toàn): who leaves, who joins, from when.

    The memberships in ``end_ids`` end the day before ``effective_date`` (so the roster on the
    effective date is the new one); the new memberships start on ``effective_date``. Both carry
    the decision's number and date.
    """

    decision_number: str
    decision_date: date
    effective_date: date
    end_ids: list[int] = field(default_factory=list)
    new: list[NewAppointment] = field(default_factory=list)


@dataclass(frozen=True)
class ReorganisationResult:
    ended: int
    started: int
    new_ids: tuple[int, ...] = ()
    # Meetings still inviting, as members, people the decision ended (:mod:`.still_invited`).
    still_invited: tuple[StillInvited, ...] = ()


def reorganise(
    db: Database,
    plan: Reorganisation,
    *,
    body: str = "committee",
    confirm_duplicate_position: bool = False,
) -> ReorganisationResult:
    """Apply a reorganisation decision in one transaction: all of it, or nothing.

    A new member holding the same position in the same unit as a member who stays raises
    :class:`DuplicatePositionWarning` unless ``confirm_duplicate_position``."""
    model = membership_model(body)
    number = v.text(
        plan.decision_number, "decision_number", _l("decision_number"), required=True, max_len=60
    )
    decided = v.date_value(plan.decision_date, "decision_date", _l("decision_date"), required=True)
    effective = v.date_value(
        plan.effective_date, "effective_date", _l("effective_date"), required=True
    )
    assert number is not None and effective is not None
    if not plan.end_ids and not plan.new:
        raise _fail("new", "Quyết định kiện toàn chưa có ai thôi hay được bổ nhiệm.")
    if len(set(plan.end_ids)) != len(plan.end_ids):
        raise _fail("end_ids", "Một nhiệm kỳ được chọn thôi hai lần.")
    people = [a.person_id for a in plan.new]
    if len(set(people)) != len(people):
        raise _fail("new", "Một người được bổ nhiệm hai lần trong cùng quyết định.")
    new_values = [
        clean_membership(
            {"role": a.role, "field": a.field, "area": a.area, "start_date": effective}, body
        )
        for a in plan.new
    ]
    end_date = effective - timedelta(days=1)
    with db.session() as s:
        ended: set[int] = set()
        for membership_id in plan.end_ids:
            m = _get(s, model, membership_id)
            if m.start_date > end_date:
                raise _fail(
                    "effective_date",
                    '"{label}" ({day}) phải sau ngày bắt đầu nhiệm kỳ của "{name}" ({start}).',
                    day=short_date(effective),
                    name=m.person.full_name,
                    start=short_date(m.start_date),
                )
            end_in(m, end_date, number, decided)
            ended.add(m.person_id)
        flush(s, tr("Nhiệm kỳ"))
        new_ids = []
        for a, values in zip(plan.new, new_values, strict=True):
            values.update(decision_number=number, decision_date=decided)
            m = appoint_in(s, model, a.person_id, values)
            if not confirm_duplicate_position:
                check_position(s, model, m)
            new_ids.append(m.id)
        # Read once the new terms are in: someone moved to another role stays a member.
        invited = tuple(still_invited(s, body, people=ended))
        return ReorganisationResult(len(plan.end_ids), len(new_ids), tuple(new_ids), invited)
