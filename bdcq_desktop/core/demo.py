"""Realistic demo data for Nghệ An (``bdcq demo``): two years of a steering committee's life.

Units are real, people invented. Everything is drawn from ``random.Random(seed)`` and dated
relative to ``today``, so the same seed and day give the same database, and the last meetings are
always recent. The static lists live in :mod:`demo_data`.
"""

from __future__ import annotations

import json
import random
import unicodedata
from calendar import monthrange
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import demo_data as data
from .db import Database
from .errors import BcdError
from .i18n import tr
from .models import (
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
    Submission,
    Task,
    TaskSource,
    TaskStatus,
    Unit,
    UnitKind,
    WorkingSession,
)


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind the demo created."""

    units: int
    people: int
    committee_memberships: int
    group_memberships: int
    meetings: int
    agenda_items: int
    invitees: int
    conclusions: int
    tasks: int
    working_sessions: int
    session_participants: int
    session_outputs: int
    reporting_regimes: int
    reporting_rounds: int
    submissions: int

    def __str__(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


def load_demo(db: Database, *, today: date | None = None, seed: int = 2026) -> DemoSummary:
    """Fill an empty database with demo data, all in one transaction."""
    today = today or date.today()
    with db.session() as s:
        for model in (Person, Unit, Meeting):
            if s.scalar(select(model.id).limit(1)) is not None:
                raise BcdError(
                    tr("Cơ sở dữ liệu đã có dữ liệu; chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.")
                )
        from .audit import current_user

        # Thousands of rows want one summary line in the change log, not one per row: this
        # flag asks the audit hook to skip the per-row entries (where it supports it).
        s.info["audit_disabled"] = True
        summary = _Builder(s, today, random.Random(seed)).build()
        s.add(
            ChangeLog(
                user=current_user(),
                table_name="demo",
                action=ChangeAction.INSERT,
                changes=json.dumps(asdict(summary)),
            )
        )
    return summary


# ----------------------------------------------------------------------------- helpers


def _fold(text: str) -> str:
    """ASCII for e-mail addresses: "Đặng Thị Hòa" → "dangthihoa"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isalnum())


