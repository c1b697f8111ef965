"""Who works in a session: working-group members and mobilised experts, and the days each was
present (headless).

Members come from the working group of the session's first day, with the role they held that
day (Tổ trưởng, Tổ phó, Thành viên: :func:`.working_group.participant_role`); experts from the
experts list, or added on the spot (:class:`NewExpert`), which puts them on the experts list
in the same transaction. Each participant keeps a snapshot of name, position and agency as they
were, so the session's documents print the people of their time (a session still to come
follows corrections to them: :mod:`.named_copies`). Attendance is recorded per
day, every day within the session's dates; ``days_present`` keeps the count the documents
print.

Every call is one transaction guarded by the session's version, which it bumps. Attendance
per day is :mod:`.session_attendance` (:class:`Attendance`, :func:`set_attendance`,
re-exported here).

Once the convocation is issued, its annex names who is called and its body counts them:
adding someone, or taking off someone it names, is asked first and, confirmed, supersedes it
in the same transaction (:mod:`.issued_changes`). Taking off someone added after it was issued
changes nothing it printed and asks nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .db import Database
from .errors import Namesake, NamesakeWarning, ValidationError
from .experts import EXPERT_KINDS
from .i18n import tr
from .issued_changes import in_force, printing, supersede_after_change
from .labels import label
from .locking import flush, serialize, touch
from .models import (
    AttendanceStatus,
    IssuedDocument,
    ParticipantRole,
    Person,
    PersonKind,
    SessionParticipant,
    Unit,
    WorkingSession,
)
from .people import add_person, clean_person, refuse_title_in_name
from .session_attendance import Attendance as Attendance  # re-exported
from .session_attendance import set_attendance as set_attendance
from .session_list import role_label
from .text import fold
from .units import find_unit, guess_unit_kind
from .working_group import (
    CONVOCATION,
    PARTICIPANT_ORDER,
    group_members_on,
    load_for_change,
    participant_role,
    what,
)


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    person_id: int
    name: str
    position: str
    agency: str
    role: str
    role_label: str
    kind: str  # "member" (of the working group) or "expert"
    days: tuple[date, ...]
    days_present: int | None  # None: attendance not recorded yet
    attendance: str
    attendance_label: str
    absence_reason: str
    # Named by the convocation in force (added before it was issued): taking them off
    # supersedes it, so the window asks first.
    convened: bool = False


@dataclass(frozen=True)
class NewExpert:
    """An expert added on the spot (goes on the experts list)."""

    full_name: str
    position: str | None = None
    unit_id: int | None = None
    agency: str | None = None  # an agency not in the units list (a university, a firm)
    kind: str = PersonKind.EXPERT.value
    phone: str | None = None
    email: str | None = None


def participant_rows(
    w: WorkingSession, convocations: Sequence[IssuedDocument] = ()
) -> list[ParticipantRow]:
    """The session's people in its order; ``convocations``: those in force, which say who
    among them they name."""
    rows = []
    for p in sorted(w.participants, key=lambda p: (PARTICIPANT_ORDER[p.role], p.id)):
        person = p.person
        rows.append(
            ParticipantRow(
                id=p.id,
                person_id=p.person_id,
                name=p.name_snapshot or (person.full_name if person else ""),
                position=p.position_snapshot or (person.position or "" if person else ""),
                agency=p.unit_snapshot or (person.unit.name if person and person.unit else ""),
                role=p.role.value,
                role_label=role_label(p),
                kind="expert" if p.role == ParticipantRole.EXPERT else "member",
                days=tuple(d.day for d in p.days),
                days_present=p.days_present,
                attendance=p.attendance.value,
                attendance_label=label(p.attendance),
                absence_reason=p.absence_reason or "",
                convened=bool(printing(convocations, p.created_at)),
            )
        )
    return rows


def _label() -> str:
    return tr("Thành phần")


def clean_new_expert(x: NewExpert | Mapping[str, Any], line: int) -> tuple[dict[str, Any], str]:
    """The person's cleaned details and the agency text of one expert added on the spot."""
    data = x if isinstance(x, Mapping) else x.__dict__
    kind = data.get("kind") or PersonKind.EXPERT.value
    try:
        clean = clean_person(
            {
                "full_name": data.get("full_name"),
                "position": data.get("position"),
                "unit_id": data.get("unit_id"),
                "phone": data.get("phone"),
                "email": data.get("email"),
                "kind": kind,
            }
        )
        if clean.get("full_name") is None:
            clean_person({"full_name": None})
        refuse_title_in_name(clean["full_name"], tr("Họ và tên"))  # any kind: an expert here
        agency = v.text(data.get("agency"), "agency", tr("Cơ quan, đơn vị"), max_len=200) or ""
    except ValidationError as exc:
        raise ValidationError(
            "participants",
            tr("Chuyên gia mới {n}: {message}").format(n=line, message=exc.message),
            label=_label(),
        ) from None
    if clean["kind"] not in EXPERT_KINDS:
        raise ValidationError(
            "participants",
            tr("Chuyên gia mới {n}: chỉ thêm chuyên gia, nhà khoa học hoặc khách mời.").format(
                n=line
            ),
            label=_label(),
        )
    return clean, agency


