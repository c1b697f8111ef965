"""Bring a database to the current schema on start, safely.

The revision is read with one cheap query; Alembic is imported only when an upgrade is due, so a
normal start stays fast. A database holding data is backed up before it is upgraded, and one
written by a newer version of the application is refused rather than damaged.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

from .db import Database
from .errors import DatabaseVersionError
from .i18n import tr
from .migrations import HEAD, MIGRATIONS_DIR, REVISIONS


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_tables(db: Database) -> bool:
    with db.engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def alembic_config(db: Database):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def upgrade(db: Database, target: str = "head") -> None:
    from alembic import command

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def ensure_current(db: Database) -> str | None:
    """Upgrade ``db`` to the head revision. Returns the path of the backup taken, if any."""
    rev = current_revision(db)
    if rev == HEAD:
        return None
    if rev is not None and rev not in REVISIONS:
        raise DatabaseVersionError(
            tr(
                "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của ứng dụng (phiên bản dữ liệu "
                "{rev}). Hãy cập nhật BCĐ Desktop trước khi mở tệp này."
            ).format(rev=rev)
        )
    if rev is None and _has_tables(db):
        raise DatabaseVersionError(
            tr("Tệp này không phải cơ sở dữ liệu của BCĐ Desktop (không có thông tin phiên bản).")
        )
    backup_path = None
    if rev is not None and db.is_sqlite and db.sqlite_path is not None:
        from .backup import backup_before

        backup_path = str(backup_before(db, reason=f"upgrade-{rev}"))
    upgrade(db)
    return backup_path
