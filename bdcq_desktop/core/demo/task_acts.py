"""The acts the demo's secretariat recorded on tasks after giving them (:mod:`..task_actions`):
a few deadlines extended by the Head or a Deputy Head for a reason, the units' progress notes
on the tasks still open, and the stopped tasks stopped through a stop record with its reason.

Each act is written as the core writes it: its :class:`..models.TaskEvent` row (added once the
tasks have their ids, :meth:`TaskActsMixin.add_task_events`) and the task's update row in the
change log, on the act's day, with the act's words beside the column it changed
(:data:`..task_actions.LOG_KEYS`), so that every list and document of a past day reads it
(:mod:`..task_events`, :mod:`..tasks_on`). The rules are the core's: an act is dated on a
working day in the demo's past, not before the task was given, while the task was open; an
extension is later than the deadline in force and approved by the Head or a Deputy Head of
that day's roster; a stop says who decided it.

Whether a task gets an act, and its day and words, are drawn from a generator of their own
(:attr:`.builder.BaseBuilder.acting`): the rest of the demo draws what it drew before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models import Person, Task, TaskEvent, TaskEventKind, TaskStatus
from ..task_actions import LOG_KEYS
from .builder import BaseBuilder, dmy, working_day_on_or_after, working_day_on_or_before

# An open task overdue longer than this keeps its note in the result column (:meth:`task_acts`).
KEPT_AFTER = timedelta(days=120)
# Why the Head or a Deputy Head let a unit have more time ({year}: the year of the deadline).
EXTENSION_REASONS = (
    "Nội dung nhiệm vụ phụ thuộc Quyết định phê duyệt của UBND tỉnh, đến nay chưa ban hành; "
    "đơn vị đề nghị gia hạn để hoàn thiện sau khi có Quyết định.",
    "Chưa được bố trí kinh phí thực hiện trong dự toán năm {year}; đơn vị đang đề nghị Sở Tài "
    "chính thẩm định, bổ sung kinh phí.",
    "Phải chờ hướng dẫn của bộ, ngành Trung ương về yêu cầu kỹ thuật kết nối, chia sẻ dữ liệu.",
    "Khối lượng lấy ý kiến các sở, ngành, địa phương lớn; đơn vị đề nghị thêm thời gian để "
    "tổng hợp, tiếp thu, hoàn thiện dự thảo.",
    "Nhà thầu chậm bàn giao hạng mục phần mềm; đơn vị đã có văn bản đôn đốc, đề nghị gia hạn "
    "để nghiệm thu theo hợp đồng.",
)
# Why a task was stopped: the chair's conclusion at the regular meeting that reviewed it
# ({year}: the plan year it looks to, .tasks.settle).
STOP_REASONS = (
    "Nội dung đã được lồng ghép vào Kế hoạch chuyển đổi số năm {year} của tỉnh.",
    "Chưa bố trí được kinh phí; đơn vị đề xuất đưa vào dự toán năm {year}.",
    "Yêu cầu đã thay đổi, nội dung được thay bằng nhiệm vụ giao tại kết luận của cuộc họp này.",
)
# A task stopped before its deadline by the Head (no meeting of its own).
STOPPED_BY_HEAD = "Nội dung đã được lồng ghép vào nhiệm vụ khác của Ban Chỉ đạo."
# What a unit reports of an open task ({p}: the share done, in tens).
PROGRESS_NOTES = (
    "Đã khảo sát hiện trạng, xây dựng dự thảo kế hoạch triển khai; ước đạt khoảng {p}0% khối "
    "lượng.",
    "Đã ban hành văn bản hướng dẫn các phòng, ban chuyên môn; đang tổ chức triển khai, ước đạt "
    "khoảng {p}0% khối lượng.",
    "Đang lấy ý kiến các sở, ngành, địa phương đối với dự thảo; ước đạt khoảng {p}0% khối "
    "lượng.",
    "Đã hoàn thành lựa chọn nhà thầu, đang triển khai cài đặt, cấu hình hệ thống; ước đạt "
    "khoảng {p}0% khối lượng.",
    "Đã tổng hợp số liệu của các đơn vị trực thuộc, đang hoàn thiện báo cáo; ước đạt khoảng "
    "{p}0% khối lượng.",
)


@dataclass
class _Act:
    """An act waiting for its task's id (:meth:`TaskActsMixin.add_task_events`)."""

    task: Task
    kind: TaskEventKind
    day: date
    text: str
    old: date | None = None
    new: date | None = None
    by: Person | None = None
    words: str | None = None


