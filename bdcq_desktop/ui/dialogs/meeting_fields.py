"""A meeting's fields as its forms show them, and each kind's rule in one sentence (the line
under the form): :mod:`.meeting_dialogs` builds the forms from them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.enums import MeetingKind
from ...core.labels import choices as vocabulary
from ...core.meeting_rules import label_of
from ..forms import CHOICE, DATETIME, LOOKUP, MULTILINE, FieldSpec

PEOPLE_KEYS = (
    "chair_id",
    "chair_delegated_by_id",
    "secretary_id",
    "called_by_id",
    "proposed_by_id",
)
FIELD_KEYS = ("kind", "title", "starts_at", "ends_at", "place", *PEOPLE_KEYS, "notes")


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_dialogs", text)


def kind_rule(kind: str) -> str:
    """The regulation's rule for a kind, in one sentence (shown under the form)."""
    rules = {
        MeetingKind.REGULAR.value: _tr(
            "Họp định kỳ: 6 tháng một lần. Trưởng ban hoặc Phó Trưởng ban chủ trì (hoặc người "
            "được ủy quyền, ghi người ủy quyền)."
        ),
        MeetingKind.EXTRAORDINARY.value: _tr(
            "Họp bất thường: do Trưởng ban hoặc Phó Trưởng ban triệu tập, hoặc theo đề nghị của "
            "Thành viên Thường trực — ghi một trong hai."
        ),
        MeetingKind.EXPANDED.value: _tr(
            "Họp mở rộng: Trưởng ban triệu tập; mời thêm thủ trưởng cơ quan, chuyên gia, nhà "
            "khoa học (đếm riêng với thành viên)."
        ),
        MeetingKind.BRIEFING.value: _tr(
            "Buổi làm việc: Trưởng ban hoặc Phó Trưởng ban làm việc với thành viên, Tổ công tác "
            "để nghe báo cáo, chỉ đạo (không ủy quyền chủ trì)."
        ),
    }
    return rules.get(kind, "")


def meeting_fields() -> list[FieldSpec]:
    """The meeting's fields, keyed by the core's names (lookups are filled by the dialog)."""
    return [
        FieldSpec(
            "kind", label_of("kind"), CHOICE, vocabulary(MeetingKind), True, allow_empty=False
        ),
        FieldSpec("title", label_of("title"), required=True),
        FieldSpec("starts_at", label_of("starts_at"), DATETIME, required=True),
        FieldSpec(
            "ends_at",
            label_of("ends_at"),
            DATETIME,
            help=_tr("Phải sau thời gian bắt đầu; chương trình vượt quá giờ này sẽ được cảnh báo."),
        ),
        FieldSpec("place", label_of("place")),
        FieldSpec(
            "chair_id",
            label_of("chair_id"),
            LOOKUP,
            required=True,
            help=_tr(
                "Trưởng ban hoặc Phó Trưởng ban tại ngày họp; người khác chủ trì phải có người ủy "
                "quyền."
            ),
        ),
        FieldSpec(
            "chair_delegated_by_id",
            label_of("chair_delegated_by_id"),
            LOOKUP,
            help=_tr("Trưởng ban hoặc Phó Trưởng ban đã ủy quyền cho người chủ trì."),
        ),
        FieldSpec(
            "called_by_id",
            label_of("called_by_id"),
            LOOKUP,
            help=_tr("Trưởng ban hoặc Phó Trưởng ban (họp mở rộng: Trưởng ban)."),
        ),
        FieldSpec(
            "proposed_by_id",
            label_of("proposed_by_id"),
            LOOKUP,
            help=_tr("Thành viên Thường trực đề nghị họp bất thường."),
        ),
        FieldSpec("secretary_id", label_of("secretary_id"), LOOKUP),
        FieldSpec("notes", label_of("notes"), MULTILINE),
    ]
