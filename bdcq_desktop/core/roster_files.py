"""Reading and writing roster spreadsheets (.xlsx with openpyxl, .csv).

Reading (bounded and strict, see :mod:`.table_files`) matches headers ignoring case and
diacritics and decodes CSV as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
Windows-1258 (older Vietnamese Excel). Writing
neutralises every text cell that a spreadsheet would run as a formula, and replaces the target
file only once the new one is complete.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import table_files
from . import validation as v
from .errors import BcdError
from .files import os_reason
from .i18n import tr
from .table_files import SheetRow
from .tabular import neutralise
from .text import clean, fold, short_date

COLUMNS = [
    ("full_name", "Họ và tên"),
    ("gender", "Giới tính"),
    ("position", "Chức vụ"),
    ("unit", "Đơn vị"),
    ("role", "Vai trò"),
    ("field", "Lĩnh vực phụ trách"),
    ("area", "Địa bàn phụ trách"),
    ("phone", "Điện thoại"),
    ("email", "Email"),
    ("decision", "Quyết định"),
    # The first day of the membership; the export writes it under the same header, so an
    # exported roster imports with its dates. Empty: the day of the row's decision.
    ("start_date", "Từ ngày"),
]
HEADERS = dict(COLUMNS)
# Other spellings found in real spreadsheets, folded (see _header_key).
_ALIASES = {
    "ho ten": "full_name",
    "danh xung": "gender",
    "ong ba": "gender",
    "co quan": "unit",
    "co quan don vi": "unit",
    "don vi cong tac": "unit",
    "noi cong tac": "unit",
    "chuc danh": "role",
    "vai tro trong ban chi dao": "role",
    "linh vuc": "field",
    "dia ban": "area",
    "so dien thoai": "phone",
    "sdt": "phone",
    "di dong": "phone",
    "e mail": "email",
    "thu dien tu": "email",
    "so quyet dinh": "decision",
    "quyet dinh bo nhiem": "decision",
    "quyet dinh phan cong": "decision",
    "ngay bat dau": "start_date",
    "bat dau tu ngay": "start_date",
    "ngay bat dau nhiem ky": "start_date",
    "nhiem ky tu ngay": "start_date",
    "tham gia tu ngay": "start_date",
}
EXAMPLE = {
    "full_name": "Trần Thị Hoa",
    "gender": "Nữ",
    "position": "Giám đốc",
    "unit": "Sở Khoa học và Công nghệ",
    "role": "Thành viên",
    "field": "Chuyển đổi số",
    "area": "Thành phố Vinh",
    "phone": "0912 345 678",
    "email": "hoatt@nghean.gov.vn",
    "decision": "123/QĐ-UBND ngày 05/02/2026",
    "start_date": "05/02/2026",
}


def _header_key(text: object) -> str | None:
    key = re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).strip()
    for k, header in COLUMNS:
        if key == re.sub(r"[^a-z0-9]+", " ", fold(header)).strip():
            return k
    return _ALIASES.get(key)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return short_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_csv(path: Path) -> list[SheetRow]:
    lines = table_files.csv_lines(table_files.decode_csv(path, table_files.read_head(path)))
    # The delimiter that makes the most header cells recognisable wins: Excel writes ";" where
    # the list separator is ";", and a header such as "Cơ quan, đơn vị" fools csv.Sniffer.
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        head = table_files.parse_csv(path, lines, delimiter, limit=10)
        score = max((sum(_header_key(c) is not None for c in r.cells) for r in head), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return table_files.parse_csv(path, lines, best)


def _read_raw(path: str | os.PathLike[str]) -> list[SheetRow]:
    p = Path(path)
    ext = p.suffix.lower()
    if ext == ".xlsx":
        return table_files.read_xlsx(p)
    if ext in (".csv", ".txt"):
        return _read_csv(p)
    raise BcdError(
        tr('Không đọc được tệp "{name}": chỉ nhận tệp .xlsx hoặc .csv.').format(name=p.name)
    )


@dataclass(frozen=True)
class Record:
    """A data row: its number as shown in Excel or a text editor, {column key: text}, and why
    the row could not be split into cells (``problem``; the values are then empty)."""

    line: int
    values: dict[str, str]
    problem: str = ""


def read_records(path: str | os.PathLike[str]) -> list[Record]:
    """Every non-empty data row of an .xlsx or .csv roster (see :class:`Record`)."""
    raw = _read_raw(path)
    header_at, mapping = None, {}
    for i, row in enumerate(raw[:10]):
        keys = [_header_key(c) for c in row.cells]
        if "full_name" in keys:
            header_at = i
            for col, key in enumerate(keys):
                if key is None:
                    continue
                if key in mapping.values():
                    raise BcdError(
                        tr('Tệp có hai cột "{header}" (cột {col}).').format(
                            header=HEADERS[key], col=col + 1
                        )
                    )
                mapping[col] = key
            break
    if header_at is None:
        raise BcdError(
            tr('Không tìm thấy dòng tiêu đề có cột "Họ và tên" trong tệp "{name}".').format(
                name=Path(path).name
            )
        )
    records = []
    for row in raw[header_at + 1 :]:
        rec = {key: "" for key in HEADERS}
        if row.problem:
            records.append(Record(row.line, rec, row.problem))
            continue
        for col, key in mapping.items():
            value = row.cells[col] if col < len(row.cells) else None
            rec[key] = clean(_cell_text(value))
            # A phone number typed into a number cell loses its leading zero: 912345678.
            if key == "phone" and isinstance(value, int | float) and len(rec[key]) == 9:
                rec[key] = "0" + rec[key]
        if any(rec.values()):
            records.append(Record(row.line, rec))
    if len(records) > table_files.MAX_ROWS:
        raise table_files.too_many_rows(Path(path))
    return records


def read_people_file(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The data rows of an .xlsx or .csv roster, keyed by column (``full_name``, ``unit``…)."""
    return [rec.values for rec in read_records(path)]