def _snapshot(p: Person, role: ParticipantRole) -> SessionParticipant:
    return SessionParticipant(
        person_id=p.id,
        role=role,
        name_snapshot=p.full_name,
        position_snapshot=p.position,
        unit_snapshot=p.unit.name if p.unit else None,
        attendance=AttendanceStatus.UNKNOWN,
    )


def _agency_unit(s: Session, agency: str) -> Unit:
    """The unit an agency typed for a new expert names (its name or short name, ignoring case
    and diacritics: "Trường Đại học Vinh"), else a new unit of the kind its name suggests, as a
    roster import adds one. Kept only on this session's copy, the agency was lost to every
    later session the expert was picked for."""
    serialize(s, "rule:unit-name")  # two officers typing the same new agency: one unit
    found = find_unit(s, agency)
    if found is not None:
        return found
    unit = Unit(name=agency, kind=guess_unit_kind(agency))
    s.add(unit)
    s.flush()
    return unit


def position_and_agency(position: str | None, unit: str | None) -> str:
    """``position, agency`` as a picker shows someone; the agency once, when the position
    names it already (the demo's "Giảng viên cao cấp, Trường Đại học Vinh" read "…, Trường
    Đại học Vinh" twice)."""
    position, unit = position or "", unit or ""
    if unit and fold(unit) in fold(position):
        unit = ""
    return ", ".join(x for x in (position, unit) if x)


def _check_namesakes(s: Session, names: Sequence[str]) -> None:
    """Raise :class:`NamesakeWarning` when a name typed is that of someone on record."""
    wanted = {fold(n): i for i, n in enumerate(names, 1)}
    rows = s.execute(
        select(Person.id, Person.full_name, Person.position, Unit.name).outerjoin(
            Unit, Unit.id == Person.unit_id
        )
    )
    found = [
        Namesake(wanted[fold(name)], pid, name, position_and_agency(position, unit))
        for pid, name, position, unit in rows
        if fold(name) in wanted
    ]
    if not found:
        return
    found.sort(key=lambda n: (n.line, n.person_id))
    shown = "; ".join(f"{n.name} ({n.detail})" if n.detail else n.name for n in found)
    raise NamesakeWarning(
        tr(
            "Đã có người trùng tên trong dữ liệu: {people}. Nếu là cùng một người, hãy chọn "
            "người đó thay vì nhập lại (nhập lại sẽ tạo thêm một người, bị tính hai lần)."
        ).format(people=shown),
        tuple(found),
    )


