"""``bdcq check``: storage integrity plus the logical rules of the domain.

Idempotent and read-only: a second run finds exactly what the first found.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, func, select

from .check_register import (
    issued_file_problems,
    register_dates,
    register_fingerprints,
    register_series,
)
from .check_storage import Problem, storage_problems, unreadable
from .days_off import not_entered_note, years_not_entered_now
from .db import Database
from .i18n import tr
from .issued_files import orphan_files, orphan_messages
from .labels import label
from .meeting_rules import OPEN_STATUSES, roles_problem
from .membership_rules import current_on, rank
from .models import (
    CommitteeMembership,
    CommitteeRole,
    GroupMembership,
    GroupRole,
    Invitee,
    Meeting,
    MeetingStatus,
    Minutes,
    ParticipantRole,
    Person,
    ReportingRegime,
    ReportingRound,
    SessionParticipant,
    Task,
    TaskStatus,
    WorkingSession,
)
from .still_invited import problems as still_invited
from .succession import NO_SUCCESSOR
from .task_latest import out_of_order
from .task_transfer import unanswered_work
from .text import short_date
from .working_group import convener_problem, participant_role


def _logic(db: Database, today: date) -> list[Problem]:
    # Set-based queries on the tables themselves (Core, not the ORM): no object is loaded and
    # the mappers need not be configured, which would cost more than the queries.
    cm = CommitteeMembership.__table__.c
    meeting, minutes, invitee = Meeting.__table__.c, Minutes.__table__.c, Invitee.__table__.c
    task = Task.__table__.c
    p: list[Problem] = []
    with db.engine.connect() as s:
        heads = s.scalar(
            select(func.count()).where(cm.role == CommitteeRole.HEAD, current_on(cm, today))
        )
        if heads and heads > 1:
            p.append(Problem("heads", tr("Có {n} Trưởng ban đương nhiệm.").format(n=heads)))
        person = Person.__table__
        bodies = (
            (CommitteeMembership.__table__, tr("Ban Chỉ đạo")),
            (GroupMembership.__table__, tr("Tổ công tác")),
        )
        for table, body in bodies:
            model = table.c
            dupes = s.execute(
                select(model.person_id, person.c.full_name, func.count())
                .join_from(table, person, model.person_id == person.c.id)
                .where(current_on(model, today))
                .group_by(model.person_id, person.c.full_name)
                .having(func.count() > 1)
            ).all()
            for person_id, name, n in dupes:
                # Named as the officer knows them; the record says which row to look at.
                p.append(
                    Problem(
                        "duplicate_membership",
                        tr("{name} có {n} vai trò đương nhiệm cùng lúc trong {body}.").format(
                            name=name, n=n, body=body
                        ),
                        f"person#{person_id}",
                    )
                )
        for meeting_id in s.scalars(
            select(meeting.id).where(
                meeting.status.in_([MeetingStatus.PLANNED, MeetingStatus.CONVENED]),
                meeting.starts_at < datetime.combine(today, time.min) - timedelta(days=1),
            )
        ):
            p.append(
                Problem(
                    "meeting_past_planned",
                    tr("Cuộc họp đã qua nhưng vẫn ở trạng thái dự kiến/triệu tập."),
                    f"meeting#{meeting_id}",
                )
            )
        # Held, yet starting after today: its date was moved after it took place. The checks
        # know only the day, so a meeting later today is left to the save's own rule.
        for meeting_id, starts_at in s.execute(
            select(meeting.id, meeting.starts_at).where(
                meeting.status.in_([MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL]),
                meeting.starts_at >= datetime.combine(today + timedelta(days=1), time.min),
            )
        ):
            p.append(
                Problem(
                    "meeting_held_future",
                    tr("Cuộc họp ghi là đã họp nhưng thời gian bắt đầu ({start}) chưa đến.").format(
                        start=f"{starts_at:%H:%M %d/%m/%Y}"
                    ),
                    f"meeting#{meeting_id}",
                )
            )
        final_no_hash = s.scalars(
            select(minutes.meeting_id).where(
                minutes.is_final.is_(True), minutes.pdf_sha256.is_(None)
            )
        ).all()
        p += [
            Problem(
                "minutes_unsigned",
                tr("Biên bản đã hoàn thành nhưng chưa có bản PDF phát hành."),
                f"meeting#{mid}",
            )
            for mid in final_no_hash
        ]
        held_no_attendance = s.scalars(
            select(meeting.id).where(
                meeting.status.in_([MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL]),
                ~select(invitee.id).where(invitee.meeting_id == meeting.id).exists(),
            )
        ).all()
        p += [
            Problem(
                "no_attendance",
                tr("Cuộc họp đã diễn ra nhưng không có danh sách dự họp."),
                f"meeting#{mid}",
            )
            for mid in held_no_attendance
        ]
        done_no_date = s.scalars(
            select(task.id).where(task.status == TaskStatus.DONE, task.completed_on.is_(None))
        ).all()
        p += [
            Problem(
                "task_done_no_date",
                tr("Nhiệm vụ hoàn thành nhưng thiếu ngày hoàn thành."),
                f"task#{tid}",
            )
            for tid in done_no_date
        ]
        p += _unanswered(s, today)
        p += _task_order(s)
        p += register_series(s)
        p += _duplicate_rounds(s)
        p += register_dates(s, today)
        p += register_fingerprints(s)
    return p


def _unanswered(s: Connection, today: date) -> list[Problem]:
    """Open work of a unit dissolved with no successor: nobody answers for it until the
    officer hands it over (``bdcq tasks transfer``; reports are asked again of whoever took
    over)."""
    return [
        Problem(
            "unanswered_work",
            tr("{unit}: {note}; còn {tasks} nhiệm vụ đang mở, {reports} báo cáo chưa nhận.").format(
                unit=u.unit, note=tr(NO_SUCCESSOR), tasks=u.open_tasks, reports=u.pending_reports
            ),
            f"unit#{u.unit_id}",
        )
        for u in unanswered_work(s, today)
    ]


def _task_order(s: Connection) -> list[Problem]:
    """Tasks with an act dated before one recorded ahead of it (:mod:`.task_latest`)."""
    return [
        Problem(
            "task_act_order",
            tr(
                "Nhiệm vụ {id}: {later} ngày {later_day} được ghi sau {earlier} ngày "
                "{earlier_day} nhưng ghi ngày sớm hơn; diễn biến của nhiệm vụ đọc sai từ đó."
            ).format(
                id=o.task_id,
                later=tr(o.later.words),
                later_day=short_date(o.later.day),
                earlier=tr(o.earlier.words),
                earlier_day=short_date(o.earlier.day),
            ),
            f"task#{o.task_id}",
        )
        for o in out_of_order(s)
    ]


def _duplicate_rounds(s: Connection) -> list[Problem]:
    """Two rounds of one regime for the same period (same first day): opening a round refuses
    that now, but two officers opening it at once before that was serialised could both pass.
    One problem per period, naming every round of it (the record: the later one)."""
    rounds, regimes = ReportingRound.__table__, ReportingRegime.__table__
    rnd, regime = rounds.c, regimes.c
    dupes = s.execute(
        select(rnd.regime_id, rnd.period_start)
        .where(rnd.regime_id.is_not(None), rnd.period_start.is_not(None))
        .group_by(rnd.regime_id, rnd.period_start)
        .having(func.count() > 1)
        .order_by(rnd.regime_id, rnd.period_start)
    ).all()
    p: list[Problem] = []
    for regime_id, start in dupes:
        rows = s.execute(
            select(rnd.id, rnd.period_label, regime.name)
            .join_from(rounds, regimes, regime.id == rnd.regime_id)
            .where(rnd.regime_id == regime_id, rnd.period_start == start)
            .order_by(rnd.id)
        ).all()
        p.append(
            Problem(
                "round_duplicate",
                tr(
                    "Chế độ báo cáo “{regime}” có {n} đợt cùng kỳ {period} (từ ngày {day}): "
                    "các đợt mã {ids}. Các đơn vị bị đôn đốc và thống kê trùng; cần giữ lại "
                    "một đợt."
                ).format(
                    regime=rows[0].name,
                    n=len(rows),
                    period=rows[0].period_label,
                    day=short_date(start),
                    ids=", ".join(str(r.id) for r in rows),
                ),
                f"reporting_round#{rows[-1].id}",
            )
        )
    return p


def _meeting_roles(db: Database) -> list[Problem]:
    """Open meetings whose chair, caller or proposer no longer holds the role the meeting needs
    on its day (a roster change saved after them): one problem per meeting, with who and why,
    read by the rules the meeting's save applies (:func:`.meeting_rules.roles_problem`)."""
    p: list[Problem] = []
    with db.session() as s:
        for m in s.scalars(
            select(Meeting).where(Meeting.status.in_(OPEN_STATUSES)).order_by(Meeting.starts_at)
        ):
            why = roles_problem(s, m)
            if why is not None:
                p.append(
                    Problem(
                        "meeting_roles",
                        tr("Cuộc họp “{title}” ({start}): {why}").format(
                            title=m.title, start=f"{m.starts_at:%H:%M %d/%m/%Y}", why=why
                        ),
                        f"meeting#{m.id}",
                    )
                )
    return p


