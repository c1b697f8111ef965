"""Reading spreadsheets the user picked (.xlsx, .csv) without trusting them.

An import file comes from e-mail or a USB stick, so every size is bounded before anything is
allocated: the file on disk, each part of an .xlsx (a zip: a small file can hold a huge part),
the rows and the columns read. XML entity declarations are refused (defusedxml, which openpyxl
uses when it is installed). A CSV is parsed strictly: a quote left open makes that one row an
error instead of swallowing the next fields into a name. Every refusal is one Vietnamese line
naming the user's file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BcdError
from .i18n import tr
from .text import excerpt

MAX_FILE_BYTES = 20 * 1024 * 1024  # a 50,000-row roster is a few MB in either format
MAX_PART_BYTES = 50 * 1024 * 1024  # uncompressed, any one part of an .xlsx
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # uncompressed, all parts of an .xlsx
MAX_PARTS = 2000
MAX_ROWS = 50_000  # non-empty rows
MAX_COLUMNS = 64  # columns further right are not read
_TITLE_ROWS = 10  # a title and the header may stand above the data
_EXCEL_ROWS = 1_048_576  # the grid's last row: a row number beyond it is not a real row

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls


@dataclass(frozen=True)
class SheetRow:
    """A non-empty row: its number as Excel or a text editor shows it, its cells, and why it
    could not be read (``problem``; then ``cells`` is empty)."""

    line: int
    cells: list[object]
    problem: str = ""


def _fs_error(path: Path, exc: OSError) -> BcdError:
    if isinstance(exc, FileNotFoundError):
        text = tr('Không tìm thấy tệp "{name}".')
    elif isinstance(exc, PermissionError):
        text = tr('Không có quyền đọc tệp "{name}".')
    elif isinstance(exc, IsADirectoryError):
        text = tr('"{name}" là một thư mục, không phải tệp.')
    else:
        text = tr('Không đọc được tệp "{name}" (lỗi hệ thống: {error}).')
    return BcdError(text.format(name=path, error=exc.strerror or exc))


def _too_big(path: Path, limit: int) -> BcdError:
    return BcdError(
        tr('Tệp "{name}" quá lớn (tối đa {mb} MB); hãy chia thành nhiều tệp nhỏ hơn.').format(
            name=path.name, mb=limit // (1024 * 1024)
        )
    )


def too_many_rows(path: Path) -> BcdError:
    return BcdError(
        tr('Tệp "{name}" có hơn {n} dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.').format(
            name=path.name, n=f"{MAX_ROWS:,}".replace(",", ".")
        )
    )


def read_head(path: Path) -> bytes:
    """The whole file when it is within the size limit (CSV), refusing a bigger one."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _fs_error(path, exc) from exc
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(path, MAX_FILE_BYTES)
    return data


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\0" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3  # only a character cut at the sample's end
    return True


# --------------------------------------------------------------------------------------------
# .xlsx
# --------------------------------------------------------------------------------------------


def read_xlsx(path: Path) -> list[SheetRow]:
    """The non-empty rows of the first sheet, values only, at most MAX_COLUMNS wide."""
    data = read_head(path)  # bounded; the zip directory is checked on these bytes
    name = path.name
    if not data.startswith(_ZIP_MAGIC):
        if data.startswith(_OLE_MAGIC):
            msg = tr(
                'Tệp "{name}" là tệp Excel 97-2003 (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx.'
            )
        elif _looks_like_text(data):
            msg = tr(
                'Tệp "{name}" là tệp văn bản chứ không phải tệp Excel .xlsx; nếu là CSV, '
                "hãy đổi đuôi tệp thành .csv."
            )
        else:
            msg = tr('Tệp "{name}" không phải tệp Excel .xlsx.')
        raise BcdError(msg.format(name=name))
    _check_parts(path, data)
    return _sheet_rows(path, data)


