"""The base of the demo builder: helpers, names, phones, units, the committee and working group.

Everything is drawn from the builder's ``random.Random`` in a fixed order, so the order of the
calls (see :meth:`bdcq_desktop.core.demo._Builder.build`) is part of the data.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy.orm import Session

from ..models import (
    CommitteeMembership,
    CommitteeRole,
    GroupMembership,
    GroupRole,
    Honorific,
    Meeting,
    Person,
    PersonKind,
    ReportingRegime,
    Unit,
    UnitKind,
)
from .data_meetings import PLACE_MAIN, REGULAR_AGENDA
from .data_people import (
    DEPUTY_FIELD,
    EXPERTS,
    FAMILY_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    GROUP,
    GROUP_REPLACED,
    HEAD_FIELD,
    MEMBERS,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    REPLACED,
    SECRETARY_FIELD,
    STANDING_DEPUTY_FIELD,
    STANDING_FIELD,
)
from .data_units import (
    LEVEL_SHORT,
    LOCALITIES,
    PROVINCE_DOMAIN,
    PROVINCIAL_UNIT_NAME,
    PROVINCIAL_UNIT_PHONE,
    PROVINCIAL_UNIT_SHORT,
    PROVINCIAL_UNIT_SYMBOL,
    STANDING_ADDRESS,
    UNITS,
)

# ----------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """ASCII for e-mail addresses: "Đặng Thị Hòa" → "dangthihoa"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isalnum())


