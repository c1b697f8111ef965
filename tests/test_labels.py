"""The Vietnamese labels of the domain vocabularies: every value of every vocabulary has its
own, whatever codes the vocabularies share (audit of a new office, defect 7: the unit kind
"Khác" showed as "Nhiệm vụ khác", the label of a working session's purpose "other")."""

from __future__ import annotations

import inspect
from enum import Enum
from itertools import combinations

from bdcq_desktop.core import enums
from bdcq_desktop.core.labels import choices, label

# Vocabularies never shown to an officer (stored and read back by code only).
UNLABELLED = {enums.TaskSource, enums.ChangeAction}
# Codes two vocabularies share with one meaning, hence one label.
SAME_MEANING = {
    ("member", "Thành viên"),  # committee, working group, a session's participant
    ("leader", "Tổ trưởng"),
    ("deputy_leader", "Tổ phó"),
    ("expert", "Chuyên gia"),  # a person's kind and a session's participant
    ("guest", "Khách mời"),  # a person's kind and an invitee's category
}


def vocabularies() -> list[type[Enum]]:
    return [
        cls
        for _name, cls in inspect.getmembers(enums, inspect.isclass)
        if issubclass(cls, Enum) and cls.__module__ == enums.__name__
    ]


def test_every_value_of_every_vocabulary_has_a_label_of_its_own() -> None:
    found = vocabularies()
    assert enums.UnitKind in found and enums.SessionPurpose in found
    for cls in found:
        if cls in UNLABELLED:
            continue
        labels = [text for _value, text in choices(cls)]
        for value, text in choices(cls):
            assert text and text != value.value, (cls.__name__, value, text)  # not the code
        # A drop-down list with two equal entries could not be read.
        assert len(set(labels)) == len(labels), (cls.__name__, labels)


def test_a_code_shared_by_two_vocabularies_keeps_each_ones_label() -> None:
    shared = []
    for a, b in combinations([c for c in vocabularies() if c not in UNLABELLED], 2):
        for value in a:
            if value.value in {v.value for v in b}:
                other = b(value.value)
                if label(value) == label(other):
                    shared.append((value.value, label(value)))
    assert set(shared) <= SAME_MEANING, shared


def test_the_unit_kind_other_and_the_session_purpose_other() -> None:
    assert label(enums.UnitKind.OTHER) == "Khác"
    assert dict(choices(enums.UnitKind))[enums.UnitKind.OTHER] == "Khác"
    assert label(enums.SessionPurpose.OTHER) == "Nhiệm vụ khác"
    assert label(enums.MeetingStatus.CANCELLED) == "Đã hủy"
    assert label(enums.TaskStatus.CANCELLED) == "Đã dừng"
    assert label(enums.Frequency.AD_HOC) == "Đột xuất"
    assert label(None) == ""