def _corrupt(path: Path) -> BcdError:
    return BcdError(
        tr('Tệp Excel "{name}" bị hỏng hoặc không đúng định dạng .xlsx.').format(name=path.name)
    )


def _check_parts(path: Path, data: bytes) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _corrupt(path) from exc
    # The sizes a zip declares are what zipfile will ever hand out: it stops at the declared
    # size and fails the CRC check if the stream holds more.
    total = sum(p.file_size for p in parts)
    if (
        len(parts) > MAX_PARTS
        or any(p.file_size > MAX_PART_BYTES for p in parts)
        or total > MAX_TOTAL_BYTES
    ):
        raise BcdError(
            tr(
                'Tệp Excel "{name}" khi giải nén quá lớn (tối đa {mb} MB mỗi phần); '
                "tệp có thể đã bị làm hỏng hoặc cố ý gây hại."
            ).format(name=path.name, mb=MAX_PART_BYTES // (1024 * 1024))
        )


def _sheet_rows(path: Path, data: bytes) -> list[SheetRow]:
    from openpyxl import load_workbook

    rows: list[SheetRow] = []
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = wb.active
            if ws is None or not hasattr(ws, "iter_rows"):
                return rows
            # Explicit bounds: the sheet's declared dimension (A1:XFD1048576 costs nothing to
            # write) is never used to size a row or to pad the rows.
            for line, values in _values(wb, ws):
                if len(rows) > MAX_ROWS + _TITLE_ROWS:
                    raise too_many_rows(path)
                rows.append(SheetRow(line, values))
        finally:
            wb.close()
    except BcdError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        if _is_entity_attack(exc):
            raise BcdError(
                tr(
                    'Tệp Excel "{name}" chứa khai báo thực thể XML (DTD), điều Excel không bao giờ '
                    "ghi; tệp có thể cố ý gây hại nên không được đọc."
                ).format(name=path.name)
            ) from exc
        # Whatever a damaged workbook makes the parser raise (bad zip, XML syntax, missing
        # parts, odd values): the file is unreadable.
        raise _corrupt(path) from exc
    return rows


def _values(wb: Any, ws: Any) -> Iterator[tuple[int, list[object]]]:
    """(row number, values) of the sheet's non-empty rows, as openpyxl's values-only reader
    numbers them (a row repeated or out of order is skipped), read by :mod:`.xlsx_cells`
    where this openpyxl exposes what that needs, else by openpyxl itself."""
    try:
        source = wb._archive.open(ws._worksheet_path)
        formats = {
            "shared_strings": ws._shared_strings,
            "date_formats": wb._date_formats,
            "timedelta_formats": wb._timedelta_formats,
            "epoch": wb.epoch,
        }
    except (AttributeError, KeyError):  # pragma: no cover - another openpyxl's internals
        empty: object = None
        for line, row in enumerate(
            ws.iter_rows(max_row=_EXCEL_ROWS, max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            # Missing rows come as one shared empty tuple: skipped without a copy.
            if row is empty or row.count(None) == len(row):
                empty = row
                continue
            yield line, list(row)
        return
    from .xlsx_cells import sheet_rows

    last = 0
    with source:
        for line, values in sheet_rows(source, max_col=MAX_COLUMNS, **formats):
            if line > _EXCEL_ROWS:
                return
            if line > last:
                last = line
                yield line, values


def _is_entity_attack(exc: Exception) -> bool:
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - a dependency; expat's own limit still applies
        DefusedXmlException = ()  # type: ignore[assignment,misc]
    seen: BaseException | None = exc
    while seen is not None:  # openpyxl wraps the parser's error in a ValueError
        if isinstance(seen, DefusedXmlException) or "amplification" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


# --------------------------------------------------------------------------------------------
# .csv
# --------------------------------------------------------------------------------------------


def decode_csv(path: Path, data: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), UTF-16 (with or without BOM: Excel's
    "Unicode text"), else Windows-1258 (older Vietnamese Excel)."""
    name = path.name
    if data.startswith(_ZIP_MAGIC):
        raise BcdError(
            tr(
                'Tệp "{name}" là tệp Excel (.xlsx) chứ không phải CSV; hãy đổi đuôi thành .xlsx.'
            ).format(name=name)
        )
    encodings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif b"\0" in data[:4096] and _utf16_like(data[:4096]):
        # No text in UTF-8 or Windows-1258 holds NUL bytes; UTF-16 without a BOM holds one in
        # every ASCII character, on the odd bytes (little-endian) or the even ones.
        sample = data[:4096]
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        encodings = ["utf-16-le" if odd >= even else "utf-16-be"]
    elif b"\0" in data:
        # A few NUL bytes in a text of another encoding: a damaged row, said as such (read as
        # UTF-16 it would be garbage, and the header "not found").
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise BcdError(
            tr(
                'Tệp CSV "{name}" có ký tự NUL (byte 0) ở dòng {line}: tệp bị hỏng hoặc không '
                "phải tệp văn bản; hãy mở bằng Excel rồi lưu lại dạng CSV UTF-8."
            ).format(name=name, line=line)
        )
    else:
        encodings = ["utf-8-sig", "cp1258"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\0" not in text:
            return text
    raise BcdError(
        tr(
            'Không nhận ra bảng mã của tệp CSV "{name}" (hoặc đây không phải tệp văn bản); '
            "hãy lưu lại dạng CSV UTF-8."
        ).format(name=name)
    )


def _utf16_like(sample: bytes) -> bool:
    """Whether NUL bytes fill one parity of ``sample`` as UTF-16 text does (every ASCII letter,
    digit, comma and line break has one), not a stray few."""
    half = max(1, len(sample) // 2)
    return max(sample[1::2].count(0), sample[0::2].count(0)) * 4 >= half


def _lines_from(lines: list[str], start: int) -> Iterator[str]:
    for i in range(start, len(lines)):
        yield lines[i]


def _csv_problem(exc: csv.Error, line: str) -> str:
    text = str(exc)
    shown = excerpt(line.rstrip("\r\n"))
    if "field larger than field limit" in text:
        return tr("Có ô dài quá {n} ký tự; dòng bắt đầu bằng: {line}").format(
            n=f"{csv.field_size_limit():,}".replace(",", "."), line=shown
        )
    if "expected after" in text or "end of data" in text or "quote" in text:
        return tr('Dấu ngoặc kép (") không khớp, không tách được các cột: {line}').format(
            line=shown
        )
    return tr("Không đọc được dòng này ({error}): {line}").format(error=text, line=shown)


def parse_csv(
    path: Path, lines: list[str], delimiter: str, *, limit: int | None = None
) -> list[SheetRow]:
    """Non-empty records (at most ``limit``); a record the strict parser refuses becomes a row
    with a problem, and reading goes on from the next line."""
    rows: list[SheetRow] = []
    start = 0  # index in ``lines`` where the current reader began
    while start < len(lines):
        reader = csv.reader(_lines_from(lines, start), delimiter=delimiter, strict=True)
        while True:
            first = start + reader.line_num  # index of the record's first line
            try:
                cells = next(reader)
            except StopIteration:
                return rows
            except csv.Error as exc:
                rows.append(SheetRow(first + 1, [], _csv_problem(exc, lines[first])))
                start = first + 1
                break
            if any(c.strip() for c in cells):
                rows.append(SheetRow(first + 1, list(cells)))
            if limit is not None and len(rows) >= limit:
                return rows
            if len(rows) > MAX_ROWS + _TITLE_ROWS:
                raise too_many_rows(path)
    return rows


def csv_lines(text: str) -> list[str]:
    """Physical lines with their ends (``\\n``, ``\\r\\n`` or ``\\r``), as csv expects them."""
    return io.StringIO(text, newline="").readlines()
