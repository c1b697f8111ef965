"""``python -m bdcq_desktop`` starts the desktop application."""

import gc
import sys

# Off from the very first import: see ``main`` (on again once the database is open).
gc.disable()

from bdcq_desktop.ui.app import main  # noqa: E402

sys.exit(main())
