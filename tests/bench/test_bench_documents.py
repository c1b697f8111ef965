"""How long the meeting documents take (marker ``benchmark``; run with ``-m benchmark -s``).

Absolute times depend on the machine, so nothing here asserts milliseconds: each figure is
printed, and compared as a ratio with a baseline measured in the same run (rendering a trivial
one-paragraph document), with generous bounds that catch a regression of an order of magnitude
(e.g. a query per invitee, or re-measuring every name for every line).

Targets on an office PC: the minutes of a meeting with 100 attendees and 30 agenda items under
150 ms; all six documents of such a meeting under 1 s.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest

from bdcq_desktop.documents import (
    Document,
    Header,
    Para,
    Recipients,
    SignatureBlock,
    Title,
    register_fonts,
    render,
    service,
)
from tests.test_meeting_docs import MEETING_KINDS, make_meeting

pytestmark = pytest.mark.benchmark


def median_ms(fn: Callable[[], Any], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def trivial() -> bytes:
    return render(
        Document(
            header=Header(
                parent_body="UBND tỉnh Nghệ An",
                issuing_body="Ban Chỉ đạo xây dựng Chính quyền điện tử",
                type_abbr="GM",
                number=1,
                place="Nghệ An",
            ),
            title=Title("Giấy mời", "Họp Ban Chỉ đạo"),
            body=[Para("Ban Chỉ đạo trân trọng kính mời.", closing=True)],
            signatures=[SignatureBlock(["TM. Ban Chỉ đạo", "Trưởng ban"], "Nguyễn Văn A")],
            recipients=Recipients(["Như trên"]),
        )
    )


@pytest.fixture(scope="module", autouse=True)
def fonts() -> None:
    register_fonts(prefer_system=False)


@pytest.fixture
def big_meeting(demo_db: Any) -> int:
    # 100 attendees (a few absent or substituted), 30 agenda items, 6 conclusions with tasks.
    return make_meeting(
        demo_db, members=85, agency_heads=8, experts=4, guests=3, agenda=30, conclusions=6
    )


def test_minutes_of_a_large_meeting(demo_db: Any, big_meeting: int) -> None:
    baseline = median_ms(trivial, runs=15)
    minutes = median_ms(lambda: service.draft(demo_db, "minutes", big_meeting), runs=9)
    ratio = minutes / baseline
    print(
        f"\nbaseline (one-paragraph document): {baseline:.1f} ms; minutes, 100 attendees and "
        f"30 agenda items: {minutes:.1f} ms (target < 150 ms); ratio {ratio:.1f}"
    )
    assert ratio < 40


def test_all_documents_of_a_meeting(demo_db: Any, big_meeting: int) -> None:
    baseline = median_ms(trivial, runs=15)

    def all_documents() -> None:
        for kind in MEETING_KINDS:
            service.draft(demo_db, kind, big_meeting)

    total = median_ms(all_documents, runs=5, warmup=1)
    each = {
        kind: median_ms(lambda k=kind: service.draft(demo_db, k, big_meeting), runs=3, warmup=0)
        for kind in MEETING_KINDS
    }
    ratio = total / baseline
    detail = ", ".join(f"{k} {v:.0f}" for k, v in each.items())
    print(
        f"\nbaseline: {baseline:.1f} ms; all six documents of a 100-attendee meeting: "
        f"{total:.1f} ms (target < 1000 ms); ratio {ratio:.1f}\n  per kind (ms): {detail}"
    )
    assert ratio < 250
