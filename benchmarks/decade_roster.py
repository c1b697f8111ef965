"""The ten years' units, people and committee terms, as rows for the benchmarks' database."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta
from typing import Any

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
    LEVEL_SHORT,
    LOCALITIES,
    UNITS,
)
from bdcq_desktop.core.models import (
    AgendaItem,
    CommitteeMembership,
    CommitteeRole,
    Conclusion,
    GroupMembership,
    GroupRole,
    Honorific,
    Invitee,
    IssuedDocument,
    Meeting,
    Minutes,
    Person,
    PersonKind,
    ReportingRegime,
    ReportingRound,
    SessionOutput,
    SessionParticipant,
    Submission,
    Task,
    Unit,
    UnitKind,
    WorkingSession,
)

from .decade_basis import COMMUNES, END, STAFF_POSITIONS, STAMP, START, TERMS, Scale, weekday


class Roster:
    """Rows as dicts per model, ids assigned here so every reference is known up front: the
    units, the people and the committee's terms (:class:`.decade.Tables` adds what they do)."""

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
            weekday(START + timedelta(days=span * t // TERMS)) for t in range(TERMS)
        ]
        self.term_seats: list[list[tuple[int, int, str]]] = []  # (person, unit, position)
        self.term_groups: list[list[int]] = []  # the working group of each term, leader first
        group_size = min(len(GROUP) + 5, len(self.staff) // (TERMS + 1))
        for t, on in enumerate(self.term_starts):
            last = t == TERMS - 1
            end = None if last else self.term_starts[t + 1]
            # A term's end date is its last day: the next term starts the day after, as the
            # app's reorganisation does (one holder per seat, never two Heads on one day).
            last_day = None if end is None else end - timedelta(days=1)
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
                    end_date=last_day,
                    end_decision_number=None if last else f"{end.timetuple().tm_yday * 12}/QĐ-UBND",
                    end_decision_date=end,
                    position_at_start=position,
                    sort_order=k + 1,
                )
            self.term_seats.append(seats)
            first = TERMS + t * group_size
            self.term_groups.append(self.staff[first : first + group_size])
            for g, person in enumerate(self.term_groups[-1]):
                self.add(
                    GroupMembership,
                    person_id=person,
                    role=GroupRole.LEADER if g == 0 else GroupRole.MEMBER,
                    field=GROUP[g % len(GROUP)][2],
                    decision_number=f"{t + 1:02d}/QĐ-BCĐ",
                    decision_date=on,
                    start_date=on,
                    end_date=last_day,
                    position_at_start=self.t[Person][person - 1]["position"],
                    sort_order=g + 1,
                )

    def term_of(self, d: date) -> int:
        return max(t for t, on in enumerate(self.term_starts) if on <= d)

    # ----------------------------------------------------------------------- meetings
