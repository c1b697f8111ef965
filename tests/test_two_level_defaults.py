"""Defaults for new documents follow the local government of today: two levels since 1 July
2025, the province and the commune (xã, phường; đặc khu where the province has one); no district
("huyện", "thị xã"). A document of an earlier date names the districts of its day
(tests/test_documents_of_their_date.py)."""

from __future__ import annotations

import re
from typing import Any

from bdcq_desktop.core.enums import UnitKind
from bdcq_desktop.core.units import guess_unit_kind
from bdcq_desktop.documents import service
from bdcq_desktop.documents.settings_defaults import DEFAULT_RECIPIENTS
from tests.pdf_text import page_texts
from tests.test_meeting_docs import demo_ids

DISTRICT = re.compile(r"huyện|thị xã|thành, thị", re.IGNORECASE)


def test_no_default_names_the_district_level() -> None:
    for kind, lines in DEFAULT_RECIPIENTS.items():
        assert not any(DISTRICT.search(line) for line in lines), kind
    assert "UBND các xã, phường" in DEFAULT_RECIPIENTS["conclusions"]


def test_the_notice_of_conclusions_goes_to_the_communes(demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["regular"]
    pdf = service.draft(demo_db, "conclusions", meeting_id)
    text = "\n".join(page_texts(pdf))
    recipients = text[text.index("Nơi nhận:") :]
    assert "- Các sở, ban, ngành;" in recipients
    assert "- UBND các xã, phường;" in recipients  # Nghệ An has no đặc khu
    assert not DISTRICT.search(recipients)


def test_a_commune_of_today_is_guessed_a_locality() -> None:
    for name in ("UBND xã Nam Đàn", "UBND phường Vinh Phú", "UBND đặc khu Phú Quốc"):
        assert guess_unit_kind(name) == UnitKind.LOCALITY, name
