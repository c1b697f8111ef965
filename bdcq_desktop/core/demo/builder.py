"""The base of the demo builder: helpers, names, phones, units, the committee and working group.

Everything is drawn from the builder's ``random.Random`` in a fixed order, so the order of the
calls (see :meth:`bdcq_desktop.core.demo._Builder.build`) is part of the data.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

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
    Task,
    Unit,
    UnitKind,
)
from .data_calendar import CALENDAR
from .data_meetings import PLACE_MAIN, REGULAR_AGENDA
from .data_people import (
    FAMILY_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
)
from .data_reorg import CUA_LO_INTO_VINH, NEW_UNITS, WARDS
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
from .numbers import Numbering
from .reorg import EVENTS, Seat, exists_between, exists_on, key_on, since

# ----------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """ASCII for e-mail addresses: "Đặng Thị Hòa" → "dangthihoa"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isalnum())


def is_working_day(d: date) -> bool:
    """A working day by the days-off calendar a new database starts with (:mod:`.data_calendar`),
    decided by the application's one rule (:meth:`..days_off.WorkCalendar.is_working_day`):
    Monday to Friday but the days off, and the Saturdays worked in exchange."""
    return CALENDAR.is_working_day(d)


def working_day_on_or_after(d: date) -> date:
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def working_day_on_or_before(d: date) -> date:
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def add_working_days(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def notice_day(starts_at: datetime, ends_at: datetime | None) -> date:
    """The day the demo's register issues a meeting's conclusion notice: 3 working days after
    it (the minutes on the day it ends)."""
    return add_working_days((ends_at or starts_at).date(), 3)


def calling_day(starts_at: datetime, today: date) -> date:
    """The day the demo's register issues a convened meeting's convocation and invitation: 5
    working days before it, as the office sends them so that members can read the papers, but
    not after the demo's today (the register refuses a later date)."""
    before = starts_at.date()
    for _ in range(5):
        before = working_day_on_or_before(before - timedelta(days=1))
    return min(before, working_day_on_or_before(today))


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
    seat: Seat | None = None  # the seat (committee, working group) this post holds

    @property
    def slot(self) -> str:
        return self.seat.slot if self.seat else ""

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

    def __init__(
        self,
        session: Session,
        today: date,
        rng: random.Random,
        aside: random.Random | None = None,
        rearranged: random.Random | None = None,
        acting: random.Random | None = None,
    ) -> None:
        # ``aside`` draws what the reorganisation adds (new people, decision numbers), so the
        # main sequence, and the people and meetings it gives, stay as they were without it.
        # ``rearranged`` draws for the rearrangement of 1/12/2024 (thị xã Cửa Lò into thành
        # phố Vinh), which came into the demo after the rest: ``aside``'s numbers and people
        # stay as they were too (:meth:`aside_of`).
        self.s, self.today, self.rng = session, today, rng
        self.aside = aside or random.Random("reorganisation")
        self.rearranged = rearranged or random.Random("rearrangement")
        # ``acting`` draws the acts recorded on tasks (extensions, progress notes, the day of a
        # stop: .task_acts), which came into the demo after the rest: nothing else moves.
        self.acting = acting or random.Random("task acts")
        self.acts: list[Any] = []  # .task_acts._Act, written once the tasks have their ids
        self.rows: list[object] = []
        # Rows of the people the reorganisation adds: put after every other person's row
        # (build_group), so that the ids of the others do not move.
        self.late: list[object] = []
        # Rows the rearrangement of 1/12/2024 adds (a committee term): after the late ones,
        # last of their table, so that no other id moves (:meth:`rows_of`).
        self.trailing: list[object] = []
        self.merges: list[tuple[Unit, Unit | None, date]] = []  # merged (or retired: None)
        # The edits of people, units and tasks the two years made, each as of its day: the log
        # gets the row an officer's edit would have left (.history), the load writing none.
        self.edits: list[tuple[date, Person | Unit | Task, dict[str, list[Any]]]] = []
        # The units the reorganisation created, with their first day: their insert rows (.history).
        self.founded: list[tuple[date, Unit]] = []
        self.units: dict[str, Unit] = {}
        self.meta: dict[str, tuple[str, str, str | None]] = {}  # head position, symbol, domain
        # The units' documents the demo quotes, numbered in date order at the end (.numbers).
        self.numbering = Numbering()
        self.names: set[str] = set()
        self.emails: set[str] = set()
        # The units' switchboard numbers given so far: no two offices answer the same line.
        self.phones: set[str] = {PROVINCIAL_UNIT_PHONE}
        self.heads: dict[str, list[Post]] = {}
        self.staff: dict[str, list[Post]] = {}  # the named seats' holders: chair, standing...
        self.seats: list[Post] = []
        self.group: list[Post] = []
        self.experts: list[Person] = []
        self.final_regulars: list[Meeting] = []
        self.finals: list[Meeting] = []  # every meeting whose minutes are final
        self.pool: list[int] = []
        self.regimes: list[ReportingRegime] = []
        self.task_no = 0
        # The first year of the Đề án the working group drafts and the expanded meeting then
        # discusses (one Đề án: both name the same years); set by build_meetings.
        self.plan_start = today.year + 1
        # How often each conclusion of the pool was drawn (a second draw takes its follow-up).
        self.pool_uses: dict[int, int] = {}
        self.d0 = working_day_on_or_before(today - timedelta(days=790))  # establishing decision
        self.regular = self.plan_regular()
        # The reorganisation (kiện toàn) about a year ago, away from any regular meeting.
        # The reorganisation of 2025 at its real dates, when they fall inside the two years.
        self.events = [e for e in EVENTS if self.d0 < e <= today]
        d1 = working_day_on_or_before(today - timedelta(days=365))
        while any(abs((d1 - r["when"]).days) <= 20 for r in self.regular) or any(
            abs((d1 - e).days) <= 30 for e in EVENTS
        ):
            d1 = working_day_on_or_before(d1 - timedelta(days=7))
        self.d1 = d1
        self.g1 = working_day_on_or_after(d1 + timedelta(days=7))  # the working group follows

    @staticmethod
    def added_later(day: date) -> bool:
        """Whether the event of ``day`` came into the demo after the rest (1/12/2024): what it
        draws, the rows it adds and the place of its seats in the roster's order are kept
        apart (:meth:`aside_of`, :meth:`rows_of`), so the rest comes out as before."""
        return day == CUA_LO_INTO_VINH

    def aside_of(self, day: date) -> random.Random:
        """The generator of what the reorganisation of ``day`` adds (a decision's number)."""
        return self.rearranged if self.added_later(day) else self.aside

    def rows_of(self, day: date) -> list[object]:
        """Where the rows an event of ``day`` adds go (:attr:`trailing`, :attr:`rows`)."""
        return self.trailing if self.added_later(day) else self.rows

    def add(self, obj: _T) -> _T:
        self.rows.append(obj)
        return obj

    def edit(self, obj: Person | Unit | Task, day: date, **values: Any) -> None:
        """Set ``values`` on ``obj`` (a person moved, a unit's new head, a task reported done)
        as an officer's edit of ``day``, noting what changed for the change log: a document of
        an earlier day reads the record as it stood then by undoing it (:mod:`..records_on`,
        :mod:`..tasks_on`)."""
        changes = {}
        for field, new in values.items():
            old = getattr(obj, field)
            if old is not new and old != new:
                changes[field] = [old, new]
            setattr(obj, field, new)
        if changes:
            self.edits.append((day, obj, changes))

    # ------------------------------------------------------------------ people and units

    def name(self, female: bool, rng: random.Random | None = None) -> tuple[str, str, str]:
        rng = rng or self.rng
        while True:
            family = rng.choices([f for f, _ in FAMILY_NAMES], [w for _, w in FAMILY_NAMES])[0]
            middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            full = unicodedata.normalize("NFC", f"{family} {middle} {given}")
            words = f"{family} {middle}".split()
            if given not in words and full not in self.names:
                self.names.add(full)
                return family, middle, given

    def mobile(self, rng: random.Random | None = None) -> str:
        r = (rng or self.rng).randint
        return f"09{r(10, 99)} {r(100, 999)} {r(100, 999)}"

    def office_phone(self, rng: random.Random | None = None) -> str:
        """A landline not given yet; drawn again only on a clash, so a demo that had none
        draws exactly what it did before."""
        rng = rng or self.rng
        while True:
            phone = f"0238 3{rng.randint(500, 899)} {rng.randint(100, 999)}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def person(
        self,
        position: str,
        unit_key: str | None,
        *,
        kind: PersonKind = PersonKind.OFFICIAL,
        notes: str | None = None,
        aside: bool = False,
    ) -> Person:
        """A new person; ``aside``: one the reorganisation adds (drawn aside, a late row)."""
        rng = self.aside if aside else self.rng
        # Police and military commanders in the province are men; elsewhere about one in four.
        female = unit_key not in ("ca", "bchqs") and rng.random() < 0.25
        family, middle, given = self.name(female, rng)
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
            phone=self.mobile(rng),
            email=email,
            kind=kind,
            notes=notes,
        )
        if aside:
            self.late.append(p)
            return p
        return self.add(p)

    def unit(self, spec: tuple, order: int, rng: random.Random | None = None) -> Unit:
        key, name, short, kind, head_pos, sym, domain = spec
        if kind == UnitKind.DEPARTMENT:
            email = f"{fold(sym)}@{PROVINCE_DOMAIN}"
        elif kind == UnitKind.LOCALITY and key.startswith("p:"):
            # A ward may bear the name of the town it replaced (phường Cửa Lò, thị xã Cửa Lò):
            # its level in the address keeps the two offices' mailboxes apart.
            email = f"phuong{fold(key[2:])}@{PROVINCE_DOMAIN}"
        elif kind == UnitKind.LOCALITY:
            email = f"ubnd.{fold(key[2:])}@{PROVINCE_DOMAIN}"
        else:
            email = None
        unit = Unit(
            name=name,
            short_name=short,
            kind=kind,
            sort_order=order,
            phone=self.office_phone(rng),
            email=email,
            address=STANDING_ADDRESS if key == "stttt" else None,
        )
        self.units[key] = unit
        self.meta[key] = (head_pos, sym, domain)
        return unit

    def build_units(self) -> None:
        """The units of the two years: those of the day they start (with their heads), the
        Provincial People's Committee, then those the reorganisation created after it (their
        heads come with the reorganisation, :mod:`.roster`). A unit gone before the two years
        start is not there at all."""
        first, last = self.d0, self.today
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
        later = [(k, n, sh, kind, hp, sym, dom) for k, n, sh, kind, hp, sym, dom, _ in NEW_UNITS]
        later += [
            (
                f"p:{w}",
                f"UBND phường {w}",
                f"P. {w}",
                UnitKind.LOCALITY,
                f"Chủ tịch UBND phường {w}",
                "UBND",
                None,
            )
            for w in WARDS
        ]
        at_start = [x for x in specs + later if exists_on(x[0], first)]
        at_start += [x for x in specs if x not in at_start and exists_between(x[0], first, last)]
        for i, spec in enumerate(at_start, start=1):
            self.add(self.unit(spec, i))
        # The Provincial People's Committee: its row after the units above (its head comes with
        # the committee, build_province), drawing nothing, so adding it moved no id or value.
        self.units["ubnd"] = self.add(
            Unit(
                name=PROVINCIAL_UNIT_NAME,
                short_name=PROVINCIAL_UNIT_SHORT,
                kind=UnitKind.SECTOR,
                sort_order=0,  # ahead of the departments, which start at 1
                phone=PROVINCIAL_UNIT_PHONE,
                email=f"{fold(PROVINCIAL_UNIT_SYMBOL)}@{PROVINCE_DOMAIN}",
            )
        )
        start = date(self.d0.year - 3, 1, 1)
        for spec in at_start:
            key = spec[0]
            unit, head_pos = self.units[key], self.meta[key][0]
            unit.head = self.person(head_pos, key)
            self.heads[key] = [Post(unit.head, head_pos, key, unit.name, start)]
        created = [x for x in later if x not in at_start and exists_between(x[0], first, last)]
        for i, spec in enumerate(created, start=len(at_start) + 1):
            unit = self.unit(spec, i, self.aside)
            self.founded.append((since(spec[0]) or first, unit))
            # A ward's row comes with its chair's (late); a department's with its first head.
            if spec[0].startswith("p:"):
                self.late.append(unit)
            else:
                self.add(unit)
            self.heads[spec[0]] = []

    def head_on(self, key: str, d: date) -> Post:
        posts = self.heads[key]
        return next((p for p in posts if p.active_on(d)), posts[-1])

    def unit_on(self, key: str, d: date) -> str | None:
        """The key of the unit standing for ``key`` on ``d`` (see :func:`.reorg.key_on`)."""
        found = key_on(key, d)
        return found if found in self.units else None

    def build_province(self) -> None:
        """The Provincial People's Committee's head and its chair and vice-chair's unit."""
        head_pos = self.head.position
        unit = self.units["ubnd"]
        unit.head = self.head.person
        self.meta["ubnd"] = (head_pos, PROVINCIAL_UNIT_SYMBOL, None)
        self.heads["ubnd"] = [Post(self.head.person, head_pos, "ubnd", unit.name, self.head.start)]
        for seat in (self.head, self.deputy):
            seat.person.unit = unit

    # The named seats: the holder of the latest term (the current one).
    @property
    def head(self) -> Post:
        return self.last_seat("head")

    @property
    def deputy(self) -> Post:
        return self.last_seat("deputy")

    @property
    def sdeputy(self) -> Post:
        return self.last_seat("sdeputy")

    @property
    def standing(self) -> Post:
        return self.last_seat("standing")

    @property
    def secretary(self) -> Post:
        return self.last_seat("secretary")

    def last_seat(self, slot: str) -> Post:
        return [s for s in self.seats if s.slot == slot][-1]

    def seat_on(self, slot: str, d: date) -> Post:
        """The holder of a named seat on ``d``, as the roster of that day has them."""
        posts = [s for s in self.seats if s.slot == slot]
        return next((p for p in posts if p.active_on(d)), posts[-1])

    # ------------------------------------------------------------------ calendar

    def plan_regular(self) -> list[dict]:
        """The regular meetings: four past ones (every six months) and the next one."""
        regular = []
        for y in range(self.today.year - 3, self.today.year + 2):
            for half in (1, 2):
                base = date(y, 7, 6) if half == 1 else date(y + 1, 1, 5)
                when = working_day_on_or_after(base + timedelta(days=self.rng.randint(0, 7)))
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
            upcoming["when"], working_day_on_or_after(self.today + timedelta(days=10))
        )
        upcoming["planned"] = True
        return [*past, upcoming]
