"""A position that already names its agency, the way rosters write it ("Chủ tịch UBND tỉnh"),
is not followed by the agency again when the agency carries its official name ("Ủy ban nhân dân
tỉnh Nghệ An"): the first-time set-up audit found "Chủ tịch UBND tỉnh, Ủy ban nhân dân tỉnh
Nghệ An, Trưởng Ban Chỉ đạo" in the convocation, the lists and the notice's summary. "Ủy ban
nhân dân" is "UBND", "Hội đồng nhân dân" is "HĐND", and an agency named by its short name
("Sở TT&TT") is named too. Read back from the PDFs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core import units
from bdcq_desktop.core.agenda import AgendaLine
from bdcq_desktop.core.meetings import create_meeting
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.documents.text import position_and_unit
from tests.pdf_text import flat_text

PROVINCE = "Ủy ban nhân dân tỉnh Nghệ An"


COMMUNE = "Ủy ban nhân dân xã Diễn Châu"
ICT = "Sở Thông tin và Truyền thông"


@pytest.mark.parametrize(
    ("position", "unit", "short", "printed"),
    [
        ("Chủ tịch UBND tỉnh", PROVINCE, "", "Chủ tịch UBND tỉnh Nghệ An"),
        ("Chủ tịch UBND tỉnh", "Uỷ ban Nhân dân tỉnh Nghệ An", "", "Chủ tịch UBND tỉnh Nghệ An"),
        (
            "Chủ tịch Ủy ban nhân dân tỉnh",
            "UBND tỉnh Nghệ An",
            "",
            "Chủ tịch Ủy ban nhân dân tỉnh Nghệ An",
        ),
        ("Chủ tịch UBND xã Diễn Châu", COMMUNE, "", "Chủ tịch UBND xã Diễn Châu"),
        # Written out in the position, any tone placement: the position as typed.
        (
            "Chủ tịch uỷ ban nhân dân xã",
            "UBND xã Diễn Châu",
            "",
            "Chủ tịch uỷ ban nhân dân xã Diễn Châu",
        ),
        ("Phó Chủ tịch HĐND tỉnh", "Hội đồng nhân dân tỉnh Nghệ An", "", "Phó Chủ tịch HĐND tỉnh "
         "Nghệ An"),
        # Named by the short name: written out as the agency's name, said once.
        ("Giám đốc Sở TT&TT", ICT, "Sở TT&TT", f"Giám đốc {ICT}"),
        # A short name the position does not use changes nothing.
        ("Giám đốc", "Sở Y tế", "SYT", "Giám đốc, Sở Y tế"),
    ],
)
def test_an_abbreviated_body_names_the_unit(
    position: str, unit: str, short: str, printed: str
) -> None:
    assert position_and_unit(position, unit, short) == printed


def test_the_head_s_title_is_said_once_in_every_meeting_document(db: Any) -> None:
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    province = units.create_unit(db, name=PROVINCE, short_name="UBND tỉnh")
    ict = units.create_unit(db, name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT")
    commune = units.create_unit(db, name="Ủy ban nhân dân xã Diễn Châu")
    head = mem.create_person(
        db, full_name="Nguyễn Đức Thắng", position="Chủ tịch UBND tỉnh", unit_id=province
    )
    director = mem.create_person(
        db, full_name="Hoàng Thị Thu Hà", position="Giám đốc Sở TT&TT", unit_id=ict
    )
    mayor = mem.create_person(
        db, full_name="Trương Thị Mai", position="Chủ tịch UBND xã Diễn Châu", unit_id=commune
    )
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    for pid in (director, mayor):
        mem.appoint(db, pid, role="member", start_date=date(2024, 1, 1))
    mid = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo 6 tháng cuối năm 2026",
        starts_at=datetime.combine(date.today() + timedelta(days=10), datetime.min.time())
        + timedelta(hours=14),
        place="Phòng họp số 1",
        chair_id=head,
        agenda=[AgendaLine("Khai mạc", 10, presenter_person_id=director)],
        invite_committee=True,
    )
    convocation = service.draft(db, "convocation", mid)
    text = flat_text(convocation)
    assert "Đồng chí Nguyễn Đức Thắng, Chủ tịch UBND tỉnh Nghệ An, Trưởng Ban Chỉ đạo" in text
    assert "Ủy ban nhân dân" not in text
    assert "Đồng chí Hoàng Thị Thu Hà, Giám đốc Sở Thông tin và Truyền thông;" in text
    assert "Đồng chí Trương Thị Mai, Chủ tịch UBND xã Diễn Châu." in text
    assert "Sở TT&TT" not in text
