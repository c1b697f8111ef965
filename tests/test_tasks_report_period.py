"""The tasks report for a period (core/task_period.py, documents/report_tasks_docs.py, ``bdcq
export tasks --year/--quarter/--half/--from/--to``): a quarter holds the tasks given, due or
finished in it and those still open at its end, counted as they stood at its end; the title
names the period as Decree 30 writes it. On a real SQLite file, PDFs read back, the
command line run as bdcq runs it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import task_period
from bdcq_desktop.core.models import Organisation, Task, TaskStatus, Unit, UnitKind
from bdcq_desktop.core.task_list import listed_tasks
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text

T = date(2026, 11, 20)  # the report's date, after the quarter
Q3 = task_period.quarter(2026, 3)  # 01/07/2026–30/09/2026

# name: (given, deadline, completed_on); None: still open on T
TASKS: dict[str, tuple[date, date, date | None]] = {
    "Nhiệm vụ xong từ đầu năm": (date(2026, 1, 10), date(2026, 3, 1), date(2026, 2, 20)),
    "Nhiệm vụ giao trong quý": (date(2026, 7, 15), date(2026, 12, 31), None),
    "Nhiệm vụ đến hạn trong quý xong muộn": (
        date(2026, 5, 1),
        date(2026, 8, 15),
        date(2026, 8, 20),
    ),
    "Nhiệm vụ xong trong quý đúng hạn": (date(2026, 4, 1), date(2026, 10, 30), date(2026, 9, 10)),
    "Nhiệm vụ quá hạn từ trước": (date(2026, 2, 1), date(2026, 5, 1), None),
    "Nhiệm vụ xong sau quý": (date(2026, 3, 1), date(2026, 9, 20), date(2026, 10, 5)),
    "Nhiệm vụ giao sau quý": (date(2026, 10, 10), date(2026, 12, 1), None),
    "Nhiệm vụ xong sớm hạn sau quý": (date(2026, 1, 5), date(2026, 12, 1), date(2026, 6, 1)),
}
IN_Q3 = [
    "Nhiệm vụ giao trong quý",
    "Nhiệm vụ đến hạn trong quý xong muộn",
    "Nhiệm vụ xong trong quý đúng hạn",
    "Nhiệm vụ quá hạn từ trước",
    "Nhiệm vụ xong sau quý",
]


@pytest.fixture
def data(db: Any) -> None:
    with db.session() as s:
        unit = Unit(name="Sở Thử Kỳ", kind=UnitKind.DEPARTMENT, sort_order=1)
        s.add(unit)
        s.flush()
        org = s.get(Organisation, 1) or Organisation(id=1)
        org.parent_body = "UBND tỉnh Thử Nghiệm"
        org.committee_name = "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Thử Nghiệm"
        org.abbreviation = "BCĐ"
        org.place_name = "Thử Nghiệm"
        s.add(org)
        for name, (given, deadline, done) in TASKS.items():
            s.add(
                Task(
                    content=name,
                    assignee_unit_id=unit.id,
                    assigned_on=given,
                    deadline=deadline,
                    completed_on=done,
                    status=TaskStatus.DONE if done else TaskStatus.OPEN,
                )
            )


def test_a_quarter_holds_its_tasks_as_they_stood_at_its_end(db: Any, data: None) -> None:
    text = flat_text(service.draft(db, "tasks", None, today=T, options={"period": Q3}))
    assert "Tình hình thực hiện nhiệm vụ Ban Chỉ đạo giao quý III năm 2026 Văn phòng" in text
    assert "(từ ngày 01 tháng 7 năm 2026 đến ngày 30 tháng 9 năm 2026)" in text
    assert "Tổng số nhiệm vụ: 5, giao cho 1 cơ quan, đơn vị;" in text
    assert "Trong kỳ: giao mới 1, đến hạn 2, hoàn thành 2 (muộn 1);" in text
    assert "Đã hoàn thành: 2 (tỷ lệ 40%), trong đó đúng hạn 1, muộn 1;" in text
    assert "Đang thực hiện, trong hạn: 1;" in text
    # Finished on 05/10, after the quarter: overdue at its end, as the list of 30/09 says.
    assert "Quá hạn chưa hoàn thành: 2." in text
    for name in TASKS:
        assert (name in text) == (name in IN_Q3), name


def test_the_quarter_counts_as_the_list_of_its_last_day(db: Any, data: None) -> None:
    """The figures are those of Báo cáo › Nhiệm vụ on the period's last day, for the tasks the
    period holds (the same rule, core.task_period)."""
    rows = [
        r
        for r in listed_tasks(db, today=Q3.end)
        if Q3.takes(
            r.assigned_on,
            r.deadline,
            r.completed_on if r.status.startswith("done") else None,
            r.status in ("overdue", "due_soon", "not_due"),
        )
    ]
    assert sorted(r.content for r in rows) == sorted(IN_Q3)
    by = {s: sum(r.status == s for r in rows) for s in ("done_on_time", "done_late", "overdue")}
    text = flat_text(service.draft(db, "tasks", None, today=T, options={"period": Q3}))
    done = by["done_on_time"] + by["done_late"]
    assert f"Đã hoàn thành: {done} (tỷ lệ 40%), trong đó đúng hạn {by['done_on_time']}" in text
    assert f"Quá hạn chưa hoàn thành: {by['overdue']}." in text


def test_a_period_not_over_counts_to_the_reports_date(db: Any, data: None) -> None:
    text = flat_text(
        service.draft(db, "tasks", None, today=T, options={"period": task_period.quarter(2026, 4)})
    )
    assert "quý IV năm 2026 (tính đến ngày 20 tháng 11 năm 2026)" in text


def test_the_command_line_names_the_period(
    db: Any, data: None, db_path: Path, tmp_path: Path
) -> None:
    db.dispose()
    out = tmp_path / "q3.pdf"
    res = run_bdcq(
        ["export", "tasks", "--year", "2026", "--quarter", "3", "--date", T.isoformat(), "-o",
         str(out)], db=db_path,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    text = flat_text(out)
    assert "quý III năm 2026" in text and "Tổng số nhiệm vụ: 5," in text
    # Two dates that are a quarter name it so.
    out2 = tmp_path / "span.pdf"
    res = run_bdcq(
        ["export", "tasks", "--from", "01/07/2026", "--to", "30/09/2026", "--date",
         T.isoformat(), "-o", str(out2)], db=db_path,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "Giao quý III năm 2026".casefold() in flat_text(out2).casefold()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--from", "01/10/2026", "--to", "01/09/2026"], "Đến ngày"),
        (["--from", "31/02/2026", "--to", "01/03/2026"], "Ngày bắt đầu kỳ báo cáo"),
        (["--quarter", "3"], "--quarter cần --year"),
        (["--from", "01/10/2026"], "thiếu --to"),
        (["--year", "2026", "--from", "01/10/2026"], "không dùng --year"),
    ],
)
def test_a_wrong_period_is_refused_naming_the_field(
    db: Any, data: None, db_path: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    db.dispose()
    out = tmp_path / "x.pdf"
    res = run_bdcq(["export", "tasks", *args, "-o", str(out)], db=db_path)
    assert res.returncode != 0
    assert says in res.stderr and "Traceback" not in res.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--year", "2027"], "Năm: "),
        (["--year", "2027", "--quarter", "1"], "Quý: "),
        (["--year", "2027", "--half", "1"], "6 tháng: "),
        (["--from", "01/01/2027", "--to", "31/03/2027"], "Từ ngày: "),  # a quarter, typed as dates
    ],
)
def test_a_period_not_begun_is_refused_naming_the_option_given(
    db: Any, data: None, db_path: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    # The review: `export tasks --year 2027` dated 20/11/2026 was refused as "Từ ngày: …",
    # an option the user never typed.
    db.dispose()
    out = tmp_path / "x.pdf"
    res = run_bdcq(["export", "tasks", *args, "--date", T.isoformat(), "-o", str(out)], db=db_path)
    assert res.returncode == 2, res.stderr
    said = res.stderr.strip().splitlines()[-1]
    assert said == (
        f"bdcq: {says}Kỳ báo cáo bắt đầu ngày 01/01/2027, sau ngày của báo cáo (20/11/2026)."
    ), said
    assert not out.exists()


def test_another_kind_has_no_period(db: Any, data: None, db_path: Path, tmp_path: Path) -> None:
    db.dispose()
    res = run_bdcq(
        ["export", "roster", "--year", "2026", "-o", str(tmp_path / "r.pdf")], db=db_path
    )
    assert res.returncode == 2 and "roster không có kỳ báo cáo, bỏ --year" in res.stderr


def test_each_period_is_issued_apart(demo_db: Any, tmp_path: Path) -> None:
    """The tasks report is issued once a day per period: another period's is another document
    (its own number), never the stored copy of the first, and the register's summary names
    the period (the demo's committee, whose Head signs)."""
    db = demo_db
    h1 = task_period.half(2026, 1)
    q3_rec = service.issue(db, "tasks", None, options={"period": Q3})
    h1_rec = service.issue(db, "tasks", None, options={"period": h1})
    assert h1_rec.number == q3_rec.number + 1
    assert q3_rec.summary == "Tình hình thực hiện nhiệm vụ Ban Chỉ đạo giao quý III năm 2026"
    assert h1_rec.summary.endswith("6 tháng đầu năm 2026")
    with pytest.raises(service.AlreadyIssuedError):
        service.issue(db, "tasks", None, options={"period": Q3})
    found = service.find_issued(db, "tasks", None, options={"period": h1})
    assert found is not None and found.symbol == h1_rec.symbol
    assert service.find_issued(db, "tasks", None) is None  # every task's: not issued today
    out = service.export(db, "tasks", None, tmp_path / "q3.pdf", options={"period": Q3})
    assert out.from_store and out.issued is not None and out.issued.symbol == q3_rec.symbol
    assert "quý III năm 2026" in flat_text(out.path)


def test_the_summary_of_a_period_counts_as_its_report(
    demo_db: Any, demo_template: Path, tmp_path: Path
) -> None:
    """``bdcq tasks summary --year Y --quarter N`` gives the figures the quarter's report
    prints (the demo data: units, a merged unit's heir, stopped tasks, meetings' tasks)."""
    import json
    import shutil

    q3 = task_period.quarter(2026, 3)
    text = flat_text(service.draft(demo_db, "tasks", None, options={"period": q3}))
    path = tmp_path / "summary.sqlite3"
    shutil.copyfile(demo_template, path)
    res = run_bdcq(
        ["tasks", "summary", "--year", "2026", "--quarter", "3", "--format", "json"], db=path
    )
    assert res.returncode == 0, res.stderr
    total = json.loads(res.stdout)["total"]
    assert f"Tổng số nhiệm vụ: {total['total']}," in text
    assert (
        f"Đã hoàn thành: {total['done']} (tỷ lệ {total['rate_text']}), trong đó đúng hạn "
        f"{total['done_on_time']}, muộn {total['done_late']};"
    ) in text
    assert f"Đang thực hiện, trong hạn: {total['due_soon'] + total['not_due']};" in text
    assert f"Quá hạn chưa hoàn thành: {total['overdue']}" in text
    if total["cancelled"]:
        assert f"không tính vào tổng số: {total['cancelled']}." in text
    listed = run_bdcq(
        ["tasks", "list", "--year", "2026", "--quarter", "3", "--format", "json"], db=path
    )
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == total["total"] + total["cancelled"]