# --------------------------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------------------------

_DECISION = re.compile(
    r"^(?:(?:qđ|quyết định|quyet dinh)\s+)?(?:(?:số|so)(?:\s*:\s*|\s+))?(?P<number>.*?)[\s,]*"
    r"(?:(?:ngày|ngay)\s+(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
    r"|\d{1,2}\s+(?:tháng|thang)\s+\d{1,2}\s+(?:năm|nam)\s+\d{4}))?\s*$",
    re.IGNORECASE,
)


def parse_decision(text: str) -> tuple[str | None, date | None]:
    """``123/QĐ-UBND ngày 05/02/2026`` → (``123/QĐ-UBND``, 2026-02-05); a bare number too."""
    m = _DECISION.match(clean(text))
    if m is None:  # pragma: no cover - the pattern matches any text
        return clean(text) or None, None
    number = v.text(m["number"], "decision_number", tr("Số quyết định"), max_len=60)
    day = m["date"]
    if day and not re.fullmatch(r"[\d/.\-]+", day):
        d, mo, y = re.findall(r"\d+", day)
        day = f"{d}/{mo}/{y}"
    return number, v.date_value(day, "decision_date", tr("Ngày quyết định"))


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def file_format(path: str | os.PathLike[str]) -> str:
    """``xlsx`` or ``csv`` from the extension; anything else is refused."""
    ext = Path(path).suffix.lower()
    if ext in (".xlsx", ".csv"):
        return ext[1:]
    raise BcdError(
        tr('Không ghi được tệp "{name}": chỉ hỗ trợ .xlsx hoặc .csv.').format(name=Path(path).name)
    )


def _replace(path: Path, write: Any) -> None:
    # Written next to the target and moved into place, so a failure never leaves half a file.
    # (Not mkstemp: its 0600 mode would stick to the user's exported file.)
    tmp = path.with_name(f".~{path.stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            # Named after the user's file: the temporary one means nothing to them.
            raise BcdError(
                tr('Không ghi được tệp "{name}" ({error}).').format(
                    name=path, error=os_reason(exc)
                )
            ) from exc
        raise


def write_table(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    sheet_title: str = "Danh sách",
    choices: dict[int, Sequence[str]] | None = None,
    notes: Sequence[str] = (),
) -> None:
    """Write a table as .xlsx (bold frozen header, column widths, filters, drop-down lists for
    the columns in ``choices``, ``notes`` on a second sheet) or as .csv (UTF-8 with BOM, so
    Excel opens Vietnamese correctly). Text cells are neutralised in both formats."""
    target = Path(path)
    fmt = file_format(target)
    safe = [[neutralise(c) for c in row] for row in rows]
    if fmt == "csv":

        def write_csv(tmp: Path) -> None:
            with tmp.open("w", encoding="utf-8-sig", newline="") as f:
                out = csv.writer(f, lineterminator="\r\n")
                out.writerow([neutralise(h) for h in headers])
                for row in safe:
                    out.writerow(
                        [
                            "" if c is None else short_date(c) if isinstance(c, date) else c
                            for c in row
                        ]
                    )

        _replace(target, write_csv)
        return
    _replace(target, lambda tmp: _write_xlsx(tmp, headers, safe, sheet_title, choices, notes))


def _write_xlsx(
    tmp: Path,
    headers: Sequence[str],
    rows: list[list[Any]],
    sheet_title: str,
    choices: dict[int, Sequence[str]] | None,
    notes: Sequence[str],
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    ws.append([neutralise(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for i, header in enumerate(headers, start=1):
        longest = max(
            [len(str(header))] + [len(_cell_text(r[i - 1])) for r in rows if i - 1 < len(r)]
        )
        ws.column_dimensions[get_column_letter(i)].width = min(50, max(6, longest + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, ws.max_row)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for col, values in (choices or {}).items():
        letter = get_column_letter(col + 1)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=False,
        )
        dv.add(f"{letter}2:{letter}1000")
        ws.add_data_validation(dv)
    if notes:
        help_sheet = wb.create_sheet(tr("Hướng dẫn"))
        for note in notes:
            help_sheet.append([neutralise(note)])
        help_sheet.column_dimensions["A"].width = 110
    # Zipped in memory, then written at once: a zip archive left open by a failed write (a full
    # disk) would try again when collected and print a traceback at exit.
    buffer = io.BytesIO()
    wb.save(buffer)
    tmp.write_bytes(buffer.getvalue())
