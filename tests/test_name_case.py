"""How names are cased on save (core/name_case.py): a person's name gets a capital on every
syllable; what is not a plain name (a position, a unit, a degree, a remark) stays as typed."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core.invitees import Invitation
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.name_case import title_case_name

CASES = [
    # Names in the wrong case are set right.
    ("nguyễn văn bình", "Nguyễn Văn Bình"),
    ("ĐINH THỊ HỒNG NHUNG", "Đinh Thị Hồng Nhung"),
    ("Nguyễn văn Bình", "Nguyễn Văn Bình"),
    ("PHÓ ĐỨC PHƯƠNG", "Phó Đức Phương"),  # Phó is a family name too
    ("y bih niê", "Y Bih Niê"),
    ("h'hen niê", "H'Hen Niê"),
    # Vietnamese syllables are no foreign particles (review: "la" kept lower case).
    ("Đinh la Thăng", "Đinh La Thăng"),
    ("Nguyễn Thị le", "Nguyễn Thị Le"),
    ("Trần du Hải", "Trần Du Hải"),
    ("Lê Văn da Hòa", "Lê Văn Da Hòa"),
    # Degrees, ranks and abbreviations keep their capitals (review: "TS" → "Ts").
    ("TS NGUYỄN VĂN AN", "TS Nguyễn Văn An"),
    ("ts nguyễn văn an", "TS Nguyễn Văn An"),
    ("ThS NGUYỄN THỊ LAN", "ThS Nguyễn Thị Lan"),
    ("PGS.TS LÊ VĂN MINH", "PGS.TS Lê Văn Minh"),
    ("BS. trần văn hùng", "BS. Trần Văn Hùng"),
    # A remark in brackets is kept as typed (review: "(Phó GĐ)" → "(Phó Gđ)").
    ("Nguyễn Văn Đức (Phó GĐ)", "Nguyễn Văn Đức (Phó GĐ)"),
    ("nguyễn văn an (dự thay)", "Nguyễn Văn An (dự thay)"),
    ("NGUYỄN VĂN AN (UBND xã)", "Nguyễn Văn An (UBND xã)"),
    # A position or a unit typed as a guest's "name": only its first letter made a capital.
    ("Lãnh đạo UBND xã Hưng Nguyên", "Lãnh đạo UBND xã Hưng Nguyên"),
    ("Đại diện lãnh đạo Sở Y tế", "Đại diện lãnh đạo Sở Y tế"),
    ("lãnh đạo Ban Tuyên giáo Tỉnh ủy", "Lãnh đạo Ban Tuyên giáo Tỉnh ủy"),
    ("Chủ tịch HĐND huyện", "Chủ tịch HĐND huyện"),
    ("Giám đốc các sở, ngành", "Giám đốc các sở, ngành"),
    ("Tổ công tác số 3", "Tổ công tác số 3"),
    ("Nguyễn văn an, chuyên viên", "Nguyễn văn an, chuyên viên"),
]
UNCHANGED = [
    "Đinh Thị Hồng Nhung",
    "La Văn Cầu",
    "Hồ Đức Phớc",
    "PGS.TS Nguyễn Văn A",
    "Nguyễn Văn An (dự thay)",
    "Phó Đức Phương",
    "Nguyễn Công An",  # "công an" is a unit's word, but these are syllables of a name
    "Nguyễn Văn Phòng",
    "Nguyễn Xuân Trường",
    "Tôn Nữ Thị Ninh",
    "Y Bih Niê",
    "Ludwig van Beethoven",  # a foreign name keeps its particle
    "Charles de Gaulle",
    "José de Souza",
    "Ronald McDonald",
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_names_cased_the_rest_kept(raw: str, expected: str) -> None:
    assert title_case_name(raw) == expected
    assert title_case_name(expected) == expected  # applying it again changes nothing
    assert unicodedata.is_normalized("NFC", title_case_name(raw))


@pytest.mark.parametrize("name", UNCHANGED)
def test_names_in_proper_case_unchanged(name: str) -> None:
    assert title_case_name(name) == name


def test_guest_position_stored_as_typed(db: Any) -> None:
    """Through the core: a guest entered by position and a member with a degree keep their
    capitals on the meeting's list of invitees (the convocation prints it)."""
    head = mem.create_person(db, full_name="ts vũ duy tiến", position="Trưởng ban")
    mem.appoint(db, head, role="head", start_date=datetime(2024, 1, 1).date())
    start = datetime(2026, 7, 1, 8, 0)
    meeting = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Phòng họp tầng 3",
        chair_id=head,
        invite_committee=True,
        invitations=[
            Invitation(guest_name="Lãnh đạo UBND xã Hưng Nguyên", category="guest"),
            Invitation(guest_name="Nguyễn Văn Đức (Phó GĐ)", category="guest"),
        ],
        now=start - timedelta(days=7),
    )
    names = {r.name for r in get_meeting(db, meeting).invitees}
    assert names == {
        "TS Vũ Duy Tiến",
        "Lãnh đạo UBND xã Hưng Nguyên",
        "Nguyễn Văn Đức (Phó GĐ)",
    }
