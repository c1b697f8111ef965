"""``bdcq connect``: the office's shared server remembered on this computer (its address in the
machine's settings, its password in the operating system's credential store, never in a
file), used by every command given no ``--db`` and no ``BDCQ_DATABASE_URL``, shown, and
forgotten with its password. A real PostgreSQL server (tests/pg.py) whose role signs in with a
password; the credential store a real keyring backend kept in memory (tests/memory_keyring.py),
or keyring's own "fail" backend for a machine that has none."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from sqlalchemy.engine import make_url

from bdcq_desktop.core import members
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.engine import sqlite_url
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.server_choice import KEYRING_SERVICE, shared_server
from tests.cli_run import run_bdcq
from tests.memory_keyring import credential_store
from tests.pg import PASSWORD_ROLE, password_url

PASSWORD = "mật-khẩu phòng 3"


def _appoint(db: Any, name: str) -> None:
    members.appoint_new(
        db,
        person={"full_name": name, "position": "Chuyên viên"},
        appointment={"role": "member", "start_date": "2026-01-05"},
    )


def _connect_args(url: str) -> list[str]:
    parsed = make_url(url)
    return ["connect", "--host", parsed.host, "--port", str(parsed.port),
            "--database", parsed.database, "--user", PASSWORD_ROLE, "--password-stdin"]  # fmt: skip


def _bdcq(args: list[str], stdin: str = "", **kwargs: Any) -> Any:
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)  # not a terminal: nothing is asked
    try:
        return run_bdcq(args, **kwargs)
    finally:
        sys.stdin = saved


def _names(result: Any) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [row["full_name"] for row in json.loads(result.stdout)]


def _machine_file() -> Path:
    return Path(os.environ["BDCQ_DATA_DIR"]) / "machine.json"


def test_connect_remembers_the_server_every_command_uses_it_and_local_forgets_it(
    pg_server: str, pg_db: Any, tmp_path: Path
) -> None:
    _appoint(pg_db, "Nguyễn Văn Máy Chủ")
    url = password_url(pg_server, PASSWORD)
    local = tmp_path / "local.sqlite3"
    local_db = open_database(local)
    _appoint(local_db, "Trần Thị Trên Máy")
    local_db.dispose()
    with credential_store() as store:
        done = _bdcq(_connect_args(url), stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr
        assert "Đã kết nối" in done.stdout and PASSWORD not in done.stdout + done.stderr
        # The address in the machine's settings, the password in the credential store only.
        setting = _machine_file().read_text(encoding="utf-8")
        assert PASSWORD_ROLE in setting and PASSWORD not in setting
        parsed = make_url(url)
        account = f"{PASSWORD_ROLE}@{parsed.host}:{parsed.port}/{parsed.database}"
        assert store.passwords == {(KEYRING_SERVICE, account): PASSWORD}

        # No --db, no BDCQ_DATABASE_URL: the server, as the window shows it.
        listed = _bdcq(["members", "list", "--format", "json"])
        assert _names(listed) == ["Nguyễn Văn Máy Chủ"]
        # --db wins, then BDCQ_DATABASE_URL.
        assert _names(_bdcq(["--db", str(local), "members", "list", "--format", "json"])) == [
            "Trần Thị Trên Máy"
        ]
        env = {**os.environ, "BDCQ_DATABASE_URL": sqlite_url(local)}
        assert _names(_bdcq(["members", "list", "--format", "json"], env=env)) == [
            "Trần Thị Trên Máy"
        ]

        shown = _bdcq(["connect", "--show"])
        assert shown.returncode == 0, shown.stderr
        assert f"{parsed.host}:{parsed.port}" in shown.stdout and "đã lưu" in shown.stdout
        assert PASSWORD not in shown.stdout

        # Back to this computer's file: the server and its password forgotten.
        back = _bdcq(["connect", "--local"])
        assert back.returncode == 0, back.stderr
        assert "Đã quên máy chủ" in back.stdout
        assert "shared_server" not in _machine_file().read_text(encoding="utf-8")
        assert store.passwords == {}
        assert _bdcq(["members", "list", "--format", "json"]).stdout.strip() == "[]"
        assert "không có" in _bdcq(["connect", "--show"]).stdout


def test_without_a_credential_store_the_password_is_not_kept_and_a_script_is_told(
    pg_server: str, pg_db: Any
) -> None:
    """A headless Linux: keyring's fail backend. The server is remembered, the password
    nowhere; a command run by a script (no terminal to ask in) is refused saying so."""
    url = password_url(pg_server, PASSWORD)
    with credential_store(fail.Keyring()):
        done = _bdcq(_connect_args(url), stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr
        assert "không có kho mật khẩu" in done.stderr
        assert PASSWORD not in _machine_file().read_text(encoding="utf-8")
        refused = _bdcq(["members", "list"])
        assert refused.returncode == 2
        assert f"từ chối đăng nhập của người dùng {PASSWORD_ROLE}" in refused.stderr
        assert "không có kho mật khẩu" in refused.stderr and ".pgpass" in refused.stderr


def test_connect_checks_before_it_remembers(pg_server: str, pg_db: Any) -> None:
    """A wrong password or a mistyped field remembers nothing."""
    url = password_url(pg_server, PASSWORD)
    with credential_store() as store:
        refused = _bdcq(_connect_args(url), stdin="sai mật khẩu\n")
        assert refused.returncode == 2 and "từ chối đăng nhập" in refused.stderr
        bad = _bdcq([*_connect_args(url)[:2], "máy chủ/1", *_connect_args(url)[3:]], "x\n")
        assert bad.returncode == 2 and '"Máy chủ"' in bad.stderr
        assert not _machine_file().exists() and store.passwords == {}


def test_a_server_is_named_field_by_field() -> None:
    with pytest.raises(ValidationError) as refused:
        shared_server(" ", "70000", "", "bdcq")
    labels = [e.label for e in refused.value.every]
    assert labels == ["Máy chủ", "Cổng", "Tên cơ sở dữ liệu"]
    assert shared_server("192.168.1.10", None, "bcd", "bdcq").port == 5432