def _weekday_on_or_after(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _weekday_on_or_before(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def _add_weekdays(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _pct(x: float) -> str:
    return f"{min(x, 99.9):.1f}".replace(".", ",")


@dataclass
class _Post:
    """Someone in a position over a period: a unit head, a committee or working-group seat."""

    person: Person
    position: str
    unit_key: str | None
    unit_name: str
    start: date
    end: date | None = None
    role: CommitteeRole | GroupRole | None = None
    membership: CommitteeMembership | GroupMembership | None = None

    def active_on(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d < self.end)

    @property
    def label(self) -> str:
        hon = "Bà" if self.person.honorific == Honorific.BA else "Ông"
        return f"{hon} {self.person.full_name}, {self.position}"


_T = TypeVar("_T")
_ROLE_LABEL = {
    CommitteeRole.HEAD: "Trưởng Ban Chỉ đạo",
    CommitteeRole.DEPUTY_HEAD: "Phó Trưởng Ban Chỉ đạo",
}
_SESSION_EXPERTS = [(0, 3), (1, 5), (0,), (2, 4, 5), (2, 4), (1, 3)]
_ROMAN = ["I", "II", "III", "IV"]
_PROVINCIAL = ("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh")  # nobody sits in for them
_SUBSTITUTABLE = ("Giám đốc", "Chánh", "Chủ tịch", "Cục trưởng", "Chỉ huy", "Hiệu trưởng", "Trưởng")


class _Builder:
    def __init__(self, session: Session, today: date, rng: random.Random) -> None:
        self.s, self.today, self.rng = session, today, rng
        self.rows: list[object] = []
        self.units: dict[str, Unit] = {}
        self.meta: dict[str, tuple[str, str, str | None]] = {}  # head position, symbol, domain
        self.names: set[str] = set()
        self.emails: set[str] = set()
        self.heads: dict[str, list[_Post]] = {}
        self.seats: list[_Post] = []
        self.group: list[_Post] = []
        self.experts: list[Person] = []
        self.final_regulars: list[Meeting] = []
        self.pool: list[int] = []
        self.regimes: list[ReportingRegime] = []
        self.task_no = 0
        self.d0 = _weekday_on_or_before(today - timedelta(days=790))  # establishing decision
        self.regular = self.plan_regular()
        # The reorganisation (kiện toàn) about a year ago, away from any regular meeting.
        d1 = _weekday_on_or_before(today - timedelta(days=365))
        while any(abs((d1 - r["when"]).days) <= 20 for r in self.regular):
            d1 = _weekday_on_or_before(d1 - timedelta(days=7))
        self.d1 = d1
        self.g1 = _weekday_on_or_after(d1 + timedelta(days=7))  # the working group follows

    def add(self, obj: _T) -> _T:
        self.rows.append(obj)
        return obj

    # ------------------------------------------------------------------ people and units

    def name(self, female: bool) -> tuple[str, str, str]:
        while True:
            family = self.rng.choices(
                [f for f, _ in data.FAMILY_NAMES], [w for _, w in data.FAMILY_NAMES]
            )[0]
            middle = self.rng.choice(data.MIDDLE_FEMALE if female else data.MIDDLE_MALE)
            given = self.rng.choice(data.GIVEN_FEMALE if female else data.GIVEN_MALE)
            full = unicodedata.normalize("NFC", f"{family} {middle} {given}")
            words = f"{family} {middle}".split()
            if given not in words and full not in self.names:
                self.names.add(full)
                return family, middle, given

    def mobile(self) -> str:
        r = self.rng.randint
        return f"09{r(10, 99)} {r(100, 999)} {r(100, 999)}"

    def office_phone(self) -> str:
        return f"0238 3{self.rng.randint(500, 899)} {self.rng.randint(100, 999)}"

    def person(
        self,
        position: str,
        unit_key: str | None,
        *,
        kind: PersonKind = PersonKind.OFFICIAL,
        notes: str | None = None,
    ) -> Person:
        # Police and military commanders in the province are men; elsewhere about one in four.
        female = unit_key not in ("ca", "bchqs") and self.rng.random() < 0.25
        family, middle, given = self.name(female)
        domain = (self.meta[unit_key][2] if unit_key else None) or data.PROVINCE_DOMAIN
        initials = "".join(_fold(w)[0] for w in middle.split())
        email = next(
            e
            for e in (
                f"{_fold(given)}.{_fold(family)}@{domain}",
                f"{_fold(given)}{initials}.{_fold(family)}@{domain}",
                *(f"{_fold(given)}.{_fold(family)}{k}@{domain}" for k in range(2, 99)),
            )
            if e not in self.emails
        )
        self.emails.add(email)
        # Police and military officers are not listed with a public address.
        if unit_key in ("ca", "bchqs"):
            email = None
        p = Person(
            full_name=unicodedata.normalize("NFC", f"{family} {middle} {given}"),
            honorific=Honorific.BA if female else Honorific.ONG,
            position=position,
            unit=self.units.get(unit_key) if unit_key else None,
            phone=self.mobile(),
            email=email,
            kind=kind,
            notes=notes,
        )
        return self.add(p)

    def build_units(self) -> None:
        specs = [(k, n, sh, kind, hp, sym, dom) for k, n, sh, kind, hp, sym, dom in data.UNITS]
        for level, name in data.LOCALITIES:
            specs.append(
                (
                    f"l:{name}",
                    f"UBND {level} {name}",
                    f"{data.LEVEL_SHORT[level]} {name}",
                    UnitKind.LOCALITY,
                    f"Chủ tịch UBND {level} {name}",
                    "UBND",
                    None,
                )
            )
        for i, (key, name, short, kind, head_pos, sym, domain) in enumerate(specs, start=1):
            if kind == UnitKind.DEPARTMENT:
                email = f"{_fold(sym)}@{data.PROVINCE_DOMAIN}"
            elif kind == UnitKind.LOCALITY:
                email = f"ubnd.{_fold(key[2:])}@{data.PROVINCE_DOMAIN}"
            else:
                email = None
            unit = Unit(
                name=name,
                short_name=short,
                kind=kind,
                sort_order=i,
                phone=self.office_phone(),
                email=email,
                address=data.STANDING_ADDRESS if key == "stttt" else None,
            )
            self.units[key] = self.add(unit)
            self.meta[key] = (head_pos, sym, domain)
        start = date(self.d0.year - 3, 1, 1)
        for key, unit in self.units.items():
            head_pos = self.meta[key][0]
            unit.head = self.person(head_pos, key)
            self.heads[key] = [_Post(unit.head, head_pos, key, unit.name, start)]

    def head_on(self, key: str, d: date) -> _Post:
        posts = self.heads[key]
        return next((p for p in posts if p.active_on(d)), posts[-1])

    # ------------------------------------------------------------------ committee and group

    def qd(self, d: date) -> str:
        """A decision of the Provincial People's Committee (a dozen a day, numbered per year)."""
        return f"{d.timetuple().tm_yday * 12 + self.rng.randint(0, 36)}/QĐ-UBND"

    def seat(
        self,
        role: CommitteeRole,
        post: _Post,
        field: str,
        area: str | None,
        decision: str,
        on: date,
        order: int,
    ) -> _Post:
        m = CommitteeMembership(
            person=post.person,
            role=role,
            field=field,
            area=area,
            decision_number=decision,
            decision_date=on,
            start_date=on,
            position_at_start=post.position,
            sort_order=order,
        )
        self.add(m)
        seat = _Post(post.person, post.position, post.unit_key, post.unit_name, on, None, role, m)
        self.seats.append(seat)
        return seat

    def build_committee(self) -> None:
        dec0, dec1 = self.qd(self.d0), self.qd(self.d1)
        prov = data.PROVINCIAL_UNIT_NAME
        stttt = self.units["stttt"]
        head = _Post(
            self.person("Chủ tịch UBND tỉnh", None), "Chủ tịch UBND tỉnh", None, prov, self.d0
        )
        deputy = _Post(
            self.person("Phó Chủ tịch UBND tỉnh", None),
            "Phó Chủ tịch UBND tỉnh",
            None,
            prov,
            self.d0,
        )
        pgd = "Phó Giám đốc Sở Thông tin và Truyền thông"
        standing = _Post(self.person(pgd, "stttt"), pgd, "stttt", stttt.name, self.d0)
        sec_pos = "Chuyên viên Phòng Công nghệ thông tin"
        secretary = _Post(self.person(sec_pos, "stttt"), sec_pos, "stttt", stttt.name, self.d0)
        role = CommitteeRole
        self.head = self.seat(role.HEAD, head, data.HEAD_FIELD, "Toàn tỉnh", dec0, self.d0, 1)
        self.deputy = self.seat(
            role.DEPUTY_HEAD, deputy, data.DEPUTY_FIELD, "Toàn tỉnh", dec0, self.d0, 2
        )
        self.sdeputy = self.seat(
            role.DEPUTY_HEAD,
            self.heads["stttt"][0],
            data.STANDING_DEPUTY_FIELD,
            "Toàn tỉnh",
            dec0,
            self.d0,
            3,
        )
        self.standing = self.seat(
            role.STANDING_MEMBER, standing, data.STANDING_FIELD, "Thị xã Cửa Lò", dec0, self.d0, 4
        )
        for i, (key, field, area) in enumerate(data.MEMBERS, start=10):
            old = self.seat(role.MEMBER, self.heads[key][0], field, area, dec0, self.d0, i)
            if key in data.REPLACED:
                # Kiện toàn: the old member leaves with the new decision, the new head joins.
                new_position, new_unit, note = data.REPLACED[key]
                old.end = self.heads[key][0].end = self.d1
                old.membership.end_date = old.membership.end_decision_date = self.d1
                old.membership.end_decision_number = dec1
                old.person.position, old.person.notes = new_position, note
                old.person.unit = self.units[new_unit] if new_unit else None
                unit = self.units[key]
                unit.head = self.person(self.meta[key][0], key)
                post = _Post(unit.head, self.meta[key][0], key, unit.name, self.d1)
                self.heads[key].append(post)
                self.seat(role.MEMBER, post, field, area, dec1, self.d1, i)
        self.secretary = self.seat(
            role.SECRETARY, secretary, data.SECRETARY_FIELD, None, dec0, self.d0, 99
        )

    def build_group(self) -> None:
        g0 = _weekday_on_or_after(self.d0 + timedelta(days=14))
        g1 = self.g1
        # The committee's own decisions: a handful a year.
        dec0 = f"{g0.month + self.rng.randint(0, 3):02d}/QĐ-BCĐ"
        dec1 = f"{g1.month + self.rng.randint(0, 3):02d}/QĐ-BCĐ"

        def join(
            post: _Post, role: GroupRole, on: date, decision: str, order: int, field: str
        ) -> _Post:
            m = GroupMembership(
                person=post.person,
                role=role,
                decision_number=decision,
                decision_date=on,
                start_date=on,
                position_at_start=post.position,
                sort_order=order,
                field=field,
            )
            self.add(m)
            gp = _Post(post.person, post.position, post.unit_key, post.unit_name, on, None, role, m)
            self.group.append(gp)
            return gp

        join(self.standing, GroupRole.LEADER, g0, dec0, 1, "Điều hành chung Tổ công tác")
        for i, (key, position, field) in enumerate(data.GROUP):
            unit = self.units[key]
            post = _Post(self.person(position, key), position, key, unit.name, g0)
            role = GroupRole.DEPUTY_LEADER if i == 0 else GroupRole.MEMBER
            gp = join(post, role, g0, dec0, i + 2, field)
            if i == data.GROUP_REPLACED:
                gp.end = gp.membership.end_date = gp.membership.end_decision_date = g1
                gp.membership.end_decision_number = dec1
                gp.person.notes = "Chuyển công tác khác."
                new = _Post(self.person(position, key), position, key, unit.name, g1)
                join(new, GroupRole.MEMBER, g1, dec1, i + 2, field)
        for kind, key, position in data.EXPERTS:
            self.experts.append(
                self.person(
                    position,
                    key,
                    kind=PersonKind(kind),
                    notes="Chuyên gia được Tổ công tác huy động khi cần.",
                )
            )

    # ------------------------------------------------------------------ meetings

    def plan_regular(self) -> list[dict]:
        """The regular meetings: four past ones (every six months) and the next one."""
        regular = []
        for y in range(self.today.year - 3, self.today.year + 2):
            for half in (1, 2):
                base = date(y, 7, 6) if half == 1 else date(y + 1, 1, 5)
                when = _weekday_on_or_after(base + timedelta(days=self.rng.randint(0, 7)))
                period = f"6 tháng đầu năm {y}" if half == 1 else f"năm {y}"
                nxt = f"6 tháng cuối năm {y}" if half == 1 else f"năm {y + 1}"
                regular.append(
                    dict(
                        key=f"R{y}{half}",
                        kind="regular",
                        when=when,
                        hour=8,
                        minutes=210,
                        place=data.PLACE_MAIN,
                        chair="head",
                        conclusions=[],
                        title=f"Họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh {period}",
                        agenda=[
                            (t.format(period=period, next=nxt), p, m)
                            for t, p, m in data.REGULAR_AGENDA
                        ],
                    )
                )
        past = [r for r in regular if r["when"] < self.today][-4:]
        upcoming = next(r for r in regular if r["when"] >= self.today)
        upcoming["when"] = max(
            upcoming["when"], _weekday_on_or_after(self.today + timedelta(days=10))
        )
        upcoming["planned"] = True
        return [*past, upcoming]

    def schedule(self) -> list[dict]:
        """Dates of every meeting: the regular ones and the others, kept apart."""
        taken = [r["when"] for r in self.regular]

        def clash(d: date) -> bool:
            near_reorg = self.d1 - timedelta(days=7) <= d <= self.g1 + timedelta(days=7)
            return near_reorg or any(abs((d - t).days) <= 5 for t in taken)

        others = []
        for spec in data.OTHER_MEETINGS:
            spec = dict(spec)
            step = -3 if spec["days"] > 0 else 2
            d = self.today - timedelta(days=spec["days"])
            d = _weekday_on_or_before(d) if step < 0 else _weekday_on_or_after(d)
            while clash(d):
                d += timedelta(days=step)
                d = _weekday_on_or_before(d) if step < 0 else _weekday_on_or_after(d)
            spec["when"] = d
            taken.append(d)
            others.append(spec)
        return sorted([*self.regular, *others], key=lambda m: m["when"])

    def committee_on(self, d: date) -> list[_Post]:
        active = [s for s in self.seats if s.active_on(d)]
        return sorted(active, key=lambda s: s.membership.sort_order if s.membership else 0)

    def build_meetings(self) -> None:
        self.pool = list(range(len(data.CONCLUSION_POOL)))
        self.rng.shuffle(self.pool)
        for spec in self.schedule():
            self.meeting(spec)
        for days, by, content, key, focal in data.AD_HOC_TASKS:
            on = _weekday_on_or_before(self.today - timedelta(days=days))
            chair = {"head": self.head, "deputy": self.deputy, "sdeputy": self.sdeputy}[by]
            self.task(None, 0, content, key, focal, chair.person, on, TaskSource.AD_HOC)

    def presenter(
        self, code: str | None, when: date, chair: _Post
    ) -> tuple[_Post | None, str | None]:
        if code is None:
            return None, None
        if code == "chair":
            return chair, None
        if code == "standing":
            return self.standing, "stttt"
        if code.startswith("expert:"):
            p = self.experts[int(code[7:])]
            key = next(k for k, u in self.units.items() if u is p.unit)
            return _Post(p, p.position or "", key, p.unit.name if p.unit else "", when), key
        key = code[5:]
        return self.head_on(key, when), key

    def meeting(self, spec: dict) -> None:
        rng, when = self.rng, spec["when"]
        chair = {"head": self.head, "deputy": self.deputy, "sdeputy": self.sdeputy}[spec["chair"]]
        if when > self.today:
            status = MeetingStatus.PLANNED if spec.get("planned") else MeetingStatus.CONVENED
        elif spec.get("cancelled"):
            status = MeetingStatus.CANCELLED
        elif (self.today - when).days <= 30:
            status = MeetingStatus.HELD
        else:
            status = MeetingStatus.MINUTES_FINAL
        held = status in (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL)
        starts = datetime.combine(when, time(spec["hour"]))
        ends = starts + timedelta(minutes=spec["minutes"] + rng.choice([-15, 0, 0, 15]))
        m = Meeting(
            kind=MeetingKind(spec["kind"]),
            title=spec["title"].format(y1=when.year + 1),
            called_by=chair.person,
            chair=chair.person,
            secretary=self.secretary.person,
            proposed_by=self.standing.person if spec.get("proposed") else None,
            starts_at=starts,
            ends_at=ends,
            place=spec["place"],
            status=status,
        )
        if spec.get("proposed"):
            m.notes = (
                f"Họp theo đề xuất của Thành viên thường trực tại Tờ trình số "
                f"{rng.randint(20, 240)}/TTr-STTTT."
            )
        elif status == MeetingStatus.CANCELLED:
            m.notes = "Hoãn do Trưởng ban bận công tác đột xuất; sẽ bố trí lịch làm việc sau."
        elif m.kind == MeetingKind.EXPANDED:
            m.notes = "Mời thêm lãnh đạo các cơ quan liên quan và chuyên gia, nhà khoa học."
        self.add(m)

        agenda = list(spec["agenda"])
        if spec["kind"] == "regular" and rng.random() < 0.5:
            del agenda[rng.choice([2, 3])]
        presenters = [self.presenter(code, when, chair) for _, code, _ in agenda]

        # Invitees: (post, category, unit key for agency heads)
        people: list[tuple[_Post, InviteeCategory, str | None]] = []
        if spec["kind"] == "briefing":
            units = spec.get("units", [])
            seats = [
                s
                for s in self.committee_on(when)
                if s is chair
                or s is self.standing
                or s is self.secretary
                or (s.unit_key in units and s.role != CommitteeRole.HEAD)
            ]
            people += [(s, InviteeCategory.MEMBER, None) for s in seats]
            wide = "Tổ công tác" in spec["title"]
            people += [
                (g, InviteeCategory.WORKING_GROUP, None)
                for g in self.group
                if g.active_on(when) and (wide or g.unit_key in units)
            ]
            people += [(self.head_on(k, when), InviteeCategory.AGENCY_HEAD, k) for k in units]
        else:
            people += [(s, InviteeCategory.MEMBER, None) for s in self.committee_on(when)]
            people += [
                (self.head_on(k, when), InviteeCategory.AGENCY_HEAD, k)
                for k in spec.get("agencies", [])
            ]
            if spec["kind"] == "expanded":
                people += [
                    (
                        _Post(p, p.position or "", None, p.unit.name if p.unit else "", when),
                        InviteeCategory.EXPERT,
                        None,
                    )
                    for p in self.experts
                ]
        people += [
            (post, InviteeCategory.AGENCY_HEAD, key) for post, key in presenters if post is not None
        ]
        seen: set[int] = set()
        invitees: list[Invitee] = []
        presenting = {id(post.person) for post, _ in presenters if post is not None}
        for post, category, key in people if status != MeetingStatus.PLANNED else []:
            if id(post.person) in seen:
                continue
            seen.add(id(post.person))
            role = (
                "Chủ trì"
                if post.person is chair.person
                else "Thư ký"
                if post.person is self.secretary.person
                else "Báo cáo viên"
                if id(post.person) in presenting
                else None
            )
            inv = Invitee(
                meeting=m,
                position=len(invitees) + 1,
                person=post.person,
                category=category,
                unit=self.units[key] if key else None,
                role=role,
                name_snapshot=post.person.full_name,
                position_snapshot=post.position,
                unit_snapshot=post.unit_name,
            )
            if held:
                self.attendance(inv, must=role is not None)
            else:
                inv.attendance = AttendanceStatus.UNKNOWN
            invitees.append(self.add(inv))
        if spec.get("guest") and status != MeetingStatus.PLANNED:
            family, middle, given = self.name(False)
            inv = Invitee(
                meeting=m,
                position=len(invitees) + 1,
                guest_name=f"{family} {middle} {given}",
                category=InviteeCategory.GUEST,
                name_snapshot=f"{family} {middle} {given}",
                position_snapshot="Chuyên gia tư vấn độc lập về chuyển đổi số",
                attendance=AttendanceStatus.PRESENT if held else AttendanceStatus.UNKNOWN,
            )
            invitees.append(self.add(inv))

        for i, ((title, _, minutes), (post, key)) in enumerate(
            zip(agenda, presenters, strict=True), start=1
        ):
            item = AgendaItem(
                meeting=m,
                position=i,
                title=title,
                planned_minutes=minutes,
                presenter_person=post.person if post else None,
                presenter_unit=self.units[key] if key else None,
            )
            if held:
                item.minutes_text = self.item_text(title, post, chair, invitees, when)
            self.add(item)
        if not held:
            return
        self.minutes(m, chair, invitees, status == MeetingStatus.MINUTES_FINAL)
        if m.kind == MeetingKind.REGULAR and status == MeetingStatus.MINUTES_FINAL:
            self.final_regulars.append(m)
        chosen = list(spec["conclusions"])
        want = rng.randint(3, 6) if m.kind == MeetingKind.REGULAR else rng.randint(3, 4)
        while len(chosen) < want:
            chosen.append(data.CONCLUSION_POOL[self.pool[0]])
            self.pool.append(self.pool.pop(0))
        next_year = when.year + 1 if when.month >= 7 else when.year
        for i, (text, tasks) in enumerate(chosen, start=1):
            c = Conclusion(meeting=m, position=i, text=text.format(next_year=next_year))
            self.add(c)
            for j, (content, key, focal) in enumerate(tasks, start=1):
                self.task(
                    c,
                    j,
                    content.format(next_year=next_year),
                    key,
                    focal,
                    chair.person,
                    when,
                    TaskSource.CONCLUSION,
                )

    def attendance(self, inv: Invitee, *, must: bool) -> None:
        r = self.rng.random()
        position = inv.position_snapshot or ""
        if must or r < 0.76:
            inv.attendance = AttendanceStatus.PRESENT
        elif r < 0.88 and position.startswith(_SUBSTITUTABLE) and position not in _PROVINCIAL:
            family, middle, given = self.name(self.rng.random() < 0.25)
            inv.attendance = AttendanceStatus.SUBSTITUTE
            inv.substitute_name = f"{family} {middle} {given}"
            inv.substitute_position = f"Phó {position}"
            inv.absence_reason = self.rng.choice(data.ABSENCE_REASONS)
        else:
            inv.attendance = AttendanceStatus.ABSENT
            inv.absence_reason = self.rng.choice(data.ABSENCE_REASONS)

    def item_text(
        self, title: str, post: _Post | None, chair: _Post, invitees: list[Invitee], when: date
    ) -> str:
        rng = self.rng
        present = [i for i in invitees if i.attendance == AttendanceStatus.PRESENT]
        if post is None:
            speakers = [
                i
                for i in present
                if i.person is not None and i.person not in (chair.person, self.secretary.person)
            ][:8]
            names = [
                f"{'Bà' if i.person.honorific == Honorific.BA else 'Ông'} "
                f"{i.name_snapshot} ({i.position_snapshot})"
                for i in rng.sample(speakers, min(len(speakers), rng.randint(2, 3)))
            ]
            points = rng.sample(data.DISCUSSION_POINTS, 2)
            return (
                f"Có {len(names)} ý kiến phát biểu: {'; '.join(names)}. Các ý kiến thống nhất "
                f"với nội dung báo cáo, đề nghị {points[0]} và {points[1]}."
            )
        if post is chair:
            return "Chủ trì kết luận các nội dung; kết luận được ghi tại phần Kết luận."
        if title.startswith(("Ý kiến", "Đề xuất")):
            return f"{post.label} phát biểu, đề nghị {rng.choice(data.DISCUSSION_POINTS)}."
        if title.startswith("Khai mạc"):
            subst = sum(i.attendance == AttendanceStatus.SUBSTITUTE for i in invitees)
            return (
                f"{post.label} tuyên bố lý do, giới thiệu thành phần; có {len(present)}/"
                f"{len(invitees)} đại biểu dự họp, {subst} đại biểu dự thay."
            )
        f = max(0.0, min(1.0, (when - self.today + timedelta(days=730)).days / 730))
        values = dict(
            p1=_pct(28 + 45 * f + rng.uniform(-3, 3)),
            p2=_pct(40 + 45 * f + rng.uniform(-3, 3)),
            p3=_pct(82 + 16 * f + rng.uniform(-1, 1)),
            n1=12 + int(20 * f),
            n2=f"{rng.randint(800, 3200):,}".replace(",", "."),
        )
        facts = " ".join(t.format(**values) for t in rng.sample(data.FACTS, 2))
        return f"{post.label} trình bày. {facts}"

    def minutes(self, m: Meeting, chair: _Post, invitees: list[Invitee], final: bool) -> None:
        count = {a: sum(i.attendance == a for i in invitees) for a in AttendanceStatus}
        if chair is self.sdeputy:
            role = "Phó Trưởng ban Thường trực"
        else:
            role = _ROLE_LABEL.get(chair.role, "Trưởng Ban Chỉ đạo")  # type: ignore[arg-type]
        opened = m.starts_at + timedelta(minutes=5)
        closed = max(opened, (m.ends_at or m.starts_at) - timedelta(minutes=10))
        mins = Minutes(
            meeting=m,
            opened_at=opened,
            closed_at=closed,
            opening_text=(
                f"Thời gian: {opened:%H} giờ {opened:%M} ngày {_dmy(opened.date())}.\n"
                f"Địa điểm: {m.place}.\nChủ trì: {chair.label}, {role}.\n"
                f"Thư ký: {self.secretary.label}.\nThành phần: {count[AttendanceStatus.PRESENT]} "
                f"đại biểu có mặt, {count[AttendanceStatus.SUBSTITUTE]} đại biểu dự thay, "
                f"{count[AttendanceStatus.ABSENT]} đại biểu vắng có lý do."
            ),
            closing_text=(
                f"Cuộc họp kết thúc vào hồi {closed:%H} giờ {closed:%M} cùng ngày. Biên "
                "bản đã được thông qua trước các đại biểu dự họp."
            ),
            is_final=final,
        )
        if final:
            day = _weekday_on_or_after(closed.date() + timedelta(days=self.rng.randint(2, 6)))
            mins.finalised_at = datetime.combine(day, time(16, self.rng.choice([0, 15, 30])))
        self.add(mins)

    def task(
        self,
        conclusion: Conclusion | None,
        position: int,
        content: str,
        key: str,
        focal: str | None,
        by: Person,
        on: date,
        source: TaskSource,
    ) -> None:
        rng, today = self.rng, self.today
        self.task_no += 1
        if key == "*loc":
            key = rng.choice([k for k in self.units if k.startswith("l:")])
        unit = self.units[key]
        member = next(
            (
                s.person
                for s in self.seats
                if s.unit_key == key and s.active_on(on) and s.role == CommitteeRole.MEMBER
            ),
            None,
        )
        deadline = on + timedelta(days=rng.choice([30, 45, 60, 60, 90, 120, 150]))
        t = Task(
            content=content,
            source=source,
            conclusion=conclusion,
            position=position,
            assigned_by=by,
            assigned_on=on,
            assignee_unit=unit,
            assignee_person=member,
            focal_unit=self.units[focal] if focal else None,
            deadline=deadline,
        )
        r = rng.random()
        number = f"{rng.randint(15, 480)}/BC-{self.meta[key][1]}"
        report = "Đã hoàn thành; " + unit.name + " báo cáo tại Văn bản số " + number + " ngày {}."
        if deadline < today and self.task_no % 6 != 3 and r > 0.08:
            if r > 0.97:
                t.status = TaskStatus.CANCELLED
                t.result_report = (
                    "Dừng thực hiện theo chỉ đạo của Trưởng ban do nội dung đã "
                    "được lồng ghép vào nhiệm vụ khác."
                )
            else:
                late = r > 0.85
                span = (deadline - on).days
                done = (
                    deadline + timedelta(days=rng.randint(1, 15))
                    if late
                    else deadline - timedelta(days=rng.randint(0, min(20, span - 5)))
                )
                t.status, t.completed_on = TaskStatus.DONE, min(done, today)
                t.result_report = report.format(_dmy(t.completed_on))
        elif deadline < today:  # overdue
            t.status = TaskStatus.IN_PROGRESS if r < 0.6 else TaskStatus.OPEN
            if t.status == TaskStatus.IN_PROGRESS:
                t.result_report = f"Đang triển khai, đạt khoảng {rng.randint(3, 8)}0% khối lượng."
        elif (today - on).days > 30 and r < 0.25:
            t.status = TaskStatus.DONE
            t.completed_on = on + timedelta(days=rng.randint(10, (today - on).days))
            t.result_report = report.format(_dmy(t.completed_on))
        else:
            t.status = TaskStatus.IN_PROGRESS if r < 0.7 else TaskStatus.OPEN
        self.add(t)

    # ------------------------------------------------------------------ working group sessions

    def build_sessions(self) -> None:
        rng = self.rng
        for (purpose, title, days, outputs), experts in zip(
            data.SESSIONS, _SESSION_EXPERTS, strict=True
        ):
            starts = _weekday_on_or_after(self.today - timedelta(days=days))
            n_days = rng.randint(3, 8)
            ends = _add_weekdays(starts, n_days - 1)
            fmt = dict(y1=starts.year + 1, y0=starts.year)
            leader = next(g for g in self.group if g.role == GroupRole.LEADER)
            ws = WorkingSession(
                purpose=purpose,
                title=title.format(**fmt),
                convened_by=leader.person,
                starts_on=starts,
                ends_on=ends,
                place=data.PLACE_STANDING,
                notes=f"Triệu tập theo Giấy mời số {rng.randint(3, 90):02d}/GM-BCĐ.",
            )
            self.add(ws)
            active = [g for g in self.group if g.active_on(starts)]
            core, rest = active[:2], active[2:]
            picked = {id(g) for g in rng.sample(rest, rng.randint(4, len(rest)))}
            chosen = core + [g for g in rest if id(g) in picked]
            posts = [
                (g, ParticipantRole.LEADER if g is leader else ParticipantRole.MEMBER)
                for g in chosen
            ]
            for i in experts:
                p = self.experts[i]
                posts.append(
                    (
                        _Post(p, p.position or "", None, p.unit.name if p.unit else "", starts),
                        ParticipantRole.EXPERT,
                    )
                )
            for post, role in posts:
                part = SessionParticipant(
                    session=ws,
                    person=post.person,
                    role=role,
                    name_snapshot=post.person.full_name,
                    position_snapshot=post.position,
                    unit_snapshot=post.unit_name,
                    attendance=AttendanceStatus.PRESENT,
                    days_present=n_days,
                )
                r = rng.random()
                if role != ParticipantRole.LEADER and r < 0.08:
                    part.attendance, part.days_present = AttendanceStatus.ABSENT, 0
                    part.absence_reason = rng.choice(data.ABSENCE_REASONS)
                elif r < 0.3:
                    part.days_present = n_days - rng.randint(1, 2)
                self.add(part)
            titles = []
            for kind, out_title, version, status in outputs:
                titles.append(out_title.format(**fmt))
                self.add(
                    SessionOutput(
                        session=ws,
                        kind=kind,
                        title=titles[-1],
                        version_label=version,
                        status=OutputStatus(status),
                    )
                )
            ws.result_summary = (
                f"Tổ công tác làm việc tập trung {n_days} ngày, hoàn thành: {'; '.join(titles)}."
            )

    # ------------------------------------------------------------------ reporting

    def build_reporting(self) -> None:
        deps = [k for k, u in self.units.items() if u.kind == UnitKind.DEPARTMENT]
        groups = {
            "dep": [k for k in deps if k != "stttt"],
            "dvc": [k for k in deps if k not in data.NO_DVC],
            "loc": [k for k in self.units if k.startswith("l:")],
        }
        for n, (name, freq, content, asked) in enumerate(data.REGIMES):
            regime = ReportingRegime(
                name=name,
                content=content,
                frequency=Frequency(freq),
                due_day=20,
                cutoff_day=15,
                receiving_body=data.RECEIVING_BODY,
            )
            self.regimes.append(self.add(regime))
            if not asked:
                continue
            units = [k for g in asked for k in groups[g]]
            months = 6 if regime.frequency == Frequency.SIX_MONTHLY else 3
            for y in range(self.today.year - 3, self.today.year + 2):
                for k in range(12 // months):
                    last = (k + 1) * months
                    start = date(y, last - months + 1, 1)
                    end = date(y, last, monthrange(y, last)[1])
                    # Rounds are opened a little ahead, so one is always still to come.
                    soon = self.today + timedelta(days=15)
                    if end < self.today - timedelta(days=730) or start > soon:
                        continue
                    if months == 6:
                        label = f"6 tháng {'đầu' if k == 0 else 'cuối'} năm {y}"
                    else:
                        label = f"Quý {_ROMAN[k]}/{y}"
                    rnd = ReportingRound(
                        regime=regime,
                        title=f"{name} {label}",
                        period_label=label,
                        period_start=start,
                        period_end=end,
                        cutoff_date=date(y, last, 15),
                        due_date=date(y, last, 20),
                    )
                    self.add(rnd)
                    for key in units:
                        self.submission(rnd, key, n)

    def submission(self, rnd: ReportingRound, key: str, template: int) -> None:
        rng, today, due = self.rng, self.today, rnd.due_date
        cutoff = rnd.cutoff_date or due - timedelta(days=5)
        received: date | None = None
        r = rng.random()
        if due >= today:
            if r < 0.12 and cutoff < today:
                received = cutoff + timedelta(days=rng.randint(0, (min(today, due) - cutoff).days))
        else:
            missing = 0.35 if (today - due).days <= 15 else 0.07
            if r < missing:
                received = None
            elif r < missing + 0.16:
                received = min(today, due + timedelta(days=rng.randint(1, 12)))
            else:
                received = due - timedelta(days=rng.randint(0, max(0, (due - cutoff).days + 3)))
        sub = Submission(round=rnd, unit=self.units[key], received_on=received)
        if received is not None:
            sub.document_number = f"{rng.randint(20, 480)}/BC-{self.meta[key][1]}"
            sub.summary = data.SUMMARIES[template].format(
                p=_pct(rng.uniform(45, 95)), q=_pct(rng.uniform(60, 100)), n=rng.randint(4, 1500)
            )
        self.add(sub)

    def build_ad_hoc_rounds(self) -> None:
        """Ad hoc requests, each tied to a conclusion notice of a regular meeting (needs ids)."""
        regime = self.regimes[-1]
        for m in self.final_regulars[-2:]:
            when = m.starts_at.date()
            # The committee's notices are numbered per year: a couple a month.
            notice = f"{when.month * 2 + self.rng.randint(0, 2):02d}/TB-BCĐ"
            asked = _weekday_on_or_after(when + timedelta(days=5))
            rnd = ReportingRound(
                regime=regime,
                title=data.AD_HOC_ROUND_TITLE.format(notice=notice),
                period_label=f"Theo Thông báo số {notice}",
                requested_on=asked,
                due_date=_weekday_on_or_after(asked + timedelta(days=30)),
                request_reference=f"Thông báo số {notice} ngày {_dmy(asked)}",
                conclusion_id=m.conclusions[0].id,
            )
            self.add(rnd)
            keys: list[str] = []
            for c in m.conclusions:
                for t in c.tasks:
                    key = next(k for k, u in self.units.items() if u is t.assignee_unit)
                    if key not in keys:
                        keys.append(key)
            for key in keys:
                self.submission(rnd, key, 3)

    # ------------------------------------------------------------------ all of it

    def build(self) -> DemoSummary:
        self.build_units()
        self.build_committee()
        self.build_group()
        self.build_meetings()
        self.build_sessions()
        self.build_reporting()
        self.s.add_all(self.rows)
        self.s.flush()
        start = len(self.rows)
        self.build_ad_hoc_rounds()
        self.s.add_all(self.rows[start:])
        org = self.s.get(Organisation, 1) or Organisation(id=1)
        org.parent_body, org.committee_name = data.PARENT_BODY, data.COMMITTEE_NAME
        org.abbreviation, org.place_name = "BCĐ", data.PROVINCE
        org.standing_agency = self.units["stttt"]
        org.address, org.phone = data.STANDING_ADDRESS, self.office_phone()
        org.email = f"bcdcqdt@{data.PROVINCE_DOMAIN}"
        org.default_signer_id = self.head.person.id
        org.default_deputy_signer_id = self.deputy.person.id
        self.s.add(org)
        self.s.flush()

        def n(cls: type) -> int:
            return sum(type(r) is cls for r in self.rows)

        return DemoSummary(
            units=n(Unit),
            people=n(Person),
            committee_memberships=n(CommitteeMembership),
            group_memberships=n(GroupMembership),
            meetings=n(Meeting),
            agenda_items=n(AgendaItem),
            invitees=n(Invitee),
            conclusions=n(Conclusion),
            tasks=n(Task),
            working_sessions=n(WorkingSession),
            session_participants=n(SessionParticipant),
            session_outputs=n(SessionOutput),
            reporting_regimes=n(ReportingRegime),
            reporting_rounds=n(ReportingRound),
            submissions=n(Submission),
        )
