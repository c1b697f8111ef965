"""``python -m bdcq_desktop`` starts the desktop application."""

import sys

from bdcq_desktop.ui.app import main

sys.exit(main())
