"""Working-group sessions (phiên làm việc tập trung của Tổ công tác), headless.

The working group's leader convenes the group, with experts mobilised for it, to work together
at the standing agency for a set period, drafting the proposals, projects, regulations and
legal documents the committee needs (Quy chế hoạt động, rule 8). Each user action is one call,
validated before one transaction opens; a session's version guards its participants and its
outputs. What is handed back is frozen data, never an ORM object.

- list: :func:`.session_list.list_sessions` (filters year, purpose, status, what it serves;
  search) → :class:`.session_list.SessionRow`; one session: :func:`.session_detail.get_session`.
- new / edit: :func:`create_session`, :func:`update_session`; the rules are checked first
  (:func:`clean_session`): the convener is the Tổ trưởng on the first day (rule 8: the leader
  convenes; the default), or a Tổ phó when the group has no Tổ trưởng that day; the last day
  is not before the first, the place defaults to the standing agency's address from the
  settings, and attendance already recorded stays inside the dates.
- participants and attendance per day: :mod:`.session_people`; the drafts and their files:
  :mod:`.session_outputs`; figures per session and per year: :mod:`.session_summary`.
- status is never typed: planned → convened (its wg-convocation issued) → in progress (from
  the first day) → finished (after the last).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import validation as v
from .days_off import WEEKDAY_NAMES, work_calendar
from .db import Database
from .errors import NotFoundError, SessionOnDaysOffWarning, ValidationError
from .i18n import tr
from .issued_changes import (
    changed_words,
    in_force,
    refuse_before_issue,
    supersede_after_change,
)
from .locking import check_version, flush
from .meeting_people import copy_person
from .membership_rules import current_on, rank
from .models import (
    Conclusion,
    GroupMembership,
    GroupRole,
    IssuedDocument,
    ParticipantRole,
    Person,
    SessionAttendanceDay,
    SessionParticipant,
    SessionPurpose,
    Task,
    WorkingSession,
)
from .standing_agency import agency_and_address

SESSION_LABELS = {
    "purpose": "Loại nhiệm vụ",
    "title": "Nội dung",
    "starts_on": "Từ ngày",
    "ends_on": "Đến ngày",
    "place": "Địa điểm",
    "convened_by_id": "Người triệu tập",
    # Copied when the convener is named (core.meeting_people): the history says so.
    "convener_position_snapshot": "Chức vụ người triệu tập",
    "convener_unit_snapshot": "Cơ quan người triệu tập",
    "notes": "Ghi chú",
    "result_summary": "Kết quả, kiến nghị",
    "serves": "Phục vụ",
    "status": "Trạng thái",
    "year": "Năm",
}
SESSION_FIELDS = (
    "purpose",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "convened_by_id",
    "notes",
    "result_summary",
    "serves",
)
# Computed, never stored: what a session is as of today.
PLANNED, CONVENED, IN_PROGRESS, FINISHED = "planned", "convened", "in_progress", "finished"
STATUS_LABELS = {
    PLANNED: "Dự kiến",
    CONVENED: "Đã triệu tập",
    IN_PROGRESS: "Đang làm việc",
    FINISHED: "Đã kết thúc",
}
MAX_DAYS = 60  # a "set period" of concentrated work; longer is a slip of the keyboard


def label_of(field: str) -> str:
    return tr(SESSION_LABELS.get(field, field))


def status_choices() -> list[tuple[str, str]]:
    return [(code, tr(text)) for code, text in STATUS_LABELS.items()]


def session_status(starts_on: date, ends_on: date, convened: bool, today: date) -> str:
    if today > ends_on:
        return FINISHED
    if today >= starts_on:
        return IN_PROGRESS
    return CONVENED if convened else PLANNED


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(max((end - start).days + 1, 0))]


# -- rules --------------------------------------------------------------------------------------


def group_leader_on(s: Session, day: date) -> Person | None:
    """The Tổ trưởng on ``day`` (the default convener)."""
    m = s.scalars(
        select(GroupMembership)
        .where(current_on(GroupMembership, day), GroupMembership.role == GroupRole.LEADER)
        .order_by(GroupMembership.start_date.desc(), GroupMembership.id)
    ).first()
    return m.person if m is not None else None


def group_members_on(s: Session, day: date) -> dict[int, GroupRole]:
    """Person id → role of everyone on the working group on ``day``; someone on two
    memberships that day (a data slip ``bdcq check`` reports) takes the higher role."""
    rows = s.execute(
        select(GroupMembership.person_id, GroupMembership.role).where(
            current_on(GroupMembership, day)
        )
    )
    out: dict[int, GroupRole] = {}
    for pid, role in rows:
        if pid not in out or rank("group", role) < rank("group", out[pid]):
            out[pid] = role
    return out


# The role a member of the group takes in a session: the one held on its first day.
_PARTICIPANT_ROLE = {
    GroupRole.LEADER: ParticipantRole.LEADER,
    GroupRole.DEPUTY_LEADER: ParticipantRole.DEPUTY_LEADER,
    GroupRole.MEMBER: ParticipantRole.MEMBER,
}
# How a session lists its people: the Tổ trưởng, the Tổ phó, the members, then the others.
PARTICIPANT_ORDER = {role: i for i, role in enumerate(ParticipantRole)}


def group_spans(db: Database) -> tuple[tuple[date, date | None], ...]:
    """Every working-group membership as its (start, end) days: whether the group has anyone
    on a day, for the documents that name it (a committee starts without one)."""
    with db.session() as s:
        rows = s.execute(select(GroupMembership.start_date, GroupMembership.end_date)).all()
    return tuple((start, end) for start, end in rows)


def participant_role(group_role: GroupRole | None) -> ParticipantRole:
    """A session participant's role from their working-group role on its first day (none: off
    the group that day, taking part as an expert or an invited official)."""
    return ParticipantRole.EXPERT if group_role is None else _PARTICIPANT_ROLE[group_role]


def default_place(s: Session, day: date | None = None) -> str | None:
    """The standing agency and its address: of ``day`` (a session's first day; None: today),
    as :func:`.standing_agency.agency_and_address` reads them from the settings."""
    text = ", ".join(x for x in agency_and_address(s, day or date.today()) if x)
    return text or None


def parse_serves(value: object) -> tuple[str, int] | None:
    """``task:12`` / ``conclusion:3`` (what the forms and the CLI pass) → ("task", 12)."""
    if value in (None, ""):
        return None
    if isinstance(value, tuple) and len(value) == 2:
        kind, ident = value
    else:
        kind, _, ident = str(value).partition(":")
    kind = str(kind).strip().lower()
    try:
        number = int(str(ident).strip())
    except ValueError:
        number = 0
    if kind not in ("task", "conclusion") or number <= 0:
        raise ValidationError(
            "serves",
            tr('"{label}" phải có dạng task:MÃ hoặc conclusion:MÃ.').format(
                label=label_of("serves")
            ),
            label=label_of("serves"),
        )
    return kind, number


def clean_session(data: dict[str, Any]) -> dict[str, Any]:
    """The session's fields checked one by one (the rules needing the database come later)."""
    out: dict[str, Any] = {}
    for key in data:
        if key not in SESSION_FIELDS:
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    if "purpose" in data:
        out["purpose"] = v.choice(data["purpose"], SessionPurpose, "purpose", label_of("purpose"))
    if "title" in data:
        out["title"] = v.text(data["title"], "title", label_of("title"), required=True, max_len=300)
    for key in ("starts_on", "ends_on"):
        if key in data:
            day = v.date_value(data[key], key, label_of(key), required=True)
            assert day is not None
            out[key] = v.date_window(
                day, key, label_of(key), latest=date.today() + timedelta(days=2 * 366)
            )
    if "place" in data:
        out["place"] = v.text(data["place"], "place", label_of("place"), max_len=300)
    if "convened_by_id" in data:
        out["convened_by_id"] = v.positive_int(
            data["convened_by_id"], "convened_by_id", label_of("convened_by_id"), minimum=1
        )
    for key in ("notes", "result_summary"):
        if key in data:
            out[key] = v.text(data[key], key, label_of(key), max_len=4000, multiline=True)
    if "serves" in data:
        out["serves"] = parse_serves(data["serves"])
    return out


def _check_convener(s: Session, w: WorkingSession) -> None:
    """Rule 8: the Tổ trưởng of the first day convenes (filled in when left out); on a day the
    group has no Tổ trưởng, a Tổ phó convenes in his place. The convocation is signed by the
    convener (a Tổ phó "KT. TỔ TRƯỞNG / TỔ PHÓ"), so anyone else would make the record and the
    issued paper disagree."""
    field, day = "convened_by_id", f"{w.starts_on:%d/%m/%Y}"

    def refuse(template: str, **values: str) -> ValidationError:
        return ValidationError(
            field,
            tr(template).format(label=label_of(field), day=day, **values),
            label=label_of(field),
        )

    leader = group_leader_on(s, w.starts_on)
    if w.convened_by_id is None:
        if leader is None:
            raise refuse(
                '"{label}": Tổ công tác chưa có Tổ trưởng ngày {day}; hãy chọn Tổ phó triệu tập.'
            )
        w.convened_by_id = leader.id
        return
    if leader is not None and w.convened_by_id == leader.id:
        return
    p = s.get(Person, w.convened_by_id)
    name = p.full_name if p is not None else str(w.convened_by_id)
    if leader is not None:
        raise refuse(
            '"{label}": phiên làm việc do Tổ trưởng Tổ công tác ({leader}, ngày {day}) triệu '
            "tập; {name} không phải Tổ trưởng.",
            leader=leader.full_name,
            name=name,
        )
    if group_members_on(s, w.starts_on).get(w.convened_by_id) != GroupRole.DEPUTY_LEADER:
        raise refuse(
            '"{label}": ngày {day} Tổ công tác chưa có Tổ trưởng, chỉ Tổ phó triệu tập thay; '
            "{name} không phải Tổ phó.",
            name=name,
        )


def convener_problem(s: Session, w: WorkingSession) -> str | None:
    """Why rule 8 refuses the session's recorded convener on its first day (a roster change
    saved after it, a session recorded before the rule was enforced), or None. Nothing is
    written: a session without a convener is left to its next save, which fills it in."""
    if w.convened_by_id is None:
        return None
    try:
        _check_convener(s, w)
    except ValidationError as refused:
        return refused.message
    return None


def _check(s: Session, w: WorkingSession, *, check_convener: bool = True) -> None:
    """The rules that read the database, on the session as it would be saved. The convener is
    checked on a new session and when the convener or the first day changes: a session saved
    before rule 8 was enforced keeps its convener through other edits."""
    v.date_order(
        w.starts_on, w.ends_on, "ends_on", label_of("ends_on"), start_label=label_of("starts_on")
    )
    if (w.ends_on - w.starts_on).days + 1 > MAX_DAYS:
        raise ValidationError(
            "ends_on",
            tr('"{label}": một phiên làm việc dài tối đa {n} ngày.').format(
                label=label_of("ends_on"), n=MAX_DAYS
            ),
            label=label_of("ends_on"),
        )
    if check_convener:
        _check_convener(s, w)
    if not w.place:
        w.place = default_place(s, w.starts_on)
    outside = (
        s.scalars(
            select(SessionAttendanceDay.day)
            .join(SessionParticipant, SessionParticipant.id == SessionAttendanceDay.participant_id)
            .where(
                SessionParticipant.session_id == w.id,
                (SessionAttendanceDay.day < w.starts_on) | (SessionAttendanceDay.day > w.ends_on),
            )
        ).first()
        if w.id is not None
        else None
    )
    if outside is not None:
        field = "starts_on" if outside < w.starts_on else "ends_on"
        raise ValidationError(
            field,
            tr(
                '"{label}": đã điểm danh ngày {day}, nằm ngoài thời gian mới; sửa điểm danh trước.'
            ).format(label=label_of(field), day=f"{outside:%d/%m/%Y}"),
            label=label_of(field),
        )


def _apply_serves(s: Session, w: WorkingSession, serves: tuple[str, int] | None) -> None:
    if serves is None:
        w.task_id = w.conclusion_id = None
        return
    kind, ident = serves
    if kind == "task":
        task = s.get(Task, ident)
        if task is None:
            raise ValidationError(
                "serves",
                tr("Không có nhiệm vụ số {id}.").format(id=ident),
                label=label_of("serves"),
            )
        w.task_id, w.conclusion_id = task.id, task.conclusion_id
    else:
        if s.get(Conclusion, ident) is None:
            raise ValidationError(
                "serves",
                tr("Không có kết luận số {id}.").format(id=ident),
                label=label_of("serves"),
            )
        w.task_id, w.conclusion_id = None, ident


def not_found(session_id: int) -> NotFoundError:
    return NotFoundError(tr("Không tìm thấy phiên làm việc số {id}.").format(id=session_id))


def load_session(s: Session, session_id: int) -> WorkingSession:
    w = s.get(WorkingSession, session_id)
    if w is None:
        raise not_found(session_id)
    return w


def what() -> str:
    return tr("Phiên làm việc")


def load_for_change(s: Session, session_id: int, expected_version: int | None) -> WorkingSession:
    """The session, refused when someone saved it after the caller read it."""
    w = load_session(s, session_id)
    check_version(w, expected_version, what())
    return w


def _ask_days_off(s: Session, w: WorkingSession, confirmed: bool) -> None:
    """Ask (:class:`.errors.SessionOnDaysOffWarning`) when the session's dates hold no working
    day of the calendar (Thiết lập › Ngày nghỉ), as the attendance grid asks of a day off
    ticked: a group may work through a weekend, but a date typed wrong is likelier."""
    if confirmed:
        return
    calendar = work_calendar(s, w.starts_on, w.ends_on)
    days = days_between(w.starts_on, w.ends_on)
    if any(calendar.is_working_day(d) for d in days):
        return
    names = dict(calendar.names)
    listed = ", ".join(
        f"{d:%d/%m/%Y} ({names.get(d) or tr(WEEKDAY_NAMES[d.weekday()])})" for d in days
    )
    raise SessionOnDaysOffWarning(
        # One line: the command line prints it as its refusal.
        tr(
            "Thời gian phiên làm việc không có ngày làm việc nào (theo lịch ngày nghỉ ở Thiết "
            "lập): {days}. Giấy triệu tập sẽ mời vào ngày nghỉ. Vẫn lưu phiên làm việc?"
        ).format(days=listed)
    )


def create_session(db: Database, *, confirm_days_off: bool = False, **data: Any) -> int:
    """A new session; returns its id. ``serves`` is ``task:ID`` or ``conclusion:ID``. Dates
    with no working day are asked about unless ``confirm_days_off``."""
    for key in ("purpose", "title", "starts_on", "ends_on"):
        data.setdefault(key, None)
    clean = clean_session(data)
    serves = clean.pop("serves", None)
    with db.session() as s:
        w = WorkingSession(**clean)
        _check(s, w)  # fills in the convener when left out
        _ask_days_off(s, w, confirm_days_off)
        copy_person(s, w, "convener", w.convened_by_id, w.starts_on)
        _apply_serves(s, w, serves)
        s.add(w)
        s.flush()
        return w.id


# What the convocation prints that tells people when and where to come (:mod:`.issued_changes`).
CONVOCATION = "wg-convocation"
_CALLED_FOR = ("starts_on", "ends_on", "place")


def update_session(
    db: Database,
    session_id: int,
    *,
    expected_version: int | None,
    confirm_after_convocation: bool = False,
    confirm_days_off: bool = False,
    **fields: Any,
) -> int:
    """Change the fields given; returns the new version. An empty place takes the default.

    With the convocation issued, new days or a new place are asked first and, confirmed,
    supersede it in the same transaction; a first day moved before its date is refused
    (:mod:`.issued_changes`). Changed while under way (extended, say), the session gets a
    corrected convocation dated after its first day (:mod:`..documents.issue_dates`). New
    dates with no working day are asked about unless ``confirm_days_off``."""
    clean = clean_session(fields)
    with db.session() as s:
        w = load_for_change(s, session_id, expected_version)
        serves = clean.pop("serves", ...)
        before = (w.convened_by_id, w.starts_on)
        called_for = {key: getattr(w, key) for key in _CALLED_FOR}
        for key, value in clean.items():
            setattr(w, key, value)
        with s.no_autoflush:
            _check(s, w, check_convener=(w.convened_by_id, w.starts_on) != before)
            if (w.starts_on, w.ends_on) != (called_for["starts_on"], called_for["ends_on"]):
                _ask_days_off(s, w, confirm_days_off)
            changed = [key for key, was in called_for.items() if getattr(w, key) != was]
            if changed:
                issued = in_force(s, "session", w.id, (CONVOCATION,))
                # Only a first day moved: one corrected while the session was under way is
                # dated after the first day (documents.issue_dates), and may be changed again.
                if w.starts_on != before[1]:
                    refuse_before_issue(issued, w.starts_on, "starts_on", label_of("starts_on"))
                supersede_after_change(
                    issued,
                    changed_words(changed, tr("làm việc")),
                    confirmed=confirm_after_convocation,
                )
            if w.convened_by_id != before[0]:  # the same convener keeps the copy
                copy_person(s, w, "convener", w.convened_by_id, w.starts_on)
            if serves is not ...:
                _apply_serves(s, w, serves)
        flush(s, what())
        return w.version


def delete_session(db: Database, session_id: int, *, expected_version: int | None) -> None:
    """Delete a session entered by mistake: only one without outputs or issued documents."""
    with db.session() as s:
        w = load_for_change(s, session_id, expected_version)
        issued = s.scalar(
            select(func.count())
            .select_from(IssuedDocument)
            .where(IssuedDocument.record_type == "session", IssuedDocument.record_id == w.id)
        )
        if w.outputs or issued:
            raise ValidationError(
                "id",
                tr("Không xóa được phiên làm việc đã có sản phẩm hoặc văn bản ban hành."),
                label=what(),
            )
        s.delete(w)
        flush(s, what())
