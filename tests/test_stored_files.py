"""Files kept in the database: hostile names, the size limit, the fingerprint check, the
cached copy and the copy written for the user."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import update

from bdcq_desktop.core import stored_files as sf
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.errors import BcdError, ValidationError
from bdcq_desktop.core.models import StoredFile


def _store(db: Database, name: str, data: bytes) -> int:
    upload = sf.check_upload(name, data)
    with db.session() as s:
        return sf.add_file(s, upload).id


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../x", "x"),
        ("..\\..\\Windows\\system.ini", "system.ini"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1.pdf", "_LPT1.pdf"),
        ("bao\u202ecod.exe", "baocod.exe"),  # a right-to-left override hides the real extension
        ("a<b>c:d|e?.docx", "a_b_c_d_e_.docx"),
        ("  ...  ", sf.DEFAULT_NAME),
        ("", sf.DEFAULT_NAME),
        ("Dự thảo\x00 quy chế.docx", "Dự thảo quy chế.docx"),
        # Windows refuses these too: superscript ports and the console's halves.
        ("COM¹.pdf", "_COM¹.pdf"),
        ("lpt³", "_lpt³"),
        ("CONIN$.txt", "_CONIN$.txt"),
        ("conout$", "_conout$"),
        # A mark left after a dropped control character is composed with its letter (NFC).
        ("Ba\x01\u0301o ca\u0301o.pdf", "B\u00e1o c\u00e1o.pdf"),
    ],
)
def test_a_hostile_name_is_made_safe_to_show(given: str, shown: str) -> None:
    assert sf.safe_name(given) == shown


def test_a_long_name_keeps_its_extension_and_a_decomposed_one_is_stored_nfc() -> None:
    long = "Đ" * 300 + ".docx"
    assert len(sf.safe_name(long)) == sf.MAX_NAME
    assert sf.safe_name(long).endswith(".docx")
    decomposed = "Be\u0302\u0301o ca\u0301o.pdf"  # "Bếo cáo" typed with combining marks
    assert sf.safe_name(decomposed) == "B\u1ebfo c\u00e1o.pdf"


def test_reading_a_file_refuses_folders_empty_and_oversize_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        sf.read_upload(tmp_path)
    assert err.value.label == "Tệp" and "thư mục" in err.value.message
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="rỗng"):
        sf.read_upload(empty)
    huge = tmp_path / "lon.pdf"
    with open(huge, "wb") as f:  # sparse: 50 MB + 1 byte without writing them
        f.truncate(sf.MAX_BYTES + 1)
    with pytest.raises(ValidationError) as err:
        sf.read_upload(huge)
    assert "50 MB" in err.value.message
    with pytest.raises(BcdError, match="không tồn tại"):
        sf.read_upload(tmp_path / "khong-co.pdf")
    exact = tmp_path / "vua.bin"
    with open(exact, "wb") as f:
        f.truncate(sf.MAX_BYTES)
    assert sf.read_upload(exact).size == sf.MAX_BYTES


def test_a_stored_file_reads_back_and_its_cached_copy_keeps_its_safe_name(db: Database) -> None:
    data = "Nội dung dự thảo".encode() * 100
    file_id = _store(db, "../../CON.docx", data)
    info, content = sf.file_bytes(db, file_id)
    assert content == data and info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.name == "_CON.docx" and info.size == len(data)
    path = sf.cached_copy(db, file_id)
    # A folder of its own, named by the app; in it the name the user's file had, made safe.
    assert path.parent == sf.files_dir() / f"{file_id:06d}-{info.sha256[:16]}"
    assert path.name == "_CON.docx"
    assert path.read_bytes() == data
    path.write_bytes(b"altered on disk")  # the cached copy is rewritten from the database
    assert sf.cached_copy(db, file_id).read_bytes() == data


def test_a_file_altered_in_the_database_is_refused(db: Database, tmp_path: Path) -> None:
    file_id = _store(db, "bao-cao.pdf", b"%PDF-1.4 original")
    with db.session() as s:
        s.execute(update(StoredFile).where(StoredFile.id == file_id).values(content=b"tampered"))
    with pytest.raises(BcdError, match="khác với bản đã lưu"):
        sf.cached_copy(db, file_id)
    target = tmp_path / "ra.pdf"
    with pytest.raises(BcdError, match="khác với bản đã lưu"):
        sf.save_copy(db, file_id, target)
    assert not target.exists()


def test_a_copy_for_the_user_never_goes_over_the_database(db: Database, db_path: Path) -> None:
    file_id = _store(db, "bao-cao.pdf", b"%PDF-1.4 x")
    before = db_path.read_bytes()
    with pytest.raises(BcdError, match="tệp dữ liệu"):
        sf.save_copy(db, file_id, db_path)
    assert db_path.read_bytes() == before
    out = sf.save_copy(db, file_id, db_path.parent / "ban-sao.pdf")
    assert out.read_bytes() == b"%PDF-1.4 x"
    assert not [p for p in os.listdir(out.parent) if p.endswith(".part")]


def test_an_opened_file_keeps_the_name_the_officer_gave_it(db: Database) -> None:
    # Saved or forwarded from the viewer, the copy is "Báo cáo Quý IV - Sở Y tế.pdf", not
    # "000001-<fingerprint>.pdf"; two files of one name never share a copy.
    name = "Báo cáo Quý IV - Sở Y tế.pdf"
    first = sf.cached_copy(db, _store(db, name, b"%PDF-1.4 one"))
    second = sf.cached_copy(db, _store(db, name, b"%PDF-1.4 two"))
    assert first.name == second.name == name and first.parent != second.parent
    assert (first.read_bytes(), second.read_bytes()) == (b"%PDF-1.4 one", b"%PDF-1.4 two")
    # 120 Vietnamese letters are 360 bytes of UTF-8, more than a file system's 255: shortened,
    # the extension kept.
    long_id = _store(db, "Tổng hợp " * 20 + ".xlsx", b"PK x")
    long = sf.cached_copy(db, long_id)
    assert long.suffix == ".xlsx" and len(long.name.encode()) <= 200
    assert long.name.startswith("Tổng hợp Tổng hợp") and long.read_bytes() == b"PK x"
    # A name altered in the database is made safe again before it reaches the disk.
    with db.session() as s:
        s.execute(update(StoredFile).where(StoredFile.id == long_id).values(name="../../x/NUL"))
    altered = sf.cached_copy(db, long_id)
    assert altered.parent.parent == sf.files_dir() and altered.name == "_NUL"


def test_an_opened_file_fits_a_windows_path_under_a_deep_data_folder(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data folder deep in a synced folder, a long Vietnamese name: the cached copy's whole
    path stays within the 259 characters Windows programs open (before: 380 and more), the
    name still readable and its extension kept."""
    deep = tmp_path / ("OneDrive - Văn phòng UBND tỉnh Nghệ An #2 & 50% O'Neil " * 2).strip()
    deep.mkdir()
    monkeypatch.setenv("BDCQ_DATA_DIR", str(deep))
    name = "Báo cáo kết quả thực hiện chuyển đổi số quý IV năm 2026 của Sở Y tế " * 2 + ".docx"
    path = sf.cached_copy(db, _store(db, name, b"PK bao cao"))
    assert path.parent.parent == deep / "files"
    assert len(str(path)) <= 259
    assert path.suffix == ".docx" and path.name.startswith("Báo cáo kết quả")
    assert path.read_bytes() == b"PK bao cao"
    # A shallow folder keeps the whole (safe) name, as before.
    assert sf.copy_name(sf.file_bytes(db, 1)[0]) == sf.safe_name(name)
    # However deep the folder, the name keeps a few letters and its extension.
    assert sf.copy_name(sf.file_bytes(db, 1)[0], 3) == "Báo cáo .docx".replace(" .", ".")