def _session_roles(db: Database) -> list[Problem]:
    """Session participants whose recorded role (Tổ trưởng, Tổ phó, Thành viên) is not the one
    they held on the working group on the session's first day, the role the session fills in
    and its documents print: a Tổ phó still listed as a member (recorded before the role
    existed, where the upgrade could not tell), a roster change saved after the session. One
    problem per session, naming each participant, their recorded role and the day's."""
    sp_t, ws_t = SessionParticipant.__table__, WorkingSession.__table__
    gm_t, person_t = GroupMembership.__table__, Person.__table__
    sp, ws, gm = sp_t.c, ws_t.c, gm_t.c
    name = func.coalesce(sp.name_snapshot, person_t.c.full_name)
    group = [ParticipantRole.LEADER, ParticipantRole.DEPUTY_LEADER, ParticipantRole.MEMBER]
    held: dict[int, GroupRole] = {}  # participant → highest role held that day
    seen: dict[int, tuple[int, str, date, str, ParticipantRole]] = {}
    with db.engine.connect() as conn:
        for sid, title, day, pid, who, recorded, role in conn.execute(
            select(ws.id, ws.title, ws.starts_on, sp.id, name, sp.role, gm.role)
            .select_from(sp_t)
            .join(ws_t, ws.id == sp.session_id)
            .join(person_t, person_t.c.id == sp.person_id)
            .join(gm_t, (gm.person_id == sp.person_id) & current_on(gm, ws.starts_on))
            .where(sp.role.in_(group))
            .order_by(ws.starts_on, ws.id, sp.id)
        ):
            role = GroupRole(role)
            if pid not in held or rank("group", role) < rank("group", held[pid]):
                held[pid] = role
            seen[pid] = (sid, title, day, who or "", ParticipantRole(recorded))
    wrong: dict[int, list[str]] = {}
    about: dict[int, tuple[str, date]] = {}
    for pid, (sid, title, day, who, recorded) in seen.items():
        if participant_role(held[pid]) != recorded:
            about[sid] = (title, day)
            wrong.setdefault(sid, []).append(
                tr("{name} ghi là {recorded}, ngày đó là {held} Tổ công tác").format(
                    name=who, recorded=label(recorded), held=label(held[pid])
                )
            )
    return [
        Problem(
            "session_roles",
            tr("Phiên làm việc “{title}” ({day}): {who}.").format(
                title=about[sid][0], day=short_date(about[sid][1]), who="; ".join(names)
            ),
            f"session#{sid}",
        )
        for sid, names in wrong.items()
    ]


