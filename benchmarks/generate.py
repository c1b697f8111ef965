"""Ten years of a steering committee's data, for the benchmarks.

Deterministic (``random.Random(seed)`` and a fixed calendar ending on :data:`END`, so the same
scale gives the same database whatever the day), written through the real ORM models in one
transaction with bulk inserts, and accepted by ``bdcq check``. Names, units, agendas and wording
come from the demo's lists (:mod:`bdcq_desktop.core.demo`).

The database is cached under ``benchmarks/.cache`` keyed on the schema revision, the generator's
version and the scale, so only the first run of a new schema pays for it.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import time
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from bdcq_desktop.core.db import open_database
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
from bdcq_desktop.core.demo.data_people import (
    EXPERTS,
    FAMILY_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    GROUP,
    MEMBERS,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
)
from bdcq_desktop.core.demo.data_units import (
    COMMITTEE_NAME,
    LEVEL_SHORT,
    LOCALITIES,
    PARENT_BODY,
    PROVINCE,
    PROVINCE_DOMAIN,
    STANDING_ADDRESS,
    UNITS,
)
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import (
    AgendaItem,
    AttendanceStatus,
    ChangeAction,
    ChangeLog,
    CommitteeMembership,
    CommitteeRole,
    Conclusion,
    Frequency,
    GroupMembership,
    GroupRole,
    Honorific,
    Invitee,
    InviteeCategory,
    IssuedDocument,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    Organisation,
    OutputStatus,
    ParticipantRole,
    Person,
    PersonKind,
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
    UnitKind,
    WorkingSession,
)

GENERATOR_VERSION = 4  # bump when the data changes, so cached databases are rebuilt
CACHE = Path(__file__).resolve().parent / ".cache"
END = date(2026, 6, 30)  # the last day of the ten years (fixed: the data must not move)
START = date(END.year - 10, END.month, END.day) + timedelta(days=1)
STAMP = datetime(END.year, END.month, END.day, 17, 0)
TERMS = 4  # the committee is reorganised (kiện toàn) every two and a half years

# Communes and wards of the province, to reach 80 units beyond the departments and districts.
COMMUNES = [
    "phường Hưng Dũng", "phường Hưng Bình", "xã Hưng Lộc", "xã Nghi Phú", "xã Nghi Kim",
    "xã Nghi Đức", "xã Hưng Hòa", "xã Nghi Ân", "xã Nghi Liên", "xã Diễn Kỷ",
    "xã Diễn Thành", "xã Quỳnh Lập", "xã Quỳnh Dị", "xã Nam Giang", "xã Nam Cát",
    "xã Kim Liên", "xã Xuân Lâm", "xã Tràng Sơn", "xã Bồi Sơn", "xã Nghĩa Thuận",
    "xã Châu Hạnh", "xã Tân Phú", "thị trấn Mường Xén", "xã Yên Hợp", "xã Thanh Ngọc",
    "xã Hạnh Lâm", "xã Đô Thành", "xã Lạc Sơn", "xã Phúc Thành", "xã Tây Hiếu",
]  # fmt: skip
STAFF_POSITIONS = [
    "Phó Giám đốc",
    "Chánh Văn phòng",
    "Trưởng phòng Kế hoạch - Tài chính",
    "Phó Trưởng phòng Tổng hợp",
    "Chuyên viên Phòng Công nghệ thông tin",
    "Chuyên viên chính Văn phòng",
    "Trưởng phòng Hành chính - Tổng hợp",
    "Phó Chủ tịch UBND",
]
# A monthly regime beside the demo's, as provinces ask of their units.
MONTHLY = [
    (
        "Báo cáo tình hình tiếp nhận, giải quyết hồ sơ trực tuyến hằng tháng",
        "monthly",
        "Số hồ sơ tiếp nhận, giải quyết trực tuyến trong tháng; hồ sơ quá hạn, nguyên nhân.",
        ("dvc", "loc"),
    )
]


@dataclass(frozen=True)
class Scale:
    units: int = 80
    people: int = 600
    meetings: int = 300
    agenda: int = 30
    invitees: int = 60
    sessions: int = 150
    submissions: int = 25_000
    tasks: int = 6_000

    @property
    def key(self) -> str:
        return "-".join(str(v) for v in asdict(self).values())


FULL = Scale()
QUICK = Scale(
    units=40, people=200, meetings=12, agenda=8, invitees=30, sessions=6, submissions=600, tasks=120
)


def cached_database(scale: Scale, *, seed: int = 2016) -> tuple[Path, float | None]:
    """The path of the cached database for ``scale``, built if missing; and the seconds the
    build took (``None`` when it came from the cache)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"tenyear-{HEAD}-g{GENERATOR_VERSION}-s{seed}-{scale.key}.sqlite3"
    if path.exists():
        return path, None
    for stale in CACHE.glob(f"tenyear-*-{scale.key}.sqlite3*"):
        stale.unlink()
    tmp = path.with_suffix(".tmp")
    for leftover in CACHE.glob(tmp.name + "*"):
        leftover.unlink()
    start = time.perf_counter()
    generate(tmp, scale, seed=seed)
    elapsed = time.perf_counter() - start
    shutil.move(tmp, path)
    return path, elapsed


