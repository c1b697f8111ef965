"""Military and police ranks opening a name are written in sentence case ("Đại tá", "Thượng
tá", "Thiếu tướng"), whatever case they were typed in: the name rule gives every other
syllable a capital, and the roster PDF prints what is stored (read back)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bdcq_desktop.core.name_case import title_case_name
from tests.cli_run import bdcq
from tests.pdf_text import flat_text

POLICE = "20"  # the demo's Công an tỉnh member (Giám đốc Công an tỉnh)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đại tá Võ Văn Bình", "Đại tá Võ Văn Bình"),
        ("Thượng Tá Nguyễn Văn An", "Thượng tá Nguyễn Văn An"),
        ("ĐẠI TÁ VÕ VĂN BÌNH", "Đại tá Võ Văn Bình"),
        ("thiếu tướng đỗ sỹ bình", "Thiếu tướng Đỗ Sỹ Bình"),
        ("Trung tá Lê Thị Hoa", "Trung tá Lê Thị Hoa"),
        ("Đại úy Trần An", "Đại úy Trần An"),
        ("Nguyễn Trung Tá", "Nguyễn Trung Tá"),  # a name's syllables, not a rank
    ],
)
def test_ranks_in_sentence_case(raw: str, expected: str) -> None:
    assert title_case_name(raw) == expected


def test_the_roster_prints_the_police_members_rank_in_sentence_case(
    demo: Path, tmp_path: Path
) -> None:
    out = bdcq(demo, "people", "edit", POLICE, "--name", "Đại tá Võ Văn Bình", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "Đại tá Võ Văn Bình" in json.dumps(json.loads(out.stdout), ensure_ascii=False)
    pdf = tmp_path / "roster.pdf"
    out = bdcq(demo, "export", "roster", "-o", pdf)
    assert out.returncode == 0, out.stderr
    text = flat_text(pdf)
    assert "Đại tá Võ Văn Bình" in text
    assert "Đại Tá" not in text
