"""``bdcq sessions``: list, show (participants with days present, outputs with SHA-256), attach
with hostile file names and an oversize file, file -o (checked copy; never the database)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bdcq_desktop.core.stored_files import MAX_BYTES
from tests.cli_run import run_bdcq
from tests.test_signer_roles import _signature


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def refused(out: subprocess.CompletedProcess[str], *words: str) -> None:
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    for w in words:
        assert w in out.stderr, out.stderr


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, target)
    return target


def show(db: Path, session_id: int) -> dict:
    out = bdcq(db, "sessions", "show", str(session_id), "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_list_and_show(demo: Path) -> None:
    out = bdcq(demo, "sessions", "list", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) == 6 and {"status", "experts", "participants", "outputs"} <= set(rows[0])
    d = show(demo, rows[0]["id"])
    assert len(d["participants"]) == rows[0]["participants"]
    kinds = {p["kind"] for p in d["participants"]}
    assert kinds == {"member", "expert"}
    assert sum(p["kind"] == "expert" for p in d["participants"]) == rows[0]["experts"]
    assert all({"name", "agency", "days_present"} <= set(p) for p in d["participants"])
    assert all({"title", "kind", "version", "status", "sha256"} <= set(o) for o in d["outputs"])
    table = bdcq(demo, "sessions", "show", str(rows[0]["id"]))
    assert table.returncode == 0 and "Thành phần / participants" in table.stdout
    assert d["participants"][0]["name"] in table.stdout
    year = bdcq(demo, "sessions", "list", "--year", "2025", "--format", "json")
    assert {r["starts_on"][:4] for r in json.loads(year.stdout)} == {"2025"}
    refused(bdcq(demo, "sessions", "list", "--status", "xyz"), "Trạng thái")
    refused(bdcq(demo, "sessions", "show", "999"), "999")
    refused(bdcq(demo, "sessions", "show", "abc"))


HOSTILE = [
    ("../../x", "x"),
    ("CON", "_CON"),
    ("a" * 251 + ".pdf", "a" * 116 + ".pdf"),
    ("Dự thảo Quy chế (bản 2) — ý kiến.docx", "Dự thảo Quy chế (bản 2) — ý kiến.docx"),
]


def test_show_names_the_meeting_whose_conclusion_a_session_serves(demo: Path) -> None:
    """As the pane: "Kết luận của cuộc họp Ban Chỉ đạo … (12/01/2026): …", never "cuộc họp
    Họp …" with the date run into the title."""
    rows = json.loads(bdcq(demo, "sessions", "list", "--format", "json").stdout)
    served = [d for d in (show(demo, r["id"]) for r in rows) if d["serves"].startswith("conc")]
    assert len(served) > 2
    for d in served:
        assert d["serves_text"].startswith("Kết luận của "), d["serves_text"]
        assert "cuộc họp Họp" not in d["serves_text"], d["serves_text"]
    text = next(d["serves_text"] for d in served if "(12/01/2026): " in d["serves_text"])
    assert text.startswith(
        "Kết luận của cuộc họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh năm 2025 "
        "(12/01/2026): "
    ), text
    table = bdcq(demo, "sessions", "show", str(served[0]["id"]))
    assert f"Phục vụ / serves: {served[0]['serves_text']}" in table.stdout


def test_attach_hostile_names_and_read_back_the_checked_copy(demo: Path, tmp_path: Path) -> None:
    sid = json.loads(bdcq(demo, "sessions", "list", "--format", "json").stdout)[0]["id"]
    before = len(show(demo, sid)["outputs"])
    files, outputs = tmp_path / "in", tmp_path / "out"
    files.mkdir()
    outputs.mkdir()
    for i, (name, shown) in enumerate(HOSTILE):
        # The hostile name is the file's real name (a folder part goes through a sub-folder).
        target = files / name if "/" not in name else files / "a" / "b" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = f"bản {i} ".encode() * 100
        target.write_bytes(data)
        out = bdcq(
            demo,
            "sessions",
            "attach",
            str(sid),
            str(target),
            "--title",
            f"Dự thảo {i}",
            "--kind",
            "regulation",
            "--version",
            f"v{i}",
        )
        assert out.returncode == 0, out.stderr
        o = show(demo, sid)["outputs"][-1]
        assert (o["file_name"], o["sha256"]) == (shown, hashlib.sha256(data).hexdigest())
        assert (o["kind"], o["version"], o["status"]) == ("regulation", f"v{i}", "drafting")
        copy = outputs / f"copy-{i}.bin"
        got = bdcq(demo, "sessions", "file", str(o["id"]), "-o", str(copy))
        assert got.returncode == 0, got.stderr
        assert copy.read_bytes() == data
    assert len(show(demo, sid)["outputs"]) == before + len(HOSTILE)
    # Nothing was written outside the output folder the user named.
    assert sorted(p.name for p in outputs.iterdir()) == [
        f"copy-{i}.bin" for i in range(len(HOSTILE))
    ]


