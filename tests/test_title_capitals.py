"""Titles typed in capitals, read back from the PDFs.

"HỘI NGHỊ SƠ KẾT 6 THÁNG …" came out as "Tới dự hội nghị SƠ KẾT 6 THÁNG …": only the first
word's case was handled. The decree writes a summary in normal case, and a sentence needs one:
a title entirely in capitals is put into sentence case, keeping abbreviations (CNTT, UBND,
HĐND), counting Roman numerals (quý II) and the names of the database's units and places.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bdcq_desktop.core.models import Meeting, WorkingSession
from bdcq_desktop.core.wording import meeting_phrase
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from bdcq_desktop.documents.meeting_docs import summary_of
from bdcq_desktop.documents.wording import sentence_case
from tests.conftest import DEMO_TODAY
from tests.pdf_text import flat_text
from tests.test_meeting_docs import make_meeting

CAPITALS = "HỘI NGHỊ SƠ KẾT 6 THÁNG ĐẦU NĂM 2026 VỀ CHUYỂN ĐỔI SỐ VÀ CNTT TẠI UBND TỈNH NGHỆ AN"
WRITTEN = "hội nghị sơ kết 6 tháng đầu năm 2026 về chuyển đổi số và CNTT tại UBND tỉnh Nghệ An"
NAMES = ["UBND tỉnh Nghệ An", "Nghệ An", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Vinh"]


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        (CAPITALS, WRITTEN[0].upper() + WRITTEN[1:]),
        ("LÀM VIỆC VỚI SỞ Y TẾ", "Làm việc với Sở Y tế"),
        ("HỌP BAN CHỈ ĐẠO QUÝ II TRONG PHẠM VI TỈNH", "Họp Ban Chỉ đạo quý II trong phạm vi tỉnh"),
        ("TRIỂN KHAI ĐỀ ÁN 06 TẠI THÀNH PHỐ VINH", "Triển khai Đề án 06 tại thành phố Vinh"),
        ("GIAO BAN BCĐ VỚI HĐND, KT-XH", "Giao ban BCĐ với HĐND, KT-XH"),
        # A small letter anywhere: the drafter's own casing, kept.
        ("Hội nghị SƠ KẾT 6 THÁNG", "Hội nghị SƠ KẾT 6 THÁNG"),
        ("Họp BCĐ về ATTT", "Họp BCĐ về ATTT"),
        ("UBND", "UBND"),
    ],
)
def test_a_title_in_capitals_is_written_in_sentence_case(typed: str, written: str) -> None:
    assert sentence_case(typed, NAMES) == written


def test_a_meeting_titled_in_capitals_reads_in_normal_case(demo_db: Any) -> None:
    meeting = make_meeting(demo_db)
    with demo_db.session() as s:
        m = s.get(Meeting, meeting)
        assert m is not None
        m.title = CAPITALS
    heading = WRITTEN[0].upper() + WRITTEN[1:]
    for kind in ("convocation", "invitation"):
        text = flat_text(service.draft(demo_db, kind, meeting))
        assert f"Tới dự {WRITTEN}." in text, (kind, text)
        assert "SƠ KẾT" not in text, kind
    sheet = flat_text(service.draft(demo_db, "attendance", meeting))
    assert f"Dự {WRITTEN[:40]}" in sheet, sheet
    notice = flat_text(service.draft(demo_db, "conclusions", meeting))
    assert f"tổ chức {WRITTEN};" in notice, notice
    for kind in ("agenda", "minutes"):
        text = flat_text(service.draft(demo_db, kind, meeting))
        assert heading[:40] in text and "SƠ KẾT" not in text, (kind, text)
    # The register's summary of the letter, as printed.
    assert summary_of("Giấy triệu tập")(demo_db, meeting) == f"Giấy triệu tập {heading}"
    assert meeting_phrase(heading).startswith("hội nghị sơ kết 6 tháng")


def test_a_session_titled_in_capitals_reads_in_normal_case(demo_db: Any) -> None:
    with demo_db.session() as s:
        w = s.get(WorkingSession, 1)
        assert w is not None
        w.title = "XÂY DỰNG DỰ THẢO KẾ HOẠCH CHUYỂN ĐỔI SỐ CỦA UBND TỈNH NGHỆ AN"
    text = flat_text(service.draft(demo_db, "wg-convocation", 1, today=DEMO_TODAY))
    assert "xây dựng dự thảo kế hoạch chuyển đổi số của UBND tỉnh Nghệ An" in text, text
    assert "CHUYỂN ĐỔI SỐ" not in text
