"""Meetings, their agenda, invitees and attendance, minutes, conclusions and tasks."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..enums import (
    AttendanceStatus,
    InviteeCategory,
    MeetingKind,
    MeetingStatus,
    TaskEventKind,
    TaskSource,
    TaskStatus,
)
from .base import Base, Versioned, enum_column, utcnow
from .files import StoredFile
from .organisation import Person, Unit


class Meeting(Versioned, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable identity outside this database (the UID of its calendar event), kept across edits.
    uid: Mapped[str] = mapped_column(
        String(36), nullable=False, unique=True, default=lambda: str(uuid.uuid4())
    )
    kind: Mapped[MeetingKind] = mapped_column(
        enum_column(MeetingKind, "meeting_kind"), nullable=False
    )
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # When the chair is not the Head or a Deputy Head: the one who delegated the chair.
    chair_delegated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # The chair's and the secretary's position and agency when named on the meeting, as an
    # invitee's are when invited (:mod:`..meeting_people`): the meeting's papers name them as
    # they were then, not as their records read after they move on (the secretary is not on
    # the invitee list; the chair may not be).
    chair_position_snapshot: Mapped[str | None] = mapped_column(String(200))
    chair_unit_snapshot: Mapped[str | None] = mapped_column(String(200))
    secretary_position_snapshot: Mapped[str | None] = mapped_column(String(200))
    secretary_unit_snapshot: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    place: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"), nullable=False, default=MeetingStatus.PLANNED
    )
    notes: Mapped[str | None] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(String(500))

    called_by: Mapped[Person | None] = relationship(foreign_keys=[called_by_id])
    proposed_by: Mapped[Person | None] = relationship(foreign_keys=[proposed_by_id])
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    chair_delegated_by: Mapped[Person | None] = relationship(foreign_keys=[chair_delegated_by_id])
    secretary: Mapped[Person | None] = relationship(foreign_keys=[secretary_id])
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    invitees: Mapped[list[Invitee]] = relationship(
        back_populates="meeting", order_by="Invitee.position", cascade="all, delete-orphan"
    )
    minutes: Mapped[Minutes | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    conclusions: Mapped[list[Conclusion]] = relationship(
        back_populates="meeting", order_by="Conclusion.position", cascade="all, delete-orphan"
    )


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    presenter_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    presenter_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL")
    )
    # A presenter who is neither a person on record nor a unit (a guest named on the agenda).
    presenter_name: Mapped[str | None] = mapped_column(String(200))
    # The presenting person's position and agency when named on the item (since 0013), as an
    # invitee's are when invited (:mod:`..meeting_people`): one who is neither invited nor the
    # chair or secretary is printed on the agenda as they were then.
    presenter_position_snapshot: Mapped[str | None] = mapped_column(String(200))
    presenter_unit_snapshot: Mapped[str | None] = mapped_column(String(200))
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    minutes_text: Mapped[str | None] = mapped_column(Text)  # what was said, typed live

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    presenter_person: Mapped[Person | None] = relationship()
    presenter_unit: Mapped[Unit | None] = relationship()


class Invitee(Versioned, Base):
    """Someone invited to a meeting: a person, a unit (its head or delegate), or an outside guest,
    with attendance. Name, position and agency are copied at invitation time so the record of a
    past meeting does not change when people move on."""

    __tablename__ = "invitee"
    __table_args__ = (
        CheckConstraint(
            "person_id IS NOT NULL OR unit_id IS NOT NULL OR guest_name IS NOT NULL",
            name="someone",
        ),
        # The meetings list counts invitees and attendance per meeting from this index alone.
        Index("ix_invitee_meeting_id_attendance", "meeting_id", "attendance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Indexed, like every column naming a person: the people lists tell who has a history.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"))
    guest_name: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[InviteeCategory] = mapped_column(
        enum_column(InviteeCategory, "invitee_category"), nullable=False
    )
    role: Mapped[str | None] = mapped_column(String(100))  # e.g. chủ trì, báo cáo viên
    name_snapshot: Mapped[str | None] = mapped_column(String(200))
    position_snapshot: Mapped[str | None] = mapped_column(String(200))
    unit_snapshot: Mapped[str | None] = mapped_column(String(200))
    attendance: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus, "attendance_status"),
        nullable=False,
        default=AttendanceStatus.UNKNOWN,
    )
    absence_reason: Mapped[str | None] = mapped_column(String(300))
    substitute_name: Mapped[str | None] = mapped_column(String(200))
    substitute_position: Mapped[str | None] = mapped_column(String(200))
    # Present but late: when they arrived (set only with ``attendance`` present).
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Someone who attended without being invited (a walk-in, :mod:`..walk_in`): when they were
    # added. NULL for everyone invited, and for every row older than 0017: the minutes count
    # the invited apart, and the walk-ins on a line of their own.
    walked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    # A walk-in's identity, stable across the office and its copies (0021; given when the
    # walk-in is added, :mod:`..walk_in`): one the meeting room's copy added is found again by
    # it when its record is imported (room_invitees), not by its name. NULL for the invited.
    uid: Mapped[str | None] = mapped_column(String(36), unique=True, index=True)

    meeting: Mapped[Meeting] = relationship(back_populates="invitees")
    person: Mapped[Person | None] = relationship()
    unit: Mapped[Unit | None] = relationship()


class Minutes(Versioned, Base):
    """Biên bản. Once final it is locked; the SHA-256 of the issued PDF fingerprints it."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    opening_text: Mapped[str | None] = mapped_column(Text)
    closing_text: Mapped[str | None] = mapped_column(Text)
    is_final: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    # The last reopening of issued minutes: why (written to the change log with it) and when.
    reopen_reason: Mapped[str | None] = mapped_column(String(500))
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)

    meeting: Mapped[Meeting] = relationship(back_populates="minutes")
    revisions: Mapped[list[MinutesRevision]] = relationship(
        back_populates="minutes",
        order_by="MinutesRevision.saved_at",
        cascade="all, delete-orphan",
    )


