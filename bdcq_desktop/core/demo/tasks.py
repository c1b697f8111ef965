"""The demo's tasks: each conclusion's tasks with their deadlines, statuses and reports, kept
to the units of their day (moved out of :mod:`.meetings`, whose mixin builds on this one)."""

from __future__ import annotations

from datetime import date, timedelta

from ..models import CommitteeRole, Conclusion, Person, Task, TaskSource, TaskStatus
from .builder import (
    dmy,
    is_working_day,
    working_day_on_or_after,
    working_day_on_or_before,
)
from .data_calendar import HOLIDAYS
from .data_reorg import TWO_LEVEL, TWO_LEVEL_DECIDED
from .reorg import drawn_on, is_district, is_locality, wording_on
from .task_acts import STOP_REASONS, STOPPED_BY_HEAD, TaskActsMixin, review_words

# An overdue task is reviewed at the first regular meeting held this long after its deadline:
# by then the office has chased it (the reminders) and the chair settles it there.
REVIEW_AFTER = timedelta(days=60)


class TasksMixin(TaskActsMixin):
    """The tasks the demo gives, one at a time: :meth:`task`."""

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
            # Drawn among the localities the demo once kept (Cửa Lò until 1/7/2025): one gone
            # by ``on`` gives its task to the unit that received it (Cửa Lò's to Vinh, below),
            # and the draw, the same, leaves every later one as it was.
            key = rng.choice([k for k in self.units if is_locality(k) and drawn_on(k, on)])
        # The unit of the day: a task given to a unit merged since stays with it (the
        # views chase it, while open, from the unit that received it: core.succession).
        key = self.unit_on(key, on) or key
        focal = self.unit_on(focal, on) if focal else None
        unit = self.units[key]
        member = next(
            (
                s.person
                for s in self.seats
                if s.unit_key == key and s.active_on(on) and s.role == CommitteeRole.MEMBER
            ),
            None,
        )
        deadline = self.deadline_for(
            key, content, on, on + timedelta(days=rng.choice([30, 45, 60, 60, 90, 120, 150]))
        )
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
        number = rng.randint(15, 480)
        if deadline < today and self.task_no % 6 != 3 and r > 0.08:
            if r > 0.97:
                # Stopped by the Head while it ran (its day drawn aside: .task_acts).
                t.status = TaskStatus.IN_PROGRESS
                span = max(1, (deadline - on).days - 10)
                day = on + timedelta(days=10 + self.acting.randint(0, span - 1))
                day = max(working_day_on_or_before(min(day, deadline)), on)
                self.stop(t, day, STOPPED_BY_HEAD, self.seat_on("head", day).person, None)
            else:
                late = r > 0.85
                span = (deadline - on).days
                done = (
                    deadline + timedelta(days=rng.randint(1, 15))
                    if late
                    else deadline - timedelta(days=rng.randint(0, min(20, max(0, span - 5))))
                )
                self.complete(t, key, number, self.done_on(key, on, done))
        elif deadline < today:  # overdue
            t.status = TaskStatus.IN_PROGRESS if r < 0.6 else TaskStatus.OPEN
            if t.status == TaskStatus.IN_PROGRESS:
                t.result_report = f"Đang triển khai, đạt khoảng {rng.randint(3, 8)}0% khối lượng."
            self.settle(t, key, number, on, deadline)
        elif (today - on).days > 30 and r < 0.25:
            done = on + timedelta(days=rng.randint(10, (today - on).days))
            self.complete(t, key, number, self.done_on(key, on, done))
        else:
            t.status = TaskStatus.IN_PROGRESS if r < 0.7 else TaskStatus.OPEN
        self.task_acts(t, on)
        self.add(t)

    def settle(self, t: Task, key: str, number: int, on: date, deadline: date) -> None:
        """An overdue task as an office settles it: reviewed at the first regular meeting held
        :data:`REVIEW_AFTER` past its deadline, where the chair stops one never started (about
        one in two, with the reason) and presses the others, which the unit reports done some
        weeks later. One
        with no such meeting yet stays overdue: the handful the office is still chasing.
        Decided by the report's number, drawn already: the rest of the demo is unmoved."""
        review = next(
            (
                r["when"]
                for r in self.regular
                if deadline + REVIEW_AFTER <= r["when"] < self.today
            ),
            None,
        )
        if review is None:
            return
        if t.status == TaskStatus.OPEN and number % 2 == 0:
            year = review.year if review.month < 7 else review.year + 1
            reason = STOP_REASONS[number // 2 % len(STOP_REASONS)]
            by = self.seat_on("head", review).person  # the regular meeting's chair
            self.stop(t, review, reason.format(year=year), by, review_words(review))
        else:
            done = working_day_on_or_after(review + timedelta(days=10 + number % 35))
            self.complete(t, key, number, self.done_on(key, on, done))

    def complete(self, t: Task, key: str, number: int, done: date) -> None:
        """``t`` under way with a progress note, then reported done on ``done``: the completion
        an officer's edit of that day, in the change log (:mod:`.history`), so that a report
        dated before it prints the note of then (:mod:`..tasks_on`)."""
        # The share from the report's number, not a new draw: the rest of the demo is unmoved.
        t.status = TaskStatus.IN_PROGRESS
        t.result_report = f"Đang triển khai, đạt khoảng {3 + number % 6}0% khối lượng."
        self.edit(
            t,
            done,
            status=TaskStatus.DONE,
            completed_on=done,
            result_report=self.done_report(t, key, number, done),
        )

    def deadline_for(self, key: str, content: str, on: date, deadline: date) -> date:
        """A task's deadline: not on a public holiday, and before the end of the district
        level when that end was known on ``on`` and the task is a district's or speaks of
        districts (an April 2025 deadline in August for UBND thành phố Vinh would not be set).
        """
        end = TWO_LEVEL
        if TWO_LEVEL_DECIDED <= on < end <= deadline and (
            is_district(key) or wording_on(content, end) != content
        ):
            deadline = max(on, working_day_on_or_before(end - timedelta(days=1)))
        return working_day_on_or_after(deadline) if deadline in HOLIDAYS else deadline

    def done_on(self, key: str, on: date, done: date) -> date:
        """The day a task was reported done: by today, on a working day (the unit's report is
        recorded on one: a day drawn on a Sunday is the Friday before, not before the task was
        given), and while the districts existed for a district's task (a district after
        1/7/2025 reports nothing; Cửa Lò's, after it went into Vinh, Vinh reports:
        :meth:`done_report`)."""
        done = min(done, self.today)
        if is_district(key) and done >= TWO_LEVEL:
            done = max(on, TWO_LEVEL - timedelta(days=1))
        return done if is_working_day(done) else max(on, working_day_on_or_before(done))

    def done_report(self, t: Task, key: str, number: int, done: date) -> str:
        """"Đã hoàn thành; <unit> báo cáo tại Văn bản số …": the unit of the day it reported,
        with its symbol (a Sở TT&TT task done after 1/3/2025 is reported by Sở KH&CN), the
        number its place in that unit's series of the year (:mod:`.numbers`)."""
        by = self.unit_on(key, done) or key
        cited = self.numbering.quote(by, self.meta[by][1], "BC", done, number, t, "result_report")
        return (
            f"Đã hoàn thành; {self.units[by].name} báo cáo tại Văn bản số "
            f"{cited} ngày {dmy(done)}."
        )
