"""Vietnamese labels for the domain vocabularies (display only; the database stores codes)."""

from __future__ import annotations

from enum import Enum

from .enums import (
    AttendanceStatus,
    CommitteeRole,
    DayOffKind,
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
    TaskEventKind,
    TaskStatus,
    UnitKind,
)
from .i18n import tr

# One table per vocabulary, looked up by the value's type. Codes repeat across vocabularies
# ("other" is a unit kind and a session's purpose; "member", "cancelled", "expert"…) and StrEnum
# members equal their codes, so one dict keyed by member let one label overwrite another
# (the unit kind "Khác" showed as "Nhiệm vụ khác"): apart, no code can clash.
_BY_TYPE: dict[type[Enum], dict[Enum, str]] = {
    CommitteeRole: {
        CommitteeRole.HEAD: "Trưởng ban",
        CommitteeRole.STANDING_DEPUTY_HEAD: "Phó Trưởng ban Thường trực",
        CommitteeRole.DEPUTY_HEAD: "Phó Trưởng ban",
        CommitteeRole.STANDING_MEMBER: "Thành viên Thường trực",
        CommitteeRole.MEMBER: "Thành viên",
        CommitteeRole.SECRETARY: "Thư ký",
    },
    GroupRole: {
        GroupRole.LEADER: "Tổ trưởng",
        GroupRole.DEPUTY_LEADER: "Tổ phó",
        GroupRole.MEMBER: "Thành viên",
    },
    UnitKind: {
        UnitKind.DEPARTMENT: "Sở, ban, ngành",
        UnitKind.SECTOR: "Cơ quan, tổ chức",
        UnitKind.CENTRAL_AGENCY: "Cơ quan Trung ương trên địa bàn",
        UnitKind.LOCALITY: "Địa phương",
        UnitKind.ENTERPRISE: "Doanh nghiệp",
        UnitKind.UNIVERSITY: "Trường, viện",
        UnitKind.OTHER: "Khác",
    },
    PersonKind: {
        PersonKind.OFFICIAL: "Cán bộ, công chức",
        PersonKind.EXPERT: "Chuyên gia",
        PersonKind.SCIENTIST: "Nhà khoa học",
        PersonKind.GUEST: "Khách mời",
    },
    Honorific: {
        Honorific.ONG: "Ông",
        Honorific.BA: "Bà",
    },
    TaskEventKind: {
        TaskEventKind.EXTENSION: "Gia hạn",
        TaskEventKind.PROGRESS: "Tiến độ",
        TaskEventKind.STOP: "Dừng thực hiện",
        TaskEventKind.RESUME: "Thực hiện tiếp",
    },
    TaskStatus: {
        TaskStatus.OPEN: "Chưa thực hiện",
        TaskStatus.IN_PROGRESS: "Đang thực hiện",
        TaskStatus.DONE: "Hoàn thành",
        TaskStatus.CANCELLED: "Đã dừng",
    },
    SessionPurpose: {
        SessionPurpose.PROPOSAL: "Đề án",
        SessionPurpose.PROJECT: "Dự án",
        SessionPurpose.REGULATION: "Quy chế",
        SessionPurpose.LEGAL_DOCUMENT: "Văn bản QPPL",
        SessionPurpose.OTHER: "Nhiệm vụ khác",
    },
    ParticipantRole: {
        ParticipantRole.LEADER: "Tổ trưởng",
        ParticipantRole.DEPUTY_LEADER: "Tổ phó",
        ParticipantRole.MEMBER: "Thành viên",
        ParticipantRole.EXPERT: "Chuyên gia",
    },
    OutputStatus: {
        OutputStatus.DRAFTING: "Đang soạn thảo",
        OutputStatus.CONSULTING: "Lấy ý kiến",
        OutputStatus.SUBMITTED: "Đã trình",
        OutputStatus.APPROVED: "Đã phê duyệt, ban hành",
        OutputStatus.WITHDRAWN: "Dừng",
    },
    Frequency: {
        Frequency.MONTHLY: "Hằng tháng",
        Frequency.QUARTERLY: "Hằng quý",
        Frequency.SIX_MONTHLY: "6 tháng",
        Frequency.YEARLY: "Hằng năm",
        Frequency.AD_HOC: "Đột xuất",
    },
    SubmissionStatus: {
        SubmissionStatus.NOT_DUE: "Chưa đến hạn",
        SubmissionStatus.ON_TIME: "Đúng hạn",
        SubmissionStatus.LATE: "Nộp muộn",
        SubmissionStatus.OVERDUE: "Quá hạn, chưa nộp",
        SubmissionStatus.WAIVED: "Miễn nộp",
    },
    MeetingKind: {
        MeetingKind.REGULAR: "Họp định kỳ",
        MeetingKind.EXTRAORDINARY: "Họp bất thường",
        MeetingKind.EXPANDED: "Họp mở rộng",
        MeetingKind.BRIEFING: "Buổi làm việc",
    },
    MeetingStatus: {
        MeetingStatus.PLANNED: "Dự kiến",
        MeetingStatus.CONVENED: "Đã triệu tập",
        MeetingStatus.HELD: "Đã họp",
        MeetingStatus.MINUTES_FINAL: "Biên bản đã hoàn thành",
        MeetingStatus.CANCELLED: "Đã hủy",
    },
    InviteeCategory: {
        InviteeCategory.MEMBER: "Thành viên Ban Chỉ đạo",
        InviteeCategory.WORKING_GROUP: "Tổ công tác",
        InviteeCategory.AGENCY_HEAD: "Thủ trưởng cơ quan, đơn vị",
        InviteeCategory.EXPERT: "Chuyên gia, nhà khoa học",
        InviteeCategory.GUEST: "Khách mời",
    },
    DayOffKind: {
        DayOffKind.OFF: "Ngày nghỉ",
        DayOffKind.WORK: "Ngày làm bù",
    },
    AttendanceStatus: {
        AttendanceStatus.UNKNOWN: "Chưa điểm danh",
        AttendanceStatus.PRESENT: "Có mặt",
        AttendanceStatus.ONLINE: "Dự trực tuyến",
        AttendanceStatus.ABSENT: "Vắng",
        AttendanceStatus.SUBSTITUTE: "Cử người dự thay",
    },
}


