"""The demo's committee and working group through their decisions: the founding decision, the
2025 reorganisation at its real dates (departments merged, districts gone) and a kiện toàn a
year ago, recorded as the application records them (core.units.merge_in / retire_in for the
units, core.memberships.end_in and new terms for a quyết định kiện toàn).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..memberships import end_in
from ..models import CommitteeMembership, CommitteeRole, GroupMembership, GroupRole, PersonKind
from .builder import BaseBuilder, Post, dmy, working_day_on_or_after, working_day_on_or_before
from .data_people import (
    DEPUTY_FIELD,
    EXPERTS,
    GROUP,
    GROUP_REPLACED,
    HEAD_FIELD,
    MEMBERS,
    REPLACED,
    SECRETARY_FIELD,
    STANDING_DEPUTY_FIELD,
    STANDING_FIELD,
)
from .data_reorg import (
    HEAD_MOVES,
    HEAD_REPLACED,
    MERGED_INTO,
    TWO_LEVEL,
    WARD_GROUP_MEMBER,
    WARD_MEMBERS,
)
from .data_units import PROVINCIAL_UNIT_NAME
from .reorg import EVENTS, Seat, is_district, seats_after, until

_ROLES = {
    "head": CommitteeRole.HEAD,
    "deputy": CommitteeRole.DEPUTY_HEAD,
    "sdeputy": CommitteeRole.STANDING_DEPUTY_HEAD,
    "standing": CommitteeRole.STANDING_MEMBER,
    "secretary": CommitteeRole.SECRETARY,
}


def _renamed(position: str, old: str, new: str) -> str:
    return position.replace(old, new)



def signed(day: date) -> date:
    """The day a decision taking effect on ``day`` was signed: that day, or the working day
    before when it is a day off (the merger took effect on Saturday 1/3/2025; its decisions
    were signed on the Friday)."""
    return working_day_on_or_before(day)

class RosterMixin(BaseBuilder):
    """Units' heads, the committee and the working group, through the reorganisations."""

    # ------------------------------------------------------------------ decisions

    def qd(self, d: date) -> str:
        """A decision of the Provincial People's Committee (a dozen a day, numbered per year)."""
        return f"{d.timetuple().tm_yday * 12 + self.rng.randint(0, 36)}/QĐ-UBND"

    def qd_aside(self, d: date) -> str:
        return f"{d.timetuple().tm_yday * 12 + self.aside_of(d).randint(0, 36)}/QĐ-UBND"

    # ------------------------------------------------------------------ people moving

    def staff_on(self, slot: str, d: date) -> Post:
        posts = self.staff[slot]
        return next((p for p in posts if p.active_on(d)), posts[-1])

    def move(self, post: Post, key: str, position: str, day: date) -> Post:
        """``post``'s holder takes ``position`` in unit ``key`` from ``day``."""
        post.end = day
        p = post.person
        self.edit(p, day, position=position, unit=self.units[key])
        return Post(p, position, key, self.units[key].name, day)

    def chair_leaves(self, key: str, day: date, why: str) -> None:
        """The chair of district ``key`` leaves with it on ``day`` ("Nguyên Chủ tịch …")."""
        post = self.heads[key][-1]
        post.end = day
        note = f"Thôi giữ chức vụ khi {why} ({dmy(day)})."
        self.edit(post.person, day, position=f"Nguyên {post.position}", notes=note)

    def move_people(self, day: date) -> None:
        """The units and people of the reorganisation of ``day``: merged units and their heads,
        the named seats' holders whose unit merged, the districts and their chairs, the wards
        and theirs."""
        merged = [k for k, (_, d) in MERGED_INTO.items() if d == day and k in self.units]
        for key in merged:
            target = MERGED_INTO[key][0]
            self.merges.append((self.units[key], self.units[target], day))
            if is_district(key):  # thị xã Cửa Lò into thành phố Vinh: its chair's office ends
                town, city = (self.units[k].name.removeprefix("UBND ") for k in (key, target))
                self.chair_leaves(key, day, f"{town} nhập vào {city}")
        merged_departments = [k for k in merged if not is_district(k)]
        for key in [
            *merged_departments,
            *(k for k in HEAD_REPLACED if HEAD_REPLACED[k] in merged_departments),
        ]:
            target = MERGED_INTO[key][0] if key in MERGED_INTO else key
            position, heads = HEAD_MOVES[key]
            old = self.head_on(key, day - timedelta(days=1))
            new = self.move(old, target, position, day)
            if heads:
                self.heads[target].append(new)
                self.edit(self.units[target], day, head=new.person)
        for posts in self.staff.values():
            post = posts[-1]
            if post.unit_key in merged:
                target = MERGED_INTO[post.unit_key][0]
                position = _renamed(post.position, post.unit_name, self.units[target].name)
                posts.append(self.move(post, target, position, day))
        if day != TWO_LEVEL:
            return
        for key, unit in self.units.items():
            if is_district(key) and until(key) == day:  # not one merged before (Cửa Lò)
                self.merges.append((unit, None, day))
                self.chair_leaves(key, day, "chính quyền cấp huyện kết thúc hoạt động")
            elif key.startswith("p:") and not self.heads[key]:
                head_pos = self.meta[key][0]
                unit.head = self.person(head_pos, key, aside=True)
                self.heads[key] = [Post(unit.head, head_pos, key, unit.name, day)]

    # ------------------------------------------------------------------ committee

    def seat(
        self, spec: Seat, post: Post, decision: str, on: date, after: Post | None = None
    ) -> Post:
        """A term on the committee from ``on``; ``after``: the term it follows, whose place
        in the roster's order it takes (else it goes last)."""
        role = _ROLES.get(spec.slot, CommitteeRole.MEMBER)
        m = CommitteeMembership(
            person=post.person,
            role=role,
            field=spec.field,
            area=spec.area,
            decision_number=decision,
            decision_date=signed(on),
            start_date=on,
            position_at_start=post.position,
            sort_order=spec.order,
        )
        # A person the reorganisation added: their term's row comes with theirs (late).
        (self.late if post.person in self.late else self.rows_of(on)).append(m)
        seat = Post(
            post.person, post.position, post.unit_key, post.unit_name, on, None, role, m, spec
        )
        self.seats.insert(self.seats.index(after) + 1 if after else len(self.seats), seat)
        return seat

    def holder(self, spec: Seat, on: date) -> Post:
        if spec.holder == "head":
            assert spec.key is not None
            return self.head_on(spec.key, on)
        return self.staff_on(spec.holder, on)

    def leave(self, seat: Post, day: date, decision: str) -> None:
        """The term ends the day before the decision takes effect (its last day), so the
        roster of ``day`` has one holder per seat (membership_rules)."""
        seat.end = day
        assert seat.membership is not None
        end_in(seat.membership, day - timedelta(days=1), decision, signed(day))

    def build_committee(self) -> None:
        d0 = self.d0
        dec0, dec1 = self.qd(d0), self.qd(self.d1)
        prov = PROVINCIAL_UNIT_NAME
        skey = self.unit_on("stttt", d0)
        assert skey is not None
        agency = self.units[skey].name
        pgd, sec_pos = f"Phó Giám đốc {agency}", "Chuyên viên Phòng Công nghệ thông tin"
        for slot, position, key, unit_name in (
            ("chair", "Chủ tịch UBND tỉnh", None, prov),
            ("vice", "Phó Chủ tịch UBND tỉnh", None, prov),
            ("standing", pgd, skey, agency),
            ("secretary", sec_pos, skey, agency),
        ):
            self.staff[slot] = [Post(self.person(position, key), position, key, unit_name, d0)]
        specs = [
            Seat("head", None, HEAD_FIELD, "Toàn tỉnh", 1, "chair"),
            # The decision lists the Phó Trưởng ban Thường trực right after the Head (order 2),
            # as the roster ranks him; the seats are made in this order so that the people and
            # terms keep the ids they had before he held the role.
            Seat("deputy", None, DEPUTY_FIELD, "Toàn tỉnh", 3, "vice"),
            Seat("sdeputy", "stttt", STANDING_DEPUTY_FIELD, "Toàn tỉnh", 2),
            Seat("standing", "stttt", STANDING_FIELD, "Thị xã Cửa Lò", 4, "standing"),
            *(Seat(f"m:{k}", k, f, a, i) for i, (k, f, a) in enumerate(MEMBERS, start=10)),
            Seat("secretary", "stttt", SECRETARY_FIELD, None, 99, "secretary"),
        ]
        # A reorganisation before the two years: its roster is the one they start with.
        for day in (e for e in EVENTS if e <= d0):
            specs = self.roster_after(specs, day)
        specs = [s for s in specs if s.key is None or s.key in self.units]
        for spec in specs:
            self.seat(spec, self.holder(spec, d0), dec0, d0)
        for day in sorted([*self.events, self.d1]):
            if day == self.d1:
                self.replace_members(dec1)
            else:
                self.move_people(day)
                self.reorganise(day)

    def roster_after(self, specs: list[Seat], day: date) -> list[Seat]:
        out = seats_after(specs, day, HEAD_MOVES)
        if day == TWO_LEVEL:
            start = max(s.order for s in out if s.slot != "secretary") + 1
            out += [Seat(f"m:{k}", k, f, a, start + i) for i, (k, f, a) in enumerate(WARD_MEMBERS)]
        return out

    def reorganise(self, day: date) -> None:
        """The quyết định kiện toàn that took the reorganisation of ``day`` into the roster:
        who leaves, who stays in a new position, unit, field or area, who joins."""
        decision = self.qd_aside(day)
        current = [s for s in self.seats if s.active_on(day - timedelta(days=1))]
        after = {s.slot: s for s in self.roster_after([s.seat for s in current if s.seat], day)}
        for seat in current:
            spec = after.pop(seat.slot, None)
            if spec is None:
                self.leave(seat, day, decision)
                continue
            post = self.holder(spec, day)
            same = post.person is seat.person and post.position == seat.position
            if spec != seat.seat or not same:
                self.leave(seat, day, decision)
                self.seat(spec, post, decision, day, seat if self.added_later(day) else None)
        for spec in after.values():
            if spec.key in self.units:
                self.seat(spec, self.holder(spec, day), decision, day)

    def replace_members(self, decision: str) -> None:
        """The kiện toàn a year ago: heads who retired or moved leave, the new heads join."""
        day = self.d1
        for key, (new_position, new_unit, note) in REPLACED.items():
            k = self.unit_on(key, day)
            members = (s for s in self.seats if s.slot.startswith("m:") and s.active_on(day))
            old = next((s for s in members if s.unit_key == k), None)
            if old is None or k is None:
                continue
            self.leave(old, day, decision)
            head = self.head_on(k, day)
            head.end = day
            person = old.person
            self.edit(
                person,
                day,
                position=new_position or f"Nguyên {old.position}",
                unit=self.units[new_unit] if new_unit else None,
                notes=note,
            )
            unit = self.units[k]
            self.edit(unit, day, head=self.person(self.meta[k][0], k))
            post = Post(unit.head, self.meta[k][0], k, unit.name, day)
            self.heads[k].append(post)
            assert old.seat is not None
            self.seat(old.seat, post, decision, day)

    # ------------------------------------------------------------------ working group

    def join(self, post: Post, spec: Seat, role: GroupRole, on: date, decision: str) -> Post:
        m = GroupMembership(
            person=post.person,
            role=role,
            decision_number=decision,
            decision_date=signed(on),
            start_date=on,
            position_at_start=post.position,
            sort_order=spec.order,
            field=spec.field,
        )
        (self.late if post.person in self.late else self.rows).append(m)
        gp = Post(
            post.person, post.position, post.unit_key, post.unit_name, on, None, role, m, spec
        )
        self.group.append(gp)
        return gp

    def build_group(self) -> None:
        g0 = working_day_on_or_after(self.d0 + timedelta(days=14))
        g1 = self.g1
        # The committee's own decisions: a handful a year.
        dec0 = f"{g0.month + self.rng.randint(0, 3):02d}/QĐ-BCĐ"
        dec1 = f"{g1.month + self.rng.randint(0, 3):02d}/QĐ-BCĐ"
        leader = Seat("g:leader", None, "Điều hành chung Tổ công tác", None, 1, "standing")
        self.join(self.staff_on("standing", g0), leader, GroupRole.LEADER, g0, dec0)
        for i, (key, position, field) in enumerate(GROUP):
            k = self.unit_on(key, g0)
            if k is None:  # a district gone before the group was set up
                k, position, field = WARD_GROUP_MEMBER
            spec = Seat(f"g:{i}", k, field, None, i + 2, "")
            post = Post(self.person(position, k), position, k, self.units[k].name, g0)
            role = GroupRole.DEPUTY_LEADER if i == 0 else GroupRole.MEMBER
            self.join(post, spec, role, g0, dec0)
        for kind, key, position in EXPERTS:
            self.experts.append(
                self.person(
                    position,
                    key,
                    kind=PersonKind(kind),
                    notes="Chuyên gia được Tổ công tác huy động khi cần.",
                )
            )
        for day in sorted([*(e for e in self.events if e > g0), g1]):
            if day == g1:
                self.replace_group_member(dec1)
            else:
                self.reorganise_group(day)
        self.rows.extend(self.late)
        self.rows.extend(self.trailing)

    def replace_group_member(self, decision: str) -> None:
        day = self.g1
        gp = next(g for g in self.group if g.slot == f"g:{GROUP_REPLACED}" and g.active_on(day))
        assert gp.membership is not None and gp.seat is not None
        gp.end = day
        end_in(gp.membership, day - timedelta(days=1), decision, signed(day))
        self.edit(gp.person, day, notes="Chuyển công tác khác.")
        k = gp.unit_key or ""
        new = Post(self.person(gp.position, k), gp.position, k, gp.unit_name, day)
        self.join(new, gp.seat, GroupRole.MEMBER, day, decision)

    def reorganise_group(self, day: date) -> None:
        """The committee's decision re-forming the working group after the reorganisation of
        ``day``: a member whose unit merged stays under the new unit, the district's member
        leaves and a ward's joins."""
        members = [g for g in self.group if g.active_on(day - timedelta(days=1))]
        standing = self.staff_on("standing", day)
        if not any(
            standing.position != g.position
            if g.seat and g.seat.holder == "standing"
            else g.unit_key is not None and until(g.unit_key) == day
            for g in members
        ):
            return  # no member's unit or post changed that day (1/12/2024): no decision
        decision = f"{day.month + self.aside_of(day).randint(0, 3):02d}/QĐ-BCĐ"
        for gp in members:
            assert gp.membership is not None and gp.seat is not None
            role = GroupRole(gp.role)
            if gp.seat.holder == "standing":
                post = self.staff_on("standing", day)
                if post.position == gp.position:
                    continue
            elif gp.unit_key and until(gp.unit_key) == day:
                target = MERGED_INTO.get(gp.unit_key, (None, day))[0]
                if target is None:
                    gp.end = day
                    end_in(gp.membership, day - timedelta(days=1), decision, signed(day))
                    note = "Thôi tham gia Tổ công tác khi cấp huyện kết thúc hoạt động."
                    self.edit(gp.person, day, notes=note)
                    k, position, field = WARD_GROUP_MEMBER
                    spec = replace(gp.seat, key=k, field=field)
                    person = self.person(position, k, aside=True)
                    new = Post(person, position, k, self.units[k].name, day)
                    self.join(new, spec, GroupRole.MEMBER, day, decision)
                    continue
                old_name, new_name = gp.unit_name, self.units[target].name
                post = self.move(
                    Post(gp.person, gp.position, gp.unit_key, gp.unit_name, gp.start),
                    target,
                    _renamed(gp.position, old_name, new_name),
                    day,
                )
            else:
                continue
            gp.end = day
            end_in(gp.membership, day - timedelta(days=1), decision, signed(day))
            self.join(post, replace(gp.seat, key=post.unit_key), role, day, decision)