def test_oversize_empty_folder_and_bad_input_are_refused(demo: Path, tmp_path: Path) -> None:
    sid = json.loads(bdcq(demo, "sessions", "list", "--format", "json").stdout)[0]["id"]
    before = show(demo, sid)
    big = tmp_path / "big.pdf"
    subprocess.run(["truncate", "-s", str(MAX_BYTES + 1), str(big)], check=True)  # sparse
    refused(bdcq(demo, "sessions", "attach", str(sid), str(big), "--title", "X"), "50 MB")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    refused(bdcq(demo, "sessions", "attach", str(sid), str(empty), "--title", "X"), "rỗng")
    refused(bdcq(demo, "sessions", "attach", str(sid), str(tmp_path), "--title", "X"), "thư mục")
    ok = tmp_path / "ok.pdf"
    ok.write_bytes(b"%PDF")
    refused(bdcq(demo, "sessions", "attach", str(sid), str(ok), "--title", " "), "Tên sản phẩm")
    refused(
        bdcq(demo, "sessions", "attach", str(sid), str(ok), "--title", "X", "--kind", "zzz"),
        "Loại sản phẩm",
    )
    refused(
        bdcq(
            demo, "sessions", "attach", str(sid), str(ok), "--title", "X", "--status", "withdrawn"
        ),
        "Tình trạng",
    )
    refused(
        bdcq(
            demo,
            "sessions",
            "attach",
            str(sid),
            str(ok),
            "--title",
            "X",
            "--expected-version",
            "999",
        ),
        "người khác sửa",
    )
    refused(bdcq(demo, "sessions", "attach", "999", str(ok), "--title", "X"), "999")
    assert show(demo, sid) == before  # nothing written


def test_file_refuses_the_database_and_an_output_without_a_file(demo: Path, tmp_path: Path) -> None:
    sid = json.loads(bdcq(demo, "sessions", "list", "--format", "json").stdout)[0]["id"]
    src = tmp_path / "d.docx"
    src.write_bytes(b"noi dung")
    assert bdcq(demo, "sessions", "attach", str(sid), str(src), "--title", "Y").returncode == 0
    with_file = show(demo, sid)["outputs"][-1]["id"]
    size = demo.stat().st_size
    refused(bdcq(demo, "sessions", "file", str(with_file), "-o", str(demo)), "tệp dữ liệu")
    assert demo.stat().st_size == size
    without = next(o["id"] for o in show(demo, sid)["outputs"] if not o["sha256"])
    refused(bdcq(demo, "sessions", "file", str(without), "-o", str(tmp_path / "z")), "chưa có tệp")
    refused(bdcq(demo, "sessions", "file", "0", "-o", str(tmp_path / "z")))


def test_the_table_gives_the_person_id_a_signer_needs(demo: Path, tmp_path: Path) -> None:
    """``export wg-report --signer PERSON_ID`` asks for a person: the participants' table
    gives it beside the participation's own id (Trần Thu Thủy: two different numbers)."""
    lines = bdcq(demo, "sessions", "show", "6").stdout.splitlines()
    header = next(line for line in lines if "Họ và tên" in line).split()
    assert header[:4] == ["Mã", "tham", "gia", "ID"] and header[4] == "người"
    participation, person = next(line for line in lines if "Trần Thu Thủy" in line).split()[:2]
    thuy = next(p for p in show(demo, 6)["participants"] if p["name"] == "Trần Thu Thủy")
    assert (int(participation), int(person)) == (thuy["id"], thuy["person_id"])
    assert participation != person
    pdf = tmp_path / "wg-report.pdf"
    out = bdcq(demo, "export", "wg-report", "--session", "6", "-o", str(pdf), "--signer", person)
    assert out.returncode == 0, out.stderr
    assert _signature(pdf.read_bytes())[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    # --signer's help says where that id is found.
    words = " ".join(bdcq(demo, "export", "--help").stdout.split())
    assert '"ID người"' in words and "`bdcq members list`, `bdcq sessions show ID`" in words