def _session_conveners(db: Database, today: date) -> list[Problem]:
    """Sessions not over whose convener is not the one rule 8 names on their first day (the
    Tổ trưởng; a Tổ phó when there is none): the convocation would be signed under a title the
    signer does not hold. Over sessions are history, as held meetings are."""
    p: list[Problem] = []
    with db.session() as s:
        for w in s.scalars(
            select(WorkingSession)
            .where(WorkingSession.ends_on >= today)
            .order_by(WorkingSession.starts_on, WorkingSession.id)
        ):
            why = convener_problem(s, w)
            if why is not None:
                p.append(
                    Problem(
                        "session_convener",
                        tr("Phiên làm việc “{title}” ({day}): {why}").format(
                            title=w.title, day=short_date(w.starts_on), why=why
                        ),
                        f"session#{w.id}",
                    )
                )
    return p


def run_checks(db: Database, today: date | None = None) -> list[Problem]:
    day = today or date.today()
    storage = storage_problems(db)
    if unreadable(storage):  # a damaged file: its rows are not worth checking, it is restored
        return storage
    return (
        storage
        + _logic(db, day)
        + _meeting_roles(db)
        + [Problem("meeting_invitees", text, ref) for ref, text in still_invited(db, day)]
        + _session_roles(db)
        + _session_conveners(db, day)
        + [
            Problem(
                "days_off_not_entered", not_entered_note((y,), command=True), f"days_off#{y}"
            )
            for y in years_not_entered_now(db, day)
        ]
        + issued_file_problems(db)
        # Files the register does not know (a restore of an older backup): numbers at risk.
        + [Problem("issued_file_orphan", m, ref) for m, ref in orphan_messages(orphan_files(db))]
    )
