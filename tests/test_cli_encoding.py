"""``bdcq`` with its output redirected where Windows would encode it in the ANSI code page
(cp1258, cp1252: ``PYTHONIOENCODING`` simulates it here). Real processes: only the process's
own streams show it. The output is UTF-8 whatever the code page; a CSV into a new file starts
with a byte-order mark (Excel), a pipe gets none (a program reads it)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import demo  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path, encoding: str) -> dict[str, str]:
    data = tmp_path / "data"
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONIOENCODING": encoding,
        "PYTHONUTF8": "0",
        "BDCQ_DATA_DIR": str(data),
        "XDG_CONFIG_HOME": str(data),
        "XDG_DATA_HOME": str(data),
    }


def _to_file(
    tmp_path: Path, encoding: str, name: str, *args: str
) -> tuple[subprocess.CompletedProcess[bytes], bytes, bytes]:
    """``bdcq ARGS > name 2> name.err``: the result, the file's and the error file's bytes."""
    out_path, err_path = tmp_path / name, tmp_path / f"{name}.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        done = subprocess.run(
            [sys.executable, "-m", "bdcq_desktop.cli", *args],
            stdout=out, stderr=err, env=_env(tmp_path, encoding), cwd=tmp_path, timeout=120,
        )  # fmt: skip
    return done, out_path.read_bytes(), err_path.read_bytes()


@pytest.mark.parametrize(
    ("encoding", "command"),
    [("cp1258", ("reports", "list", "--round", "13")), ("cp1252", ("rounds", "list"))],
)
def test_a_csv_redirected_on_a_windows_code_page_is_utf8_with_a_bom(
    demo: Path,  # noqa: F811
    tmp_path: Path,
    encoding: str,
    command: tuple[str, ...],
) -> None:
    done, data, err = _to_file(
        tmp_path, encoding, "win.csv", "--db", str(demo), *command, "--format", "csv"
    )
    assert done.returncode == 0, err.decode("utf-8", "replace")
    assert data.startswith(codecs.BOM_UTF8) and data.count(codecs.BOM_UTF8) == 1
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) > 2
    text = data.decode("utf-8-sig")
    assert "Cơ quan, đơn vị" in text or "Đợt báo cáo" in text
    assert "ế" in text or "ơ" in text  # letters cp1252 and cp1258 cannot hold precomposed


def test_a_table_and_json_redirected_are_utf8_without_a_bom(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    done, data, err = _to_file(tmp_path, "cp1258", "ds.txt", "--db", str(demo), "rounds", "list")
    assert done.returncode == 0, err.decode("utf-8", "replace")
    assert not data.startswith(codecs.BOM_UTF8)
    assert "Chế độ báo cáo" in data.decode("utf-8") and "Quý IV/2026" in data.decode("utf-8")
    done, data, err = _to_file(
        tmp_path, "cp1252", "ds.json", "--db", str(demo), "regimes", "list", "--format", "json"
    )
    assert done.returncode == 0, err.decode("utf-8", "replace")
    names = [r["name"] for r in json.loads(data.decode("utf-8"))]
    assert "Báo cáo công tác bảo đảm an toàn thông tin mạng" in names


def test_a_csv_into_a_pipe_has_no_bom(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    done = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(demo), "rounds", "list",
         "--format", "csv"],
        capture_output=True, env=_env(tmp_path, "cp1258"), cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.startswith("Mã,".encode()) and "Quý IV/2026" in done.stdout.decode("utf-8")


def test_a_refusal_and_the_help_redirected_are_readable(tmp_path: Path) -> None:
    done, _data, err = _to_file(
        tmp_path, "cp1258", "out.txt", "--db", str(tmp_path / "khong-co.sqlite3"), "rounds",
        "list",
    )  # fmt: skip
    assert done.returncode == 2
    assert err.decode("utf-8").startswith("bdcq: ") and "Traceback" not in err.decode("utf-8")
    assert "không" in err.decode("utf-8").lower()
    done, data, err = _to_file(tmp_path, "cp1252", "help.txt", "reports", "list", "--help")
    assert done.returncode == 0, err.decode("utf-8", "replace")
    assert "tình trạng" in data.decode("utf-8")
