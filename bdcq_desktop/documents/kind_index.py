"""Every kind of document by name, in the order the menus list them, and the module that
defines each: a module is imported (its kinds registered with ``@document_kind``) when one of
its kinds is first asked for. :mod:`.service` drafts, issues and exports them; this module
only finds them, so a caller that needs a kind's label or record type does not load the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..core.errors import BcdError
from ..core.i18n import tr
from .kinds import REGISTRY, DocumentKind

# Every kind, in the order the menus list them (a meeting's documents as they are needed), with
# the module that defines it (registering it with ``@document_kind`` when imported). A module is
# imported when one of its kinds is first asked for: exporting the minutes does not load the
# code, and the core modules behind it, of the reports, the roster or the working group.
KIND_MODULE: dict[str, str] = {
    "convocation": "invitation_docs",
    "invitation": "invitation_docs",
    "agenda": "agenda_docs",
    "attendance": "agenda_docs",
    "minutes": "minutes_docs",
    "conclusions": "minutes_docs",
    "reports-summary": "report_round_docs",
    "tasks": "report_tasks_docs",
    "reminder": "reminder_docs",
    "roster": "roster_docs",
    "wg-convocation": "wg_docs",
    "wg-report": "wg_docs",
}
KIND_MODULES = tuple(dict.fromkeys(KIND_MODULE.values()))


def _import_kind_module(module: str) -> None:
    """Import the module that defines some kinds (spelled out: no module is loaded by name)."""
    match module:
        case "invitation_docs":
            from . import invitation_docs  # noqa: F401
        case "agenda_docs":
            from . import agenda_docs  # noqa: F401
        case "minutes_docs":
            from . import minutes_docs  # noqa: F401
        case "report_round_docs":
            from . import report_round_docs  # noqa: F401
        case "report_tasks_docs":
            from . import report_tasks_docs  # noqa: F401
        case "reminder_docs":
            from . import reminder_docs  # noqa: F401
        case "roster_docs":
            from . import roster_docs  # noqa: F401
        case "wg_docs":
            from . import wg_docs  # noqa: F401


class _Kinds(Mapping[str, DocumentKind]):
    """Every kind by name, in menu order; looking one up imports the module that defines it."""

    def __getitem__(self, name: str) -> DocumentKind:
        module = KIND_MODULE[name]  # KeyError: no such kind
        if name not in REGISTRY:
            _import_kind_module(module)
        return REGISTRY[name]

    def __iter__(self) -> Iterator[str]:
        return iter(KIND_MODULE)

    def __len__(self) -> int:
        return len(KIND_MODULE)


KINDS: Mapping[str, DocumentKind] = _Kinds()


def get_kind(name: str) -> DocumentKind:
    try:
        return KINDS[name]
    except KeyError:
        raise BcdError(tr("Không có loại văn bản {name}.").format(name=name)) from None


def kinds_for(record_type: str | None) -> list[DocumentKind]:
    return [k for k in KINDS.values() if k.record_type == record_type]