class MinutesRevision(Base):
    """A stored revision of the minutes (append-only, so no version column)."""

    __tablename__ = "minutes_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    saved_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    author: Mapped[str | None] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text, nullable=False)  # JSON snapshot

    minutes: Mapped[Minutes] = relationship(back_populates="revisions")


class NotesRevision(Base):
    """Live notes of an agenda item that a concurrent save displaced (append-only): two people
    typing the same item's notes never silently lose each other's text."""

    __tablename__ = "notes_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), nullable=False, index=True
    )
    saved_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    author: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    reason: Mapped[str] = mapped_column(String(40), nullable=False)


class Conclusion(Versioned, Base):
    """A conclusion of the chair (kết luận); tasks hang off it."""

    __tablename__ = "conclusion"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    # Stable across the office and its copies (0019): a conclusion made on the meeting room's
    # copy is found again when its record is imported twice (room_merge).
    uid: Mapped[str | None] = mapped_column(
        String(36), unique=True, index=True, default=lambda: str(uuid.uuid4())
    )

    meeting: Mapped[Meeting] = relationship(back_populates="conclusions")
    tasks: Mapped[list[Task]] = relationship(back_populates="conclusion")


class Task(Versioned, Base):
    """A task assigned to a member and/or a unit; the chain conclusion → task → result report."""

    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint(
            "deadline IS NULL OR assigned_on IS NULL OR deadline >= assigned_on",
            name="deadline_after_assignment",
        ),
        CheckConstraint(
            "assignee_person_id IS NOT NULL OR assignee_unit_id IS NOT NULL", name="assignee"
        ),
        UniqueConstraint("conclusion_id", "position", name="uq_task_conclusion_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    source: Mapped[TaskSource] = mapped_column(
        enum_column(TaskSource, "task_source"), nullable=False, default=TaskSource.AD_HOC
    )
    conclusion_id: Mapped[int | None] = mapped_column(
        ForeignKey("conclusion.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    assigned_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    assigned_on: Mapped[date | None] = mapped_column(Date)
    assignee_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    assignee_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    focal_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    # The deadline as given (by the conclusion, or when assigned ad hoc): what the minutes and
    # the conclusions notice print. An extension never rewrites it (0020): see ``extended_to``.
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    # The deadline in force after the last extension (gia hạn, :mod:`..task_actions`), None
    # when never extended; the extensions themselves are the task's TaskEvent rows.
    extended_to: Mapped[date | None] = mapped_column(Date)
    status: Mapped[TaskStatus] = mapped_column(
        enum_column(TaskStatus, "task_status"), nullable=False, default=TaskStatus.OPEN
    )
    completed_on: Mapped[date | None] = mapped_column(Date)
    result_report: Mapped[str | None] = mapped_column(Text)
    uid: Mapped[str | None] = mapped_column(  # as the conclusion's (0019)
        String(36), unique=True, index=True, default=lambda: str(uuid.uuid4())
    )

    conclusion: Mapped[Conclusion | None] = relationship(back_populates="tasks")
    assigned_by: Mapped[Person | None] = relationship(foreign_keys=[assigned_by_id])
    assignee_person: Mapped[Person | None] = relationship(foreign_keys=[assignee_person_id])
    assignee_unit: Mapped[Unit | None] = relationship(foreign_keys=[assignee_unit_id])
    focal_unit: Mapped[Unit | None] = relationship(foreign_keys=[focal_unit_id])

    @property
    def due(self) -> date | None:
        """The deadline in force: the last extension's, else the one given. What the status
        (on time, overdue) is counted against."""
        return self.extended_to if self.extended_to is not None else self.deadline


class TaskEvent(Base):
    """One dated act on a task after it was given (since 0020): an extension of its deadline,
    a progress note from the unit's report, a stop, a resumption. Only added, never edited:
    the history of a task is the list of its events (the change log says who recorded each,
    and when). The day is the act's own (the approval, the unit's report, the decision), which
    may be earlier than the day it was recorded: the lists of a past day read it."""

    __tablename__ = "task_event"
    __table_args__ = (
        CheckConstraint(
            "kind <> 'extension' OR new_deadline IS NOT NULL", name="extension_has_deadline"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(
        ForeignKey("task.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[TaskEventKind] = mapped_column(
        enum_column(TaskEventKind, "task_event_kind"), nullable=False
    )
    day: Mapped[date] = mapped_column(Date, nullable=False)
    # The reason (extension, stop, resumption) or the progress reported.
    text: Mapped[str] = mapped_column(Text, nullable=False)
    # An extension's deadline before it (the one in force then) and after it.
    old_deadline: Mapped[date | None] = mapped_column(Date)
    new_deadline: Mapped[date | None] = mapped_column(Date)
    # Who approved the extension or decided the stop: a person (the Head, a Deputy Head) and/or
    # the words of the approving document ("Công văn số 15/BCĐ ngày 04/01/2027").
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decided_by_text: Mapped[str | None] = mapped_column(String(500))
    # The unit's report attached to a progress note, kept as the units' reports are.
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_file.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)

    decided_by: Mapped[Person | None] = relationship()
    file: Mapped[StoredFile | None] = relationship()
