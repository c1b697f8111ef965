"""Subcommands of the ``bdcq`` command line, one module per group; :mod:`..cli` assembles them.

Every module here stays light to import: the core (SQLAlchemy, reportlab, openpyxl…) is
imported inside the command functions, and nothing here ever imports Qt.
"""
