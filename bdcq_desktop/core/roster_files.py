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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import table_files
from . import validation as v
from .errors import BcdError
from .file_kinds import refuse_other_kind
from .files import on_disk, os_reason, part_path
from .i18n import tr
from .memberships import parse_role
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
# The end of a term, written by the export of every term (``--all``): read back, an ended term
# is imported as ended, never as a current member. Not in the template: a roster to fill in
# lists the members appointed, not the ones who left.
FORMER_COLUMNS = [
    ("end_date", "Đến ngày"),
    ("end_decision", "Quyết định thôi"),
]
# The person's key (:mod:`.roster_keys`), written by every export: read back, a row is matched
# to its person by it before name and unit. Not in the template: a new person has none.
KEY_COLUMNS = [("person_key", "Mã người")]
HEADERS = dict(COLUMNS + FORMER_COLUMNS + KEY_COLUMNS)
# Other spellings found in real spreadsheets, folded (see _header_key). Only spellings that
# can mean one column: "Tên" (the given name?) or "ĐT" (điện thoại? đào tạo?) are not here.
_ALIASES = {
    "ho ten": "full_name",
    "danh xung": "gender",
    "ong ba": "gender",
    "co quan": "unit",
    "co quan don vi": "unit",
    "co quan cong tac": "unit",
    "co quan don vi cong tac": "unit",
    "don vi cong tac": "unit",
    "noi cong tac": "unit",
    "noi lam viec": "unit",
    # "Chức danh" alone is the post in an office's roster ("Chủ tịch UBND tỉnh"), unless its
    # values are committee roles: see _chuc_danh_key.
    "chuc danh": "position",
    "chuc danh trong ban chi dao": "role",
    "chuc danh trong bcd": "role",
    "vai tro trong ban chi dao": "role",
    "vai tro trong bcd": "role",
    "linh vuc": "field",
    "linh vuc duoc phan cong": "field",
    "dia ban": "area",
    "dia ban duoc phan cong": "area",
    "so dien thoai": "phone",
    "so dt": "phone",
    "sdt": "phone",
    "di dong": "phone",
    "so di dong": "phone",
    "dien thoai di dong": "phone",
    "dtdd": "phone",
    "e mail": "email",
    "dia chi email": "email",
    "dia chi e mail": "email",
    "thu dien tu": "email",
    "dia chi thu dien tu": "email",
    "so quyet dinh": "decision",
    "quyet dinh bo nhiem": "decision",
    "quyet dinh phan cong": "decision",
    "ngay bat dau": "start_date",
    "bat dau tu ngay": "start_date",
    "ngay bat dau nhiem ky": "start_date",
    "nhiem ky tu ngay": "start_date",
    "tham gia tu ngay": "start_date",
    "den het ngay": "end_date",
    "ngay thoi": "end_date",
    "quyet dinh thoi lam thanh vien": "end_decision",
}
# Columns that hold nothing to import (a row number): not worth a warning when left out.
_NOTHING_TO_IMPORT = {"stt", "tt", "so tt", "so thu tu"}
# The template's example: a made-up person with no province of their own (the template goes
# to every province). Shown on the template's guide sheet, never in its data; a row equal to
# it, or to the example of the templates handed out before, is refused (see is_example).
EXAMPLE = {
    "full_name": "Nguyễn Văn A",
    "gender": "Nam",
    "position": "Giám đốc",
    "unit": "Sở Khoa học và Công nghệ",
    "role": "Thành viên",
    "field": "Chuyển đổi số",
    "area": "Phường A; xã B",
    "phone": "0912 345 678",
    "email": "nguyenvana@example.gov.vn",
    "decision": "123/QĐ-UBND ngày 05/02/2026",
    "start_date": "05/02/2026",
}
_FORMER_EXAMPLES = (
    {
        "full_name": "Trần Thị Hoa",
        "position": "Giám đốc",
        "unit": "Sở Khoa học và Công nghệ",
        "decision": "123/QĐ-UBND ngày 05/02/2026",
    },
)
_EXAMPLE_KEYS = ("full_name", "position", "unit", "decision")


def is_example(values: dict[str, str]) -> bool:
    """Whether a row is the template's example (today's or a former one) left in the file."""
    return any(
        all(_words(values.get(k, "")) == _words(example[k]) for k in _EXAMPLE_KEYS)
        for example in (EXAMPLE, *_FORMER_EXAMPLES)
    )


def _words(text: object) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).strip()


def _header_key(text: object) -> str | None:
    key = _words(text)
    for k, header in COLUMNS + FORMER_COLUMNS + KEY_COLUMNS:
        if key == _words(header):
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
    p = on_disk(path)
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


@dataclass(frozen=True)
class FileColumn:
    """A column as the officer sees it in their file: its letter and its own header."""

    index: int  # 0 for column A
    header: str

    @property
    def letter(self) -> str:
        n, letters = self.index + 1, ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("A") + rest) + letters
        return letters

    def __str__(self) -> str:
        if not self.header:
            return tr("cột {letter} (không có tiêu đề)").format(letter=self.letter)
        return tr('"{header}" (cột {letter})').format(header=self.header, letter=self.letter)


@dataclass(frozen=True)
class RosterTable:
    """What :func:`read_table` found: the data rows, the file's column read as each key, and
    the columns with data that nothing reads (to be named, never dropped in silence)."""

    records: list[Record]
    columns: dict[str, FileColumn]
    ignored: list[FileColumn]


