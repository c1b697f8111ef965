"""The demo's activity between meetings: working-group sessions and reporting."""

from __future__ import annotations

import random
import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

from ..models import (
    AttendanceStatus,
    Conclusion,
    Frequency,
    GroupRole,
    OutputStatus,
    ParticipantRole,
    PersonKind,
    ReportingRegime,
    ReportingRound,
    SessionAttendanceDay,
    SessionOutput,
    SessionParticipant,
    Submission,
    Task,
    UnitKind,
    WorkingSession,
)
from ..text import decree_date
from ..working_group import participant_role
from .builder import (
    BaseBuilder,
    Post,
    add_working_days,
    dmy,
    is_working_day,
    notice_day,
    pct,
    working_day_on_or_after,
    working_day_on_or_before,
)
from .data_activity import (
    AD_HOC_ROUND_TITLE,
    NO_DVC,
    PARTIAL_ABSENCE_REASONS,
    RECEIVING_BODY,
    REGIMES,
    SESSION_NOTES,
    SESSIONS,
    SUMMARIES,
)
from .data_calendar import HOLIDAYS
from .data_meetings import ABSENCE_REASONS, PLACE_STANDING
from .data_reorg import DISTRICT_HEIRS, MERGED_INTO, TWO_LEVEL
from .reorg import drawn_on, exists_on, is_district, is_locality, until, wording_on

# Why the committee excused a report the 2025 reorganisation left unsent (:meth:`waiver`).
_WAIVED_MERGED = (
    "{unit} hợp nhất vào {heir} từ ngày {day}; nội dung báo cáo được tổng hợp trong báo cáo "
    "của {heir}."
)
# A district that went into another (thị xã Cửa Lò into thành phố Vinh, 1/12/2024): "nhập".
_WAIVED_INTO_DISTRICT = (
    "{town} nhập vào {city} từ ngày {day}; nội dung báo cáo được tổng hợp trong báo cáo của "
    "{heir}."
)
_WAIVED_DISTRICT = (
    "{unit} kết thúc hoạt động từ ngày {day} (tổ chức chính quyền địa phương hai cấp); "
    "Ban Chỉ đạo không yêu cầu nộp báo cáo kỳ này."
)
_WAIVED_DISTRICT_HEIR = (
    "{unit} kết thúc hoạt động từ ngày {day} (tổ chức chính quyền địa phương hai cấp); nội "
    "dung báo cáo được tổng hợp trong báo cáo của {heir}."
)
_WAIVED_REORGANISING = (
    "Đơn vị đang sắp xếp tổ chức bộ máy năm 2025; Ban Chỉ đạo đồng ý tổng hợp nội dung báo "
    "cáo kỳ này vào báo cáo kỳ tiếp theo."
)

# A report received late arrives 4 to 4 + LATE_SPAN days after its due date (spread evenly).
LATE_SPAN = 80

_SESSION_EXPERTS = [(0, 3), (1, 5), (0,), (2, 4, 5), (2, 4), (1, 3)]
_ROMAN = ["I", "II", "III", "IV"]
# Word pairs every title shares: they say nothing about what a session is about.
_COMMON_PAIRS = {"tỉnh nghệ", "nghệ an", "xây dựng", "dự thảo", "của tỉnh", "cơ quan"}


def _pairs(text: str) -> set[str]:
    """The text's pairs of consecutive words (Vietnamese words are syllables: a pair is
    closer to one meaning), lower case, without the common ones."""
    words = re.findall(r"\w+", text.casefold())
    return {f"{a} {b}" for a, b in pairwise(words)} - _COMMON_PAIRS


