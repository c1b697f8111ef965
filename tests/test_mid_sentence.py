"""An absence reason inserted mid-sentence (core.wording.mid_sentence): "(lý do: ốm)", not
"(lý do: Ốm)"; conservative, so a name, an acronym or an agency keeps its capitals."""

from __future__ import annotations

import pytest

from bdcq_desktop.core.wording import mid_sentence


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Ốm", "ốm"),
        ("Dự hội nghị tại Hà Nội", "dự hội nghị tại Hà Nội"),
        ("Đi công tác", "đi công tác"),
        ("Bận việc gia đình.", "bận việc gia đình."),
        ("ốm", "ốm"),
        ("Họp HĐND tỉnh", "họp HĐND tỉnh"),
        # A common word that opens a reason is lowered whatever follows; the name after it
        # keeps its capitals (the audit's minutes had "Họp Kho bạc…" beside "đi công tác…").
        ("Họp Kho bạc Nhà nước khu vực", "họp Kho bạc Nhà nước khu vực"),
        ("Dự Hội nghị trực tuyến của Chính phủ", "dự Hội nghị trực tuyến của Chính phủ"),
        ("Đi Hà Nội", "đi Hà Nội"),
        ("Tiếp Đoàn công tác của Bộ", "tiếp Đoàn công tác của Bộ"),
        ("Công tác Hà Nội", "công tác Hà Nội"),
        # Kept as typed: acronyms, agencies, names, anything not a plain word.
        ("UBND tỉnh triệu tập họp", "UBND tỉnh triệu tập họp"),
        ("HĐND tỉnh họp", "HĐND tỉnh họp"),
        ("Sở Y tế mời họp", "Sở Y tế mời họp"),
        ("Bộ Nội vụ triệu tập", "Bộ Nội vụ triệu tập"),
        ("Tỉnh ủy triệu tập", "Tỉnh ủy triệu tập"),
        ("Chính phủ họp trực tuyến", "Chính phủ họp trực tuyến"),
        ("Hà Nội", "Hà Nội"),
        ("Công an tỉnh triệu tập", "Công an tỉnh triệu tập"),
        ("Hội đồng nhân dân tỉnh họp", "Hội đồng nhân dân tỉnh họp"),
        ("Gia Lai mời họp", "Gia Lai mời họp"),
        ("Học viện Chính trị khu vực III", "Học viện Chính trị khu vực III"),
        ("Văn phòng Tỉnh ủy mời họp", "Văn phòng Tỉnh ủy mời họp"),
        ("Kho bạc Nhà nước triệu tập", "Kho bạc Nhà nước triệu tập"),
        ("Nguyễn Văn A đi thay", "Nguyễn Văn A đi thay"),
        ("A", "A"),
        ("Covid-19", "Covid-19"),
        ("", ""),
    ],
)
def test_mid_sentence(typed: str, printed: str) -> None:
    assert mid_sentence(typed) == printed


def test_the_minutes_draft_lowers_a_reason(demo_db: object) -> None:
    """The minutes' draft text (the window's) says it as the issued minutes do."""
    from bdcq_desktop.core.minutes_text import minutes_draft
    from tests.test_meeting_docs import make_meeting

    text = minutes_draft(demo_db, make_meeting(demo_db))  # type: ignore[arg-type]
    assert "(lý do: ốm)" in str(text) and "(lý do: Ốm)" not in str(text)
