"""The reminder's wording (documents/reminder_docs.py, core/chase.py left_out_text): its paragraph
on the arrears of units retired with no successor counts them as its opening does (reports,
then tasks, joined by "và") and says what the committee will do with them; the closing says
"nêu trên" once; a reminder with one kind of arrears does not number its only section. On a
real SQLite file (the hand-counted dataset of :mod:`tests.report_fixtures`, C retired with no
successor five days before T), PDFs read back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bdcq_desktop.documents import service
from tests import report_fixtures as rf
from tests.pdf_text import flat_text

T = date(2026, 3, 20)
PERSON = rf.PERSON_OF_NO_UNIT
PERSON_TASK = rf.PERSON_TASK


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return rf.build_with_gaps(db, T)


def test_the_all_units_reminder_says_what_it_leaves_out_as_its_opening_counts(
    db: Any, data: rf.Ids
) -> None:
    text = flat_text(service.draft(db, "reminder", None, today=T))
    # The opening counts reports, then tasks; the left-out paragraph (C's, and D's January
    # report) does the same.
    assert "còn 1 báo cáo chưa gửi và 2 nhiệm vụ chưa hoàn thành đã quá hạn" in text
    assert (
        "Ngoài ra, còn 2 báo cáo và 1 nhiệm vụ quá hạn của các đơn vị đã thôi hoạt động, chưa có "
        f"đơn vị tiếp nhận ({rf.UNIT_C}: 1 báo cáo và 1 nhiệm vụ; {rf.UNIT_D}: 1 báo cáo); Ban "
        "Chỉ đạo sẽ xem xét miễn nộp "
        "các báo cáo, giao đơn vị khác tiếp nhận hoặc cho dừng thực hiện các nhiệm vụ này, nên "
        "không đôn đốc tại Thông báo này."
    ) in text
    assert "không còn đơn vị thực hiện" not in text
    closing = text.split("Ban Chỉ đạo đề nghị", 1)[1].split("./.", 1)[0]
    assert closing.count("nêu trên") == 1
    assert closing.startswith(
        " các cơ quan, đơn vị, cá nhân nêu trên khẩn trương gửi các báo cáo còn thiếu, hoàn "
        "thành các nhiệm vụ quá hạn và báo cáo kết quả về Ban Chỉ đạo"
    )


def test_a_unit_reminder_with_one_kind_of_arrears_does_not_number_its_only_section(
    db: Any, data: rf.Ids
) -> None:
    # A owes only a report on T, B only a task: one table each, under a heading of no number.
    to_a = flat_text(service.draft(db, "reminder", data.units["A"], today=T))
    assert "cụ thể như sau: BÁO CÁO QUÁ HẠN CHƯA GỬI" in to_a
    to_b = flat_text(service.draft(db, "reminder", data.units["B"], today=T))
    assert "cụ thể như sau: NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH" in to_b
    assert "I. " not in to_a and "I. " not in to_b
