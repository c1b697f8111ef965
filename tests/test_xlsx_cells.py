"""The import's own .xlsx cell reader (core/xlsx_cells.py) reads what openpyxl's values-only
reader reads, on workbooks openpyxl writes and on the hand-written XML Excel and other
programs produce (shared strings with runs and phonetic readings, rows and cells without
numbers, ISO dates, rows out of order)."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from bdcq_desktop.core import table_files
from bdcq_desktop.core.errors import BcdError

SHEET = "xl/worksheets/sheet1.xml"


def openpyxl_rows(path: Path) -> list[tuple[int, list[object]]]:
    """openpyxl's own reading, the way the import read before: non-empty rows, numbered."""
    wb = load_workbook(path, read_only=True, data_only=True)
    out = []
    rows = wb.active.iter_rows(max_row=1_048_576, max_col=64, values_only=True)
    for line, values in enumerate(rows, start=1):
        cells = list(values)
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            out.append((line, cells))
    wb.close()
    return out


def ours(path: Path) -> list[tuple[int, list[object]]]:
    return [(row.line, row.cells) for row in table_files.read_xlsx(path)]


def rewrite(src: Path, dst: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, parts.pop(item.filename, zin.read(item.filename)))
        for name, data in parts.items():
            zout.writestr(name, data)


def test_typed_cells_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Số", "Ngày", "Đúng", None, "  khoảng trắng  "])
    ws.append(["Nguyễn Văn A", 912345678, date(2026, 2, 5), True, None, 1.5])
    ws.append(["Trần Thị B", 1e20, datetime(2026, 2, 5, 8, 30), False, "", -3])
    ws.append([None, None, time(8, 30), "=1+1", "#N/A", "0912 345 678"])
    ws["B7"] = "hàng 7, sau hai dòng trống"
    ws.cell(row=8, column=64, value="cột 64")
    ws.cell(row=8, column=65, value="cột 65 không đọc")
    ws.cell(row=9, column=65, value="chỉ cột 65: dòng rỗng")
    ws["A10"] = CellRichText(["Lê ", TextBlock(InlineFont(b=True), "Văn"), " C"])
    ws["C10"] = 45000
    ws["C10"].number_format = "DD/MM/YYYY"
    ws["D10"] = 0.25
    ws["D10"].number_format = "[h]:mm"
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    expected = openpyxl_rows(path)
    assert ours(path) == expected
    # The cases above are really there: the comparison is not between two empty lists.
    assert [line for line, _ in expected] == [1, 2, 3, 4, 7, 8, 10]
    assert expected[1][1][2] == datetime(2026, 2, 5)
    assert expected[6][1][0] == "Lê Văn C"


def test_excel_style_xml_read_as_openpyxl_reads_it(tmp_path: Path) -> None:
    base = tmp_path / "base.xlsx"
    wb = Workbook()
    wb.active["A1"] = "x"
    wb.save(base)
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}" count="3" uniqueCount="3">'
        "<si><t>Họ và tên</t></si>"
        '<si><r><t xml:space="preserve">Phạm </t></r><r><rPr><b/></rPr><t>Thị D</t></r>'
        '<rPh sb="0" eb="1"><t>PHIÊN ÂM</t></rPh></si>'
        "<si><t>Sở Y tế</t></si></sst>"
    ).encode()
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>'
        # A row and cells without numbers: the next row, the next column.
        '<row><c t="s"><v>1</v></c><c t="inlineStr"><is><t>Nội tuyến</t></is></c></row>'
        '<row r="5"><c r="B5" t="str"><f>A1</f><v>công thức</v></c>'
        '<c r="C5" t="d"><v>2026-02-05T00:00:00</v></c><c r="D5" t="e"><v>#REF!</v></c>'
        '<c r="E5" t="b"><v>1</v></c><c r="F5"><v>007</v></c><c r="G5"><v>1.5E3</v></c></row>'
        # A row number seen before (openpyxl skips it), then one further on.
        '<row r="3"><c r="A3" t="inlineStr"><is><t>lùi lại</t></is></c></row>'
        '<row r="9"><c r="a9" t="inlineStr"><is><t>chữ thường</t></is></c>'
        '<c r="C9"><v>12</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    content_types = (
        zipfile.ZipFile(base)
        .read("[Content_Types].xml")
        .replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    )
    rels = (
        zipfile.ZipFile(base)
        .read("xl/_rels/workbook.xml.rels")
        .replace(
            b"</Relationships>",
            b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    )
    path = tmp_path / "excel.xlsx"
    rewrite(
        base,
        path,
        {
            SHEET: sheet,
            "xl/sharedStrings.xml": strings,
            "[Content_Types].xml": content_types,
            "xl/_rels/workbook.xml.rels": rels,
        },
    )
    expected = openpyxl_rows(path)
    assert ours(path) == expected
    assert expected[1] == (2, ["Phạm Thị D", "Nội tuyến"])
    assert [line for line, _ in expected] == [1, 2, 5, 9]


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="1A" t="inlineStr"><is><t>x</t></is></c>',  # not a cell reference
        b'<c r="A2" t="s"><v>99</v></c>',  # no such shared string
        b'<c r="A2"><v>abc</v></c>',  # a number that is not one
    ],
)
def test_damaged_cells_make_the_file_unreadable(tmp_path: Path, cell: bytes) -> None:
    base = tmp_path / "base.xlsx"
    wb = Workbook()
    wb.active.append(["Họ và tên"])
    wb.save(base)
    xml = zipfile.ZipFile(base).read(SHEET)
    broken = re.sub(rb"</row>", b'</row><row r="2">' + cell + b"</row>", xml, count=1)
    path = tmp_path / "broken.xlsx"
    rewrite(base, path, {SHEET: broken})
    with pytest.raises(BcdError, match="bị hỏng"):
        table_files.read_xlsx(path)
