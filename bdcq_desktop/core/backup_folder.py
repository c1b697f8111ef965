"""Where the automatic backups go: a per-machine setting, known before any database opens.

The folder must be known before the database is opened (a damaged database is recovered from
it), so it cannot live in the database's own settings table. It is one of this computer's
settings (:mod:`.machine_settings`, ``machine.json`` in the data folder): the secretariat's PC
may write its backups to a USB stick that carries them to the meeting-room laptop.
``BDCQ_BACKUP_DIR`` (and the command line's ``--backup-dir``) override it; by default it is
``<data folder>/backups``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .engine import data_dir
from .errors import BcdError
from .files import on_disk, os_error, resolved
from .i18n import tr
from .machine_settings import machine_setting, set_machine_setting

ENV_BACKUP_DIR = "BDCQ_BACKUP_DIR"
BACKUP_DIR_KEY = "backup_dir"


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def configured_backup_dir() -> Path:
    """The backup folder in force (not created): the environment, the machine's setting, or
    the default."""
    override = os.environ.get(ENV_BACKUP_DIR, "").strip()
    if override:
        # Typed (--backup-dir): the folder there is in another Unicode spelling, not a twin.
        return on_disk(Path(override).expanduser())
    chosen = machine_setting(BACKUP_DIR_KEY)
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
