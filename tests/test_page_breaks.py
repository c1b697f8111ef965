"""Where text continues on the next page: a paragraph of typed lines, and a table row taller
than a page. Real documents rendered, read back: their text by pdfium (tests/pdf_text.py), the
lines' and rules' places by pdfplumber."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.styles import ParagraphStyle

from bdcq_desktop.documents import Para, fonts, render
from bdcq_desktop.documents.data_tables import Column, DataTable, GroupedTable
from bdcq_desktop.documents.paragraph import Paragraph
from tests.pdf_text import page_texts
from tests.test_layout import document

HEAD = "Nội dung nhiệm vụ"
LONG = ("Triển khai nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP), kết nối NDXP. " * 130)[
    :10_000
]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    fonts.register_fonts(prefer_system=False)


def _document(body: list[Any]) -> bytes:
    return render(document(body))


def _lines(page: Any) -> list[tuple[float, str]]:
    """The page's lines of text, top down: (top, text), the page number left out."""
    rows: dict[int, list[Any]] = {}
    for word in page.extract_words():
        rows.setdefault(round(word["top"]), []).append(word)
    lines = [
        (float(top), " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"])))
        for top, words in sorted(rows.items())
    ]
    return [line for line in lines if not re.fullmatch(r"\d+", line[1])]


def _pages(pdf: bytes) -> Iterator[Any]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        yield from document.pages


# -- a paragraph of typed lines -----------------------------------------------------------------


def test_a_paragraph_split_after_a_line_break_goes_on_with_the_next_line() -> None:
    """Lines typed one under the other (a minute's notes): the next page starts with the next
    line, where a wrapped paragraph's next page starts. reportlab began it with an empty line."""
    typed = "\n".join(f"Dòng số {i} của ghi chép." for i in range(1, 121))
    wrapped = " ".join(f"Câu số {i} của một đoạn văn dài viết liền." for i in range(1, 201))
    typed_pdf = _document([Para(typed, indent=False)])
    typed_pages = list(_pages(typed_pdf))
    wrapped_pages = list(_pages(_document([Para(wrapped, indent=False)])))
    assert len(typed_pages) >= 3 and len(wrapped_pages) >= 3
    printed: list[int] = []
    for text in page_texts(typed_pdf):
        printed += [int(n) for n in re.findall(r"Dòng số (\d+)", text)]
    assert printed == list(range(1, 121))  # every line, once, in order
    for number in (1, 2):  # the second and third pages, which continue the paragraph
        (typed_top, first), (wrapped_top, _) = (
            _lines(typed_pages[number])[0],
            _lines(wrapped_pages[number])[0],
        )
        assert first.startswith("Dòng số")
        assert typed_top == pytest.approx(wrapped_top, abs=1), (number, first)


def test_a_split_part_that_starts_with_an_empty_line_splits_again() -> None:
    """An empty line typed right after the split: it is not printed at the top of the next page,
    and the part after it can itself be split (reportlab fails on a part that starts with an
    empty line, splitting it after that line)."""
    style = ParagraphStyle("p", fontName=fonts.REGULAR, fontSize=12, leading=14, allowOrphans=1)
    para = Paragraph("một<br/><br/>hai<br/>ba<br/>bốn", style)
    para.wrap(300, 1000)
    first, rest = para.split(300, 15)  # room for one line
    assert first.wrap(300, 1000)[1] == 14
    assert rest.wrap(300, 1000)[1] == 3 * 14  # hai, ba, bốn: no empty line above them
    again = rest.split(300, 15)
    assert [p.wrap(300, 1000)[1] for p in again] == [14, 28]