def weekday_on_or_after(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def weekday_on_or_before(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def add_weekdays(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def notice_day(starts_at: datetime, ends_at: datetime | None) -> date:
    """The day the demo's register issues a meeting's conclusion notice: 3 working days after
    it (the minutes on the day it ends)."""
    return add_weekdays((ends_at or starts_at).date(), 3)


def dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def pct(x: float) -> str:
    return f"{min(x, 99.9):.1f}".replace(".", ",")


@dataclass
class Post:
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


class BaseBuilder:
    """The demo's state and the people, units, committee and working group it starts from.

    The meetings and the working group's activity are added by the mixins in :mod:`.meetings`
    and :mod:`.activity`; :class:`bdcq_desktop.core.demo._Builder` puts them together.
    """

    def __init__(self, session: Session, today: date, rng: random.Random) -> None:
        self.s, self.today, self.rng = session, today, rng
        self.rows: list[object] = []
        self.units: dict[str, Unit] = {}
        self.meta: dict[str, tuple[str, str, str | None]] = {}  # head position, symbol, domain
        self.names: set[str] = set()
        self.emails: set[str] = set()
        self.heads: dict[str, list[Post]] = {}
        self.seats: list[Post] = []
        self.group: list[Post] = []
        self.experts: list[Person] = []
        self.final_regulars: list[Meeting] = []
        self.finals: list[Meeting] = []  # every meeting whose minutes are final
        self.pool: list[int] = []
        self.regimes: list[ReportingRegime] = []
        self.task_no = 0
        self.d0 = weekday_on_or_before(today - timedelta(days=790))  # establishing decision
        self.regular = self.plan_regular()
        # The reorganisation (kiện toàn) about a year ago, away from any regular meeting.
        d1 = weekday_on_or_before(today - timedelta(days=365))
        while any(abs((d1 - r["when"]).days) <= 20 for r in self.regular):
            d1 = weekday_on_or_before(d1 - timedelta(days=7))
        self.d1 = d1
        self.g1 = weekday_on_or_after(d1 + timedelta(days=7))  # the working group follows

    def add(self, obj: _T) -> _T:
        self.rows.append(obj)
        return obj

    # ------------------------------------------------------------------ people and units

    def name(self, female: bool) -> tuple[str, str, str]:
        while True:
            family = self.rng.choices([f for f, _ in FAMILY_NAMES], [w for _, w in FAMILY_NAMES])[0]
            middle = self.rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
            given = self.rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
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
        domain = (self.meta[unit_key][2] if unit_key else None) or PROVINCE_DOMAIN
        initials = "".join(fold(w)[0] for w in middle.split())
        email = next(
            e
            for e in (
                f"{fold(given)}.{fold(family)}@{domain}",
                f"{fold(given)}{initials}.{fold(family)}@{domain}",
                *(f"{fold(given)}.{fold(family)}{k}@{domain}" for k in range(2, 99)),
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
        specs = [(k, n, sh, kind, hp, sym, dom) for k, n, sh, kind, hp, sym, dom in UNITS]
        for level, name in LOCALITIES:
            specs.append(
                (
                    f"l:{name}",
                    f"UBND {level} {name}",
                    f"{LEVEL_SHORT[level]} {name}",
                    UnitKind.LOCALITY,
                    f"Chủ tịch UBND {level} {name}",
                    "UBND",
                    None,
                )
            )
        for i, (key, name, short, kind, head_pos, sym, domain) in enumerate(specs, start=1):
            if kind == UnitKind.DEPARTMENT:
                email = f"{fold(sym)}@{PROVINCE_DOMAIN}"
            elif kind == UnitKind.LOCALITY:
                email = f"ubnd.{fold(key[2:])}@{PROVINCE_DOMAIN}"
            else:
                email = None
            unit = Unit(
                name=name,
                short_name=short,
                kind=kind,
                sort_order=i,
                phone=self.office_phone(),
                email=email,
                address=STANDING_ADDRESS if key == "stttt" else None,
            )
            self.units[key] = self.add(unit)
            self.meta[key] = (head_pos, sym, domain)
        start = date(self.d0.year - 3, 1, 1)
        for key, unit in self.units.items():
            head_pos = self.meta[key][0]
            unit.head = self.person(head_pos, key)
            self.heads[key] = [Post(unit.head, head_pos, key, unit.name, start)]

    def head_on(self, key: str, d: date) -> Post:
        posts = self.heads[key]
        return next((p for p in posts if p.active_on(d)), posts[-1])

    def build_province(self) -> None:
        """The Provincial People's Committee: the unit of the committee's head and deputy head.

        It draws nothing at random and its row comes after every other unit's, so adding it
        changes no other id or value in the data.
        """
        head_pos = self.head.position
        unit = Unit(
            name=PROVINCIAL_UNIT_NAME,
            short_name=PROVINCIAL_UNIT_SHORT,
            kind=UnitKind.SECTOR,
            sort_order=0,  # ahead of the departments, which start at 1
            phone=PROVINCIAL_UNIT_PHONE,
            email=f"{fold(PROVINCIAL_UNIT_SYMBOL)}@{PROVINCE_DOMAIN}",
            head=self.head.person,
        )
        self.units["ubnd"] = self.add(unit)
        self.meta["ubnd"] = (head_pos, PROVINCIAL_UNIT_SYMBOL, None)
        self.heads["ubnd"] = [Post(self.head.person, head_pos, "ubnd", unit.name, self.head.start)]
        for seat in (self.head, self.deputy):
            seat.person.unit = unit

    # ------------------------------------------------------------------ committee and group

    def qd(self, d: date) -> str:
        """A decision of the Provincial People's Committee (a dozen a day, numbered per year)."""
        return f"{d.timetuple().tm_yday * 12 + self.rng.randint(0, 36)}/QĐ-UBND"

    def seat(
        self,
        role: CommitteeRole,
        post: Post,
        field: str,
        area: str | None,
        decision: str,
        on: date,
        order: int,
    ) -> Post:
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
        seat = Post(post.person, post.position, post.unit_key, post.unit_name, on, None, role, m)
        self.seats.append(seat)
        return seat

    def build_committee(self) -> None:
        dec0, dec1 = self.qd(self.d0), self.qd(self.d1)
        prov = PROVINCIAL_UNIT_NAME
        stttt = self.units["stttt"]
        head = Post(
            self.person("Chủ tịch UBND tỉnh", None), "Chủ tịch UBND tỉnh", None, prov, self.d0
        )
        deputy = Post(
            self.person("Phó Chủ tịch UBND tỉnh", None),
            "Phó Chủ tịch UBND tỉnh",
            None,
            prov,
            self.d0,
        )
        pgd = "Phó Giám đốc Sở Thông tin và Truyền thông"
        standing = Post(self.person(pgd, "stttt"), pgd, "stttt", stttt.name, self.d0)
        sec_pos = "Chuyên viên Phòng Công nghệ thông tin"
        secretary = Post(self.person(sec_pos, "stttt"), sec_pos, "stttt", stttt.name, self.d0)
        role = CommitteeRole
        self.head = self.seat(role.HEAD, head, HEAD_FIELD, "Toàn tỉnh", dec0, self.d0, 1)
        self.deputy = self.seat(
            role.DEPUTY_HEAD, deputy, DEPUTY_FIELD, "Toàn tỉnh", dec0, self.d0, 2
        )
        self.sdeputy = self.seat(
            role.DEPUTY_HEAD,
            self.heads["stttt"][0],
            STANDING_DEPUTY_FIELD,
            "Toàn tỉnh",
            dec0,
            self.d0,
            3,
        )
        self.standing = self.seat(
            role.STANDING_MEMBER, standing, STANDING_FIELD, "Thị xã Cửa Lò", dec0, self.d0, 4
        )
        for i, (key, field, area) in enumerate(MEMBERS, start=10):
            old = self.seat(role.MEMBER, self.heads[key][0], field, area, dec0, self.d0, i)
            if key in REPLACED:
                # Kiện toàn: the old member leaves with the new decision, the new head joins.
                new_position, new_unit, note = REPLACED[key]
                old.end = self.heads[key][0].end = self.d1  # a Post's end is exclusive
                # The membership's end date is its last day: the day before the new decision
                # takes effect (membership_rules), so the roster of d1 has one holder per seat.
                old.membership.end_date = self.d1 - timedelta(days=1)
                old.membership.end_decision_date = self.d1
                old.membership.end_decision_number = dec1
                old.person.position, old.person.notes = new_position, note
                old.person.unit = self.units[new_unit] if new_unit else None
                unit = self.units[key]
                unit.head = self.person(self.meta[key][0], key)
                post = Post(unit.head, self.meta[key][0], key, unit.name, self.d1)
                self.heads[key].append(post)
                self.seat(role.MEMBER, post, field, area, dec1, self.d1, i)
        self.secretary = self.seat(
            role.SECRETARY, secretary, SECRETARY_FIELD, None, dec0, self.d0, 99
        )

    def build_group(self) -> None:
        g0 = weekday_on_or_after(self.d0 + timedelta(days=14))
        g1 = self.g1
        # The committee's own decisions: a handful a year.
        dec0 = f"{g0.month + self.rng.randint(0, 3):02d}/QĐ-BCĐ"
        dec1 = f"{g1.month + self.rng.randint(0, 3):02d}/QĐ-BCĐ"

        def join(
            post: Post, role: GroupRole, on: date, decision: str, order: int, field: str
        ) -> Post:
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
            gp = Post(post.person, post.position, post.unit_key, post.unit_name, on, None, role, m)
            self.group.append(gp)
            return gp

        join(self.standing, GroupRole.LEADER, g0, dec0, 1, "Điều hành chung Tổ công tác")
        for i, (key, position, field) in enumerate(GROUP):
            unit = self.units[key]
            post = Post(self.person(position, key), position, key, unit.name, g0)
            role = GroupRole.DEPUTY_LEADER if i == 0 else GroupRole.MEMBER
            gp = join(post, role, g0, dec0, i + 2, field)
            if i == GROUP_REPLACED:
                gp.end = gp.membership.end_decision_date = g1
                gp.membership.end_date = g1 - timedelta(days=1)  # the last day, as above
                gp.membership.end_decision_number = dec1
                gp.person.notes = "Chuyển công tác khác."
                new = Post(self.person(position, key), position, key, unit.name, g1)
                join(new, GroupRole.MEMBER, g1, dec1, i + 2, field)
        for kind, key, position in EXPERTS:
            self.experts.append(
                self.person(
                    position,
                    key,
                    kind=PersonKind(kind),
                    notes="Chuyên gia được Tổ công tác huy động khi cần.",
                )
            )

    # ------------------------------------------------------------------ calendar

    def plan_regular(self) -> list[dict]:
        """The regular meetings: four past ones (every six months) and the next one."""
        regular = []
        for y in range(self.today.year - 3, self.today.year + 2):
            for half in (1, 2):
                base = date(y, 7, 6) if half == 1 else date(y + 1, 1, 5)
                when = weekday_on_or_after(base + timedelta(days=self.rng.randint(0, 7)))
                period = f"6 tháng đầu năm {y}" if half == 1 else f"năm {y}"
                nxt = f"6 tháng cuối năm {y}" if half == 1 else f"năm {y + 1}"
                regular.append(
                    dict(
                        key=f"R{y}{half}",
                        kind="regular",
                        when=when,
                        hour=8,
                        minutes=210,
                        place=PLACE_MAIN,
                        chair="head",
                        conclusions=[],
                        title=f"Họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh {period}",
                        agenda=[
                            (t.format(period=period, next=nxt), p, m) for t, p, m in REGULAR_AGENDA
                        ],
                    )
                )
        past = [r for r in regular if r["when"] < self.today][-4:]
        upcoming = next(r for r in regular if r["when"] >= self.today)
        upcoming["when"] = max(
            upcoming["when"], weekday_on_or_after(self.today + timedelta(days=10))
        )
        upcoming["planned"] = True
        return [*past, upcoming]
