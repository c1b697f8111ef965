"""The registry of document kinds imports a kind's module when the kind is first asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.documents import kind_index, service
from bdcq_desktop.documents.kinds import REGISTRY

OTHER_KIND_MODULES = (
    "invitation_docs",
    "agenda_docs",
    "report_round_docs",
    "report_tasks_docs",
    "reminder_docs",
    "roster_docs",
    "wg_docs",
)


def test_asking_for_the_minutes_leaves_the_other_kinds_unloaded() -> None:
    code = (
        "import sys\n"
        "from bdcq_desktop.documents import service\n"
        "assert service.get_kind('minutes').name == 'minutes'\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('bdcq_desktop'))))\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(out.stdout.split())
    assert "bdcq_desktop.documents.minutes_docs" in loaded  # the report is read right
    assert sorted(f"bdcq_desktop.documents.{m}" for m in OTHER_KIND_MODULES if
                  f"bdcq_desktop.documents.{m}" in loaded) == []  # fmt: skip
    # A draft needs neither the minutes' issuing rules nor the members' module.
    assert "bdcq_desktop.core.minutes" not in loaded
    assert "bdcq_desktop.core.members" not in loaded


def test_the_table_of_kinds_is_what_the_modules_register() -> None:
    kinds = list(service.KINDS.values())  # imports every module
    assert [k.name for k in kinds] == list(kind_index.KIND_MODULE)
    assert set(REGISTRY) == set(kind_index.KIND_MODULE)
    assert {k.name: k.module for k in REGISTRY.values()} == kind_index.KIND_MODULE
    # Menu order: by module, then as each module declares its kinds (the registry keeps the
    # order of declaration within a module).
    by_module = sorted(REGISTRY.values(), key=lambda k: kind_index.KIND_MODULES.index(k.module))
    assert [k.name for k in by_module] == list(service.KINDS)
    assert len(service.KINDS) == len(REGISTRY)


def test_an_unknown_kind_is_named() -> None:
    with pytest.raises(BcdError, match="no-such-kind"):
        service.get_kind("no-such-kind")