def label(value: Enum | None) -> str:
    """The Vietnamese label of a vocabulary value ('' for None)."""
    if value is None:
        return ""
    return tr(_BY_TYPE.get(type(value), {}).get(value, str(value.value)))


def choices(enum_cls: type[Enum]) -> list[tuple[Enum, str]]:
    """(value, label) pairs in declaration order, for combo boxes and help texts."""
    return [(m, label(m)) for m in enum_cls]


# The official documents by kind, in the order officers meet them (a meeting's documents as
# they are needed, then the others). Vocabulary, not layout: the screens name a document
# without loading the document engine, which builds them (``documents.kinds`` takes each
# kind's label from here).
DOCUMENT_KIND_LABELS: dict[str, str] = {
    "convocation": "Giấy triệu tập",
    "invitation": "Giấy mời",
    "agenda": "Chương trình",
    "attendance": "Danh sách đại biểu",
    "minutes": "Biên bản cuộc họp",
    "conclusions": "Thông báo kết luận",
    "reports-summary": "Báo cáo tình hình thực hiện chế độ báo cáo",
    "tasks": "Báo cáo tình hình thực hiện nhiệm vụ",
    "reminder": "Văn bản đôn đốc",
    "roster": "Danh sách thành viên Ban Chỉ đạo",
    "wg-convocation": "Giấy triệu tập Tổ công tác",
    "wg-report": "Báo cáo kết quả phiên làm việc",
}
# The kinds built from one meeting (the registry's record type "meeting"; a test keeps the two
# the same).
MEETING_DOCUMENT_KINDS: tuple[str, ...] = (
    "convocation",
    "invitation",
    "agenda",
    "attendance",
    "minutes",
    "conclusions",
)


def document_label(kind: str) -> str:
    """The Vietnamese name of a document kind."""
    return tr(DOCUMENT_KIND_LABELS[kind])
