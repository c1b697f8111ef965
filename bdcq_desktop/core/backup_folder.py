"""Where the automatic backups go: a per-machine setting, known before any database opens.

The folder must be known before the database is opened (a damaged database is recovered from
it), so it cannot live in the database's own settings table. It is kept in a small JSON file in
the data folder (``machine.json``), one per computer: the secretariat's PC may write its backups
to a USB stick that carries them to the meeting-room laptop. ``BDCQ_BACKUP_DIR`` (and the
command line's ``--backup-dir``) override it; by default it is ``<data folder>/backups``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .engine import data_dir
from .errors import BcdError
from .files import os_error, resolved, write_atomic
from .i18n import tr

ENV_BACKUP_DIR = "BDCQ_BACKUP_DIR"
MACHINE_SETTINGS = "machine.json"
BACKUP_DIR_KEY = "backup_dir"


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def _machine_file() -> Path:
    return data_dir() / MACHINE_SETTINGS


def _read_machine_settings() -> dict[str, object]:
    try:
        data = json.loads(_machine_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # No file yet, or one a crash or an editor left unreadable: the defaults apply.
        return {}
    return data if isinstance(data, dict) else {}


def machine_setting(key: str) -> object:
    """One value of this computer's settings (None when not set)."""
    return _read_machine_settings().get(key)


def set_machine_setting(key: str, value: object) -> None:
    """Store (None: remove) one value of this computer's settings, the file replaced whole."""
    settings = _read_machine_settings()
    if value is None:
        settings.pop(key, None)
    else:
        settings[key] = value
    write_atomic(
        _machine_file(),
        (json.dumps(settings, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    )


def configured_backup_dir() -> Path:
    """The backup folder in force (not created): the environment, the machine's setting, or
    the default."""
    override = os.environ.get(ENV_BACKUP_DIR, "").strip()
    if override:
        return Path(override).expanduser()
    chosen = _read_machine_settings().get(BACKUP_DIR_KEY)
    if isinstance(chosen, str) and chosen.strip():
        return Path(chosen).expanduser()
    return default_backup_dir()


def overridden_by_environment() -> bool:
    return bool(os.environ.get(ENV_BACKUP_DIR, "").strip())


def set_backup_dir(folder: str | os.PathLike[str] | None) -> Path:
    """Make ``folder`` this machine's backup folder (None or empty: back to the default).

    The folder is created and must be writable (a test file is written and removed), so a
    choice that would make every later backup fail is refused now, with the reason.
    """
    text = "" if folder is None else os.fspath(folder).strip()
    target = resolved(text, tr("thư mục sao lưu")) if text else default_backup_dir()
    if target.exists() and not target.is_dir():
        raise BcdError(
            tr("Không dùng được {path} làm thư mục sao lưu: đây là một tệp.").format(path=target)
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = target / f".~probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise os_error(exc, target, tr("thư mục sao lưu")) from None
    set_machine_setting(BACKUP_DIR_KEY, str(target) if text else None)
    return target
