"""The other side of "what a session serves": for conclusions and tasks, the working-group
sessions that answer them.

A session points at a conclusion or at one of its tasks (:mod:`.working_group`); the meetings
record and ``bdcq tasks list`` show that link from the conclusion's and the task's side. Each
reader gets it in one query for all its rows (never one per row), as frozen
:class:`SessionLink` rows kept on the conclusion's and the task's own rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .models import Conclusion, Task, WorkingSession


@dataclass(frozen=True)
class SessionLink:
    """A session serving a conclusion or a task: enough to name it and open it."""

    id: int
    title: str
    starts_on: date
    ends_on: date

    @property
    def dates_text(self) -> str:
        """``03/03–05/03/2025``, or one day ``03/03/2025``."""
        if self.starts_on == self.ends_on:
            return f"{self.starts_on:%d/%m/%Y}"
        first = "%d/%m" if self.starts_on.year == self.ends_on.year else "%d/%m/%Y"
        return f"{self.starts_on:{first}}–{self.ends_on:%d/%m/%Y}"


@dataclass(frozen=True)
class Links:
    """Sessions by what they serve: a task (``by_task``) or a conclusion itself
    (``by_conclusion``; a session serving one of the conclusion's tasks is the task's)."""

    by_conclusion: dict[int, tuple[SessionLink, ...]]
    by_task: dict[int, tuple[SessionLink, ...]]

    def of_conclusion(self, conclusion_id: int) -> tuple[SessionLink, ...]:
        return self.by_conclusion.get(conclusion_id, ())

    def of_task(self, task_id: int) -> tuple[SessionLink, ...]:
        return self.by_task.get(task_id, ())


def session_links(s: Session, *, meeting_id: int | None = None) -> Links:
    """The sessions serving the conclusions and tasks of ``meeting_id`` (``None``: of every
    meeting). One query, sessions in date order."""
    stmt = select(
        WorkingSession.id,
        WorkingSession.title,
        WorkingSession.starts_on,
        WorkingSession.ends_on,
        WorkingSession.conclusion_id,
        WorkingSession.task_id,
    ).order_by(WorkingSession.starts_on, WorkingSession.id)
    if meeting_id is not None:
        conclusions = select(Conclusion.id).where(Conclusion.meeting_id == meeting_id)
        tasks = select(Task.id).where(Task.conclusion_id.in_(conclusions))
        # Both sides: a session serving a task names its conclusion too, but the task alone
        # is what the record holds for sure.
        stmt = stmt.where(
            or_(WorkingSession.conclusion_id.in_(conclusions), WorkingSession.task_id.in_(tasks))
        )
    else:
        stmt = stmt.where(
            or_(WorkingSession.conclusion_id.is_not(None), WorkingSession.task_id.is_not(None))
        )
    by_conclusion: dict[int, list[SessionLink]] = {}
    by_task: dict[int, list[SessionLink]] = {}
    for sid, title, starts_on, ends_on, conclusion_id, task_id in s.execute(stmt):
        link = SessionLink(sid, title, starts_on, ends_on)
        if task_id is not None:
            by_task.setdefault(task_id, []).append(link)
        elif conclusion_id is not None:
            by_conclusion.setdefault(conclusion_id, []).append(link)
    return Links(
        {k: tuple(v) for k, v in by_conclusion.items()},
        {k: tuple(v) for k, v in by_task.items()},
    )
