"""The password of a PostgreSQL server's address is never shown: ``bdcq init`` prints the
address masked as the window's status bar does, through one function (core.engine.shown_url),
so it lands in no terminal scrollback, set-up script's log or screenshot sent to support."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url

from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui.main_window import MainWindow
from tests.cli_run import run_bdcq


def test_init_on_a_server_masks_its_password_as_the_status_bar_does(
    qtbot: Any, pg_db: Any, pg_server: str
) -> None:
    """The audit: ``bdcq init`` printed ``postgresql+psycopg://bdcq:secret1@…``."""
    url = make_url(pg_server).set(password="mat-khau-bi-mat")
    done = run_bdcq(["init"], db=url.render_as_string(hide_password=False))
    assert done.returncode == 0, done.stderr
    shown = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=True)
    assert "mat-khau-bi-mat" not in done.stdout
    assert f"database ready: {shown} (" in done.stdout and ":***@" in shown
    server = open_database(url.render_as_string(hide_password=False))
    try:
        window = MainWindow(server)
        qtbot.addWidget(window)
        assert window.db_label.text() == f"Máy chủ: {shown}"
    finally:
        server.dispose()