def read_table(path: str | os.PathLike[str]) -> RosterTable:
    """Every non-empty data row of an .xlsx or .csv roster and how its columns were read."""
    raw = _read_raw(path)
    header_at = next(
        (
            i
            for i, row in enumerate(raw[:10])
            if "full_name" in [_header_key(c) for c in row.cells]
        ),
        None,
    )
    if header_at is None:
        raise BcdError(
            tr('Không tìm thấy dòng tiêu đề có cột "Họ và tên" trong tệp "{name}".').format(
                name=Path(path).name
            )
        )
    headers = [clean(_cell_text(c)) for c in raw[header_at].cells]
    data = [row for row in raw[header_at + 1 :] if not row.problem]
    keys = [_header_key(h) for h in headers]
    columns: dict[str, FileColumn] = {}
    for col, (header, key) in enumerate(zip(headers, keys, strict=True)):
        if key is None:
            continue
        if _words(header) == "chuc danh":
            beside = any(k == "position" for i, k in enumerate(keys) if i != col)
            key = _chuc_danh_key(col, data, beside_position=beside)
        if key in columns:
            raise BcdError(
                tr(
                    'Tệp có hai cột cùng được đọc là "{label}": {first} và {second}. Hãy xóa '
                    "hoặc đổi tên một cột."
                ).format(label=HEADERS[key], first=columns[key], second=FileColumn(col, header))
            )
        columns[key] = FileColumn(col, header)
    # A column nothing reads is named when it has data (a data column without a header too),
    # so the officer learns what will not be imported; an empty one loses nothing.
    read = {c.index for c in columns.values()}
    width = max([len(headers), *(len(row.cells) for row in data)])
    padded = headers + [""] * (width - len(headers))
    ignored = [
        FileColumn(col, header)
        for col, header in enumerate(padded)
        if col not in read
        and _words(header) not in _NOTHING_TO_IMPORT
        and any(col < len(row.cells) and clean(_cell_text(row.cells[col])) for row in data)
    ]
    records = []
    for row in raw[header_at + 1 :]:
        rec = {key: "" for key in HEADERS}
        if row.problem:
            records.append(Record(row.line, rec, row.problem))
            continue
        for key, column in columns.items():
            col = column.index
            value = row.cells[col] if col < len(row.cells) else None
            rec[key] = clean(_cell_text(value))
            # A phone number typed into a number cell loses its leading zero: 912345678.
            if key == "phone" and isinstance(value, int | float) and len(rec[key]) == 9:
                rec[key] = "0" + rec[key]
        if any(rec.values()):
            records.append(Record(row.line, rec))
    if len(records) > table_files.MAX_ROWS:
        raise table_files.too_many_rows(Path(path))
    return RosterTable(records, columns, ignored)


def _chuc_danh_key(col: int, rows: list[SheetRow], *, beside_position: bool) -> str:
    """What a "Chức danh" column holds: in an office's roster it is the post ("Chủ tịch UBND
    tỉnh"), but a roster copied from a decision may use it for the role in the committee
    ("Trưởng ban"). The role when most of its values are roles (the others are then refused
    as roles, naming the column) or when the file has a "Chức vụ" column beside it (then it
    is the title in the committee), else the position."""
    if beside_position:
        return "role"
    values = [
        text for row in rows if col < len(row.cells) and (text := clean(_cell_text(row.cells[col])))
    ]
    roles = 0
    for text in values:
        with contextlib.suppress(BcdError):
            parse_role(text)
            roles += 1
    return "role" if values and roles * 2 > len(values) else "position"


def read_people_file(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The data rows of an .xlsx or .csv roster, keyed by column (``full_name``, ``unit``…)."""
    return [rec.values for rec in read_table(path).records]


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
    tmp = part_path(path.with_name(path.stem), path.suffix)
    try:
        write(tmp)
        if os.path.lexists(path):
            refuse_other_kind(tmp, path)  # never a PDF or the room's record turned into a table
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            # Named after the user's file: the temporary one means nothing to them.
            raise BcdError(
                tr('Không ghi được tệp "{name}" ({error}).').format(
                    name=path, error=os_reason(exc, path)
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
    widths: Sequence[int] = (),
) -> None:
    """Write a table as .xlsx (bold frozen header, column widths, filters, drop-down lists for
    the columns in ``choices``, ``notes`` on a second sheet) or as .csv (UTF-8 with BOM, so
    Excel opens Vietnamese correctly). Text cells are neutralised in both formats. ``widths``
    are the least widths (in characters) of the columns, for a table still to be filled."""
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
    _replace(
        target, lambda tmp: _write_xlsx(tmp, headers, safe, sheet_title, choices, notes, widths)
    )


def _write_xlsx(
    tmp: Path,
    headers: Sequence[str],
    rows: list[list[Any]],
    sheet_title: str,
    choices: dict[int, Sequence[str]] | None,
    notes: Sequence[str],
    widths: Sequence[int],
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
    # Each cell made where it goes: ``ws[ws.max_row]`` after each append scanned every cell
    # written so far (twice: max_row, then max_column), 93 s for 25,000 rows of 5 columns.
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for i, header in enumerate(headers, start=1):
        longest = max(
            [len(str(header)), widths[i - 1] if i - 1 < len(widths) else 0]
            + [len(_cell_text(r[i - 1])) for r in rows if i - 1 < len(r)]
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
