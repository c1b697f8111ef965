"""Long tables laid out a window of rows at a time (documents/table_window.py): the pages are
those of the whole table, and each page's window stays short however long the table is.
Real documents rendered, then drawn by pdfium page by page or read back with pdfplumber."""

from __future__ import annotations

import io
import random
import re
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import LayoutError

from bdcq_desktop.documents import Para, fonts, render, table_window
from bdcq_desktop.documents.blocks import Context, Heading
from bdcq_desktop.documents.data_tables import Column, DataTable, GroupedTable
from bdcq_desktop.documents.other_docs import HeadedTable
from bdcq_desktop.documents.page import PageSettings, Styles
from bdcq_desktop.documents.table_window import TableWindow
from tests.test_layout import document

COLUMNS = [
    Column("TT", 0.06, "center"),
    Column("Nội dung nhiệm vụ", 0.44),
    Column("Thời hạn", 0.15, "center"),
    Column("Kết quả thực hiện", 0.35),
]
WORDS = [
    "triển",
    "khai",
    "nền",
    "tảng",
    "tích",
    "hợp",
    "chia",
    "sẻ",
    "dữ",
    "liệu",
    "cấp",
    "tỉnh",
    "kết",
    "nối",
    "hệ",
    "thống",
]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    fonts.register_fonts(prefer_system=False)


def _rows(count: int, seed: int) -> tuple[list[tuple[str, ...]], tuple[int, ...]]:
    """Task rows under group headings every 3 to 40 rows (some groups longer than a page, some
    headings falling at a page's foot). A group's rows run to about eight lines each, or to
    one: a page of short rows after a page of long ones holds many more rows."""
    rng = random.Random(seed)
    rows: list[tuple[str, ...]] = []
    groups: list[int] = []
    while len(rows) < count:
        groups.append(len(rows))
        rows.append((str(len(groups)), f"Đơn vị số {len(groups)}: các nhiệm vụ", "", ""))
        longest = rng.choice((3, 60))
        for j in range(rng.randint(3, 40)):
            content = " ".join(rng.choices(WORDS, k=rng.randint(1, longest)))
            result = " ".join(rng.choices(WORDS, k=rng.randint(0, longest)))
            rows.append((f"{len(groups)}.{j + 1}", content, "30/06/2026", result))
    return rows, tuple(groups)


def _page_images(pdf: bytes) -> list[bytes]:
    """Each page as pdfium draws it at 144 dpi, in grey without smoothing: the same bytes mean
    the same words at the same places and the same rules (a rule drawn in two pieces fills the
    pixels one drawn whole fills). Read back with pdfplumber, word by word, the two tests below
    took 40 s of the suite's CPU; drawn, under a second."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [
            bytes(
                page.render(
                    scale=2,
                    grayscale=True,
                    no_smoothtext=True,
                    no_smoothpath=True,
                    no_smoothimage=True,
                ).buffer
            )
            for page in doc
        ]
    finally:
        doc.close()


def _differing_pages(windowed: bytes, whole: bytes) -> list[int]:
    """The pages (from 1) drawn differently, after the same number of pages."""
    got, expected = _page_images(windowed), _page_images(whole)
    assert len(got) == len(expected)
    return [n for n, (a, b) in enumerate(zip(got, expected, strict=True), 1) if a != b]


def _both_ways(body: list[Any], monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    """``body`` rendered with its long tables in windows, then each laid out whole."""
    windowed = render(document(body))
    with monkeypatch.context() as m:
        m.setattr(table_window, "MIN_ROWS", 10**9)
        whole = render(document(body))
    return windowed, whole


def _with_tall_rows(rows: list[tuple[str, ...]], groups: tuple[int, ...]) -> None:
    """Rows taller than a page among ``rows`` (not headings): a long result, many typed lines,
    a content of 9,000 characters, and one right under a heading."""
    tall = [
        (3, "Đã triển khai kết nối hệ thống một cửa điện tử. " * 70),
        (1, "Triển khai nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh. " * 160),
        (3, "\n".join(f"dòng {i}" for i in range(90))),
    ]
    plain = [r for r in range(len(rows)) if r not in groups]
    for n, at in enumerate([plain[5], plain[len(plain) // 3], plain[len(plain) // 2]]):
        column, text = tall[n]
        row = list(rows[at])
        row[column] = text
        rows[at] = tuple(row)
    after = groups[len(groups) * 3 // 4] + 1
    rows[after] = (rows[after][0], rows[after][1], rows[after][2], tall[0][1])


@pytest.mark.parametrize(
    ("count", "seed", "tall"),
    [(500, 7, False), (300, 13, True)],
    ids=["rows shorter than a page", "tall rows"],
)
def test_a_long_grouped_table_has_the_pages_of_the_whole_table(
    monkeypatch: pytest.MonkeyPatch, count: int, seed: int, tall: bool
) -> None:
    """Words at the same places and the same rules on every page. With rows taller than a
    page, what is left of one at a page's foot is carried to the next window (a decade's tasks
    report with one long result, laid out whole, took 20 s, against 4 s without it)."""
    rows, groups = _rows(count, seed=seed)
    if tall:
        _with_tall_rows(rows, groups)
    table = GroupedTable(COLUMNS, rows, group_rows=groups, valign="top")  # type: ignore[arg-type]
    windowed, whole = _both_ways([table, Para("Hết danh sách.", closing=True)], monkeypatch)
    assert len(pdfium.PdfDocument(whole)) > 20
    assert _differing_pages(windowed, whole) == []


def test_a_long_table_led_in_and_closed_keeps_its_lead_in_and_its_closing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A heading kept with the first rows, a closing sentence kept with the last rows, and the
    signature after them: the same pages as the whole table's."""
    rows, _ = _rows(320, seed=11)
    table = DataTable(COLUMNS, rows)  # type: ignore[arg-type]
    body = [
        Para("Mở đầu. " * 200),
        HeadedTable(
            [Heading("Tình hình thực hiện", level=1, label="I")],
            table,
            Para("Văn phòng Ban Chỉ đạo tổng hợp, báo cáo.", closing=True),
        ),
    ]
    windowed, whole = _both_ways(body, monkeypatch)
    assert len(pdfium.PdfDocument(whole)) > 10
    assert _differing_pages(windowed, whole) == []


