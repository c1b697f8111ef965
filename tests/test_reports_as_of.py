"""Reports as of a past day (``--today D``): the rounds list, the reports list and the overview
say what stood on D, as the summary report dated D and the Đôn đốc list of D do. A report
received after D had not arrived on D (overdue, or not due yet), its receipt not shown; a round
opened after D did not exist on D and is not listed.

The demo (real SQLite file) has receipts after 30/06/2025 in its round due 20/06/2025, e.g.
Sở Công Thương's report arrived on 02/07/2025.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bdcq_desktop.core.chase import chase_list
from bdcq_desktop.core.models import ReportingRound, Submission
from bdcq_desktop.core.report_overview import load_overview
from bdcq_desktop.core.submissions import list_all_submissions
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.test_other_docs import flat, full_text

D = date(2025, 6, 30)


def _json(path: Path, *args: str) -> Any:
    out = run_bdcq([*args, "--today", D.isoformat(), "--format", "json"], db=path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _summary_counts(db: Any, round_id: int) -> dict[str, int]:
    """The counts the summary report dated D prints, read back from its PDF."""
    page = flat(full_text(service.draft(db, "reports-summary", round_id, today=D)))

    def n(pattern: str) -> int:
        found = re.search(pattern, page)
        return int(found.group(1)) if found else 0

    return {
        "on_time": n(r"trong đó đúng hạn (\d+)"),
        "late": n(r"đúng hạn \d+, muộn (\d+)"),
        "overdue": n(r"Quá hạn chưa gửi báo cáo: (\d+)"),
        "not_due": n(r"Chưa đến hạn, chưa gửi báo cáo: (\d+)"),
        "waived": n(r"Miễn nộp: (\d+)"),
    }


def _opened_by_d(db: Any) -> set[int]:
    day = func.coalesce(
        ReportingRound.opened_on, ReportingRound.requested_on, ReportingRound.period_start
    )
    with db.session() as s:
        return set(s.scalars(select(ReportingRound.id).where(day <= D)))


def test_lists_as_of_a_day_agree_with_the_summary_dated_that_day(
    demo_db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    with demo_db.session() as s:
        later = set(
            s.scalars(
                select(Submission.round_id).where(Submission.received_on > D).distinct()
            )
        )
    asked = sorted(later & _opened_by_d(demo_db))
    assert asked  # round 2 (due 20/06/2025): the case at hand
    rounds = {r["id"]: r for r in _json(path, "rounds", "list")}
    overview = load_overview(demo_db, today=D)
    by_round = {r.id: r.counts for r in overview.rounds}
    chased = Counter(r.round_id for u in chase_list(demo_db, today=D) for r in u.reports)
    for rid in asked:
        pdf = _summary_counts(demo_db, rid)
        row = rounds[rid]
        listed = {
            "on_time": row["on_time"],
            "late": row["late"],
            "overdue": row["missing"],
            "not_due": row["not_due"],
            "waived": row["waived"],
        }
        assert listed == pdf, rid
        subs = _json(path, "reports", "list", "--round", str(rid))
        statuses = Counter(r["status"] for r in subs)
        assert {k: statuses[k] for k in pdf} == pdf, rid
        counts = by_round[rid]
        assert {k: counts.get(k) for k in pdf} == pdf, rid
        # Đôn đốc leaves out units retired with no successor: never more than the summary.
        assert chased[rid] <= pdf["overdue"], rid
    # Round 2, the audit's example: 22 on time, 6 late, 5 overdue on 30/06/2025 (23 on time
    # while the demo still asked UBND thị xã Cửa Lò, part of thành phố Vinh since 1/12/2024).
    two = [rid for rid in asked if rounds[rid]["title"].startswith("Báo cáo tình hình triển")]
    assert [(rounds[r]["on_time"], rounds[r]["late"], rounds[r]["missing"]) for r in two] == [
        (22, 6, 5)
    ]


def test_no_receipt_after_the_day_and_no_round_opened_after_it(
    demo_db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    opened = _opened_by_d(demo_db)
    rounds = _json(path, "rounds", "list")
    assert {r["id"] for r in rounds} == opened
    subs = _json(path, "reports", "list")
    assert subs and {r["round_id"] for r in subs} == opened
    for r in subs:
        received = r["received_date"]
        if received is not None:
            assert date.fromisoformat(received) <= D, r
            assert r["status"] in ("on_time", "late"), r
        else:
            # What arrived later (its number) is not shown as of D either.
            assert r["status"] in ("overdue", "not_due", "waived"), r
            assert r["document_number"] == "", r
            if r["status"] == "overdue":
                assert r["days_late"] == (D - date.fromisoformat(r["due_date"])).days, r
    # Nor its summary, evaluation or file, which the window's round pane shows.
    hidden = [r for r in list_all_submissions(demo_db, today=D) if r.received_on is None]
    assert hidden and all(
        (r.document_number, r.summary, r.evaluation, r.file_id, r.document_date)
        == ("", "", "", None, None)
        for r in hidden
    )
    overview = load_overview(demo_db, today=D)
    assert {r.id for r in overview.rounds} == opened
    assert all(c.received_on is None or c.received_on <= D for c in overview.cells.values())
    assert all(c.received_on or not c.document_number for c in overview.cells.values())
