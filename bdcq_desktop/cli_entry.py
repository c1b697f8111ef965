"""Script entry of the bundled command line (PyInstaller runs a script as ``__main__``, where
the relative imports of ``cli.py`` would not resolve)."""

import sys

from bdcq_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
