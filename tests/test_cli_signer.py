"""``bdcq export KIND … --signer PERSON_ID``: another signer for one document, with the core's
checks and messages; on a copy of the demo database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.db import open_database
from tests.cli_run import run_bdcq
from tests.test_signer_choice import HEAD_CALLED, person_id
from tests.test_signer_roles import DEPUTY, HEAD, _signature

ROOT = Path(__file__).resolve().parents[1]
HELD = 12  # the demo's meeting held, its papers not issued


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli-demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def _ids(demo: Path, *names: str) -> list[int]:
    db = open_database(demo)
    try:
        return [person_id(db, name) for name in names]
    finally:
        db.dispose()


def test_export_signed_by_a_deputy_draft_then_issued(demo: Path, tmp_path: Path) -> None:
    (hoa,) = _ids(demo, "Vũ Thị Hoa")
    base = ["export", "convocation", "--meeting", str(HEAD_CALLED)]
    draft = tmp_path / "draft.pdf"
    out = run_bdcq([*base, "-o", draft, "--signer", str(hoa)], db=demo)
    assert out.returncode == 0, out.stderr
    assert _signature(draft.read_bytes())[-3:] == [*DEPUTY, "Vũ Thị Hoa"]
    # Without --signer: the settings' signer, the Head.
    plain = tmp_path / "plain.pdf"
    assert run_bdcq([*base, "-o", plain], db=demo).returncode == 0
    assert _signature(plain.read_bytes())[-3:] == [*HEAD, "Vũ Duy Tiến"]

    # Issued (dated by the clock, as the command line does: the conclusions of the held
    # meeting 12, normally signed by the Chánh Văn phòng for the Head, TL.).
    issued = tmp_path / "issued.pdf"
    args = ["export", "conclusions", "--meeting", str(HELD), "-o", issued, "--issue"]
    out = run_bdcq([*args, "--signer", str(hoa)], db=demo)
    assert out.returncode == 0, out.stderr
    assert "đã ban hành / issued" in out.stdout
    assert _signature(issued.read_bytes())[-3:] == [*DEPUTY, "Vũ Thị Hoa"]
    db = open_database(demo)
    try:
        rows = [r for r in register.list_issued(db) if r.record_id == HELD]
        assert [(r.kind, r.signer) for r in rows] == [("conclusions", "Vũ Thị Hoa")]
    finally:
        db.dispose()


def test_a_signer_who_may_not_sign_is_refused_in_one_line(demo: Path, tmp_path: Path) -> None:
    (member,) = _ids(demo, "Hoàng Quang Tuấn")
    target = tmp_path / "gtt.pdf"
    data = tmp_path / "data"
    # A real process: the exit code and the one line as the shell sees them.
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(demo), "export", "conclusions",
         "--meeting", str(HELD), "-o", str(target), "--issue", "--signer", str(member)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "BDCQ_DATA_DIR": str(data),
             "XDG_CONFIG_HOME": str(data), "XDG_DATA_HOME": str(data)},
    )  # fmt: skip
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert lines[0].startswith('bdcq: "Người ký": Hoàng Quang Tuấn không phải Trưởng ban')
    assert not target.exists()
    db = open_database(demo)
    try:
        assert not [r for r in register.list_issued(db) if r.record_id == HELD]
    finally:
        db.dispose()
    # The minutes have no signer to choose; an id that names nobody is said so.
    minutes = ["export", "minutes", "--meeting", str(HELD), "-o", target]
    out = run_bdcq([*minutes, "--signer", str(member)], db=demo)
    assert out.returncode == 2 and out.stderr.startswith('bdcq: "Người ký": Biên bản')
    out = run_bdcq(["export", "roster", "-o", target, "--signer", "99999"], db=demo)
    assert out.returncode == 2
    assert out.stderr.strip() == 'bdcq: "Người ký": không có ID người 99999.'


def test_a_settings_signer_who_may_not_sign_points_to_signer(demo: Path, tmp_path: Path) -> None:
    # Thiết lập names a plain member of the working group for its report: refused, nothing
    # written, no number taken; the second line says which key to change, or to choose another
    # for this one document with --signer, and the person ids of who may sign.
    ngan, tuan, thuy = _ids(demo, "Bùi Thị Ngân", "Hoàng Quang Tuấn", "Trần Thu Thủy")
    out = run_bdcq(["settings", "set", "signer.wg-report", f"person:{ngan}"], db=demo)
    assert out.returncode == 0, out.stderr
    target = tmp_path / "bc.pdf"
    data = tmp_path / "data"
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(demo), "export", "wg-report",
         "--session", "6", "-o", str(target), "--issue"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "BDCQ_DATA_DIR": str(data),
             "XDG_CONFIG_HOME": str(data), "XDG_DATA_HOME": str(data)},
    )  # fmt: skip
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and out.stdout == ""
    refused, hint = out.stderr.strip().splitlines()
    assert refused.startswith(
        'bdcq: "Người ký Báo cáo kết quả phiên làm việc": Bùi Thị Ngân không phải Tổ trưởng '
        "hay Tổ phó Tổ công tác vào ngày "
    )
    assert "bdcq settings set signer.wg-report person:ID" in hint
    assert "--signer PERSON_ID để chọn người ký cho riêng văn bản này" in hint
    assert f"Hoàng Quang Tuấn (ID người {tuan}, Tổ trưởng)" in hint
    assert f"Trần Thu Thủy (ID người {thuy}, Tổ phó)" in hint
    assert not target.exists()
    db = open_database(demo)
    try:
        assert not [r for r in register.list_issued(db) if r.kind == "wg-report"]
    finally:
        db.dispose()
    # As the hint says: the Tổ phó signs this one, for the Tổ trưởng.
    args = ["export", "wg-report", "--session", "6", "-o", target, "--signer", thuy]
    out = run_bdcq(args, db=demo)
    assert out.returncode == 0, out.stderr
    assert _signature(target.read_bytes())[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    # The Committee's documents say the same.
    (member,) = _ids(demo, "Hoàng Quang Tuấn")
    assert run_bdcq(["settings", "set", "signer.roster", str(member)], db=demo).returncode == 0
    out = run_bdcq(["export", "roster", "-o", tmp_path / "ds.pdf"], db=demo)
    assert out.returncode == 2 and not (tmp_path / "ds.pdf").exists()
    refused, hint = out.stderr.strip().splitlines()
    assert "Hoàng Quang Tuấn không phải Trưởng ban" in refused
    assert "signer.roster" in hint and "--signer PERSON_ID" in hint
    assert "(ID người" in hint and "Trưởng ban)" in hint


def test_a_notice_whose_signer_rule_finds_nobody_is_drafted_with_a_warning_not_issued(
    demo: Path, tmp_path: Path
) -> None:
    # No member is "Chánh Văn phòng…" (the notice's signer by the defaults): the draft says
    # so and where to choose the signer; issuing is refused, nothing written, no number.
    from tests.test_signer_missing import _no_chanh_van_phong

    db = open_database(demo)
    try:
        _no_chanh_van_phong(db)
    finally:
        db.dispose()
    draft = tmp_path / "tb-draft.pdf"
    out = run_bdcq(["export", "conclusions", "--meeting", str(HELD), "-o", draft], db=demo)
    assert out.returncode == 0, out.stderr
    assert _signature(draft.read_bytes())[-2:] == ["TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"]
    warning, hint = out.stderr.strip().splitlines()
    assert warning.startswith(
        'bdcq: cảnh báo: "Người ký Thông báo kết luận": không có thành viên Ban Chỉ đạo nào '
        "có chức vụ “Chánh Văn phòng”"
    )
    assert "bdcq settings set signer.conclusions person:ID" in hint
    issued = tmp_path / "tb.pdf"
    out = run_bdcq(
        ["export", "conclusions", "--meeting", str(HELD), "-o", issued, "--issue"], db=demo
    )
    assert out.returncode == 2 and not issued.exists()
    assert "không có thành viên Ban Chỉ đạo nào có chức vụ “Chánh Văn phòng”" in out.stderr
    db = open_database(demo)
    try:
        assert not [r for r in register.list_issued(db) if r.kind == "conclusions" and
                    r.record_id == HELD]  # fmt: skip
    finally:
        db.dispose()
