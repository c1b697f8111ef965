""""Xuất Excel…" of any list writes a date the screen shows as a date as a real Excel date, and
a count the screen shows as a number as a number, also when the column formats its cells
itself (the tasks page's "Thời hạn" and "Trễ (ngày)" came out as the text '12/08/2016' and
'3762'), or marks a day ("30/04/2027 ↻"); a word stays a word, a blank stays blank. Read back
with openpyxl."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from bdcq_desktop.ui import table_export
from bdcq_desktop.ui.list_tab import RecordTable
from bdcq_desktop.ui.table_model import Column


class Marked(date):
    """A day the screen shows with a mark after it, as the tasks page an extended deadline."""


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    due: date
    late: int
    received: date | None


ROWS = [
    Row(1, "Sở Y tế", date(2016, 8, 12), 3762, date(2016, 9, 1)),
    Row(2, "Sở Nội vụ", date(2026, 12, 31), 0, None),
    Row(3, "Sở Tư pháp", Marked(2027, 4, 30), 0, None),
]


def _columns() -> list[Column]:
    return [
        Column("name", "Đơn vị"),
        Column(
            "due",
            "Thời hạn",
            formatter=lambda d: f"{d:%d/%m/%Y} ↻" if isinstance(d, Marked) else f"{d:%d/%m/%Y}",
        ),
        Column("late", "Trễ (ngày)", align_right=True, formatter=lambda n: str(n) if n else ""),
        Column("received", "Tình trạng", formatter=lambda d: f"Nhận {d:%d/%m}" if d else ""),
        Column("id", "Mã"),  # a plain count, no formatter: a number as before
    ]


def test_formatted_dates_and_counts_are_written_as_dates_and_numbers(
    qtbot: Any, db: Any, tmp_path: Path
) -> None:
    table = RecordTable("exportTypes", _columns(), lambda: ROWS)
    qtbot.addWidget(table)
    table.show()
    table.reload()
    target = tmp_path / "bang.xlsx"
    table_export.export_sheet(table, db, str(target), table_export.record_table_sheet(table, "T"))
    qtbot.waitUntil(target.exists, timeout=20_000)
    sheet = load_workbook(target).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Đơn vị", "Thời hạn", "Trễ (ngày)", "Tình trạng", "Mã"]
    by_name = {r[0]: r for r in rows[1:]}
    late = by_name["Sở Y tế"]
    assert isinstance(late[1], datetime) and late[1].date() == date(2016, 8, 12)
    assert isinstance(late[2], int) and late[2] == 3762
    assert late[3] == "Nhận 01/09"  # a date said in words stays the words
    assert isinstance(late[4], int)
    # A count the screen leaves blank is blank, not the text "0" nor a 0.
    assert by_name["Sở Nội vụ"][2] in (None, "")
    # A day shown with a mark ("30/04/2027 ↻", a deadline extended) is that day all the same.
    assert by_name["Sở Tư pháp"][1] == datetime(2027, 4, 30)
    for r in range(2, sheet.max_row + 1):
        cell = sheet.cell(r, 2)
        assert cell.data_type == "d" or cell.is_date, cell.value
        assert cell.number_format == "DD/MM/YYYY"
        late_cell = sheet.cell(r, 3)
        assert late_cell.data_type == "n" or not late_cell.value, late_cell.value