def add_participants(
    db: Database,
    session_id: int,
    *,
    person_ids: Sequence[int] = (),
    new_experts: Sequence[NewExpert | Mapping[str, Any]] = (),
    expected_version: int | None,
    confirm_namesake: bool = False,
    confirm_after_convocation: bool = False,
) -> int:
    """Add people (members of the working group on the first day, experts, anyone on record)
    and experts typed in; someone already taking part is left as they are. Returns how many
    were added.

    An expert typed in whose name is that of someone on record (the same letters, ignoring
    case and diacritics) raises :class:`.errors.NamesakeWarning`, nothing written, unless
    ``confirm_namesake``: usually the committee member or the expert already on the lists,
    who would otherwise become a second person, counted twice. The agency typed becomes the
    person's unit (:func:`_agency_unit`), so that their later sessions print it too.

    With the convocation issued, anyone added is someone it does not name: asked first
    (:class:`.errors.IssuedConvocationWarning`) and, confirmed with
    ``confirm_after_convocation``, it is superseded in the same transaction, so the corrected
    one lists and counts them (:mod:`.issued_changes`)."""
    cleaned = [clean_new_expert(x, i) for i, x in enumerate(new_experts, 1)]
    ids = [v.positive_int(pid, "participants", _label(), minimum=1) for pid in person_ids]
    with db.session() as s:
        w = load_for_change(s, session_id, expected_version)
        have = {p.person_id for p in w.participants}
        roles = group_members_on(s, w.starts_on)
        # The people named, with their units, in one query (not two per person).
        wanted = {pid for pid in ids if pid is not None and pid not in have}
        found = (
            {
                p.id: p
                for p in s.scalars(
                    select(Person).where(Person.id.in_(wanted)).options(joinedload(Person.unit))
                )
            }
            if wanted
            else {}
        )
        added: list[str] = []
        for pid in ids:
            assert pid is not None
            if pid in have:
                continue
            person = found.get(pid)
            if person is None:
                raise ValidationError(
                    "participants", tr("Không có ID người {id}.").format(id=pid), label=_label()
                )
            w.participants.append(_snapshot(person, participant_role(roles.get(pid))))
            have.add(pid)
            added.append(person.full_name)
        if cleaned and not confirm_namesake:
            _check_namesakes(s, [clean["full_name"] for clean, _agency in cleaned])
        for clean, agency in cleaned:
            if clean.get("unit_id") is not None and s.get(Unit, clean["unit_id"]) is None:
                raise ValidationError(
                    "participants", tr("Không có cơ quan, đơn vị này."), label=_label()
                )
            if clean.get("unit_id") is None and agency:
                clean["unit_id"] = _agency_unit(s, agency).id
            person = add_person(s, clean)
            w.participants.append(_snapshot(person, ParticipantRole.EXPERT))
            added.append(person.full_name)
        if added:
            supersede_after_change(
                in_force(s, "session", w.id, (CONVOCATION,)),
                tr("người được triệu tập (thêm {names})").format(names=", ".join(added)),
                confirmed=confirm_after_convocation,
            )
        touch(w)
        flush(s, what())
        return len(added)


def remove_participants(
    db: Database,
    session_id: int,
    participant_ids: Iterable[int],
    *,
    expected_version: int | None,
    confirm_after_convocation: bool = False,
) -> int:
    """Take people off the session (their attendance goes with them); returns how many.

    With the convocation issued, its annex lists them: the removal is asked first and,
    confirmed, supersedes it (:mod:`.issued_changes`), so the report's "N người được triệu
    tập" and a corrected convocation agree. Someone convened who did not come is better
    recorded as absent with the reason, which keeps the issued convocation right. Someone
    added after it was issued is not on it: taking them off asks nothing and it stays in
    force."""
    wanted = set(participant_ids)
    with db.session() as s:
        w = load_for_change(s, session_id, expected_version)
        strangers = sorted(wanted - {p.id for p in w.participants})
        if strangers:
            # A mistyped id (the command line) must not pass for a removal done.
            raise ValidationError(
                "participants",
                tr("Mã tham gia {ids} không có trong phiên làm việc này.").format(
                    ids=", ".join(map(str, strangers))
                ),
                label=_label(),
            )
        gone = [p for p in w.participants if p.id in wanted]
        issued = in_force(s, "session", w.id, (CONVOCATION,))
        named = [p for p in gone if printing(issued, p.created_at)]
        if named:
            supersede_after_change(
                # The convocations in force that name one of them; any other stays in force.
                [d for d in issued if any(printing([d], p.created_at) for p in named)],
                tr("người được triệu tập (bỏ {names})").format(
                    names=", ".join(p.name_snapshot or str(p.person_id) for p in named)
                ),
                confirmed=confirm_after_convocation,
                advice=tr(
                    "Người đã được triệu tập nhưng không tham gia thì nên ghi vắng (có lý do) "
                    "trong điểm danh thay vì bỏ khỏi phiên."
                ),
            )
        for p in gone:
            w.participants.remove(p)
        touch(w)
        flush(s, what())
        return len(gone)
