"""The demo's meetings: schedule, invitees and attendance, agenda, minutes, conclusions, tasks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..models import (
    AgendaItem,
    AttendanceStatus,
    CommitteeRole,
    Conclusion,
    Honorific,
    Invitee,
    InviteeCategory,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    TaskSource,
)
from .builder import (
    Post,
    dmy,
    pct,
    working_day_on_or_after,
    working_day_on_or_before,
)
from .data_conclusions import CONCLUSION_POOL
from .data_follow_ups import FOLLOW_UPS
from .data_meetings import (
    ABSENCE_REASONS,
    AD_HOC_TASKS,
    DISCUSSION_POINTS,
    FACTS,
    OTHER_MEETINGS,
)
from .reorg import wording_on
from .tasks import TasksMixin

_ROLE_LABEL = {
    CommitteeRole.HEAD: "Trưởng Ban Chỉ đạo",
    # As the documents name the chair (documents.meeting_data): "Thường trực" is part of the
    # title, capitalised (Decree 30), and the body's name follows it.
    CommitteeRole.STANDING_DEPUTY_HEAD: "Phó Trưởng ban Thường trực Ban Chỉ đạo",
    CommitteeRole.DEPUTY_HEAD: "Phó Trưởng Ban Chỉ đạo",
}
_PROVINCIAL = ("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh")  # nobody sits in for them
_SUBSTITUTABLE = ("Giám đốc", "Chánh", "Chủ tịch", "Cục trưởng", "Chỉ huy", "Hiệu trưởng", "Trưởng")


class MeetingsMixin(TasksMixin):
    """The committee's meetings: invitees and attendance, agenda, minutes, conclusions; the
    tasks their conclusions give are made by :class:`.tasks.TasksMixin`."""

    def schedule(self) -> list[dict]:
        """Dates of every meeting: the regular ones and the others, kept apart."""
        taken = [r["when"] for r in self.regular]

        def clash(d: date) -> bool:
            near_reorg = self.d1 - timedelta(days=7) <= d <= self.g1 + timedelta(days=7)
            return near_reorg or any(abs((d - t).days) <= 5 for t in taken)

        others = []
        for spec in OTHER_MEETINGS:
            spec = dict(spec)
            step = -3 if spec["days"] > 0 else 2
            d = self.today - timedelta(days=spec["days"])
            d = working_day_on_or_before(d) if step < 0 else working_day_on_or_after(d)
            while clash(d):
                d += timedelta(days=step)
                d = working_day_on_or_before(d) if step < 0 else working_day_on_or_after(d)
            spec["when"] = d
            taken.append(d)
            others.append(spec)
        return sorted([*self.regular, *others], key=lambda m: m["when"])

    def units_on(self, keys: list[str], d: date) -> list[str]:
        """The units standing for ``keys`` on ``d``, once each (two merged into one: one)."""
        out: list[str] = []
        for key in keys:
            k = self.unit_on(key, d)
            if k is not None and k not in out:
                out.append(k)
        return out

    def committee_on(self, d: date) -> list[Post]:
        active = [s for s in self.seats if s.active_on(d)]
        return sorted(active, key=lambda s: s.membership.sort_order if s.membership else 0)

    def build_meetings(self) -> None:
        self.pool = list(range(len(CONCLUSION_POOL)))
        self.rng.shuffle(self.pool)
        schedule = self.schedule()
        # The Đề án is for the years after the meeting that discusses its draft.
        self.plan_start = next(m for m in schedule if m["key"] == "X1")["when"].year + 1
        for spec in schedule:
            self.meeting(spec)
        for days, by, content, key, focal in AD_HOC_TASKS:
            on = working_day_on_or_before(self.today - timedelta(days=days))
            chair = self.seat_on(by, on)
            text = wording_on(content, on)
            self.task(None, 0, text, key, focal, chair.person, on, TaskSource.AD_HOC)

    def presenter(
        self, code: str | None, when: date, chair: Post
    ) -> tuple[Post | None, str | None]:
        if code is None:
            return None, None
        if code == "chair":
            return chair, None
        if code == "standing":
            standing = self.seat_on("standing", when)
            return standing, standing.unit_key
        if code.startswith("expert:"):
            p = self.experts[int(code[7:])]
            key = next(k for k, u in self.units.items() if u is p.unit)
            return Post(p, p.position or "", key, p.unit.name if p.unit else "", when), key
        key = self.unit_on(code[5:], when)
        assert key is not None, code
        return self.head_on(key, when), key

    def meeting(self, spec: dict) -> None:
        rng, when = self.rng, spec["when"]
        chair = self.seat_on(spec["chair"], when)
        standing, secretary = self.seat_on("standing", when), self.seat_on("secretary", when)
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
            title=wording_on(spec["title"].format(plan=self.plan_start), when),
            called_by=chair.person,
            chair=chair.person,
            secretary=secretary.person,
            # Named as on the day, as the core copies them when a meeting is recorded.
            chair_position_snapshot=chair.position,
            chair_unit_snapshot=chair.unit_name,
            secretary_position_snapshot=secretary.position,
            secretary_unit_snapshot=secretary.unit_name,
            proposed_by=standing.person if spec.get("proposed") else None,
            starts_at=starts,
            ends_at=ends,
            place=wording_on(spec["place"], when),
            status=status,
        )
        if spec.get("proposed"):
            # The standing member's proposal, some days before the convocation.
            asked = working_day_on_or_before(min(when - timedelta(days=12), self.today))
            by = standing.unit_key or "stttt"
            cited = self.numbering.quote(
                by, self.meta[by][1], "TTr", asked, rng.randint(20, 240), m, "notes"
            )
            m.notes = (
                "Họp theo đề xuất của Thành viên Thường trực tại Tờ trình số "
                f"{cited} ngày {dmy(asked)}."
            )
        elif status == MeetingStatus.CANCELLED:
            m.cancel_reason = (
                "Hoãn do Trưởng ban bận công tác đột xuất; sẽ bố trí lịch làm việc sau."
            )
        elif m.kind == MeetingKind.EXPANDED:
            m.notes = "Mời thêm lãnh đạo các cơ quan liên quan và chuyên gia, nhà khoa học."
        self.add(m)

        agenda = [(wording_on(t, when), p, n) for t, p, n in spec["agenda"]]
        if spec["kind"] == "regular" and rng.random() < 0.5:
            del agenda[rng.choice([2, 3])]
        presenters = [self.presenter(code, when, chair) for _, code, _ in agenda]

        # Invitees: (post, category, unit key for agency heads).
        people: list[tuple[Post, InviteeCategory, str | None]] = []
        if spec["kind"] == "briefing":
            units = self.units_on(spec.get("units", []), when)
            seats = [
                s
                for s in self.committee_on(when)
                if s is chair
                or s is standing
                or s is secretary
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
                for k in self.units_on(spec.get("agencies", []), when)
            ]
            if spec["kind"] == "expanded":
                people += [
                    (
                        Post(p, p.position or "", None, p.unit.name if p.unit else "", when),
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
            if post is secretary:
                # Not invited: the committee's Secretary serves the meeting as its secretary,
                # as "invite the committee" leaves them out (core.meeting_secretary). The draw
                # their attendance took is still drawn, so that everything after it (the
                # others' attendance, the minutes, the tasks) stays the demo it was.
                if held:
                    self.rng.random()
                continue
            if id(post.person) in seen:
                continue
            seen.add(id(post.person))
            role = (
                "Chủ trì"
                if post.person is chair.person
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
                # One presenter, as the agenda form keeps it: the person, else the unit.
                presenter_person=post.person if post else None,
                # Named as on the day, as the core copies a presenter when the agenda is saved.
                presenter_position_snapshot=post.position if post else None,
                presenter_unit_snapshot=post.unit_name if post else None,
                presenter_unit=self.units[key] if key and not post else None,
            )
            if held:
                item.minutes_text = self.item_text(title, post, chair, secretary, invitees, when)
            self.add(item)
        if not held:
            return
        self.minutes(m, chair, secretary, invitees, status == MeetingStatus.MINUTES_FINAL)
        if status == MeetingStatus.MINUTES_FINAL:
            self.finals.append(m)
        if m.kind == MeetingKind.REGULAR and status == MeetingStatus.MINUTES_FINAL:
            self.final_regulars.append(m)
        chosen = list(spec["conclusions"])
        want = rng.randint(3, 6) if m.kind == MeetingKind.REGULAR else rng.randint(3, 4)
        # Drawn again (the pool goes round about twice in two years): its follow-up, not the
        # same words, as if a task reported done were given once more. The pool goes round in
        # order, so once its first has been drawn twice every one has: no third time.
        while len(chosen) < want and self.pool_uses.get(self.pool[0], 0) < 2:
            i = self.pool[0]
            uses = self.pool_uses.get(i, 0)
            self.pool_uses[i] = uses + 1
            chosen.append(CONCLUSION_POOL[i] if uses == 0 else FOLLOW_UPS[i])
            self.pool.append(self.pool.pop(0))
        next_year = when.year + 1 if when.month >= 7 else when.year
        for i, (text, tasks) in enumerate(chosen, start=1):
            text = wording_on(text.format(next_year=next_year), when)
            c = Conclusion(meeting=m, position=i, text=text)
            self.add(c)
            for j, (content, key, focal) in enumerate(tasks, start=1):
                self.task(
                    c,
                    j,
                    wording_on(content.format(next_year=next_year), when),
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
            inv.absence_reason = self.rng.choice(ABSENCE_REASONS)
        else:
            inv.attendance = AttendanceStatus.ABSENT
            inv.absence_reason = self.rng.choice(ABSENCE_REASONS)

    def item_text(
        self,
        title: str,
        post: Post | None,
        chair: Post,
        secretary: Post,
        invitees: list[Invitee],
        when: date,
    ) -> str:
        rng = self.rng
        present = [i for i in invitees if i.attendance == AttendanceStatus.PRESENT]
        if post is None:
            speakers = [
                i
                for i in present
                if i.person is not None and i.person not in (chair.person, secretary.person)
            ][:8]
            names = [
                f"{'Bà' if i.person.honorific == Honorific.BA else 'Ông'} "
                f"{i.name_snapshot} ({i.position_snapshot})"
                for i in rng.sample(speakers, min(len(speakers), rng.randint(2, 3)))
            ]
            points = rng.sample(DISCUSSION_POINTS, 2)
            return (
                f"Có {len(names)} ý kiến phát biểu: {'; '.join(names)}. Các ý kiến thống nhất "
                f"với nội dung báo cáo, đề nghị {points[0]} và {points[1]}."
            )
        if post is chair:
            return "Đồng chí chủ trì kết luận các nội dung như sau:"
        if title.startswith(("Ý kiến", "Đề xuất")):
            return f"{post.label} phát biểu, đề nghị {rng.choice(DISCUSSION_POINTS)}."
        if title.startswith("Khai mạc"):
            subst = sum(i.attendance == AttendanceStatus.SUBSTITUTE for i in invitees)
            return (
                f"{post.label} tuyên bố lý do, giới thiệu thành phần; có {len(present)}/"
                f"{len(invitees)} đại biểu dự họp, {subst} đại biểu dự thay."
            )
        f = max(0.0, min(1.0, (when - self.today + timedelta(days=730)).days / 730))
        values = dict(
            p1=pct(28 + 45 * f + rng.uniform(-3, 3)),
            p2=pct(40 + 45 * f + rng.uniform(-3, 3)),
            p3=pct(82 + 16 * f + rng.uniform(-1, 1)),
            n1=12 + int(20 * f),
            n2=f"{rng.randint(800, 3200):,}".replace(",", "."),
        )
        facts = " ".join(t.format(**values) for t in rng.sample(FACTS, 2))
        return f"{post.label} trình bày. {facts}"

    def minutes(
        self, m: Meeting, chair: Post, secretary: Post, invitees: list[Invitee], final: bool
    ) -> None:
        count = {a: sum(i.attendance == a for i in invitees) for a in AttendanceStatus}
        role = _ROLE_LABEL.get(chair.role, "Trưởng Ban Chỉ đạo")  # type: ignore[arg-type]
        opened = m.starts_at + timedelta(minutes=5)
        closed = max(opened, (m.ends_at or m.starts_at) - timedelta(minutes=10))
        mins = Minutes(
            meeting=m,
            opened_at=opened,
            closed_at=closed,
            opening_text=(
                f"Thời gian: {opened:%H} giờ {opened:%M} ngày {dmy(opened.date())}.\n"
                f"Địa điểm: {m.place}.\nChủ trì: {chair.label}, {role}.\n"
                f"Thư ký: {secretary.label}.\nThành phần: {count[AttendanceStatus.PRESENT]} "
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
            day = working_day_on_or_after(closed.date() + timedelta(days=self.rng.randint(2, 6)))
            mins.finalised_at = datetime.combine(day, time(16, self.rng.choice([0, 15, 30])))
        self.add(mins)