def generate(path: Path, scale: Scale = FULL, *, seed: int = 2016) -> dict[str, int]:
    """Create ``path`` (a new SQLite file) holding ten years of data; returns the row counts."""
    db = open_database(path)
    try:
        tables = _Tables(scale, random.Random(seed)).build()
        with db.session() as s:
            s.info["audit_disabled"] = True
            # Units and their heads point at each other: checked once, at commit.
            s.execute(text("PRAGMA defer_foreign_keys=ON"))
            for model, rows in tables.items():
                if rows:
                    s.execute(insert(model), rows)
            org = s.get(Organisation, 1) or Organisation(id=1)
            org.parent_body, org.committee_name = PARENT_BODY, COMMITTEE_NAME
            org.abbreviation, org.place_name = "BCĐ", PROVINCE
            org.standing_agency_id = 2  # Sở Thông tin và Truyền thông, see _Tables.units
            org.address, org.email = STANDING_ADDRESS, f"bcdcqdt@{PROVINCE_DOMAIN}"
            org.default_signer_id = 1
            org.created_at = org.updated_at = STAMP
            s.add(org)
            counts = {m.__tablename__: len(r) for m, r in tables.items()}
            s.add(
                ChangeLog(
                    at=STAMP,
                    user="benchmarks",
                    table_name="benchmarks",
                    action=ChangeAction.INSERT,
                    changes=json.dumps(counts),
                )
            )
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return counts


def _sample_pdf() -> bytes:
    """One real official document, as the register stores it."""
    from bdcq_desktop.documents.fonts import register_fonts
    from bdcq_desktop.documents.layout import render
    from bdcq_desktop.documents.sample import sample_invitation

    register_fonts(prefer_system=False)
    return render(sample_invitation())


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


