"""The tasks report's count and recommendation (documents/report_tasks_docs.py): a person of no
unit is counted as a person, not a unit, and addressed as "đồng chí …"; the recommendation asks
only those who can act, and proposes handing over what units retired with no successor leave
(the reminder of the same date does not chase them). On a real SQLite file (the hand-counted
dataset of :mod:`tests.report_fixtures`, C retired with no successor five days before T), PDFs
read back."""

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


def _proposal(db: Any) -> str:
    """The tasks report's recommendation (section III), dated T."""
    return flat_text(service.draft(db, "tasks", None, today=T)).split("KIẾN NGHỊ", 1)[1]


def test_the_tasks_report_counts_a_person_as_a_person(db: Any, data: rf.Ids) -> None:
    text = flat_text(service.draft(db, "tasks", None, today=T))
    # A (2), B (2; its cancelled one not counted) and C (3: two done, its person's) are units;
    # the person of no unit (1) is a person.
    assert "Tổng số nhiệm vụ: 8, giao cho 3 cơ quan, đơn vị và 1 cá nhân;" in text
    assert "giao trực tiếp cho các cơ quan, đơn vị, cá nhân, tính đến" in text
    assert (
        "Đề nghị các cơ quan, đơn vị, cá nhân có nhiệm vụ quá hạn khẩn trương hoàn thành, báo "
        f"cáo kết quả về Ban Chỉ đạo: {rf.UNIT_B} (1 nhiệm vụ); đồng chí {PERSON} (1 nhiệm vụ)."
    ) in _proposal(db)


def test_the_tasks_report_asks_only_units_that_can_act(db: Any, data: rf.Ids) -> None:
    proposal = _proposal(db)
    # C is retired with no successor: not asked to act; its task is proposed for handing over.
    assert (
        "Đối với 1 nhiệm vụ quá hạn của đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận "
        f"({rf.UNIT_C}: 1 nhiệm vụ), đề nghị Ban Chỉ đạo xem xét giao đơn vị khác tiếp nhận, "
        "tiếp tục thực hiện hoặc cho dừng thực hiện các nhiệm vụ này./."
    ) in proposal
    asked = proposal.split("Đối với", 1)[0]
    assert rf.UNIT_B in asked and rf.UNIT_C not in asked