def _names_differ(a: str, b: str) -> bool:
    """Both name a system by its acronym, and not the same one: the SOC is not the IOC,
    however many words their descriptions share."""
    first, second = (set(re.findall(r"\(([A-Z0-9]{2,})\)", x)) for x in (a, b))
    return bool(first and second and not first & second)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _days_present(days: list[date], n: int, seed: str) -> list[date]:
    """The ``n`` days of ``days`` a participant was there. A generator of its own, seeded by
    the participant: the demo's main sequence of draws stays as it was."""
    if n >= len(days):
        return list(days)
    return sorted(random.Random(seed).sample(days, n))


def _partial_reason(kind: PersonKind | None, seed: str, used: set[str]) -> str:
    """Why someone missed some days of a session, by who they are, none given twice in one
    session while others are left (``used``): drawn by a generator of its own, seeded by the
    participant, so the demo's main sequence of draws stays as it was (the rest of the demo
    comes out as before)."""
    reasons = PARTIAL_ABSENCE_REASONS.get(
        kind.value if kind is not None else "", PARTIAL_ABSENCE_REASONS["official"]
    )
    left = [r for r in reasons if r not in used] or list(reasons)
    reason = random.Random(f"{seed}|lý do vắng").choice(left)
    used.add(reason)
    return reason


