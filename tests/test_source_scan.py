"""PySide6 reads the source of every module imported after it (to see whether the module uses
its ``__feature__`` switches) through ``linecache``, which kept all of it: about 20 MiB of
SQLAlchemy, reportlab and the application's own lines for the life of the GUI. Importing the
GUI package makes the binding test the file's bytes instead (bdcq_desktop/ui/source_scan.py),
with the same answer per module. Each check runs in a fresh process, as the application
starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

IMPORTS = """
import json, linecache, sys
import PySide6.QtCore
if {patched}:
    import bdcq_desktop.ui
import sqlalchemy.orm, uses_qt, no_qt
feature = sys.modules["shibokensupport.feature"]
# Source files only: SQLAlchemy registers the few lines of code it generates there itself.
files = {{name: entry for name, entry in linecache.cache.items() if name.endswith(".py")}}
print(json.dumps({{
    "cached_lines": sum(len(entry[2]) for entry in files.values() if len(entry) == 4),
    "sqlalchemy_cached": any("sqlalchemy" in name for name in files),
    "uses_qt": feature.pyside_feature_dict.get("uses_qt"),
    "no_qt": feature.pyside_feature_dict.get("no_qt"),
}}))
"""


def _run(tmp_path: Path, patched: bool) -> dict[str, object]:
    (tmp_path / "uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "no_qt.py").write_text("VALUE = 1\n")
    out = subprocess.run(
        [sys.executable, "-c", IMPORTS.format(patched=patched)],
        capture_output=True, text=True, timeout=300,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)]),
        },
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-800:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_imported_sources_are_not_kept(tmp_path: Path) -> None:
    bare = _run(tmp_path, patched=False)
    # The binding's own behaviour, which the fix is about (if a release stops doing this,
    # the fix is no longer needed and this says so).
    assert bare["sqlalchemy_cached"] and bare["cached_lines"] > 10_000  # type: ignore[operator]
    guarded = _run(tmp_path, patched=True)
    assert not guarded["sqlalchemy_cached"]
    assert guarded["cached_lines"] == 0
    # The same answers as the binding's: 0 "uses PySide", -1 "ignore this module".
    assert (guarded["uses_qt"], guarded["no_qt"]) == (bare["uses_qt"], bare["no_qt"]) == (0, -1)
