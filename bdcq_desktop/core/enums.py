"""Domain vocabularies. Values are stable English codes stored in the database and used by the
CLI's JSON; Vietnamese labels live in ``labels`` for display."""

from __future__ import annotations

from enum import StrEnum


class UnitKind(StrEnum):
    DEPARTMENT = "department"  # sở, ban, ngành
    SECTOR = "sector"  # cơ quan ngành dọc / khác cấp tỉnh
    CENTRAL_AGENCY = "central_agency"  # cơ quan Trung ương đóng trên địa bàn
    LOCALITY = "locality"  # xã, phường, đặc khu (huyện, thị xã until 1 July 2025)
    ENTERPRISE = "enterprise"  # doanh nghiệp (viễn thông...)
    UNIVERSITY = "university"  # trường, viện
    OTHER = "other"


class PersonKind(StrEnum):
    OFFICIAL = "official"
    EXPERT = "expert"
    SCIENTIST = "scientist"
    GUEST = "guest"


class Honorific(StrEnum):
    ONG = "ong"
    BA = "ba"


class CommitteeRole(StrEnum):
    """Ordered by rank: the default order of the official roster."""

    HEAD = "head"
    # Phó Trưởng ban Thường trực (since 0023): a Deputy Head in every right, named in full and
    # ranked before the other deputies, as the province's decisions list them.
    STANDING_DEPUTY_HEAD = "standing_deputy_head"
    DEPUTY_HEAD = "deputy_head"
    STANDING_MEMBER = "standing_member"
    MEMBER = "member"
    SECRETARY = "secretary"


# The Deputy Heads, standing or not: either may chair, call a meeting, sign "KT. TRƯỞNG BAN".
DEPUTY_HEADS = frozenset({CommitteeRole.STANDING_DEPUTY_HEAD, CommitteeRole.DEPUTY_HEAD})


class GroupRole(StrEnum):
    LEADER = "leader"
    DEPUTY_LEADER = "deputy_leader"
    MEMBER = "member"


class MeetingKind(StrEnum):
    REGULAR = "regular"  # họp định kỳ 6 tháng
    EXTRAORDINARY = "extraordinary"  # họp bất thường
    EXPANDED = "expanded"  # họp mở rộng
    BRIEFING = "briefing"  # buổi làm việc, nghe báo cáo


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    CONVENED = "convened"
    HELD = "held"
    MINUTES_FINAL = "minutes_final"
    CANCELLED = "cancelled"


class InviteeCategory(StrEnum):
    """Counts and documents distinguish members from agency heads, experts and guests."""

    MEMBER = "member"
    WORKING_GROUP = "working_group"
    AGENCY_HEAD = "agency_head"
    EXPERT = "expert"
    GUEST = "guest"


class AttendanceStatus(StrEnum):
    UNKNOWN = "unknown"
    PRESENT = "present"
    # Joined over the network (a meeting held "trực tiếp kết hợp trực tuyến"): attending, so
    # counted with the present, but named apart in the minutes (since 0016).
    ONLINE = "online"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"


class TaskStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskEventKind(StrEnum):
    """An act recorded on a task after it was given (since 0020, :mod:`.task_actions`)."""

    EXTENSION = "extension"  # gia hạn: a new deadline, approved by someone, on a day
    PROGRESS = "progress"  # tiến độ: what the unit reported, the task still open
    STOP = "stop"  # dừng thực hiện: the task set aside (cancelled), for a reason
    RESUME = "resume"  # thực hiện tiếp: a stopped task taken up again


class TaskSource(StrEnum):
    CONCLUSION = "conclusion"
    AD_HOC = "ad_hoc"


class SessionPurpose(StrEnum):
    PROPOSAL = "proposal"  # đề án
    PROJECT = "project"  # dự án
    REGULATION = "regulation"  # quy chế
    LEGAL_DOCUMENT = "legal_document"  # văn bản QPPL
    OTHER = "other"


class ParticipantRole(StrEnum):
    """A session's participant: the group's Tổ trưởng, Tổ phó or member (the role held on the
    session's first day), or someone from outside the group (an expert, an invited official)."""

    LEADER = "leader"
    DEPUTY_LEADER = "deputy_leader"
    MEMBER = "member"
    EXPERT = "expert"


class OutputStatus(StrEnum):
    DRAFTING = "drafting"
    CONSULTING = "consulting"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six_monthly"
    YEARLY = "yearly"
    AD_HOC = "ad_hoc"


class SubmissionStatus(StrEnum):
    """Derived from the dates (and the waiver recorded on the submission), never stored."""

    NOT_DUE = "not_due"
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"  # not received, past the due date
    MISSING = "overdue"  # the former name of OVERDUE (an alias: the same member)
    # Not received, and the committee excused the unit from it (miễn nộp) by the day asked
    # about: neither overdue nor chased.
    WAIVED = "waived"


# Problems first, as the secretariat reads them (Báo cáo › Tổng hợp's counts).
SUBMISSION_STATUS_ORDER = (
    SubmissionStatus.OVERDUE,
    SubmissionStatus.LATE,
    SubmissionStatus.NOT_DUE,
    SubmissionStatus.ON_TIME,
    SubmissionStatus.WAIVED,
)


class DayOffKind(StrEnum):
    """A day the weekly rhythm (Monday to Friday) gets wrong, as the year's announcement says."""

    OFF = "off"  # ngày nghỉ: a public holiday or a day off in exchange, on a weekday
    WORK = "work"  # ngày làm bù: a Saturday or Sunday worked in exchange for a day off


class ChangeAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