def test_a_cell_ending_in_empty_lines_beside_a_tall_row_keeps_its_row_whole() -> None:
    """A short row whose cell ends in empty lines, in a table with a tall row, at the foot of
    a page: it moves whole to the next page. (A split of that cell with only empty lines left
    once made reportlab's split of the row fail, an IndexError.)"""
    columns = [Column("TT", 0.06, "center"), Column(HEAD, 0.44), Column("Thời hạn", 0.15),
               Column("Kết quả", 0.35)]  # fmt: skip
    rows = [
        ("1.1", "Nhiệm vụ đầu", "30/06/2026", "Dòng A\nDòng B\nDòng C\nDòng D" + "\n" * 8),
        ("1.2", LONG, "07/06/2025", "Đang triển khai."),
    ]
    for sentences in range(44, 60, 3):  # the row brought to the foot of the first page
        opening = " ".join(f"Câu {i} của đoạn văn mở đầu khá dài." for i in range(sentences))
        pdf = _document([Para(opening), DataTable(columns, rows, valign="top")])
        first_two = page_texts(pdf)[:2]  # (the row is on one of them)
        where = {number for number, text in enumerate(first_two, 1) if "Dòng" in text}
        assert len(where) == 1, (sentences, where)


def test_a_tall_row_in_a_centred_table_takes_the_pages_of_a_top_aligned_one() -> None:
    """reportlab pads each part of a centred row split across pages by half of what is left,
    so the row never ended (a hundred pages of an empty strip, or a layout error): the tall
    row is set to the top."""
    middle = ("Nhiệm vụ trung bình về chuyển đổi số cấp xã. " * 60)[:1800]  # over half a page
    rows = [
        ("I", "Nhóm một", None, None),
        ("1.1", middle, "30/06/2026", "Xong."),
        ("II", "Nhóm hai", None, None),
        ("2.1", LONG, "07/06/2025", "Đang."),
    ]
    columns = [Column("TT", 0.06, "center"), Column(HEAD, 0.44), Column("Thời hạn", 0.15),
               Column("Kết quả", 0.35)]  # fmt: skip
    pages = {
        valign: len(
            list(_pages(_document([GroupedTable(columns, rows, group_rows=(0, 2), valign=valign)])))
        )
        for valign in ("top", "middle")
    }
    assert pages["middle"] == pages["top"] < 12, pages


# -- a table row taller than a page -------------------------------------------------------------


def _tall_row_pdf() -> bytes:
    columns = [
        Column("TT", 0.06, "center"),
        Column(HEAD, 0.44),
        Column("Thời hạn", 0.15, "center"),
        Column("Kết quả thực hiện", 0.35),
    ]
    short = [f"Nhiệm vụ ngắn số {i} của Sở Thông tin và Truyền thông." for i in range(1, 9)]
    rows = [
        ("I", "Nhóm một: Văn phòng UBND tỉnh", None, None),
        *[(f"1.{i}", text, "30/06/2026", "Đã hoàn thành.") for i, text in enumerate(short, 1)],
        ("II", "Nhóm hai: Sở Nội vụ", None, None),
        ("2.1", LONG, "07/06/2025", "Đang triển khai, đạt khoảng 80% khối lượng."),
        ("2.2", "Nhiệm vụ sau dòng dài.", "01/12/2026", "Chưa đến hạn."),
    ]
    table = GroupedTable(columns, rows, group_rows=(0, len(short) + 1), valign="top")
    return _document([Para("Chi tiết từng nhiệm vụ như bảng sau:"), table])


def test_a_row_taller_than_a_page_starts_under_its_heading_and_continues_at_the_top() -> None:
    pages = list(_pages(_tall_row_pdf()))
    assert len(pages) >= 4
    tops = []
    for page in pages:
        lines = _lines(page)
        headers = [top for top, text in lines if text.startswith("TT " + HEAD)]
        cells = [top for top, text in lines if "LGSP" in text or "ngắn số" in text]
        # The header once per page the table is on, above every row: never again mid-page.
        assert len(headers) == (1 if cells else 0), (page.page_number, headers)
        if cells:
            assert headers[0] < min(cells), page.page_number
            tops.append(headers[0])
    assert max(tops[1:]) - min(tops[1:]) < 1  # continued at the top of each following page
    # The long row starts on the page of its group's heading, right under it.
    heading = next(p for p in pages if "Nhóm hai" in p.extract_text())
    lines = _lines(heading)
    below = [text for top, text in lines if top > next(t for t, x in lines if "Nhóm hai" in x)]
    assert below and below[0].startswith("2.1 ")
    text = "".join(p.extract_text() for p in pages)
    assert text.count("LGSP") == LONG.count("LGSP")  # all of it, once