class TaskActsMixin(BaseBuilder):
    """The acts on the demo's tasks: :meth:`task_acts` after a task is settled, the stops
    (:meth:`stop`), and their rows (:meth:`add_task_events`)."""

    def stop(self, t: Task, day: date, reason: str, by: Person, words: str | None) -> None:
        """``t`` stopped on ``day`` (a working day, after it was given), as
        :func:`..task_actions.stop_task` does: its status, and the stop record with the reason
        and who decided (the result column keeps the result: a stopped task has none)."""
        self.acts.append(_Act(t, TaskEventKind.STOP, day, reason, by=by, words=words))
        who = "; ".join(x for x in (by.full_name, words) if x)
        self.logged_act(t, day, TaskEventKind.STOP, reason, who, status=TaskStatus.CANCELLED)

    def logged_act(
        self, t: Task, day: date, kind: TaskEventKind, text: str, who: str, **values: Any
    ) -> None:
        """The task's update row of an act: the columns it changed (``values``, set on ``t``)
        and the act's words beside them, as :func:`..audit.log_also` adds them."""
        on_key, by_key, text_key = LOG_KEYS[kind]
        changes: dict[str, list[Any]] = {}
        for field, new in values.items():
            old = getattr(t, field)
            if old != new:
                changes[field] = [old, new]
            setattr(t, field, new)
        changes[on_key] = [None, day.isoformat()]
        changes[text_key] = [None, text]
        if by_key and who:
            changes[by_key] = [None, who]
        self.edits.append((day, t, changes))

    def task_acts(self, t: Task, on: date) -> None:
        """The acts a task given on ``on`` had, now that its course is known: an extension
        for some of those that ran late (granted before the deadline, by the Head or a Deputy
        Head), the unit's progress notes while it was under way."""
        rng, today = self.acting, self.today
        deadline = t.deadline
        if deadline is None:
            return
        done = t.completed_on
        overdue = t.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS) and deadline < today
        draw = rng.random()
        if done is None and t.result_report and deadline < today - KEPT_AFTER:
            # Long overdue, its note in the result column as recorded before acts were dated:
            # a database upgraded from before 0020 holds such notes, which the lists and the
            # documents still read (and :mod:`..tasks_on` undoes for a past day); the demo
            # keeps them.
            return
        if (done is not None and done > deadline and draw < 0.4) or (overdue and draw < 0.6):
            self.extend(t, on, deadline)
        if t.status == TaskStatus.IN_PROGRESS and done is None:
            self.progress(t, on, today - timedelta(days=1), 0.65)
        elif done is not None and (done - on).days > 45:
            self.progress(t, on, done - timedelta(days=7), 0.3)

    def extend(self, t: Task, on: date, deadline: date) -> None:
        """An extension granted a few working days before ``deadline`` to a month or two after
        it, approved by the Head and a Deputy Head in turn. One completed late is on time
        against it when done by then; one still open is extended only to a deadline passed
        too (the reminder chases it at the new one): the tasks the office still chases stay
        those it chases."""
        rng, today = self.acting, self.today
        day = working_day_on_or_before(deadline - timedelta(days=rng.randint(3, 12)))
        new = working_day_on_or_after(deadline + timedelta(days=rng.choice([30, 45, 60])))
        done = t.completed_on
        if done is None and new >= today - timedelta(days=7):
            new = working_day_on_or_before(deadline + timedelta(days=30))
            if new >= today - timedelta(days=7):
                return
        if not on < day < today or new <= deadline or (done is not None and day >= done):
            return
        extended = sum(a.kind == TaskEventKind.EXTENSION for a in self.acts)
        by = self.seat_on("deputy" if extended % 2 else "head", day).person
        reason = rng.choice(EXTENSION_REASONS).format(year=deadline.year)
        self.acts.append(_Act(t, TaskEventKind.EXTENSION, day, reason, deadline, new, by))
        self.logged_act(t, day, TaskEventKind.EXTENSION, reason, by.full_name, extended_to=new)

    def progress(self, t: Task, on: date, last: date, chance: float) -> None:
        """One or two progress notes from the unit, dated by ``last``, on a task under way
        then (with ``chance``; always for one whose result column held a note, "Đang triển
        khai, đạt khoảng …": its share is the last report's, the result column left for the
        result)."""
        rng, today = self.acting, self.today
        interim = t.result_report if t.completed_on is None else None
        first = on + timedelta(days=14)
        if (rng.random() > chance and not interim) or first > last:
            return
        share = 3 + rng.randint(0, 3)
        # The share the note in the result column said, for the last report.
        said = re.search(r"khoảng (\d)0%", interim or "")
        span = (last - first).days
        drawn = (first + timedelta(days=rng.randint(0, span)) for _ in range(rng.randint(1, 2)))
        days = sorted({d for d in map(working_day_on_or_before, drawn) if on < d < today})
        notes = rng.sample(PROGRESS_NOTES, len(days))
        for i, (day, note) in enumerate(zip(days, notes, strict=True)):
            p = int(said.group(1)) if said and i == len(days) - 1 else share + i * 2
            text = note.format(p=min(p, 9))
            self.acts.append(_Act(t, TaskEventKind.PROGRESS, day, text))
            self.logged_act(t, day, TaskEventKind.PROGRESS, text, "")
        if days and interim:
            t.result_report = None

    def add_task_events(self) -> None:
        """The acts' rows, once every task and person has its id (after the rest's flush: no
        other row's id moves)."""
        for a in sorted(self.acts, key=lambda a: (a.day, a.task.id)):
            self.s.add(
                TaskEvent(
                    task_id=a.task.id,
                    kind=a.kind,
                    day=a.day,
                    text=a.text,
                    old_deadline=a.old,
                    new_deadline=a.new,
                    decided_by_id=a.by.id if a.by is not None else None,
                    decided_by_text=a.words,
                )
            )


def review_words(review: date) -> str:
    """Who decided a stop at a regular meeting, in words: the chair's conclusion there."""
    return f"Kết luận của Chủ trì tại cuộc họp Ban Chỉ đạo ngày {dmy(review)}"
