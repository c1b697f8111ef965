"""The committee's rules for meetings (Quy chế hoạt động, rules 3–6), shared by the meeting,
agenda and invitee services.

- Who may chair: a Head or Deputy Head on the roster of the meeting's day, or someone they
  delegated (``chair_delegated_by_id`` names who delegated). A briefing (buổi làm việc) is the
  Head or a Deputy working with members or the working group: no delegate.
- Extraordinary meetings (họp bất thường) are called by the Head or a Deputy Head
  (``called_by_id``) or proposed by the Standing Member (``proposed_by_id``); one is required.
- Expanded meetings (họp mở rộng) are called by the Head (filled in when left out).
- The end comes after the start; a meeting whose start has passed cannot be merely planned,
  and a meeting already held cannot start later than now.
- Regular meetings (họp định kỳ) are due six months after the last regular meeting held.

Also the small helpers every meeting service uses inside its one transaction: loading a meeting
for a change, the version check, bumping the parent's version when its children change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from . import validation as v
from .db import Database
from .enums import DEPUTY_HEADS
from .errors import BcdError, NotFoundError, ValidationError
from .i18n import tr
from .labels import label
from .locking import check_version, flush, lock_row
from .membership_rules import current_on
from .models import (
    CommitteeMembership,
    CommitteeRole,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Person,
    Unit,
    utcnow,
)

REGULAR_INTERVAL_MONTHS = 6
CHAIR_ROLES = frozenset({CommitteeRole.HEAD, *DEPUTY_HEADS})
# An invitee who presents an agenda item carries this role (the documents print it).
PRESENTER_ROLE = "Báo cáo viên"
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL)
OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.CONVENED)


def not_held_yet(status: str, starts_at: datetime, now: datetime | None = None) -> bool:
    """A meeting planned or convened whose start has not come: no minutes for it yet (the
    minutes' save refuses them; the Biên bản section takes no typing)."""
    return status in OPEN_STATUSES and (now or datetime.now()) < starts_at

MEETING_LABELS = {
    "kind": "Loại cuộc họp",
    "title": "Tên cuộc họp",
    "starts_at": "Thời gian bắt đầu",
    "ends_at": "Thời gian kết thúc",
    "place": "Địa điểm",
    "chair_id": "Chủ trì",
    "chair_delegated_by_id": "Người ủy quyền chủ trì",
    "secretary_id": "Thư ký",
    # Copied when the person is named on the meeting (core.meeting_people): the history says so.
    "chair_position_snapshot": "Chức vụ người chủ trì",
    "chair_unit_snapshot": "Cơ quan người chủ trì",
    "secretary_position_snapshot": "Chức vụ thư ký",
    "secretary_unit_snapshot": "Cơ quan thư ký",
    "called_by_id": "Người triệu tập",
    "proposed_by_id": "Người đề nghị",
    "notes": "Ghi chú",
    "cancel_reason": "Lý do hủy",
    "status": "Trạng thái",
    "agenda": "Chương trình",
    "invitees": "Thành phần mời",
}
PERSON_FIELDS = (
    "chair_id",
    "chair_delegated_by_id",
    "secretary_id",
    "called_by_id",
    "proposed_by_id",
)
MEETING_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "notes", *PERSON_FIELDS)


def label_of(field: str) -> str:
    return tr(MEETING_LABELS.get(field, field))


def fail(field: str, template: str, **values: object) -> ValidationError:
    """A refusal naming ``field``; ``{label}`` in the template is the field's label."""
    return ValidationError(
        field, tr(template).format(label=label_of(field), **values), label=label_of(field)
    )


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, kept within the month: 31/8 + 6 months is 28/2 (29/2)."""
    return day + relativedelta(months=months)


# --- field validation -------------------------------------------------------------------------


def clean_meeting(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate the fields of a meeting (all of them, or with ``partial`` those given).

    The status is not a field: it moves only with what happens to the meeting (documents
    issued, the meeting held, minutes final, a cancellation).
    """
    for key in data:
        if key == "status":
            raise fail("status", 'Không nhập "{label}" trực tiếp: trạng thái đi theo sự kiện.')
        if key not in MEETING_FIELDS:
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    out: dict[str, Any] = {}

    def want(key: str) -> bool:
        return not partial or key in data

    if want("kind"):
        out["kind"] = v.choice(data.get("kind"), MeetingKind, "kind", label_of("kind"))
    if want("title"):
        out["title"] = v.text(
            data.get("title"), "title", label_of("title"), required=True, max_len=300
        )
    if want("starts_at"):
        out["starts_at"] = v.datetime_value(
            data.get("starts_at"), "starts_at", label_of("starts_at"), required=True
        )
    if want("ends_at"):
        out["ends_at"] = v.datetime_value(data.get("ends_at"), "ends_at", label_of("ends_at"))
    if want("place"):
        out["place"] = v.text(data.get("place"), "place", label_of("place"), max_len=300)
    if want("notes"):
        out["notes"] = v.text(
            data.get("notes"), "notes", label_of("notes"), max_len=4000, multiline=True
        )
    for key in PERSON_FIELDS:
        if want(key):
            out[key] = v.positive_int(data.get(key), key, label_of(key), minimum=1)
    return out


