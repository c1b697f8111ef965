"""The summary of an ad hoc request (``reports-summary`` of a round of no regime), read back
from the PDF: it carries out the committee's request of a day, not a "chế độ báo cáo", and says
so as a secretariat writes it."""

from __future__ import annotations

from datetime import date
from typing import Any

from bdcq_desktop.core import rounds
from bdcq_desktop.documents import service
from tests.conftest import DEMO_TODAY
from tests.pdf_text import flat_text


def _text(db: Any, round_id: int) -> str:
    return flat_text(service.draft(db, "reports-summary", round_id, today=DEMO_TODAY))


def _request(db: Any, **extra: Any) -> int:
    return rounds.open_ad_hoc_round(
        db,
        title="Báo cáo nhanh tình hình kết nối LGSP",
        due_date=date(2026, 12, 1),
        unit_ids=[2, 3],
        opened_on=DEMO_TODAY,
        today=DEMO_TODAY,
        **extra,
    )


def test_an_ad_hoc_request_is_worded_as_the_committees_request_of_its_day(demo_db: Any) -> None:
    text = _text(demo_db, _request(demo_db, requested_on=date(2026, 11, 18)))
    assert "Tình hình gửi báo cáo nhanh tình hình kết nối LGSP" in text
    assert (
        "Thực hiện yêu cầu của Ban Chỉ đạo ngày 18 tháng 11 năm 2026 về báo cáo nhanh tình "
        "hình kết nối LGSP, hạn gửi báo cáo ngày 01 tháng 12 năm 2026;"
    ) in text
    assert "chế độ" not in text and "Đột xuất" not in text and "kỳ báo cáo" not in text
    assert "Thực hiện Báo cáo" not in text


def test_an_ad_hoc_request_with_a_reference_cites_it_with_the_day_asked(demo_db: Any) -> None:
    text = _text(
        demo_db,
        _request(demo_db, request_reference="Công văn số 12/BCĐ", requested_on=date(2026, 11, 18)),
    )
    assert (
        "Thực hiện Công văn số 12/BCĐ ngày 18 tháng 11 năm 2026 về báo cáo nhanh tình hình kết "
        "nối LGSP, hạn gửi báo cáo" in text
    )
    assert "kỳ báo cáo" not in text and "chế độ" not in text
    # A reference that has its own date is not given a second one; no day asked, none said.
    text = _text(demo_db, _request(demo_db, request_reference="Công văn số 13/BCĐ ngày 17/11/2026"))
    assert "Thực hiện Công văn số 13/BCĐ ngày 17/11/2026 về báo cáo nhanh" in text
    text = _text(demo_db, _request(demo_db))
    assert "Thực hiện yêu cầu của Ban Chỉ đạo về báo cáo nhanh tình hình kết nối LGSP" in text
