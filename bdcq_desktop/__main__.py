"""``python -m bdcq_desktop`` starts the desktop application.

With ``--self-test-document RESULT`` it is instead the self-test's document check, run in a
process of its own (see bdcq_desktop/ui/document_check.py; a bundle's executable has no
``-m``), which imports neither Qt nor the database layer.
"""

import gc
import sys

if sys.argv[1:2] == ["--self-test-document"]:
    try:
        from bdcq_desktop.documents.self_check import main as check_document
    except Exception as exc:  # the engine itself broken: a verdict, not a crash dialog
        if len(sys.argv) == 3:
            with open(sys.argv[2], "w", encoding="utf-8") as result:
                result.write(f"{type(exc).__name__}: {exc}")
        sys.exit(1)
    sys.exit(check_document(sys.argv[2:]))

# Off from the very first import: see ``main`` (on again once the database is open).
gc.disable()

from bdcq_desktop.ui.app import main  # noqa: E402

sys.exit(main())