def clean_reason(reason: object) -> str:
    text = v.text(reason, "cancel_reason", label_of("cancel_reason"), required=True, max_len=500)
    assert text is not None
    return text


# --- the roster and the rules ---------------------------------------------------------------


def roles_on(s: Session, day: date) -> dict[int, CommitteeRole]:
    """Committee role of each person on the roster of ``day`` (the highest, should there be
    two)."""
    rows = s.execute(
        select(CommitteeMembership.person_id, CommitteeMembership.role).where(
            current_on(CommitteeMembership, day),
        )
    ).all()
    rank = {role: i for i, role in enumerate(CommitteeRole)}
    out: dict[int, CommitteeRole] = {}
    for person_id, role in rows:
        if person_id not in out or rank[role] < rank[out[person_id]]:
            out[person_id] = role
    return out


def current_head(s: Session, day: date) -> int | None:
    return next((p for p, r in roles_on(s, day).items() if r == CommitteeRole.HEAD), None)


def check_rules(s: Session, values: dict[str, Any], *, now: datetime) -> None:
    """The committee's rules on a meeting's complete values (``values`` may be completed:
    an expanded meeting without ``called_by_id`` is called by the Head). Raises on the first
    broken rule, naming its field."""
    starts, ends = values["starts_at"], values.get("ends_at")
    if ends is not None and ends <= starts:
        raise fail(
            "ends_at",
            '"{label}" ({end}) phải sau thời gian bắt đầu ({start}).',
            end=f"{ends:%H:%M %d/%m/%Y}",
            start=f"{starts:%H:%M %d/%m/%Y}",
        )
    if values.get("status", MeetingStatus.PLANNED) == MeetingStatus.PLANNED and starts < now:
        raise fail(
            "starts_at",
            '"{label}" ({start}) đã qua: không thể lên kế hoạch cho một cuộc họp trong quá khứ.',
            start=f"{starts:%H:%M %d/%m/%Y}",
        )
    if values.get("status") in HELD_STATUSES and starts > now:
        # A meeting recorded as held cannot start later than now: its attendance, conclusions
        # and tasks would then date from before it, and a regular one would push the next
        # six-monthly due date out of reach.
        raise fail(
            "starts_at",
            '"{label}" ({start}) chưa đến: cuộc họp đã họp không thể bắt đầu sau thời điểm '
            "hiện tại ({now}).",
            start=f"{starts:%H:%M %d/%m/%Y}",
            now=f"{now:%H:%M %d/%m/%Y}",
        )
    check_roles(s, values)


