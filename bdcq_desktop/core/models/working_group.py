"""Working-group sessions: periods of joint work at the standing agency, with mobilised experts
and the drafts they produce."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..enums import AttendanceStatus, OutputStatus, ParticipantRole, SessionPurpose
from .base import Base, Versioned, enum_column
from .files import StoredFile
from .meetings import Conclusion, Meeting, Task
from .organisation import Person


class WorkingSession(Versioned, Base):
    __tablename__ = "working_session"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[SessionPurpose] = mapped_column(
        enum_column(SessionPurpose, "session_purpose"), nullable=False
    )
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    convened_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # The convener's position and agency when named on the session (since 0013), as a
    # participant's are when added (:mod:`..meeting_people`): the convocation signed by a
    # convener who takes no part names them as they were then.
    convener_position_snapshot: Mapped[str | None] = mapped_column(String(200))
    convener_unit_snapshot: Mapped[str | None] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    place: Mapped[str | None] = mapped_column(String(300))  # default: the standing agency
    notes: Mapped[str | None] = mapped_column(Text)
    result_summary: Mapped[str | None] = mapped_column(Text)
    # What the session serves (since 0006): a conclusion of a meeting, or one of its tasks. The
    # backrefs give the other direction (a task's ``sessions``) without touching those models.
    conclusion_id: Mapped[int | None] = mapped_column(
        ForeignKey("conclusion.id", ondelete="SET NULL"), index=True
    )
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("task.id", ondelete="SET NULL"), index=True
    )

    convened_by: Mapped[Person | None] = relationship()
    conclusion: Mapped[Conclusion | None] = relationship(
        backref=backref("sessions", order_by="WorkingSession.starts_on", viewonly=True)
    )
    task: Mapped[Task | None] = relationship(
        backref=backref("sessions", order_by="WorkingSession.starts_on", viewonly=True)
    )
    participants: Mapped[list[SessionParticipant]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionParticipant.id"
    )
    outputs: Mapped[list[SessionOutput]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionOutput.id"
    )


class SessionParticipant(Versioned, Base):
    __tablename__ = "session_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("working_session.id", ondelete="CASCADE"), nullable=False, index=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[ParticipantRole] = mapped_column(
        enum_column(ParticipantRole, "participant_role"), nullable=False
    )
    name_snapshot: Mapped[str | None] = mapped_column(String(200))
    position_snapshot: Mapped[str | None] = mapped_column(String(200))
    unit_snapshot: Mapped[str | None] = mapped_column(String(200))
    attendance: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus, "attendance_status"),
        nullable=False,
        default=AttendanceStatus.UNKNOWN,
    )
    absence_reason: Mapped[str | None] = mapped_column(String(300))
    days_present: Mapped[int | None] = mapped_column(Integer)

    session: Mapped[WorkingSession] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship()
    days: Mapped[list[SessionAttendanceDay]] = relationship(
        cascade="all, delete-orphan", order_by="SessionAttendanceDay.day"
    )


class SessionAttendanceDay(Base):
    """One day a participant was present (since 0006). No version of its own: the session's
    version guards its participants and their days. ``days_present`` keeps the count."""

    __tablename__ = "session_attendance_day"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("session_participant.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)


class SessionOutput(Versioned, Base):
    """A draft produced by a session (đề án, dự án, quy chế, văn bản QPPL...)."""

    __tablename__ = "session_output"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("working_session.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[SessionPurpose] = mapped_column(
        enum_column(SessionPurpose, "session_purpose"), nullable=False
    )
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    version_label: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[OutputStatus] = mapped_column(
        enum_column(OutputStatus, "output_status"), nullable=False, default=OutputStatus.DRAFTING
    )
    file_path: Mapped[str | None] = mapped_column(String(500))  # unused since 0005: file_id
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_file.id", ondelete="SET NULL"), index=True
    )
    # The committee meeting it was submitted to (since 0006).
    submitted_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )

    session: Mapped[WorkingSession] = relationship(back_populates="outputs")
    file: Mapped[StoredFile | None] = relationship()
    submitted_meeting: Mapped[Meeting | None] = relationship()
