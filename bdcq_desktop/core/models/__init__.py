"""The whole domain model. Import from here: ``from bdcq_desktop.core.models import Meeting``."""

from .base import Base, Versioned, utcnow
from .enums import (
    AttendanceStatus,
    ChangeAction,
    CommitteeRole,
    Frequency,
    GroupRole,
    Honorific,
    InviteeCategory,
    MeetingKind,
    MeetingStatus,
    OutputStatus,
    ParticipantRole,
    PersonKind,
    SessionPurpose,
    SubmissionStatus,
    TaskSource,
    TaskStatus,
    UnitKind,
)
from .meetings import AgendaItem, Conclusion, Invitee, Meeting, Minutes, MinutesRevision, Task
from .membership import CommitteeMembership, GroupMembership
from .organisation import Organisation, Person, Setting, Unit
from .register import ChangeLog, IssuedDocument
from .reporting import ReportingRegime, ReportingRound, Submission, submission_status
from .working_group import SessionOutput, SessionParticipant, WorkingSession

__all__ = [
    "AgendaItem",
    "AttendanceStatus",
    "Base",
    "ChangeAction",
    "ChangeLog",
    "CommitteeMembership",
    "CommitteeRole",
    "Conclusion",
    "Frequency",
    "GroupMembership",
    "GroupRole",
    "Honorific",
    "Invitee",
    "InviteeCategory",
    "IssuedDocument",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Minutes",
    "MinutesRevision",
    "Organisation",
    "OutputStatus",
    "ParticipantRole",
    "Person",
    "PersonKind",
    "ReportingRegime",
    "ReportingRound",
    "SessionOutput",
    "SessionParticipant",
    "SessionPurpose",
    "Setting",
    "Submission",
    "SubmissionStatus",
    "Task",
    "TaskSource",
    "TaskStatus",
    "Unit",
    "UnitKind",
    "Versioned",
    "WorkingSession",
    "submission_status",
    "utcnow",
]
