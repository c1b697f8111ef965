"""The ten years' meetings, working-group sessions, reports and register, on the roster of
:mod:`.decade_roster`: every row of the benchmarks' database."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from typing import Any

from bdcq_desktop.core.demo.data_activity import REGIMES, SESSIONS, SUMMARIES
from bdcq_desktop.core.demo.data_conclusions import CONCLUSION_POOL
from bdcq_desktop.core.demo.data_meetings import (
    ABSENCE_REASONS,
    DISCUSSION_POINTS,
    FACTS,
    PLACE_HALL,
    PLACE_MAIN,
    PLACE_STANDING,
    REGULAR_AGENDA,
)
from bdcq_desktop.core.models import (
    AgendaItem,
    AttendanceStatus,
    ChangeAction,
    ChangeLog,
    CommitteeMembership,
    Conclusion,
    Frequency,
    GroupMembership,
    Invitee,
    InviteeCategory,
    IssuedDocument,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    OutputStatus,
    ParticipantRole,
    Person,
    ReportingRegime,
    ReportingRound,
    SessionOutput,
    SessionParticipant,
    SessionPurpose,
    Submission,
    Task,
    TaskSource,
    TaskStatus,
    Unit,
    WorkingSession,
)

from .decade_basis import END, MONTHLY, START, dmy, weekday
from .decade_roster import Roster

# The records whose creation the decade's change log holds (some 60,000 at the full scale).
LOGGED = (
    Unit, Person, CommitteeMembership, GroupMembership, Meeting, AgendaItem, Invitee,
    Conclusion, Task, WorkingSession, SessionParticipant, ReportingRound, Submission,
)  # fmt: skip


def _sample_pdf() -> bytes:
    """One real official document, as the register stores it."""
    from bdcq_desktop.documents.fonts import register_fonts
    from bdcq_desktop.documents.layout import render
    from bdcq_desktop.documents.sample import sample_invitation

    register_fonts(prefer_system=False)
    return render(sample_invitation())


class Tables(Roster):
    """Every row, as dicts per model: :meth:`build` makes them in order."""

    def build(self) -> dict[type, list[dict[str, Any]]]:
        self.units()
        self.people()
        self.committee()
        self.meetings()
        self.sessions()
        self.reporting()
        self.register()
        self.change_log()
        return self.t

    def change_log(self) -> None:
        """What the audit logs as records are made (the generator writes past it): each
        record's creation with its values, spread over the ten years in the order made."""
        entries: list[dict[str, Any]] = []
        start = datetime.combine(START, datetime.min.time()).replace(hour=8)
        for model in LOGGED:
            rows = self.t[model]
            for k, row in enumerate(rows):
                values = {
                    key: value
                    for key, value in row.items()
                    if key not in ("id", "version", "created_at", "updated_at", "content")
                }
                entries.append(
                    {
                        "at": start + (END - START) * (k / len(rows)),
                        "user": "Văn phòng Ban Chỉ đạo",
                        "table_name": model.__tablename__,
                        "record_id": row["id"],
                        "action": ChangeAction.INSERT,
                        "changes": json.dumps(values, ensure_ascii=False, default=str),
                    }
                )
        entries.sort(key=lambda e: e["at"])
        self.t[ChangeLog] = [{"id": i, **e} for i, e in enumerate(entries, 1)]

    def meetings(self) -> None:
        n = self.n
        span = (END - START).days - 7
        conclusions_left = n.tasks
        per_meeting_tasks = n.tasks / max(1, n.meetings - n.meetings // 25)
        for i in range(n.meetings):
            day = weekday(START + timedelta(days=span * i // n.meetings))
            regular = i % 15 == 0
            kind = (
                MeetingKind.REGULAR
                if regular
                else [MeetingKind.BRIEFING, MeetingKind.EXTRAORDINARY, MeetingKind.EXPANDED][i % 3]
            )
            cancelled = i % 25 == 7
            seats = self.term_seats[self.term_of(day)]
            chair = seats[0][0] if regular else seats[1 + i % 2][0]
            starts = datetime(day.year, day.month, day.day, 8 if i % 2 else 14, 0)
            title = (
                f"Họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh năm {day.year}"
                if regular
                else f"Họp nghe báo cáo {DISCUSSION_POINTS[i % len(DISCUSSION_POINTS)]} "
                f"(lần {i + 1})"
            )
            meeting = self.add(
                Meeting,
                kind=kind,
                title=title,
                called_by_id=chair,
                chair_id=chair,
                secretary_id=seats[-1][0],
                starts_at=starts,
                ends_at=starts + timedelta(hours=3, minutes=30),
                place=[PLACE_MAIN, PLACE_HALL, PLACE_STANDING][i % 3],
                status=MeetingStatus.CANCELLED if cancelled else MeetingStatus.HELD,
            )
            self.invitees(meeting, seats, held=not cancelled)
            self.agenda(meeting, day, held=not cancelled)
            if cancelled:
                continue
            self.add(
                Minutes,
                meeting_id=meeting,
                opened_at=starts,
                closed_at=starts + timedelta(hours=3, minutes=20),
                opening_text=f"Thời gian: {starts:%H} giờ {starts:%M} ngày {dmy(day)}.",
                closing_text="Cuộc họp kết thúc cùng ngày; biên bản được thông qua tại cuộc họp.",
                is_final=False,
            )
            want = round(per_meeting_tasks * (i + 1)) - (n.tasks - conclusions_left)
            want = min(want, conclusions_left)
            conclusions_left -= self.conclusions(meeting, day, chair, want)
        # Whatever rounding left over goes to the last meeting's conclusions.
        if conclusions_left and self.t[Conclusion]:
            last = self.t[Conclusion][-1]
            self.tasks(last["id"], self.last_day, self.last_chair, conclusions_left, start=100)

    def invitees(self, meeting: int, seats: list[tuple[int, int, str]], *, held: bool) -> None:
        rng = self.rng
        people = self.t[Person]
        chosen: list[tuple[int | None, int | None, InviteeCategory]] = [
            (p, u, InviteeCategory.MEMBER) for p, u, _ in seats
        ]
        others = list(range(self.seats + 1, len(self.unit_specs) + 1))
        rng.shuffle(others)
        for unit in others:
            if len(chosen) >= self.n.invitees - 4:
                break
            chosen.append((self.heads[unit - 1], unit, InviteeCategory.AGENCY_HEAD))
        while len(chosen) < self.n.invitees - 2:
            chosen.append((rng.choice(self.experts), None, InviteeCategory.EXPERT))
        while len(chosen) < self.n.invitees:
            chosen.append((None, None, InviteeCategory.GUEST))
        for pos, (person, unit, category) in enumerate(chosen[: self.n.invitees], start=1):
            p = people[person - 1] if person else None
            name = p["full_name"] if p else self.name()[0]
            attendance, reason, substitute = AttendanceStatus.UNKNOWN, None, None
            if held:
                r = rng.random()
                if r < 0.85 or p is None:
                    attendance = AttendanceStatus.PRESENT
                elif r < 0.95:
                    attendance = AttendanceStatus.ABSENT
                    reason = rng.choice(ABSENCE_REASONS)
                else:
                    attendance = AttendanceStatus.SUBSTITUTE
                    substitute = self.name()[0]
            self.add(
                Invitee,
                meeting_id=meeting,
                position=pos,
                person_id=person,
                unit_id=unit,
                guest_name=None if p else name,
                category=category,
                name_snapshot=name,
                position_snapshot=p["position"] if p else "Chuyên gia tư vấn độc lập",
                unit_snapshot=self.unit_specs[unit - 1][0] if unit else None,
                attendance=attendance,
                absence_reason=reason,
                substitute_name=substitute,
                substitute_position="Phó Giám đốc" if substitute else None,
            )

    def agenda(self, meeting: int, day: date, *, held: bool) -> None:
        rng = self.rng
        for pos in range(1, self.n.agenda + 1):
            template = REGULAR_AGENDA[(pos - 1) % len(REGULAR_AGENDA)][0]
            unit = rng.randint(1, len(self.unit_specs))
            title = template.format(period=f"năm {day.year}", next=f"năm {day.year + 1}")
            if pos > len(REGULAR_AGENDA):
                title = (
                    f"Báo cáo của {self.unit_specs[unit - 1][0]} về {DISCUSSION_POINTS[pos % 6]}"
                )
            minutes_text = None
            if held:
                fact = rng.choice(FACTS).format(
                    p1=rng.randint(40, 95),
                    p2=rng.randint(40, 95),
                    p3=rng.randint(60, 99),
                    n1=rng.randint(5, 60),
                    n2=rng.randint(100, 9000),
                )
                point = rng.choice(DISCUSSION_POINTS)
                minutes_text = f"{fact} Các đại biểu thống nhất cần {point}."
            self.add(
                AgendaItem,
                meeting_id=meeting,
                position=pos,
                title=title,
                presenter_unit_id=unit,
                planned_minutes=rng.choice([5, 10, 15, 20]),
                minutes_text=minutes_text,
            )

    def conclusions(self, meeting: int, day: date, chair: int, tasks: int) -> int:
        self.last_day, self.last_chair = day, chair
        count = 4
        done = 0
        for pos in range(1, count + 1):
            text_, _ = CONCLUSION_POOL[(meeting + pos) % len(CONCLUSION_POOL)]
            conclusion = self.add(
                Conclusion, meeting_id=meeting, position=pos, text=text_.format(next_year=day.year)
            )
            share = tasks // count + (1 if pos <= tasks % count else 0)
            done += self.tasks(conclusion, day, chair, share)
        return done

    def tasks(self, conclusion: int, day: date, chair: int, count: int, start: int = 0) -> int:
        rng = self.rng
        pool = CONCLUSION_POOL[conclusion % len(CONCLUSION_POOL)][1] or CONCLUSION_POOL[0][1]
        for j in range(count):
            content = pool[j % len(pool)][0].format(next_year=day.year)  # as the conclusions
            deadline = day + timedelta(days=rng.randint(30, 180))
            status, completed = TaskStatus.IN_PROGRESS, None
            if deadline < END - timedelta(days=60):
                r = rng.random()
                if r < 0.8:
                    status = TaskStatus.DONE
                    completed = deadline - timedelta(days=rng.randint(-20, 25))
                    completed = max(completed, day)
                elif r < 0.85:
                    status = TaskStatus.CANCELLED
            self.add(
                Task,
                content=content,
                source=TaskSource.CONCLUSION,
                conclusion_id=conclusion,
                position=start + j + 1,
                assigned_by_id=chair,
                assigned_on=day,
                assignee_unit_id=rng.randint(2, len(self.unit_specs)),
                focal_unit_id=2,
                deadline=deadline,
                status=status,
                completed_on=completed,
                result_report="Đã hoàn thành, báo cáo bằng văn bản." if completed else None,
            )
        return count

    # ----------------------------------------------------------------------- working group
    def sessions(self) -> None:
        rng = self.rng
        span = (END - START).days - 30
        for i in range(self.n.sessions):
            purpose, title, _, *rest = SESSIONS[i % len(SESSIONS)]
            day = weekday(START + timedelta(days=span * i // self.n.sessions))
            group = self.term_groups[self.term_of(day)]  # convened and staffed by its term's
            session = self.add(
                WorkingSession,
                purpose=purpose,
                title=(
                    f"{title.format(y0=day.year - 1, y1=day.year, plan=day.year + 1)}"
                    f" (đợt {i + 1})"
                ),
                convened_by_id=group[0],
                starts_on=day,
                ends_on=day + timedelta(days=rng.randint(2, 10)),
                place=PLACE_STANDING,
                result_summary="Hoàn thành dự thảo, gửi lấy ý kiến các sở, ngành.",
            )
            people = [group[0], *rng.sample(group[1:], min(5, len(group) - 1))]
            people += rng.sample(self.experts, 2)
            for k, person in enumerate(people):
                p = self.t[Person][person - 1]
                self.add(
                    SessionParticipant,
                    session_id=session,
                    person_id=person,
                    role=ParticipantRole.LEADER if k == 0 else ParticipantRole.MEMBER,
                    name_snapshot=p["full_name"],
                    position_snapshot=p["position"],
                    attendance=AttendanceStatus.PRESENT,
                    days_present=rng.randint(1, 5),
                )
            for kind, out_title, version, status in (rest[0] if rest else [])[:2] or [
                (SessionPurpose.OTHER, "Báo cáo kết quả đợt làm việc", "v1", "submitted")
            ]:
                self.add(
                    SessionOutput,
                    session_id=session,
                    kind=kind,
                    title=out_title.format(y0=day.year - 1, y1=day.year, plan=day.year + 1),
                    version_label=version,
                    status=OutputStatus(status),
                )

    # ----------------------------------------------------------------------- the register
    def register(self) -> None:
        """The documents a decade of these meetings and sessions issued, each with its stored
        copy: a convocation and an invitation a week before every meeting held, the notice of
        its conclusions three days after, a convocation before every working session. The
        copy is one real official PDF (the sample invitation, about 100 KB with its fonts):
        every row of the register holds its PDF, which is what makes scanning it costly."""
        pdf = _sample_pdf()
        digest = hashlib.sha256(pdf).hexdigest()
        issues: list[tuple[date, str, str, str, int, str]] = []
        for m in self.t[Meeting]:
            if m["status"] == MeetingStatus.CANCELLED:
                continue
            day = m["starts_at"].date()
            before, after = weekday(day - timedelta(days=9)), weekday(day + timedelta(days=3))
            title = m["title"]
            issues += [
                (before, "convocation", "GTT", "meeting", m["id"], f"Triệu tập {title}"),
                (before, "invitation", "GM", "meeting", m["id"], f"Mời dự {title}"),
                (after, "conclusions", "TB", "meeting", m["id"], f"Kết luận tại {title}"),
            ]
        for w in self.t[WorkingSession]:
            before = weekday(w["starts_on"] - timedelta(days=5))
            issues.append(
                (before, "wg-convocation", "GTT", "session", w["id"], f"Triệu tập {w['title']}")
            )
        issues.sort(key=lambda issue: issue[0])
        numbers: dict[tuple[int, str], int] = {}
        for day, kind, abbr, record_type, record_id, summary in issues:
            number = numbers[(day.year, abbr)] = numbers.get((day.year, abbr), 0) + 1
            at = datetime(day.year, day.month, day.day, 9, 0)
            self.add(
                IssuedDocument,
                type_abbr=abbr,
                kind=kind,
                year=day.year,
                number=number,
                symbol=f"{number:02d}/{abbr}-BCĐ",
                issued_on=day,
                summary=summary[:500],
                record_type=record_type,
                record_id=record_id,
                signer=None,
                file_path=f"{day.year}-{number:02d}-{abbr}.pdf",
                sha256=digest,
                issued_by="benchmarks",
                content=pdf,
                created_at=at,
                updated_at=at,
            )

    # ----------------------------------------------------------------------- reporting
    def reporting(self) -> None:
        rng = self.rng
        # Ad hoc requests (a conclusion's tasks) come about monthly over ten years.
        frequencies = {"six_monthly": 6, "quarterly": 3, "monthly": 1, "ad_hoc": 1}
        schedule: list[tuple[date, int, str]] = []
        for r, (name, frequency, content, _) in enumerate(REGIMES + MONTHLY, start=1):
            self.add(
                ReportingRegime,
                name=name,
                content=content,
                frequency=Frequency(frequency),
                due_day=20,
                receiving_body="Ban Chỉ đạo",
                active=True,
            )
            months = frequencies[frequency]
            month = 0
            while True:
                month += months
                y, m = START.year + (START.month - 1 + month) // 12, (START.month - 1 + month) % 12
                due = date(y, m + 1, 20)
                if due > END:
                    break
                schedule.append((due, r, f"Tháng {m + 1}/{y}"))
        schedule.sort()
        left, units = self.n.submissions, len(self.unit_specs)
        # Spread the submissions evenly over the rounds the regimes give.
        for k, (due, regime, period) in enumerate(schedule):
            if left <= 0:
                break
            asked = min(units, -(-left // (len(schedule) - k)), left)
            name = (REGIMES + MONTHLY)[regime - 1][0]
            round_id = self.add(
                ReportingRound,
                regime_id=regime,
                title=f"{name} ({period.lower()})",
                period_label=period,
                due_date=due,
                requested_on=due - timedelta(days=30),
            )
            for unit in rng.sample(range(1, units + 1), asked):
                r = rng.random()
                received = None
                if r < 0.8:
                    received = due - timedelta(days=rng.randint(0, 10))
                elif r < 0.92:
                    received = due + timedelta(days=rng.randint(1, 30))
                self.add(
                    Submission,
                    round_id=round_id,
                    unit_id=unit,
                    received_on=received,
                    document_number=f"{rng.randint(10, 999)}/BC-UBND" if received else None,
                    summary=rng.choice(SUMMARIES).format(
                        p=rng.randint(50, 99), q=rng.randint(40, 99), n=rng.randint(100, 9000)
                    )
                    if received
                    else None,
                )
            left -= asked