class _Tables:
    """Rows as dicts per model, ids assigned here so every reference is known up front."""

    def __init__(self, scale: Scale, rng: random.Random) -> None:
        self.n, self.rng = scale, rng
        self.t: dict[type, list[dict[str, Any]]] = {
            m: []
            for m in (
                Unit, Person, CommitteeMembership, GroupMembership, Meeting, AgendaItem,
                Invitee, Minutes, Conclusion, Task, WorkingSession, SessionParticipant,
                SessionOutput, ReportingRegime, ReportingRound, Submission, IssuedDocument,
            )
        }  # fmt: skip
        self.names: set[str] = set()

    def add(self, model: type, **values: Any) -> int:
        rows = self.t[model]
        row_id = len(rows) + 1
        values.setdefault("version", 1)
        values.setdefault("created_at", STAMP)
        values.setdefault("updated_at", STAMP)
        rows.append({"id": row_id, **values})
        return row_id

    def build(self) -> dict[type, list[dict[str, Any]]]:
        self.units()
        self.people()
        self.committee()
        self.meetings()
        self.sessions()
        self.reporting()
        self.register()
        return self.t

    # ----------------------------------------------------------------------- units and people
    def units(self) -> None:
        specs: list[tuple[str, str, UnitKind, str]] = [
            ("UBND tỉnh Nghệ An", "UBND tỉnh", UnitKind.SECTOR, "Chủ tịch UBND tỉnh")
        ]
        stttt = next(u for u in UNITS if u[0] == "stttt")
        specs.append((stttt[1], stttt[2], stttt[3], stttt[4]))  # id 2: the standing agency
        specs += [(n, sh, kind, hp) for k, n, sh, kind, hp, _, _ in UNITS if k != "stttt"]
        for level, name in LOCALITIES:
            specs.append(
                (
                    f"UBND {level} {name}",
                    f"{LEVEL_SHORT[level]} {name}",
                    UnitKind.LOCALITY,
                    f"Chủ tịch UBND {level} {name}",
                )
            )
        for commune in COMMUNES:
            specs.append(
                (f"UBND {commune}", commune, UnitKind.LOCALITY, f"Chủ tịch UBND {commune}")
            )
        self.unit_specs = specs[: self.n.units]
        for i, (name, short, kind, _) in enumerate(self.unit_specs, start=1):
            self.add(Unit, name=name, short_name=short, kind=kind, sort_order=i, active=True)

    def name(self) -> tuple[str, Honorific]:
        female = self.rng.random() < 0.3
        for _ in range(50):
            family = self.rng.choices([f for f, _ in FAMILY_NAMES], [w for _, w in FAMILY_NAMES])[0]
            middle = self.rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
            given = self.rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            full = unicodedata.normalize("NFC", f"{family} {middle} {given}")
            if full not in self.names:
                break
        self.names.add(full)
        return full, Honorific.BA if female else Honorific.ONG

    def person(self, position: str, unit_id: int | None, kind: PersonKind, **extra: Any) -> int:
        full, honorific = self.name()
        r = self.rng.randint
        return self.add(
            Person,
            full_name=full,
            honorific=honorific,
            position=position,
            unit_id=unit_id,
            phone=f"09{r(10, 99)} {r(100, 999)} {r(100, 999)}",
            kind=kind,
            **extra,
        )

    def people(self) -> None:
        n_units = len(self.unit_specs)
        self.seats = n_units // 2  # committee seats per term
        self.heads = [
            self.person(spec[3], i, PersonKind.OFFICIAL)
            for i, spec in enumerate(self.unit_specs, 1)
        ]
        for unit, head in zip(self.t[Unit], self.heads, strict=True):
            unit["head_id"] = head
        # The heads of the first units in earlier terms, since moved on.
        self.former = [
            self.person(
                self.unit_specs[k][3],
                k + 1,
                PersonKind.OFFICIAL,
                notes="Đã chuyển công tác khác.",
            )
            for _ in range(TERMS - 1)
            for k in range(self.seats)
        ]
        n_experts = max(6, self.n.people // 15)
        self.experts = []
        for i in range(n_experts):
            kind, _, position = EXPERTS[i % len(EXPERTS)]
            self.experts.append(
                self.person(position, None, PersonKind(kind), notes="Chuyên gia được huy động.")
            )
        self.staff = []
        while len(self.t[Person]) < self.n.people:
            unit = self.rng.randint(1, n_units)
            position = f"{self.rng.choice(STAFF_POSITIONS)}, {self.unit_specs[unit - 1][1]}"
            self.staff.append(self.person(position, unit, PersonKind.OFFICIAL))

    # ----------------------------------------------------------------------- memberships
    def committee(self) -> None:
        span = (END - START).days
        self.term_starts = [
            _weekday(START + timedelta(days=span * t // TERMS)) for t in range(TERMS)
        ]
        self.term_seats: list[list[tuple[int, int, str]]] = []  # (person, unit, position)
        group_size = min(len(GROUP) + 5, len(self.staff) // (TERMS + 1))
        for t, on in enumerate(self.term_starts):
            last = t == TERMS - 1
            end = None if last else self.term_starts[t + 1]
            decision = f"{on.timetuple().tm_yday * 12}/QĐ-UBND"
            seats = []
            for k in range(self.seats):
                if k == self.seats - 1:  # the secretary: an officer of the standing agency
                    person, role, field = self.staff[t], CommitteeRole.SECRETARY, "Thư ký"
                else:
                    person = self.heads[k] if last else self.former[t * self.seats + k]
                    role = (
                        CommitteeRole.HEAD
                        if k == 0
                        else CommitteeRole.DEPUTY_HEAD
                        if k in (1, 2)
                        else CommitteeRole.STANDING_MEMBER
                        if k == 3
                        else CommitteeRole.MEMBER
                    )
                    field = MEMBERS[k % len(MEMBERS)][1]
                position = self.t[Person][person - 1]["position"]
                seats.append((person, k + 1, position))
                self.add(
                    CommitteeMembership,
                    person_id=person,
                    role=role,
                    field=field,
                    area=MEMBERS[k % len(MEMBERS)][2],
                    decision_number=decision,
                    decision_date=on,
                    start_date=on,
                    end_date=end,
                    end_decision_number=None if last else f"{end.timetuple().tm_yday * 12}/QĐ-UBND",
                    end_decision_date=end,
                    position_at_start=position,
                    sort_order=k + 1,
                )
            self.term_seats.append(seats)
            for g in range(group_size):
                person = self.staff[TERMS + t * group_size + g]
                self.add(
                    GroupMembership,
                    person_id=person,
                    role=GroupRole.LEADER if g == 0 else GroupRole.MEMBER,
                    field=GROUP[g % len(GROUP)][2],
                    decision_number=f"{t + 1:02d}/QĐ-BCĐ",
                    decision_date=on,
                    start_date=on,
                    end_date=end,
                    position_at_start=self.t[Person][person - 1]["position"],
                    sort_order=g + 1,
                )
        self.group_people = [r["person_id"] for r in self.t[GroupMembership]]

    def term_of(self, d: date) -> int:
        return max(t for t, on in enumerate(self.term_starts) if on <= d)

    # ----------------------------------------------------------------------- meetings
    def meetings(self) -> None:
        n = self.n
        span = (END - START).days - 7
        conclusions_left = n.tasks
        per_meeting_tasks = n.tasks / max(1, n.meetings - n.meetings // 25)
        for i in range(n.meetings):
            day = _weekday(START + timedelta(days=span * i // n.meetings))
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
                opening_text=f"Thời gian: {starts:%H} giờ {starts:%M} ngày {_dmy(day)}.",
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
            day = _weekday(START + timedelta(days=span * i // self.n.sessions))
            session = self.add(
                WorkingSession,
                purpose=purpose,
                title=f"{title.format(y0=day.year - 1, y1=day.year)} (đợt {i + 1})",
                convened_by_id=self.group_people[0],
                starts_on=day,
                ends_on=day + timedelta(days=rng.randint(2, 10)),
                place=PLACE_STANDING,
                result_summary="Hoàn thành dự thảo, gửi lấy ý kiến các sở, ngành.",
            )
            people = rng.sample(self.group_people, min(6, len(self.group_people)))
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
                    title=out_title.format(y0=day.year - 1, y1=day.year),
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
            before, after = _weekday(day - timedelta(days=9)), _weekday(day + timedelta(days=3))
            title = m["title"]
            issues += [
                (before, "convocation", "GTT", "meeting", m["id"], f"Triệu tập {title}"),
                (before, "invitation", "GM", "meeting", m["id"], f"Mời dự {title}"),
                (after, "conclusions", "TB", "meeting", m["id"], f"Kết luận tại {title}"),
            ]
        for w in self.t[WorkingSession]:
            before = _weekday(w["starts_on"] - timedelta(days=5))
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