def check_roles(s: Session, values: dict[str, Any]) -> None:
    """Who chairs, calls and proposes, against the roster of the meeting's day (the part of
    :func:`check_rules` a roster change can break after the meeting was saved)."""
    starts = values["starts_at"]
    for key in PERSON_FIELDS:
        if values.get(key) is not None and s.get(Person, values[key]) is None:
            raise fail(key, '"{label}": không có ID người {id}.', id=values[key])
    roles = roles_on(s, starts.date())
    kind = values["kind"]
    day = f"{starts:%d/%m/%Y}"

    def is_chair_role(person_id: int | None) -> bool:
        return person_id is not None and roles.get(person_id) in CHAIR_ROLES

    chair, delegated_by = values.get("chair_id"), values.get("chair_delegated_by_id")
    if chair is None:
        raise fail("chair_id", '"{label}" không được để trống.')
    if is_chair_role(chair):
        if delegated_by is not None:
            raise fail(
                "chair_delegated_by_id",
                '"{label}" chỉ ghi khi người chủ trì không phải Trưởng ban, Phó Trưởng ban.',
            )
    elif kind == MeetingKind.BRIEFING:
        raise fail(
            "chair_id",
            '"{label}": buổi làm việc do Trưởng ban hoặc Phó Trưởng ban (tại ngày {day}) chủ trì.',
            day=day,
        )
    elif delegated_by is None:
        raise fail(
            "chair_delegated_by_id",
            '"{label}": người chủ trì không phải Trưởng ban, Phó Trưởng ban (tại ngày {day}); '
            "hãy ghi người đã ủy quyền.",
            day=day,
        )
    elif not is_chair_role(delegated_by):
        raise fail(
            "chair_delegated_by_id",
            '"{label}" phải là Trưởng ban hoặc Phó Trưởng ban (tại ngày {day}).',
            day=day,
        )
    called, proposed = values.get("called_by_id"), values.get("proposed_by_id")
    if proposed is not None:
        if kind != MeetingKind.EXTRAORDINARY:
            raise fail("proposed_by_id", '"{label}" chỉ ghi cho cuộc họp bất thường.')
        if roles.get(proposed) != CommitteeRole.STANDING_MEMBER:
            raise fail(
                "proposed_by_id",
                '"{label}" phải là Thành viên Thường trực (tại ngày {day}).',
                day=day,
            )
    if kind == MeetingKind.EXPANDED:
        head = current_head(s, starts.date())
        if called is None:
            values["called_by_id"] = called = head
        if called is None or called != head:
            raise fail(
                "called_by_id",
                '"{label}": cuộc họp mở rộng do Trưởng ban (tại ngày {day}) triệu tập.',
                day=day,
            )
    elif called is not None and not is_chair_role(called):
        raise fail(
            "called_by_id",
            '"{label}" phải là Trưởng ban hoặc Phó Trưởng ban (tại ngày {day}).',
            day=day,
        )
    if kind == MeetingKind.EXTRAORDINARY and called is None and proposed is None:
        raise fail(
            "called_by_id",
            '"{label}": cuộc họp bất thường phải ghi Trưởng ban hoặc Phó Trưởng ban triệu tập, '
            "hoặc Thành viên Thường trực đề nghị.",
        )


def roles_problem(s: Session, m: Meeting) -> str | None:
    """Why an open (planned or convened) meeting's chair, caller or proposer no longer holds the
    role it needs on the meeting's day, as the roster now stands (a reorganisation saved after
    the meeting); None when the meeting still passes. Its next save would be refused with the
    same words, so the pane and ``bdcq check`` say it first."""
    if m.status not in OPEN_STATUSES:
        return None
    values: dict[str, Any] = {
        "kind": m.kind,
        "starts_at": m.starts_at,
        **{key: getattr(m, key) for key in PERSON_FIELDS},
    }
    try:
        check_roles(s, values)
    except ValidationError as exc:
        # A missing delegator is about the chair: name the chair then.
        who = values.get(exc.field) or (
            values["chair_id"] if exc.field == "chair_delegated_by_id" else None
        )
        person = s.get(Person, who) if who is not None else None
        prefix = tr("Danh sách Ban Chỉ đạo ngày {day} đã thay đổi").format(
            day=f"{m.starts_at:%d/%m/%Y}"
        )
        name = f" ({person.full_name})" if person is not None else ""
        return f"{prefix}{name}: {exc.message}"
    return None


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    role: str
    role_label: str
    unit_short: str = ""  # their unit's short name: a picker finds them by "VNPT", "Sở KHCN"


@dataclass(frozen=True)
class Eligible:
    """Whom a form offers on a meeting's day: ``chairs`` may chair a meeting and call it (the
    Head first, then the Deputy Heads), ``proposers`` may propose an extraordinary meeting;
    ``members``: how many are on the committee that day (none on a new file: the form says
    what to add first)."""

    chairs: tuple[Candidate, ...]
    proposers: tuple[Candidate, ...]
    members: int = 0


