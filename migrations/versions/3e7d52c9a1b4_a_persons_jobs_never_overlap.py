"""a person's jobs never overlap

Revision ID: 3e7d52c9a1b4
Revises: 9a4c1f7e2d10
Create Date: 2026-11-28 12:40:00

Two agencies could credit the same person for the same days: the unique index saw only open
records, so a record starting before another's end was accepted once that one had ended. The
rule now covers every day of every record that was not rejected: an exclusion constraint over
date ranges on PostgreSQL, triggers on SQLite. A databank that already holds overlapping records
is not changed behind its users' backs: the upgrade stops and names them, for an inspector to
reject the one credited wrongly (a rejected record leaves the rule).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3e7d52c9a1b4'
down_revision = '9a4c1f7e2d10'
branch_labels = None
depends_on = None

OVERLAPS = sa.text("""
SELECT one.id, other.id FROM monitoring_records AS one
JOIN monitoring_records AS other ON other.person_id = one.person_id AND other.id > one.id
WHERE one.status <> 'rejected' AND other.status <> 'rejected'
  AND (one.end_date IS NULL OR one.end_date > other.start_date)
  AND (other.end_date IS NULL OR other.end_date > one.start_date)
ORDER BY one.id, other.id
""")
SQLITE_TRIGGER = """
CREATE TRIGGER monitoring_records_no_overlap_{event} BEFORE {event} ON monitoring_records
WHEN NEW.status <> 'rejected' AND EXISTS (
    SELECT 1 FROM monitoring_records AS other
    WHERE other.person_id = NEW.person_id AND other.id IS NOT NEW.id
      AND other.status <> 'rejected'
      AND (other.end_date IS NULL OR other.end_date > NEW.start_date)
      AND (NEW.end_date IS NULL OR NEW.end_date > other.start_date))
BEGIN SELECT RAISE(ABORT, 'monitoring_records_no_overlap'); END
"""


def upgrade():
    pairs = op.get_bind().execute(OVERLAPS).all()
    if pairs:
        listed = ", ".join(f"{one} and {other}" for one, other in pairs[:20])
        raise RuntimeError(
            f"Monitoring records credit the same person for the same days ({len(pairs)} "
            f"overlapping pairs; record ids {listed}). Reject the wrong record of each pair, "
            "then upgrade again.")
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute("ALTER TABLE monitoring_records ADD CONSTRAINT monitoring_records_no_overlap "
                   "EXCLUDE USING gist (person_id WITH =, daterange(start_date, end_date, '[)') "
                   "WITH &&) WHERE (status <> 'rejected')")
    else:
        for event in ('INSERT', 'UPDATE'):
            op.execute(SQLITE_TRIGGER.format(event=event))


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE monitoring_records DROP CONSTRAINT monitoring_records_no_overlap")
    else:
        for event in ('INSERT', 'UPDATE'):
            op.execute(f"DROP TRIGGER monitoring_records_no_overlap_{event}")
