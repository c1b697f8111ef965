"""Alembic migrations shipped inside the package.

``REVISIONS`` lists the chain oldest first. Start-up compares the database's revision with it
without importing Alembic (a test keeps it equal to Alembic's own view of ``versions/``).
"""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_document_content",
    "0003_meeting_planning",
    "0004_meeting_record",
    "0005_stored_files",
    "0006_working_group",
    "0007_reports",
    "0008_list_indexes",
    "0009_register_index",
    "0010_change_log_index",
    "0011_session_deputy",
    "0012_meeting_people_snapshots",
    "0013_presenter_convener",
    "0014_submission_waiver",
    "0015_days_off",
    "0016_attendance_online",
    "0017_walk_in",
    "0018_database_uid",
    "0019_conclusion_uid",
    "0020_task_events",
    "0021_invitee_uid",
    "0022_person_uid",
    "0023_standing_deputy",
)
HEAD = REVISIONS[-1]