def eligible_people(db: Database, day: date) -> Eligible:
    with db.session() as s:
        roles = roles_on(s, day)
        found = s.execute(
            select(Person.id, Person.full_name, Unit.short_name)
            .outerjoin(Unit, Unit.id == Person.unit_id)
            .where(Person.id.in_(roles))
        ).all()
    names = {pid: name for pid, name, _short in found}
    shorts = {pid: short or "" for pid, _name, short in found}
    rank = {role: i for i, role in enumerate(CommitteeRole)}
    people = sorted(roles.items(), key=lambda pr: (rank[pr[1]], names.get(pr[0], "")))

    def pick(wanted: frozenset[CommitteeRole]) -> tuple[Candidate, ...]:
        return tuple(
            Candidate(pid, names.get(pid, ""), role.value, label(role), shorts.get(pid, ""))
            for pid, role in people
            if role in wanted
        )

    return Eligible(
        pick(CHAIR_ROLES), pick(frozenset({CommitteeRole.STANDING_MEMBER})), len(roles)
    )


# --- one transaction's helpers --------------------------------------------------------------


def not_found(meeting_id: int) -> NotFoundError:
    return NotFoundError(tr("Không tìm thấy cuộc họp có mã {id}.").format(id=meeting_id))


def meeting_key(meeting_id: object) -> int:
    return v.record_id(meeting_id, "meeting_id", tr("Mã cuộc họp"))


def what() -> str:
    return tr("Cuộc họp")


def load_meeting(s: Session, meeting_id: int, *options: Any) -> Meeting:
    """The meeting with its agenda and its invitees (their people, units) loaded, plus any
    further loader ``options``; a missing one is refused."""
    meeting_id = meeting_key(meeting_id)
    m = s.get(
        Meeting,
        meeting_id,
        options=[
            selectinload(Meeting.agenda),
            selectinload(Meeting.invitees).options(
                joinedload(Invitee.person).joinedload(Person.unit), joinedload(Invitee.unit)
            ),
            *options,
        ],
    )
    if m is None:
        raise not_found(meeting_id)
    return m


def load_for_change(
    s: Session, meeting_id: int, expected_version: int | None, *, open_only: bool = False
) -> Meeting:
    """The meeting to change, checked against the version the caller read. Cancelled meetings
    and meetings whose minutes are final are closed to changes (``open_only``: and held ones)."""
    m = s.get(Meeting, meeting_key(meeting_id))
    if m is None:
        raise not_found(meeting_id)
    check_version(m, expected_version, what())
    closed = {MeetingStatus.CANCELLED, MeetingStatus.MINUTES_FINAL}
    if open_only:
        closed.add(MeetingStatus.HELD)
    if m.status in closed:
        raise BcdError(
            tr("Cuộc họp đang ở trạng thái “{status}”: không sửa được nữa.").format(
                status=label(m.status)
            )
        )
    return m


def load_for_new_child(s: Session, meeting_id: int, expected_version: int | None) -> Meeting:
    """The meeting a new child is added to (a conclusion, a walk-in), closed as
    :func:`load_for_change` says. ``expected_version`` (the meeting's version read) is no
    guard: a new child rewrites nothing that was read, and every check-in at the door bumps
    the meeting, so the secretary's next add would be refused for nothing. What the add
    depends on is checked on the meeting as it is now (cancelled, minutes final, its day, an
    issued notice), after the row is locked (:func:`.locking.lock_row`): two adds at the same
    moment take turns, each reading what the other wrote (the next position, a name already
    on the list), and neither bump of the version fails."""
    v.positive_int(expected_version, "expected_version", tr("Phiên bản cuộc họp"))
    key = meeting_key(meeting_id)
    lock_row(s, Meeting, key)
    return load_for_change(s, key, None)


def lock_meeting(s: Session, meeting_id: int | None) -> None:
    """Hold the meeting's row (:func:`.locking.lock_row`) before a change guarded by a child's
    own version (a conclusion, a walk-in): the meeting's version bumped at the end then
    cannot fail because a check-in was saved meanwhile."""
    if meeting_id is not None:
        lock_row(s, Meeting, meeting_id)


def touch(s: Session, m: Meeting) -> int:
    """Bump the meeting's version for a change of its children (agenda, invitees), so that two
    officers editing one meeting conflict once; returns the new version."""
    m.updated_at = utcnow()
    flush(s, what())
    return m.version
