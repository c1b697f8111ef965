"""This computer's own settings, known before any database opens: a small JSON file in the data
folder (``machine.json``). The automatic backups' folder (:mod:`.backup_folder`), the officer's
name (:mod:`.officer`) and the shared server to connect to (:mod:`.server_choice`) live here,
not in the database: they decide which database is opened, or are one officer's at one PC
while a server's settings are every officer's.

Only the standard library and :mod:`.sqlite_file` (for the data folder): the start reads the
server to connect to before SQLAlchemy is imported.
"""

from __future__ import annotations

import json
from pathlib import Path

from .files import write_atomic
from .sqlite_file import data_dir

MACHINE_SETTINGS = "machine.json"


def machine_file() -> Path:
    return data_dir() / MACHINE_SETTINGS


def _read_machine_settings() -> dict[str, object]:
    try:
        data = json.loads(machine_file().read_text(encoding="utf-8"))
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
        machine_file(),
        (json.dumps(settings, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    )
