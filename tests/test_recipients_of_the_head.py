"""A document the Head signs (or, for minutes, chairs) is not sent to the Head "để b/c" (to be
reported to): the defaults' "Trưởng ban, các Phó Trưởng ban (để b/c)" then reads "Các Phó
Trưởng ban (để b/c)". Signed by someone outside the leadership (the group leader), the line
stays whole; a Deputy Head signing or chairing is not reported to herself either
(tests/test_document_wording.py)."""

from __future__ import annotations

from typing import Any

from bdcq_desktop.core.meeting_detail import get_meeting
from bdcq_desktop.core.meetings import list_meetings
from bdcq_desktop.core.settings import get_organisation, update_organisation
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text

WHOLE = "- Trưởng ban, các Phó Trưởng ban (để b/c);"
DEPUTIES = "- Các Phó Trưởng ban (để b/c);"


def test_the_head_s_convocation_goes_to_the_deputies(demo_db: Any) -> None:
    planned = next(r for r in list_meetings(demo_db) if r.status == "planned")
    text = flat_text(service.draft(demo_db, "convocation", planned.id))
    assert get_organisation(demo_db).default_signer in text  # signed by the Head
    assert DEPUTIES in text and WHOLE not in text


def test_the_group_leader_s_report_goes_to_the_head_and_deputies(demo_db: Any) -> None:
    text = flat_text(service.draft(demo_db, "wg-report", 1))
    assert WHOLE in text and DEPUTIES not in text


def test_minutes_go_to_the_head_unless_the_head_chaired(demo_db: Any) -> None:
    head = get_organisation(demo_db).default_signer
    seen = set()
    for row in list_meetings(demo_db):
        if row.status != "minutes_final":
            continue
        chair = get_meeting(demo_db, row.id).chair
        chaired_by_head = chair is not None and chair.name == head
        text = flat_text(service.draft(demo_db, "minutes", row.id))
        # The demo's other chairs are Deputy Heads: to the Head and the other Deputy.
        assert (DEPUTIES in text, "- Trưởng ban, Phó Trưởng ban" in text) == (
            chaired_by_head,
            not chaired_by_head,
        ), row.id
        assert WHOLE not in text, row.id
        seen.add(chaired_by_head)
    assert seen == {True, False}  # the demo has both


def test_minutes_the_head_chaired_go_to_the_deputies_without_a_default_signer(
    demo_db: Any,
) -> None:
    # A new province's database: the roster names its Head, "Người ký mặc định" was never set.
    head = get_organisation(demo_db).default_signer
    update_organisation(demo_db, default_signer_id=None)
    assert not get_organisation(demo_db).default_signer
    chaired = [
        r.id
        for r in list_meetings(demo_db)
        if r.status == "minutes_final"
        and (chair := get_meeting(demo_db, r.id).chair) is not None
        and chair.name == head
    ]
    assert chaired
    text = flat_text(service.draft(demo_db, "minutes", chaired[0]))
    assert DEPUTIES in text and WHOLE not in text
