"""``bdcq members import`` of hostile and broken files, run as a real subprocess with its
address space limited: a regression fails with a MemoryError instead of eating the machine."""

from __future__ import annotations

import os
import re
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cli_run import created
from tests.test_cli_members import HEADER, count

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for the subprocess


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def bdcq(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
        preexec_fn=_limit_memory,
    )


def assert_refused(out: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2, one line on stderr, no traceback."""
    assert out.returncode == 2, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for fragment in fragments:
        assert fragment in lines[0]


def base_xlsx(path: Path) -> None:
    wb = Workbook()
    wb.active.append(["Họ và tên", "Đơn vị"])
    wb.active.append(["Trần Thị Hoa", "Sở Y tế"])
    wb.save(path)


def rewrite_part(src: Path, dst: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item.filename, change(data) if item.filename == name else data)


SHEET = "xl/worksheets/sheet1.xml"


def test_declared_dimension_of_the_whole_grid_is_not_allocated(tmp_path: Path) -> None:
    base_xlsx(tmp_path / "base.xlsx")
    src = tmp_path / "wide.xlsx"

    def widen(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        # One cell in the grid's last row and column: a million missing rows in between.
        far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    rewrite_part(tmp_path / "base.xlsx", src, SHEET, widen)
    assert src.stat().st_size < 6000
    out = bdcq("members", "import", str(src), "--dry-run", db=created(tmp_path / "d.sqlite3"))
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Trần Thị Hoa" in out.stdout and "1 người" in out.stdout


def _raw_zip(path: Path, members: list[tuple[str, bytes, bytes, int, int]]) -> None:
    """A zip from (name, deflated bytes, -, crc, uncompressed size), written by hand so that a
    huge part costs only its compressed size to build."""
    local, central, offset = bytearray(), bytearray(), 0
    for name, data, _unused, crc, size in members:
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        local += header + encoded + data
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
        offset = len(local)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), offset, 0
    )
    path.write_bytes(bytes(local) + bytes(central) + end)


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def test_zip_bomb_part_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    base_xlsx(tmp_path / "base.xlsx")
    members = []
    with zipfile.ZipFile(tmp_path / "base.xlsx") as z:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename != SHEET:
                members.append((item.filename, _deflate(data), b"", zlib.crc32(data), len(data)))
                continue
            head, tail = data.split(b"<sheetData>")
            head += b"<sheetData>"
            # 2 GiB of spaces inside the sheet: 2048 copies of one independently deflated MiB
            # (a full flush resets the compressor, so the copies concatenate into one stream).
            mib = b" " * (1 << 20)
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            block = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
            c1 = zlib.compressobj(9, zlib.DEFLATED, -15)
            first = c1.compress(head) + c1.flush(zlib.Z_FULL_FLUSH)
            stream = first + block * 2048 + _deflate(tail)
            crc = zlib.crc32(head)
            for _ in range(2048):
                crc = zlib.crc32(mib, crc)
            crc = zlib.crc32(tail, crc)
            size = len(head) + 2048 * len(mib) + len(tail)
            members.append((SHEET, stream, b"", crc, size))
    src = tmp_path / "bomb.xlsx"
    _raw_zip(src, members)
    assert src.stat().st_size < 4 * 1024**2
    out = bdcq("members", "import", str(src), db=created(tmp_path / "d.sqlite3"))
    assert_refused(out, "bomb.xlsx", "quá lớn")


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    base_xlsx(tmp_path / "base.xlsx")
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    doctype = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [' + entities + b"]>"
    src = tmp_path / "laughs.xlsx"
    rewrite_part(
        tmp_path / "base.xlsx",
        src,
        SHEET,
        lambda xml: doctype + xml.replace(b"<t>Tr&#7847;n", b"<t>&lol9;"),
    )
    out = bdcq("members", "import", str(src), db=created(tmp_path / "d.sqlite3"))
    assert_refused(out, "laughs.xlsx", "thực thể XML")


def test_text_file_named_xlsx(tmp_path: Path) -> None:
    src = tmp_path / "roster.xlsx"
    src.write_text(HEADER + "Trần Thị Hoa,Nữ,,,,,,,,\n", encoding="utf-8")
    out = bdcq("members", "import", str(src), db=created(tmp_path / "d.sqlite3"))
    assert_refused(out, "roster.xlsx", "tệp văn bản", ".csv")


def test_file_too_big_and_too_many_rows(tmp_path: Path) -> None:
    db = created(tmp_path / "d.sqlite3")
    rows = tmp_path / "rows.csv"
    rows.write_text(
        HEADER + "".join(f"Người Số {i},,,,,,,,,\n" for i in range(50_001)), encoding="utf-8"
    )
    assert_refused(bdcq("members", "import", str(rows), db=db), "rows.csv", "50.000")
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.write(HEADER.encode())
        f.truncate(25 * 1024**2)  # sparse: costs no disk
    assert_refused(bdcq("members", "import", str(big), db=db), "big.csv", "quá lớn")
    assert count(db, "person") == 0


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    db = created(tmp_path / "d.sqlite3")
    src = tmp_path / "unicode.csv"
    src.write_bytes((HEADER + "Trần Thị Hoa,Nữ,,Sở Y tế,,,,,,\n").encode("utf-16-le"))
    out = bdcq("members", "import", str(src), "--dry-run", db=db)
    assert out.returncode == 0, out.stderr
    assert "Trần Thị Hoa" in out.stdout and "Sở Y tế" in out.stdout


def test_binary_csv_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "photo.csv"
    src.write_bytes(bytes(range(256)) * 8)
    db = created(tmp_path / "d.sqlite3")
    assert_refused(bdcq("members", "import", str(src), db=db), "photo.csv")


def test_unbalanced_quote_is_a_row_error(tmp_path: Path) -> None:
    db = created(tmp_path / "d.sqlite3")
    src = tmp_path / "quote.csv"
    src.write_text(
        HEADER
        + "Lê Văn An,Nam,,Sở Y tế,,,,,,\n"
        + '"Trần Thị Hoa,Nữ,,Sở Y tế,,,,,,\n',  # the quote is never closed
        encoding="utf-8",
    )
    out = bdcq("members", "import", str(src), db=db)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert re.search(r"line 3: .*ngoặc kép", out.stderr), out.stderr
    assert count(db, "person") == 0
    # Reading goes on after the bad line: a later bad row is reported too.
    src.write_text(
        HEADER
        + 'Lê Văn An,Nam,"Giám đốc"x,Sở Y tế,,,,,,\n'
        + "Phạm Văn Bình,Nam,,Sở Y tế,,,,,,\n"
        + "Vũ Thị Cúc,Bà,,,,,,,không-phải-email,\n",
        encoding="utf-8",
    )
    out = bdcq("members", "import", str(src), db=db)
    assert out.returncode == 2
    assert "line 2:" in out.stderr and "line 4: Vũ Thị Cúc" in out.stderr
    assert "line 3" not in out.stderr


def test_huge_field_is_a_row_error_and_values_are_cut(tmp_path: Path) -> None:
    db = created(tmp_path / "d.sqlite3")
    src = tmp_path / "long.csv"
    huge = "A" * 200_000
    src.write_text(
        HEADER
        + f"{huge},Nam,,,,,,,,\n"
        + f"Lê Văn An,Nam,,,,,,,{'x' * 500}@nghean.gov.vn,\n"
        + f"Trần Văn Bình,{'Q' * 1000},,,,,,,,\n",
        encoding="utf-8",
    )
    out = bdcq("members", "import", str(src), db=db)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert "line 2:" in out.stderr and "131.072" in out.stderr
    assert "line 3: Lê Văn An" in out.stderr and "line 4: Trần Văn Bình" in out.stderr
    for line in out.stderr.splitlines():
        assert len(line) < 400, line[:500]
    assert count(db, "person") == 0


@pytest.mark.parametrize(
    "args",
    [
        ["units", "rename", "99999999999999999999999", "X"],
        ["units", "merge", "1", "99999999999999999999999", "--on", "2026-01-01"],
        ["export", "minutes", "--meeting", "99999999999999999999999", "-o", "x.pdf"],
        ["export", "wg-report", "--session", "-3", "-o", "x.pdf"],
        ["documents", "list", "--year", "99999999999999999999999"],
        ["settings", "set", "signer.convocation", "person:99999999999999999999999"],
        ["settings", "set", "signer.invitation", "99999999999999999999999"],
    ],
)
def test_integers_out_of_range_are_refused(tmp_path: Path, args: list[str]) -> None:
    out = bdcq(*args, db=created(tmp_path / "d.sqlite3"))
    assert_refused(out)