class ActivityMixin(BaseBuilder):
    """The working group's sessions and the reporting regimes, rounds and submissions."""

    # ------------------------------------------------------------------ working group sessions

    def build_sessions(self) -> None:
        rng = self.rng
        for (purpose, title, days, outputs), experts, notes in zip(
            SESSIONS, _SESSION_EXPERTS, SESSION_NOTES, strict=True
        ):
            starts = working_day_on_or_after(self.today - timedelta(days=days))
            n_days = rng.randint(3, 8)
            ends = add_working_days(starts, n_days - 1)
            # No holiday inside a session: an office does not convene a week's work across
            # Tết or 1/1 (the days-off calendar would leave those days out of its count).
            while off := [d for d in _days(starts, ends) if d in HOLIDAYS]:
                starts = working_day_on_or_after(off[-1])
                ends = add_working_days(starts, n_days - 1)
            # The Đề án is the one the expanded meeting discusses later (build_meetings).
            fmt = dict(y0=starts.year, plan=self.plan_start)
            leader = next(
                g for g in self.group if g.role == GroupRole.LEADER and g.active_on(starts)
            )
            ws = WorkingSession(
                purpose=purpose,
                title=title.format(**fmt),
                convened_by=leader.person,
                # Named as on the day, as the core copies a convener when a session is recorded.
                convener_position_snapshot=leader.position,
                convener_unit_snapshot=leader.unit_name,
                starts_on=starts,
                ends_on=ends,
                place=wording_on(PLACE_STANDING, starts),
                notes=notes,
            )
            # The draw that once numbered a note: kept, so the rest of the demo (every later
            # draw of the same generator) comes out as before.
            rng.randint(3, 90)
            self.add(ws)
            self.link_session(ws)
            work_days = [d for d in _days(starts, ends) if is_working_day(d)]
            active = [g for g in self.group if g.active_on(starts)]
            # The Tổ trưởng and Tổ phó always; the others in the order they joined.
            lead = (GroupRole.LEADER, GroupRole.DEPUTY_LEADER)
            core = sorted((g for g in active if g.role in lead), key=lambda g: lead.index(g.role))
            rest = [g for g in active if g.role not in lead]
            picked = {id(g) for g in rng.sample(rest, rng.randint(4, len(rest)))}
            chosen = core + [g for g in rest if id(g) in picked]
            # Each takes the role held on the first day (the Tổ phó is no plain member).
            posts = [(g, participant_role(GroupRole(g.role))) for g in chosen]
            for i in experts:
                p = self.experts[i]
                posts.append(
                    (
                        Post(p, p.position or "", None, p.unit.name if p.unit else "", starts),
                        ParticipantRole.EXPERT,
                    )
                )
            reasons: set[str] = set()  # the partial absences' reasons given in this session
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
                    part.absence_reason = rng.choice(ABSENCE_REASONS)
                elif r < 0.3:
                    part.days_present = n_days - rng.randint(1, 2)
                # The days themselves, as the attendance grid records them: days_present counts
                # them (the session's working days, as add_working_days counts them).
                seed = f"{ws.title}|{post.person.full_name}"
                if 0 < part.days_present < n_days:
                    # Why the days missed: kept as the grid's "Lý do vắng" keeps it.
                    part.absence_reason = _partial_reason(post.person.kind, seed, reasons)
                part.days = [
                    SessionAttendanceDay(day=d)
                    for d in _days_present(work_days, part.days_present or 0, seed)
                ]
                self.add(part)
            done: list[str] = []  # submitted or approved
            drafts: list[str] = []  # still being drafted or consulted on
            for kind, out_title, version, status in outputs:
                title = out_title.format(**fmt)
                state = OutputStatus(status)
                if state in (OutputStatus.SUBMITTED, OutputStatus.APPROVED):
                    done.append(title)
                elif state is not OutputStatus.WITHDRAWN:
                    drafts.append(title)
                self.add(
                    SessionOutput(
                        session=ws, kind=kind, title=title, version_label=version, status=state
                    )
                )
            # What the report's proposals quote: it must agree with the outputs' table above
            # them (it said "hoàn thành" of a draft).
            summary = f"Tổ công tác làm việc tập trung {n_days} ngày"
            if done:
                summary += f", hoàn thành: {'; '.join(done)}"
            if drafts:
                summary += f"{';' if done else ','} xây dựng dự thảo: {'; '.join(drafts)}"
            ws.result_summary = summary + "."

    def link_session(self, ws: WorkingSession) -> None:
        """What the session serves: the conclusion or task of an earlier meeting it shares the
        most word pairs with (at least two), the task when it says more than its conclusion."""
        mine = _pairs(ws.title)
        best: tuple[int, date, Conclusion | Task] | None = None
        for c in (r for r in self.rows if type(r) is Conclusion):
            held = c.meeting.starts_at.date()
            if held >= ws.starts_on:
                continue
            for target in (c, *c.tasks):
                text = target.text if isinstance(target, Conclusion) else target.content
                score = 0 if _names_differ(ws.title, text) else len(mine & _pairs(text))
                if score >= 2 and (best is None or (score, held) > best[:2]):
                    best = (score, held, target)
        if best is None:
            return
        target = best[2]
        if isinstance(target, Task):
            ws.task, ws.conclusion = target, target.conclusion
        else:
            ws.conclusion = target

    # ------------------------------------------------------------------ reporting

    def build_reporting(self) -> None:
        deps = [k for k, u in self.units.items() if u.kind == UnitKind.DEPARTMENT]

        def asked_on(
            groups: tuple[str, ...], on: date, test: Callable[[str, date], bool] = exists_on
        ) -> list[str]:
            """The units a round opened on ``on`` asks: those of that day (the app's rule:
            a round asks the regime's units active when it is opened). ``test`` drawn_on:
            with those the demo draws for though gone (Cửa Lò after 1/12/2024)."""
            standing = self.unit_on("stttt", on)
            by_group = {
                "dep": [k for k in deps if k != standing],
                "dvc": [k for k in deps if k not in NO_DVC],
                "loc": [k for k in self.units if is_locality(k)],
            }
            return [k for g in groups for k in by_group[g] if test(k, on)]

        for n, (name, freq, content, asked) in enumerate(REGIMES):
            regime = ReportingRegime(
                name=name,
                content=content,
                frequency=Frequency(freq),
                due_day=20,
                cutoff_day=15,
                receiving_body=wording_on(RECEIVING_BODY, self.today),
            )
            self.regimes.append(self.add(regime))
            if not asked:
                continue
            regime.units = [self.units[k] for k in asked_on(asked, self.today)]
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
                    # A round straddling the reorganisation is opened once the units are the
                    # new ones (they are the ones to report on the due date).
                    cutoff = date(y, last, 15)
                    # On a working day: a period starting on 1/1 is opened on the 2nd.
                    opened = max(
                        working_day_on_or_after(d)
                        for d in [start, *(e for e in self.events if e <= cutoff)]
                    )
                    rnd = ReportingRound(
                        regime=regime,
                        title=f"{name} {label}",
                        period_label=label,
                        period_start=start,
                        period_end=end,
                        cutoff_date=cutoff,
                        due_date=date(y, last, 20),
                        opened_on=opened,
                    )
                    self.add(rnd)
                    for key in asked_on(asked, opened, drawn_on):
                        self.submission(rnd, key, n, asked=exists_on(key, opened))

    def submission(
        self, rnd: ReportingRound, key: str, template: int, *, asked: bool = True
    ) -> None:
        """The report of ``key`` in ``rnd``. Not ``asked``: a unit gone by the day the round
        was opened that the demo drew a report for when it kept the unit longer (UBND thị xã
        Cửa Lò after 1/12/2024): the same draws, discarded, so the rest comes out the same."""
        rng, today, due = self.rng, self.today, rnd.due_date
        cutoff = rnd.cutoff_date or due - timedelta(days=5)
        received: date | None = None
        missing = 0.0
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
        number, summary = 0, ""
        if received is not None:
            received = self.received_on(key, received, due)
            number = rng.randint(20, 480)
            summary = SUMMARIES[template].format(
                p=pct(rng.uniform(45, 95)), q=pct(rng.uniform(60, 100)), n=rng.randint(4, 1500)
            )
        if not asked:
            return
        sub = Submission(round=rnd, unit=self.units[key], received_on=received)
        if received is None and (waived := self.waiver(key, due)) is not None:
            sub.waived_on, sub.waived_reason = waived
        if received is not None:
            sub.document_number = self.report_number(sub, key, received, number)
            sub.summary = summary
        elif due < today and sub.waived_on is None and r < missing:
            self.received_late(sub, key, template, r / missing)
        self.add(sub)

    def received_late(self, sub: Submission, key: str, template: int, u: float) -> None:
        """A report not in by its due date, as an office gets it: chased (Đôn đốc), it
        arrives some days to twelve weeks late; one whose day is still to come stays overdue,
        the handful the office is chasing now. ``u`` (0 ≤ u < 1) is the draw that left it
        unsent, rescaled: no new draw from the main sequence, and the number and summary come
        from a generator of the report's own, so the rest of the demo is unmoved. Not after
        its unit ended (the waiver or its successor's report covers it)."""
        due = sub.round.due_date
        late = working_day_on_or_after(due + timedelta(days=4 + int(u * LATE_SPAN)))
        end = until(key)
        if late > self.today or (end is not None and late >= end):
            return
        own = random.Random(f"{sub.round.title}|{key}")
        sub.received_on = self.received_on(key, late, due)
        sub.document_number = self.report_number(sub, key, sub.received_on, own.randint(20, 480))
        sub.summary = SUMMARIES[template].format(
            p=pct(own.uniform(45, 95)), q=pct(own.uniform(60, 100)), n=own.randint(4, 1500)
        )

    def report_number(self, sub: Submission, key: str, on: date, drawn: int) -> str:
        """The unit's number of its report received on ``on``: ``drawn`` for now, its place in
        the unit's series of the year at the end of the load (:mod:`.numbers`)."""
        symbol = self.meta[key][1]
        return self.numbering.quote(key, symbol, "BC", on, drawn, sub, "document_number")

    def waiver(self, key: str, due: date) -> tuple[date, str] | None:
        """How the office settled a report the reorganisation left unsent (due by the
        districts' end): excused (miễn nộp) a few working days after its unit stopped, its
        successor reporting for it, or, for a unit that went on (busy reorganising), some
        weeks after it was due, to be covered by its next report. An office does not chase
        such a report for two years. None for a later report (chased as usual) or a waiver
        that would fall after today. No draw: the demo's sequence stays as it was."""
        if due > TWO_LEVEL:
            return None
        end = until(key)
        unit = self.units[key].name
        if key in MERGED_INTO and end is not None:
            heir = self.units[MERGED_INTO[key][0]].name
            reason = _WAIVED_MERGED.format(unit=unit, heir=heir, day=dmy(end))
            if is_district(key):
                town, city = (x.removeprefix("UBND ") for x in (unit, heir))
                reason = _WAIVED_INTO_DISTRICT.format(
                    town=town[0].upper() + town[1:], city=city, heir=heir, day=dmy(end)
                )
        elif is_district(key) and end is not None:
            heir_key = DISTRICT_HEIRS.get(key)
            if heir_key in self.units:
                heir = self.units[heir_key].name
                reason = _WAIVED_DISTRICT_HEIR.format(unit=unit, heir=heir, day=dmy(end))
            else:
                reason = _WAIVED_DISTRICT.format(unit=unit, day=dmy(end))
        else:
            end, reason = None, _WAIVED_REORGANISING
        day = add_working_days(max(due, end or due), 8 if end is not None else 20)
        return (day, reason) if day <= self.today else None

    def received_on(self, key: str, received: date, due: date) -> date:
        """A report's day of receipt: a working day (the office records it on one, not on a
        Sunday), by today, and while its unit existed (a district's report of 6 tháng đầu
        2025 arrives by 30/06/2025, or never). One drawn on a day off is recorded the working
        day before when it was in on time (a report due on a Saturday came by Friday), else
        the next working day, if that is by today and the unit was still there."""
        end = until(key)
        if end is not None and received >= end:
            received = working_day_on_or_before(end - timedelta(days=1))
        if not is_working_day(received):
            after = working_day_on_or_after(received)
            ok = received > due and after <= self.today and (end is None or after < end)
            received = after if ok else working_day_on_or_before(received)
        return received

    def build_ad_hoc_rounds(self) -> list[tuple[ReportingRound, Conclusion]]:
        """Ad hoc requests, each tied to a conclusion notice of a regular meeting: the rounds,
        each with the conclusion it is to link to once that has its id. Made before the rows
        are written (their reports are numbered with the others, :mod:`.numbers`), they go
        under their regime (the last) with that link after the first flush, which leaves them
        out: each row is written once, as it stays."""
        linked = []
        for m in self.final_regulars[-2:]:
            when = m.starts_at.date()
            # The notice the register will hold (documents/demo.py issues one per meeting with
            # final minutes, 3 working days after it, numbered per year in date order): the
            # request cites that one.
            issued = notice_day(m.starts_at, m.ends_at)
            number = sum(
                1
                for f in self.finals
                if f.conclusions  # only those get a notice (core/demo due_documents)
                and f.starts_at <= m.starts_at
                and notice_day(f.starts_at, f.ends_at).year == issued.year
            )
            notice = f"{number:02d}/TB-BCĐ"
            asked = working_day_on_or_after(max(when + timedelta(days=5), issued))
            rnd = ReportingRound(
                title=AD_HOC_ROUND_TITLE.format(notice=notice),
                period_label=f"Theo Thông báo số {notice}",
                requested_on=asked,
                opened_on=asked,
                due_date=working_day_on_or_after(asked + timedelta(days=30)),
                request_reference=f"Thông báo số {notice} ngày {decree_date(issued)}",  # as cited
            )
            self.add(rnd)
            linked.append((rnd, m.conclusions[0]))
            keys: list[str] = []
            for c in m.conclusions:
                for t in c.tasks:
                    key = next(k for k, u in self.units.items() if u is t.assignee_unit)
                    key = self.unit_on(key, asked) or key
                    if key not in keys:
                        keys.append(key)
            for key in keys:
                self.submission(rnd, key, 3)
        return linked