@pytest.mark.parametrize("tall", [False, True], ids=["rows shorter than a page", "tall rows"])
def test_each_page_lays_out_a_short_window_however_long_the_table(tall: bool) -> None:
    """Split page by page, the window's table holds a few pages' rows, never the rest of the
    table (as reportlab's own split does, which made a long table cost the square of its
    length); every row is laid out once, in order, a row taller than a page on each of its
    pages."""
    rows, groups = _rows(2_500, seed=3)
    if tall:
        _with_tall_rows(rows, groups)
    settings = PageSettings()
    ctx = Context(settings, Styles(settings))
    table = GroupedTable(COLUMNS, rows, group_rows=groups)  # type: ignore[arg-type]
    (flowable,) = table.flowables(ctx)
    assert isinstance(flowable, TableWindow)
    width, height = ctx.frame_width, settings.frame_height
    laid_out: list[str] = []
    largest = 0
    pages = 0
    carried = 0
    while True:
        _, needed = flowable.wrap(width, height)
        # The last window's rest is a plain table.
        window = flowable._table if isinstance(flowable, TableWindow) else flowable
        assert window is not None
        largest = max(largest, len(window._cellvalues))
        pages += 1
        # A row carried from the page before begins no row.
        begun = 1 + (isinstance(flowable, TableWindow) and flowable.carry is not None)
        carried += begun - 1
        if needed <= height:
            laid_out += [_first_text(r) for r in window._cellvalues[begun:]]
            break
        first, _, flowable = flowable.split(width, height)
        laid_out += [_first_text(r) for r in first._cellvalues[begun:]]
    assert laid_out == [r[0] for r in rows]
    assert pages > 50
    assert (carried >= 8) == tall  # the tall rows' pages after their first
    assert largest <= 4 * len(rows) / pages + table_window.FIRST_WINDOW


def _first_text(row: list[Any]) -> str:
    """The text of a row's first cell (reportlab holds a sized cell as a tuple)."""
    cell = row[0][0] if isinstance(row[0], (list, tuple)) else row[0]
    return cell.getPlainText()


def test_a_window_short_of_the_end_never_fits_its_room() -> None:
    """A frame takes a flowable up to a hair (rl_config._FUZZ) taller than its room as
    fitting, and draws it whole: a window that does not reach the table's end must overflow
    that, or the rows after it would be left out. Drawn anyway, it refuses."""
    rows, _ = _rows(400, seed=5)
    settings = PageSettings()
    ctx = Context(settings, Styles(settings))
    table = DataTable(COLUMNS, rows)  # type: ignore[arg-type]
    width = ctx.frame_width
    (first,) = table.flowables(ctx)
    assert isinstance(first, TableWindow) and not first.whole
    height = first.wrap(width, 10**9)[1]  # the first window, whole: taller than any room
    for room in (height - 1e-3, height - 5e-7, height, height + 5e-7):
        (window,) = table.flowables(ctx)
        _, needed = window.wrap(width, room)
        assert window.whole or needed > room + rl_config._FUZZ, room
    (window,) = table.flowables(ctx)
    window.wrap(width, settings.frame_height)
    with pytest.raises(LayoutError):
        window.drawOn(Canvas(io.BytesIO()), 0, 0)


def test_a_long_table_without_its_header_repeated_prints_every_row_once() -> None:
    rows = [(str(i), f"Nhiệm vụ số {i}", "30/06/2026", "") for i in range(1, 301)]
    table = DataTable(COLUMNS, rows, repeat_header=False)  # type: ignore[arg-type]
    pdf = render(document([table]))
    seen: list[int] = []
    headers = 0
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) > 5
        for page in doc.pages:
            text = page.extract_text()
            headers += text.count("Nội dung nhiệm vụ")
            seen += [int(n) for n in re.findall(r"Nhiệm vụ số (\d+)", text)]
    assert seen == list(range(1, 301))
    assert headers == 1
