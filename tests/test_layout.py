"""The official-document layout engine, checked on the PDFs it produces (read back with pdfplumber;
the pages' text, where a test looks for its page, by pdfium).

Rules are those of Decree 30/2020/NĐ-CP as summarised in shared/reference/official-documents.md.
The bundled Liberation Serif is forced so that results do not depend on the machine's fonts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.units import mm

from bdcq_desktop import resources
from bdcq_desktop.core.errors import BcdError, ValidationError
from bdcq_desktop.documents import (
    Bullets,
    Column,
    DataTable,
    Document,
    Header,
    Heading,
    Labelled,
    LegalBasis,
    NewPage,
    PageSettings,
    Para,
    Recipients,
    SignatureBlock,
    Span,
    Title,
    format_date,
    format_number_symbol,
    format_place_date,
    render,
    with_closing_mark,
)
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents.header import LEFT_COLUMN_FRACTION, MOTTO
from bdcq_desktop.documents.sample import sample_invitation, sample_minutes
from bdcq_desktop.documents.text import balanced_lines, text_width
from tests.pdf_text import page_texts

A4_W, A4_H = 595.28, 841.89
DEFAULT = PageSettings()
TOL = 0.5
COMMITTEE = "Ban Chỉ đạo xây dựng Chính quyền điện tử"
FILLER = (
    "Ban Chỉ đạo đề nghị các sở, ban, ngành, UBND các huyện, thành phố, thị xã tiếp tục đẩy mạnh "
    "ứng dụng công nghệ thông tin, nâng cao chất lượng cung cấp dịch vụ công trực tuyến, bảo đảm "
    "an toàn thông tin mạng theo đúng chỉ đạo của UBND tỉnh."
)


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    assert docfonts.register_fonts(prefer_system=False) == docfonts.LIBERATION_SERIF
    yield


def header(**kw: Any) -> Header:
    values: dict[str, Any] = {
        "parent_body": "UBND tỉnh Nghệ An",
        "issuing_body": COMMITTEE,
        "number": 5,
        "type_abbr": "GM",
        "place": "Nghệ An",
        "date": dt.date(2026, 2, 5),
    }
    values.update(kw)
    return Header(**values)


def document(body: list[Any] | None = None, **kw: Any) -> Document:
    values: dict[str, Any] = {
        "header": header(),
        "title": Title("Giấy mời", "Họp Ban Chỉ đạo 6 tháng đầu năm 2026"),
        "body": [Para(FILLER, closing=True)] if body is None else body,
        "signatures": [SignatureBlock(["TM. Ban Chỉ đạo", "Trưởng ban"], "Nguyễn Đức Trung")],
        "recipients": Recipients(["Như trên", "Thường trực Tỉnh ủy (để b/c)"]),
    }
    values.update(kw)
    return Document(**values)


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def lines(page: Any, bbox: tuple[float, float, float, float] | None = None) -> list[dict[str, Any]]:
    """Text lines (with their chars) of ``page``, optionally only inside ``bbox``.

    Side-by-side columns (header, closing) share baselines; a wide horizontal gap splits a
    pdfplumber line into one line per column.
    """
    region = page.crop(bbox) if bbox else page
    out: list[dict[str, Any]] = []
    for line in region.extract_text_lines(return_chars=True):
        chars = sorted(line["chars"], key=lambda c: c["x0"])
        groups: list[list[dict[str, Any]]] = [[chars[0]]]
        for prev, cur in itertools.pairwise(chars):
            if cur["x0"] - prev["x1"] > 20:
                groups.append([])
            groups[-1].append(cur)
        for group in groups:
            text = group[0]["text"]
            for prev, cur in itertools.pairwise(group):
                text += (" " if cur["x0"] - prev["x1"] > 0.15 * cur["size"] else "") + cur["text"]
            text = re.sub(r"\s+", " ", text).strip()
            visible = [c for c in group if c["text"].strip()]
            out.append(
                {
                    "text": text,
                    "chars": group,
                    "x0": min(c["x0"] for c in visible),
                    "x1": max(c["x1"] for c in visible),
                    "top": min(c["top"] for c in visible),
                    "bottom": max(c["bottom"] for c in visible),
                }
            )
    return out


def find_line(page: Any, pattern: str, bbox: Any = None) -> dict[str, Any]:
    for line in lines(page, bbox):
        if re.search(pattern, line["text"].replace("\xa0", " ")):
            return line
    raise AssertionError(f"no line matching {pattern!r} in {[x['text'] for x in lines(page)]}")


def header_columns(settings: PageSettings = DEFAULT) -> tuple[tuple, tuple]:
    left = settings.left
    split = left + settings.frame_width * LEFT_COLUMN_FRACTION
    return (left - 1, 0, split, 260), (split, 0, settings.page_size[0] - settings.right + 1, 260)


def fonts_of(line: dict[str, Any]) -> set[str]:
    return {c["fontname"].split("+", 1)[1] for c in line["chars"] if c["text"].strip()}


def sizes_of(line: dict[str, Any]) -> set[float]:
    return {round(c["size"], 2) for c in line["chars"] if c["text"].strip()}


def page_of(pdf: pdfplumber.PDF, needle: str) -> int:
    """The one page whose text holds ``needle``; the texts read by pdfium from the document's
    bytes (tests/pdf_text.py), so pdfplumber parses only the page a test then measures."""
    hits = [i for i, text in enumerate(page_texts(pdf.stream.getvalue())) if needle in text]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


# --- page format ------------------------------------------------------------------------------


def test_page_is_a4_portrait() -> None:
    pdf = open_pdf(render(document()))
    page = pdf.pages[0]
    assert page.width == pytest.approx(A4_W, abs=0.01)
    assert page.height == pytest.approx(A4_H, abs=0.01)


def test_landscape_option() -> None:
    pdf = open_pdf(render(document(settings=PageSettings(landscape=True))))
    page = pdf.pages[0]
    assert (page.width, page.height) == (
        pytest.approx(A4_H, abs=0.01),
        pytest.approx(A4_W, abs=0.01),
    )


def test_landscape_annex_after_portrait_body() -> None:
    pdf = open_pdf(render(sample_invitation()))
    sizes = [(round(p.width), round(p.height)) for p in pdf.pages]
    assert sizes[0] == (595, 842)
    assert sizes[-1] == (842, 595)
    annex = pdf.pages[-1].extract_text()
    assert "DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO" in annex
    note = find_line(
        pdf.pages[-1], r"^\(Kèm theo Giấy mời số 05/GM-BCĐ ngày 05 tháng 02 năm 2026\)$"
    )
    assert fonts_of(note) == {"LiberationSerif-Italic"}
    # The annex follows the signature: the closing is on an earlier, portrait page.
    closing_page = page_of(pdf, "Nơi nhận:")
    assert closing_page < len(pdf.pages) - 1
    assert sizes[closing_page] == (595, 842)


def long_document(paragraphs: int = 60, settings: PageSettings = DEFAULT) -> Document:
    body: list[Any] = [
        LegalBasis(["Căn cứ Quyết định số 1234/QĐ-UBND", "Căn cứ Kế hoạch số 56/KH-BCĐ"]),
        Heading("Kết quả thực hiện", level=1, label="I"),
    ]
    for i in range(paragraphs):
        if i % 10 == 0:
            body.append(Heading(f"Nhiệm vụ thứ {i // 10 + 1}", level=2, label=str(i // 10 + 1)))
        body.append(Para(f"{i + 1}. {FILLER}"))
    body.append(
        DataTable(
            [Column("STT", 0.1, "center"), Column("Nội dung", 0.9)],
            [(str(i), FILLER) for i in range(1, 8)],
        )
    )
    body.append(Bullets(["Mục một;", "Mục hai."], closing=True))
    return document(body, settings=settings)


@pytest.mark.parametrize(
    "settings",
    [
        PageSettings(),
        PageSettings(margin_top_mm=25, margin_bottom_mm=25, margin_left_mm=35, margin_right_mm=20),
        PageSettings(body_size=13, line_spacing=1.0),
        PageSettings(landscape=True),
    ],
    ids=["default", "widest-margins", "13pt-single", "landscape"],
)
def test_every_character_inside_the_margins(settings: PageSettings) -> None:
    pdf = open_pdf(render(long_document(settings=settings)))
    assert len(pdf.pages) >= 3
    for number, page in enumerate(pdf.pages, 1):
        width, height = page.width, page.height
        in_top_margin = []
        for c in page.chars:
            if not c["text"].strip():
                continue
            assert c["x0"] >= settings.left - TOL, (number, c["text"], c["x0"])
            assert c["x1"] <= width - settings.right + TOL, (number, c["text"], c["x1"])
            assert c["bottom"] <= height - settings.bottom + TOL, (number, c["text"], c["bottom"])
            if c["top"] < settings.top - TOL:
                in_top_margin.append(c)
        # Only the page number may stand in the top margin, and only from page 2 on.
        text = "".join(c["text"] for c in in_top_margin)
        assert text == ("" if number == 1 else str(number))
        for c in in_top_margin:
            assert c["bottom"] <= settings.top


def test_page_numbers_from_page_two_centred_13pt() -> None:
    settings = PageSettings()
    pdf = open_pdf(render(long_document()))
    centre = settings.left + settings.frame_width / 2
    assert not [c for c in pdf.pages[0].chars if c["top"] < settings.top]
    for number, page in enumerate(pdf.pages[1:], 2):
        chars = [c for c in page.chars if c["top"] < settings.top]
        assert "".join(c["text"] for c in chars) == str(number)
        assert {round(c["size"], 2) for c in chars} == {13.0}
        assert fonts_of({"chars": chars}) == {"LiberationSerif"}
        mid = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
        assert mid == pytest.approx(centre, abs=0.5)


# --- fonts ------------------------------------------------------------------------------------

BASE14 = (
    "Helvetica",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Courier",
    "Symbol",
    "ZapfDingbats",
)


@pytest.mark.parametrize("builder", [document, long_document, sample_invitation, sample_minutes])
def test_all_fonts_embedded_subsets(builder: Any) -> None:
    data = render(builder())
    pdf = open_pdf(data)
    names = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert names
    for name in names:
        assert re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", name), name
    # Every font object names a subset and every descriptor carries the TrueType program.
    base_fonts = re.findall(rb"/BaseFont /([^\s/>]+)", data)
    assert base_fonts
    assert all(re.fullmatch(rb"[A-Z]{6}\+LiberationSerif[-A-Za-z]*", n) for n in base_fonts)
    assert data.count(b"/FontFile2") == data.count(b"/Type /FontDescriptor") == len(base_fonts)
    for std in BASE14:
        assert f"/{std}".encode() not in data


def test_system_times_new_roman_preferred_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stand-in files under Windows' names: the lookup, not the glyphs, is under test.
    for src, name in zip(
        docfonts.bundled_font_files(),
        ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
        strict=True,
    ):
        shutil.copy(src, tmp_path / name)
    monkeypatch.setattr(docfonts, "_system_font_dirs", lambda: [tmp_path / "none", tmp_path])
    try:
        assert docfonts.register_fonts() == docfonts.TIMES_NEW_ROMAN
        assert docfonts.active_font() == docfonts.TIMES_NEW_ROMAN
        assert docfonts.register_fonts(prefer_system=False) == docfonts.LIBERATION_SERIF
        (tmp_path / "timesbi.ttf").unlink()  # an incomplete family is not used
        assert docfonts.register_fonts() == docfonts.LIBERATION_SERIF
    finally:
        docfonts.register_fonts(prefer_system=False)


def test_missing_font_files_give_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tuple(tmp_path / f"{i}.ttf" for i in range(4))
    monkeypatch.setattr(docfonts, "bundled_font_files", lambda: missing)
    try:
        with pytest.raises(BcdError) as err:
            docfonts.register_fonts(prefer_system=False)
        assert "phông chữ" in err.value.message
    finally:
        monkeypatch.undo()
        docfonts.register_fonts(prefer_system=False)


def test_resource_path_source_and_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = resources.resource_path("fonts", "LiberationSerif-Regular.ttf")
    assert font.is_file()
    assert resources.resource_path("fonts", "LICENSE-LiberationSerif.txt").is_file()
    bundled = tmp_path / "bdcq_desktop" / "assets" / "fonts"
    bundled.mkdir(parents=True)
    (bundled / "x.ttf").write_bytes(b"x")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts", "x.ttf") == bundled / "x.ttf"
    # Missing resources are reported where the bundle should have had them.
    assert resources.resource_path("fonts", "nope.ttf") == bundled / "nope.ttf"


# --- header -----------------------------------------------------------------------------------


def test_header_texts_styles_and_sizes() -> None:
    page = open_pdf(render(document())).pages[0]
    left, right = header_columns()
    parent = find_line(page, r"^UBND TỈNH NGHỆ AN$", left)
    assert fonts_of(parent) == {"LiberationSerif"} and sizes_of(parent) == {12.0}
    issuing = [find_line(page, r"^BAN CHỈ ĐẠO XÂY DỰNG$", left)]
    issuing.append(find_line(page, r"^CHÍNH QUYỀN ĐIỆN TỬ$", left))
    for line in issuing:
        assert fonts_of(line) == {"LiberationSerif-Bold"} and sizes_of(line) == {12.0}
    national = find_line(page, r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", right)
    assert fonts_of(national) == {"LiberationSerif-Bold"} and sizes_of(national) == {12.0}
    motto = find_line(page, r"^Độc lập - Tự do - Hạnh phúc$", right)
    assert fonts_of(motto) == {"LiberationSerif-Bold"} and sizes_of(motto) == {13.0}
    number = find_line(page, r"^Số: 05/GM-BCĐ$", left)
    assert fonts_of(number) == {"LiberationSerif"} and sizes_of(number) == {13.0}
    date = find_line(page, r"^Nghệ An, ngày 05 tháng 02 năm 2026$", right)
    assert fonts_of(date) == {"LiberationSerif-Italic"} and sizes_of(date) == {13.0}
    # Each element is centred in its column.
    lcol, rcol = (left[0] + 1, left[2]), (right[0], right[2] - 1)
    for line, (a, b) in [(parent, lcol), (number, lcol), (national, rcol), (date, rcol)]:
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx((a + b) / 2, abs=1.0), line["text"]
    # Order from the top: parent, issuing body, number.
    assert parent["top"] < issuing[0]["top"] < issuing[1]["top"] < number["top"]


def test_title_and_summary() -> None:
    page = open_pdf(render(document())).pages[0]
    title = find_line(page, r"^GIẤY MỜI$")
    assert fonts_of(title) == {"LiberationSerif-Bold"} and sizes_of(title) == {14.0}
    summary = find_line(page, r"^Họp Ban Chỉ đạo 6 tháng đầu năm 2026$")
    assert fonts_of(summary) == {"LiberationSerif-Bold"} and sizes_of(summary) == {14.0}
    centre = PageSettings().left + PageSettings().frame_width / 2
    for line in (title, summary):
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx(centre, abs=1.0)
    # A short rule under the summary: 1/3 to 1/2 of its width, centred.
    rule = min((ln for ln in page.lines if ln["top"] > summary["bottom"]), key=lambda ln: ln["top"])
    width = summary["x1"] - summary["x0"]
    assert width / 3 - 0.5 <= rule["x1"] - rule["x0"] <= width / 2 + 0.5
    assert (rule["x0"] + rule["x1"]) / 2 == pytest.approx(centre, abs=1.0)
    assert rule["top"] - summary["bottom"] < 10


def test_number_and_place_date_share_a_baseline() -> None:
    for h in (header(), header(issuing_body=COMMITTEE + " tỉnh Nghệ An giai đoạn 2026 - 2030")):
        page = open_pdf(render(document(header=h))).pages[0]
        left, right = header_columns()
        number = find_line(page, r"^Số: 05/GM-BCĐ$", left)
        date = find_line(page, r"ngày 05 tháng 02 năm 2026$", right)
        assert abs(number["top"] - date["top"]) < 2
        assert abs(number["bottom"] - date["bottom"]) < 2


def test_a_long_place_keeps_its_date_on_one_line() -> None:
    """"Thành phố Hồ Chí Minh, ngày 28 tháng 12 năm 2026" is 98.7 mm at 13 pt italic, more than
    the 98 mm right column: the year fell onto a line of its own. The right column widens for
    it on the number's row (dated or draft); the number keeps its baseline, the bodies, the
    national title and the motto their columns."""
    place = "Thành phố Hồ Chí Minh"
    for day in (dt.date(2026, 12, 28), None):
        h = header(
            place=place,
            parent_body="UBND Thành phố Hồ Chí Minh",
            date=day,
            number=5 if day else None,
            draft_year=2026,
        )
        page = open_pdf(render(document(header=h))).pages[0]
        date = find_line(page, rf"^{place}, ngày.* năm 2026$")
        number = find_line(page, r"^Số:")
        assert abs(number["top"] - date["top"]) < 2 and date["x0"] > number["x1"] + 20
        assert date["x1"] <= page.width - DEFAULT.right
        left, right = header_columns()
        for text in ("UBND THÀNH PHỐ HỒ CHÍ MINH", "BAN CHỈ ĐẠO XÂY DỰNG", "CHÍNH QUYỀN ĐIỆN TỬ"):
            find_line(page, rf"^{text}$", left)
        national = find_line(page, r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", right)
        assert (national["x0"] + national["x1"]) / 2 == pytest.approx(
            (right[0] + right[2] - 1) / 2, abs=1.0
        )


def test_national_title_rule_as_long_as_the_motto() -> None:
    page = open_pdf(render(document())).pages[0]
    _, right = header_columns()
    motto = find_line(page, r"^Độc lập - Tự do - Hạnh phúc$", right)
    rule = min(
        (ln for ln in page.lines if ln["top"] > motto["bottom"] and ln["x0"] > right[0]),
        key=lambda ln: ln["top"],
    )
    assert rule["x1"] - rule["x0"] == pytest.approx(motto["x1"] - motto["x0"], abs=1.0)
    assert rule["x0"] == pytest.approx(motto["x0"], abs=1.0)
    assert rule["top"] - motto["bottom"] < 8
    assert text_width(MOTTO, docfonts.BOLD, 13) == pytest.approx(rule["x1"] - rule["x0"], abs=0.1)


def test_issuing_body_rule_is_a_third_to_a_half_of_its_width() -> None:
    page = open_pdf(render(document())).pages[0]
    left, _ = header_columns()
    last = find_line(page, r"^CHÍNH QUYỀN ĐIỆN TỬ$", left)
    widest = max(
        ln["x1"] - ln["x0"] for ln in lines(page, left) if "BAN CHỈ ĐẠO" in ln["text"] or ln is last
    )
    rule = min(
        (ln for ln in page.lines if ln["top"] > last["bottom"] and ln["x1"] < left[2]),
        key=lambda ln: ln["top"],
    )
    assert widest / 3 - 0.5 <= rule["x1"] - rule["x0"] <= widest / 2 + 0.5
    centre = (left[0] + 1 + left[2]) / 2
    assert (rule["x0"] + rule["x1"]) / 2 == pytest.approx(centre, abs=1.0)


def test_issuing_body_wraps_into_balanced_lines() -> None:
    lines_ = balanced_lines(COMMITTEE.upper(), docfonts.BOLD, 12, 186)
    assert lines_ == ["BAN CHỈ ĐẠO XÂY DỰNG", "CHÍNH QUYỀN ĐIỆN TỬ"]
    assert balanced_lines("UBND TỈNH NGHỆ AN", docfonts.REGULAR, 12, 186) == ["UBND TỈNH NGHỆ AN"]
    assert balanced_lines("DÒNG MỘT\nDÒNG HAI", docfonts.REGULAR, 12, 186) == [
        "DÒNG MỘT",
        "DÒNG HAI",
    ]


@pytest.mark.parametrize(
    ("number", "expected"),
    [(5, "Số: 05/GM-BCĐ"), (12, "Số: 12/GM-BCĐ"), (1, "Số: 01/GM-BCĐ"), (123, "Số: 123/GM-BCĐ")],
)
def test_number_form(number: int, expected: str) -> None:
    assert format_number_symbol(number, "GM", "BCĐ") == expected
    page = open_pdf(render(document(header=header(number=number)))).pages[0]
    find_line(page, f"^{re.escape(expected)}$", header_columns()[0])


def test_draft_number_leaves_a_blank() -> None:
    assert format_number_symbol(None, "GM", "BCĐ") == "Số:      /GM-BCĐ"
    page = open_pdf(render(document(header=header(number=None)))).pages[0]
    line = find_line(page, r"^Số:\s+/GM-BCĐ$", header_columns()[0])
    chars = [c for c in line["chars"] if c["text"].strip()]
    colon = next(c for c in chars if c["text"] == ":")
    slash = next(c for c in chars if c["text"] == "/")
    assert slash["x0"] - colon["x1"] >= 15  # room to write the number by hand


def test_number_validation() -> None:
    with pytest.raises(ValidationError) as err:
        format_number_symbol(0, "GM", "BCĐ")
    assert err.value.field == "number"
    with pytest.raises(ValidationError):
        format_number_symbol(1, "", "BCĐ")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (dt.date(2026, 6, 29), "ngày 29 tháng 6 năm 2026"),
        (dt.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (dt.date(2026, 12, 10), "ngày 10 tháng 12 năm 2026"),
        (dt.date(2026, 10, 9), "ngày 09 tháng 10 năm 2026"),
    ],
)
def test_date_form(date: dt.date, expected: str) -> None:
    assert format_date(date) == expected
    assert format_place_date("Nghệ An", date) == f"Nghệ An, {expected}"


def test_place_date_in_pdf_and_draft_date() -> None:
    page = open_pdf(render(document(header=header(date=dt.date(2026, 6, 29))))).pages[0]
    find_line(page, r"^Nghệ An, ngày 29 tháng 6 năm 2026$", header_columns()[1])
    assert format_date(None, draft_year=2026) == "ngày      tháng      năm 2026"
    page = open_pdf(render(document(header=header(date=None, draft_year=2026)))).pages[0]
    find_line(page, r"^Nghệ An, ngày\s+tháng\s+năm 2026$", header_columns()[1])


def test_minutes_have_no_place_date_and_two_signatures() -> None:
    pdf = open_pdf(render(sample_minutes()))
    page = pdf.pages[0]
    text = page.extract_text()
    assert "ngày 05 tháng" not in text and "Nghệ An," not in text
    find_line(page, r"^Số: 03/BB-BCĐ$", header_columns()[0])
    last = pdf.pages[-1]
    clerk = find_line(last, r"^THƯ KÝ$")
    chair = find_line(last, r"^CHỦ TỌA$")
    width = PageSettings().frame_width
    assert (clerk["x0"] + clerk["x1"]) / 2 < PageSettings().left + width / 2 < chair["x0"]
    assert clerk["top"] == pytest.approx(chair["top"], abs=0.5)
    assert fonts_of(clerk) == fonts_of(chair) == {"LiberationSerif-Bold"}
    clerk_name = find_line(last, r"^Hoàng Văn Minh$")
    chair_name = find_line(last, r"^Nguyễn Đức Trung$")
    assert clerk_name["top"] == pytest.approx(chair_name["top"], abs=0.5)
    assert clerk_name["top"] - clerk["bottom"] >= 25 * mm - 1  # room for signatures
    received = find_line(last, r"^Nơi nhận:$")
    assert received["top"] > clerk_name["bottom"]  # recipients under the signatures
    assert find_line(last, r"^- Lưu: VT, Hồ sơ\.$")["top"] > received["top"]


# --- closing ----------------------------------------------------------------------------------


def test_signature_block() -> None:
    page = open_pdf(render(document())).pages[0]
    tm = find_line(page, r"^TM\. BAN CHỈ ĐẠO$")
    head = find_line(page, r"^TRƯỞNG BAN$")
    name = find_line(page, r"^Nguyễn Đức Trung$")
    for line in (tm, head, name):
        assert fonts_of(line) == {"LiberationSerif-Bold"} and sizes_of(line) == {14.0}
    assert 25 * mm - 1 <= name["top"] - head["bottom"] <= 32 * mm
    # Centred in the right column, i.e. under the national title.
    _, right = header_columns()
    centre = (right[0] + right[2] - 1) / 2
    for line in (tm, head, name):
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx(centre, abs=1.0)


def test_recipients() -> None:
    page = open_pdf(render(document())).pages[0]
    label = find_line(page, r"^Nơi nhận:$")
    assert fonts_of(label) == {"LiberationSerif-BoldItalic"} and sizes_of(label) == {12.0}
    below = [ln for ln in lines(page) if ln["top"] > label["top"] and ln["x0"] < 200]
    items = [ln for ln in below if ln["text"].startswith("- ")]
    assert [ln["text"] for ln in items] == [
        "- Như trên;",
        "- Thường trực Tỉnh ủy (để b/c);",
        "- Lưu: VT, BCĐ.",
    ]
    for line in items:
        assert fonts_of(line) == {"LiberationSerif"} and sizes_of(line) == {11.0}
    # Top-aligned with the signature authority beside it.
    tm = find_line(page, r"^TM\. BAN CHỈ ĐẠO$")
    assert label["top"] == pytest.approx(tm["top"], abs=3)
    assert label["x0"] == pytest.approx(PageSettings().left, abs=0.5)


def test_recipient_items_are_normalised() -> None:
    rec = Recipients(["- Như trên;", "Sở Nội vụ.", "  ", "UBND tỉnh"], archive="VT, Hồ sơ.")
    assert rec.lines() == ["- Như trên;", "- Sở Nội vụ;", "- UBND tỉnh;", "- Lưu: VT, Hồ sơ."]


def _nearly_full(paragraphs: int, tail: str, closing: bool = True) -> Document:
    body: list[Any] = [Para(f"{FILLER} ({i})") for i in range(paragraphs)]
    body.append(Para(f"MỞĐẦU {FILLER} {tail}", closing=True))
    doc = document(body)
    if not closing:
        doc.signatures, doc.recipients = (), None
    return doc


def test_signature_stays_with_the_last_paragraph_when_the_body_nearly_fills_a_page() -> None:
    # Find the largest body that still fits page 1 without the closing block.
    n = 1
    while len(open_pdf(render(_nearly_full(n + 1, "HẾT", closing=False))).pages) == 1:
        n += 1
    moved = 0
    for count in range(n - 3, n + 1):
        pdf = open_pdf(render(_nearly_full(count, "HẾT")))
        last_page = page_of(pdf, "HẾT./.")
        assert page_of(pdf, "Nguyễn Đức Trung") == last_page
        assert page_of(pdf, "Nơi nhận:") == last_page
        assert page_of(pdf, "TRƯỞNG BAN") == last_page
        moved += len(pdf.pages) == 2
        # The end of the paragraph above the closing is never alone: at least two lines of it.
        page = pdf.pages[last_page]
        body_lines = [ln for ln in lines(page) if ln["top"] < find_line(page, "Nơi nhận")["top"]]
        assert len([ln for ln in body_lines if ln["top"] > PageSettings().top]) >= 2
    assert moved >= 1  # the case was actually exercised


def test_signature_stays_with_a_final_long_table() -> None:
    for rows in (30, 34, 38, 42):
        table = DataTable(
            [Column("STT", 0.1, "center"), Column("Nội dung", 0.9)],
            [(str(i), f"Nội dung dòng {i}") for i in range(1, rows + 1)],
        )
        pdf = open_pdf(render(document([Para(FILLER), table])))
        assert page_of(pdf, "Nguyễn Đức Trung") == page_of(pdf, f"Nội dung dòng {rows}\n")


# --- keep with next: a title or heading keeps only the first part of what follows ----------------

ROW = re.compile(r"(?:\d+ )?Nội dung dòng (\d+)")


def rows_table(rows: int) -> DataTable:
    return DataTable(
        [Column("STT", 0.1, "center"), Column("Nội dung", 0.9)],
        [(str(i), f"Nội dung dòng {i}") for i in range(1, rows + 1)],
    )


def table_rows(page: Any) -> list[tuple[int, float]]:
    """(row number, top) of the table rows on ``page``."""
    return [(int(m.group(1)), ln["top"]) for ln in lines(page) if (m := ROW.fullmatch(ln["text"]))]


def assert_table_flows(pdf: pdfplumber.PDF, rows: int) -> None:
    """Every row once and in order; the header row above the rows on every page that has rows;
    the signature on the page of the last row (never alone)."""
    seen: list[int] = []
    for page in pdf.pages:
        found = table_rows(page)
        if not found:
            continue
        for title in ("STT", "Nội dung"):
            head = find_line(page, f"^{title}$")
            assert fonts_of(head) == {"LiberationSerif-Bold"}
            assert head["top"] < min(top for _, top in found)
        seen += [n for n, _ in found]
    assert seen == list(range(1, rows + 1))
    assert page_of(pdf, "Nguyễn Đức Trung") == page_of(pdf, f"Nội dung dòng {rows}\n")


def test_title_keeps_only_the_first_rows_of_a_long_table() -> None:
    # A title keeps with what follows; a table longer than a page must not take the title, and
    # the whole of page 1, along to page 2.
    pdf = open_pdf(render(document([rows_table(60)])))
    first = pdf.pages[0]
    title = find_line(first, "^GIẤY MỜI$")
    summary = find_line(first, "^Họp Ban Chỉ đạo 6 tháng đầu năm 2026$")
    found = table_rows(first)
    assert [n for n, _ in found[:3]] == [1, 2, 3]
    assert len(found) >= 10  # page 1 is filled with rows, not left with the header alone
    assert title["top"] < summary["top"] < find_line(first, "^STT$")["top"] < found[0][1]
    assert len(pdf.pages) >= 3
    assert_table_flows(pdf, 60)


def test_heading_keeps_only_the_first_rows_of_a_long_table() -> None:
    heading = Heading("Danh sách nhiệm vụ", level=1, label="I")
    pdf = open_pdf(render(document([Para(FILLER), heading, rows_table(60)])))
    first = pdf.pages[0]
    head = find_line(first, "^I. DANH SÁCH NHIỆM VỤ$")
    found = table_rows(first)
    assert [n for n, _ in found[:3]] == [1, 2, 3]
    assert len(found) >= 10
    assert find_line(first, "Ban Chỉ đạo đề nghị")["top"] < head["top"] < found[0][1]
    assert_table_flows(pdf, 60)


def test_heading_at_the_foot_of_a_page_is_never_alone() -> None:
    # Push the heading down page 1 a paragraph at a time: wherever it lands, it shares its page
    # with the first rows of the table, and it moves on only when not even they fit.
    heading = Heading("Danh sách nhiệm vụ", level=1, label="I")
    moved = stayed = 0
    for count in range(2, 12):
        body: list[Any] = [Para(f"{FILLER} ({i})") for i in range(count)]
        pdf = open_pdf(render(document([*body, heading, rows_table(60)])))
        on = page_of(pdf, "I. DANH SÁCH NHIỆM VỤ")
        assert table_rows(pdf.pages[on])[0][0] == 1
        last_paragraph = page_of(pdf, f"({count - 1})")
        if on == last_paragraph:
            stayed += 1
        else:
            # Moved: there was no room for the heading, the header row and one row.
            moved += 1
            page = pdf.pages[last_paragraph]
            room = page.height - DEFAULT.bottom - max(c["bottom"] for c in page.chars)
            assert room < 70
        assert_table_flows(pdf, 60)
    assert stayed and moved  # both cases were exercised


def test_heading_keeps_the_first_two_lines_of_a_long_paragraph() -> None:
    long_text = " ".join([FILLER] * 6) + " CUỐIĐOẠN"
    heading = Heading("Kết quả thực hiện", level=1, label="I")
    moved = split = 0
    for count in range(2, 12):
        body: list[Any] = [Para(f"{FILLER} ({i})") for i in range(count)]
        pdf = open_pdf(render(document([*body, heading, Para(long_text, closing=True)])))
        on = page_of(pdf, "I. KẾT QUẢ THỰC HIỆN")
        page = pdf.pages[on]
        below = [ln for ln in lines(page) if ln["top"] > find_line(page, "^I. KẾT QUẢ")["top"]]
        assert len(below) >= 2  # the heading has at least two lines of its paragraph
        if on > page_of(pdf, f"({count - 1})"):
            # Moved only when two lines did not fit under it.
            moved += 1
            prev = pdf.pages[on - 1]
            room = prev.height - DEFAULT.bottom - max(c["bottom"] for c in prev.chars)
            assert room < 3 * 14 * DEFAULT.line_spacing + 12
        split += page_of(pdf, "CUỐIĐOẠN") > on
        assert page_of(pdf, "Nguyễn Đức Trung") == page_of(pdf, "CUỐIĐOẠN")
    assert moved and split  # both cases were exercised


# --- body -------------------------------------------------------------------------------------


def test_body_styles() -> None:
    body = [
        LegalBasis(["Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Quyết định số 12"]),
        Heading("Kết quả thực hiện", level=1, label="I"),
        Heading("Về thể chế", level=2, label="1"),
        Heading("về hạ tầng", level=3, label="a"),
        Labelled("Thời gian", "14 giờ 00 phút, ngày 12 tháng 02 năm 2026."),
        Para(["Văn bản có ", Span("chữ đậm", bold=True), " và ", Span("chữ nghiêng", italic=True)]),
        Bullets(["Mục một;", "Mục hai"], closing=True),
    ]
    page = open_pdf(render(document(body))).pages[0]
    legal = find_line(page, r"^Căn cứ Luật Tổ chức chính quyền địa phương;$")
    assert fonts_of(legal) == {"LiberationSerif-Italic"} and sizes_of(legal) == {14.0}
    find_line(page, r"^Căn cứ Quyết định số 12\.$")  # the last basis ends with a full stop
    h1 = find_line(page, r"^I\. KẾT QUẢ THỰC HIỆN$")
    assert fonts_of(h1) == {"LiberationSerif-Bold"}
    assert fonts_of(find_line(page, r"^1\. Về thể chế$")) == {"LiberationSerif-Bold"}
    assert fonts_of(find_line(page, r"^a\) về hạ tầng$")) == {"LiberationSerif"}
    label = find_line(page, r"^Thời gian: 14 giờ")
    label_chars = [c for c in label["chars"] if c["text"].strip()]
    assert all("Bold" in c["fontname"] for c in label_chars[:9])  # "Thời gian:"
    assert all("Bold" not in c["fontname"] for c in label_chars[9:])
    mixed = find_line(page, r"^Văn bản có chữ đậm và chữ nghiêng$")
    assert fonts_of(mixed) == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
    }
    find_line(page, r"^- Mục hai\./\.$")
    # Paragraph first lines are indented 1 cm from the left margin.
    assert label["x0"] == pytest.approx(PageSettings().left + 10 * mm, abs=0.5)


def test_paragraph_is_justified_with_space_after() -> None:
    page = open_pdf(render(document([Para(FILLER), Para(FILLER, closing=True)]))).pages[0]
    right = A4_W - PageSettings().right
    body = [ln for ln in lines(page) if ln["text"].startswith(("Ban Chỉ đạo đề nghị", "ứng dụng"))]
    assert body and all(ln["x1"] == pytest.approx(right, abs=0.5) for ln in body)
    firsts = [ln for ln in lines(page) if ln["text"].startswith("Ban Chỉ đạo đề nghị")]
    assert len(firsts) == 2
    after_first = [ln for ln in lines(page) if firsts[0]["top"] < ln["top"] < firsts[1]["top"]]
    gap = firsts[1]["top"] - after_first[-1]["top"]
    line_pitch = after_first[-1]["top"] - firsts[0]["top"]
    assert gap >= line_pitch / max(len(after_first), 1) + 6 - 0.5


def test_new_page_block_starts_a_page() -> None:
    body = [Para("Trang một."), NewPage(), Para("Trang hai.", closing=True)]
    pdf = open_pdf(render(document(body)))
    assert len(pdf.pages) == 2
    assert page_of(pdf, "Trang một.") == 0
    assert page_of(pdf, "Trang hai./.") == page_of(pdf, "Nơi nhận:") == 1


def test_closing_mark_helper() -> None:
    assert with_closing_mark("Trân trọng kính mời.") == "Trân trọng kính mời./."
    assert with_closing_mark("Trân trọng kính mời") == "Trân trọng kính mời./."
    assert with_closing_mark("Xong./.") == "Xong./."


def test_nfd_input_comes_out_nfc() -> None:
    def nfd(s: str) -> str:
        return unicodedata.normalize("NFD", s)

    doc = document(
        [Para(nfd("Nguyễn Thị Hường quyết định tiếp tục triển khai."), closing=True)],
        header=header(parent_body=nfd("UBND tỉnh Nghệ An"), issuing_body=nfd(COMMITTEE),
                      place=nfd("Nghệ An")),
        title=Title(nfd("Thông báo"), nfd("Kết luận của đồng chí Trưởng Ban Chỉ đạo")),
        signatures=[SignatureBlock([nfd("TM. Ban Chỉ đạo")], nfd("Nguyễn Đức Trung"))],
        recipients=Recipients([nfd("Sở Nội vụ")], archive=nfd("VT, BCĐ")),
    )  # fmt: skip
    text = "\n".join(p.extract_text() for p in open_pdf(render(doc)).pages)
    assert not [c for c in text if unicodedata.combining(c)]
    assert unicodedata.normalize("NFC", text) == text
    for expected in (
        "Nguyễn Thị Hường quyết định tiếp tục triển khai./.",
        "UBND TỈNH NGHỆ AN",
        "THÔNG BÁO",
        "Kết luận của đồng chí Trưởng Ban Chỉ đạo",
        "Nghệ An, ngày 05 tháng 02 năm 2026",
        "Nguyễn Đức Trung",
        "- Sở Nội vụ;",
        "- Lưu: VT, BCĐ.",
    ):
        assert expected in text


def test_markup_characters_are_escaped() -> None:
    raw = "A & B <b>không đậm</b> > C <br/> D"
    page = open_pdf(render(document([Para(raw, closing=True)]))).pages[0]
    line = find_line(page, re.escape(raw))
    assert fonts_of(line) == {"LiberationSerif"}


def test_long_names_wrap_inside_table_cells() -> None:
    spaced = " ".join(["Nguyễn Thị Minh Khai"] * 10)[:200]
    unspaced = "X" * 200
    table = DataTable(
        [Column("STT", 0.08, "center"), Column("Họ và tên", 0.3), Column("Cơ quan", 0.62)],
        [("1", spaced, "Sở Nội vụ"), ("2", unspaced, "Sở Tư pháp")],
    )
    settings = PageSettings()
    page = open_pdf(render(document([table]))).pages[0]
    name_lines = [ln for ln in lines(page) if "Nguyễn Thị Minh Khai" in ln["text"]]
    assert len(name_lines) >= 3  # wrapped
    x_lines = [ln for ln in lines(page) if ln["text"].startswith("XXX")]
    assert len(x_lines) >= 3
    for c in page.chars:
        assert settings.left - TOL <= c["x0"] and c["x1"] <= A4_W - settings.right + TOL
    # The name column stays within its cell.
    col_right = settings.left + settings.frame_width * (0.08 + 0.3)
    for ln in name_lines + x_lines:
        assert ln["x1"] <= col_right


def test_three_hundred_row_table_repeats_its_header() -> None:
    table = DataTable(
        [Column("STT", 0.1, "center"), Column("Họ và tên", 0.45), Column("Chức vụ", 0.45)],
        [(str(i), f"Đại biểu số {i}", "Thành viên") for i in range(1, 301)],
    )
    pdf = open_pdf(render(document([table])))
    assert len(pdf.pages) >= 5
    seen: list[int] = []
    for page in pdf.pages:
        rows = [ln for ln in lines(page) if re.fullmatch(r"(\d+ )?Đại biểu số \d+", ln["text"])]
        if not rows:
            continue
        for title in ("STT", "Họ và tên", "Chức vụ"):
            head = find_line(page, f"^{title}$")
            assert fonts_of(head) == {"LiberationSerif-Bold"}
            assert head["top"] < min(r["top"] for r in rows)
        seen += [int(r["text"].rsplit(" ", 1)[1]) for r in rows]
    assert seen == list(range(1, 301))


# --- output -----------------------------------------------------------------------------------


def test_output_is_deterministic() -> None:
    first = render(sample_invitation())
    second = render(sample_invitation())
    assert first == second
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    assert render(sample_invitation(number=6)) != first


def test_output_is_identical_across_processes(tmp_path: Path) -> None:
    # Hash randomisation must not leak into the PDF (dict/set order, object numbering).
    digests = set()
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.pdf"
        subprocess.run(
            [sys.executable, "-m", "bdcq_desktop.documents.sample", str(out), "--bundled-font"],
            check=True,
            capture_output=True,
            cwd=Path(__file__).resolve().parents[1],
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests == {hashlib.sha256(render(sample_invitation())).hexdigest()}


def test_metadata() -> None:
    meta = open_pdf(render(document())).metadata
    assert meta["Title"] == "GIẤY MỜI Số: 05/GM-BCĐ"
    assert meta["Author"] == "BAN CHỈ ĐẠO XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ"
    assert meta["Subject"] == "Họp Ban Chỉ đạo 6 tháng đầu năm 2026"
    assert meta["Creator"] == "BCĐ Desktop"
    assert meta["CreationDate"].startswith("D:20260205")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"margin_top_mm": 19}, "margin_top_mm"),
        ({"margin_bottom_mm": 26}, "margin_bottom_mm"),
        ({"margin_left_mm": 25}, "margin_left_mm"),
        ({"margin_right_mm": 21}, "margin_right_mm"),
        ({"body_size": 12}, "body_size"),
        ({"line_spacing": 2.0}, "line_spacing"),
        ({"paragraph_space_pt": 3}, "paragraph_space_pt"),
    ],
)
def test_page_settings_validation(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        PageSettings(**kwargs)
    assert err.value.field == field
    assert err.value.message  # Vietnamese, ready to show


def test_document_validation() -> None:
    with pytest.raises(ValidationError) as err:
        render(document(header=header(place="")))
    assert err.value.field == "place"
    with pytest.raises(ValidationError) as err:
        render(document(signatures=[SignatureBlock([" "], "A")]))
    assert err.value.field == "authority"