def test_a_row_split_across_pages_is_ruled_at_the_foot_and_under_the_repeated_header() -> None:
    pages = list(_pages(_tall_row_pdf()))
    # The pages the long row runs off the foot of: all of its pages but the last.
    split = [p for p in pages if "LGSP" in p.extract_text()][:-1]
    assert len(split) >= 3
    for page in split:
        lines = _lines(page)
        rows = [top for top, text in lines if "LGSP" in text]
        rules = sorted(
            e["top"] for e in page.edges if e["orientation"] == "h" and e["width"] > 300
        )
        # A rule under the page's last line (none, before: the table ran open off the foot).
        assert any(0 < r - lines[-1][0] < 25 for r in rules), (page.page_number, rules)
        if page is not split[0]:
            header = next(top for top, text in lines if text.startswith("TT " + HEAD))
            # A rule between the repeated header and the row's next lines.
            assert any(header < r < min(rows) for r in rules), (page.page_number, rules)


def _grouped(rows: list[tuple[str, str, str | None, str | None]], groups: tuple[int, ...]) -> bytes:
    columns = [
        Column("TT", 0.06, "center"),
        Column(HEAD, 0.44),
        Column("Thời hạn", 0.15, "center"),
        Column("Kết quả thực hiện", 0.35),
    ]
    table = GroupedTable(columns, rows, group_rows=groups, valign="top")
    return _document([Para("Chi tiết từng nhiệm vụ như bảng sau:"), table])


def test_rows_shorter_than_a_page_stay_whole_beside_a_tall_one() -> None:
    """Only the tall row is split across pages; a row of five lines never is."""
    rows = [
        ("I", "Nhóm một: Văn phòng UBND tỉnh", None, None),
        ("1.1", LONG, "07/06/2025", "Đang triển khai."),
        *[
            (f"1.{i}", f"Nhiệm vụ số {i}", "30/06/2026", f"Đầu {i}\nhai\nba\nbốn\nCuối {i}")
            for i in range(2, 80)
        ],
    ]
    pages: dict[int, set[int]] = {}
    for page_number, text in enumerate(page_texts(_grouped(rows, (0,))), 1):
        for number in re.findall(r"(?:Đầu|Cuối) (\d+)", text):
            pages.setdefault(int(number), set()).add(page_number)
    assert sorted(pages) == list(range(2, 80))
    assert [n for n, on in pages.items() if len(on) > 1] == []


def _heading_page(pdf: bytes) -> tuple[list[str], list[str]]:
    """The lines of the page where the second group's heading is, and of the page where its
    first row starts."""
    found: dict[str, list[str]] = {}
    for text in page_texts(pdf):
        lines = text.splitlines()
        if "heading" not in found and any("Nhóm hai" in line for line in lines):
            found["heading"] = lines
        if any(line.startswith("2.1 ") for line in lines):
            return found.get("heading", []), lines
    raise AssertionError("the second group is missing")


@pytest.mark.parametrize(
    ("length", "first"), [(4_000, 35), (1_200, 13)], ids=["taller than a page", "half a page"]
)
def test_a_group_heading_never_ends_a_page(length: int, first: int) -> None:
    """Short rows enough to bring the second group's heading, row after row, down to the foot
    of a page and past it: the heading always shares its page with the start of its first
    row, a row taller than a page or one of more than half a page. (Where the heading would
    end the page: 38 short rows for the first, 14 to 17 for the second.)"""
    moved = 0
    for n in range(first, first + 6):
        rows = [
            ("I", "Nhóm một: Văn phòng UBND tỉnh", None, None),
            *[(f"1.{i}", f"Nhiệm vụ ngắn số {i}.", "30/06/2026", "Xong.") for i in range(n)],
            ("II", "Nhóm hai: Sở Nội vụ", None, None),
            ("2.1", LONG[:length], "07/06/2025", "Đang triển khai."),
        ]
        heading, start = _heading_page(_grouped(rows, (0, n + 1)))
        assert heading == start, n  # the same page
        # The heading first on its page (under the repeated header): it went on with its row
        # (as it must when it would end the page), so the rows did reach the foot.
        header = next(i for i, line in enumerate(start) if line.startswith("TT " + HEAD))
        moved += start[header + 1].startswith("II ")
    assert moved
