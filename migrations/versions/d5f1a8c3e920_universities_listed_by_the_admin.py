"""only universities the admin keeps are offered

Revision ID: d5f1a8c3e920
Revises: a6c3e9f1b2d4
Create Date: 2026-11-30 09:00:00

Anything typed as a university on the public sign-up became a university offered to every
visitor. Now a university is offered only once it is on the county's list the admin keeps
(`listed`). Existing rows are listed when someone vouched for them: the admin added, edited or
kept it in a merge (the audit log says so), or it is described by a kind or a city, which only
the admin's page, the demo seed and a merge set (a graduate's or a file's text gives a bare
name). The others, bare names typed by graduates or read from files, wait on the admin's page
to be confirmed or merged: their graduates keep them, only the suggestions lose them.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd5f1a8c3e920'
down_revision = 'a6c3e9f1b2d4'
branch_labels = None
depends_on = None

VOUCHED = ('add_organisation', 'edit_organisation', 'merge_universities')


def upgrade():
    # Not in batch mode: SQLite adds a column with a default in place, and rebuilding the
    # table would drop the one every graduate profile points at.
    op.add_column('universities', sa.Column('listed', sa.Boolean(), nullable=False,
                                            server_default=sa.false()))
    universities = sa.table('universities', sa.column('id', sa.Integer),
                            sa.column('kind', sa.String), sa.column('city', sa.String),
                            sa.column('merged_into_id', sa.Integer),
                            sa.column('listed', sa.Boolean))
    audit = sa.table('audit_log', sa.column('action', sa.String),
                     sa.column('entity', sa.String), sa.column('entity_id', sa.Integer))
    merged = sa.alias(universities, 'merged')
    kept_in_a_merge = sa.select(merged.c.merged_into_id).where(
        merged.c.merged_into_id.isnot(None))
    by_the_admin = sa.select(audit.c.entity_id).where(
        audit.c.entity == 'university', audit.c.action.in_(VOUCHED),
        audit.c.entity_id.isnot(None))
    op.execute(universities.update()
               .where(universities.c.merged_into_id.is_(None),
                      sa.or_(universities.c.kind != 'other', universities.c.city.isnot(None),
                             universities.c.id.in_(kept_in_a_merge),
                             universities.c.id.in_(by_the_admin)))
               .values(listed=sa.true()))


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE universities DROP COLUMN listed')
        return
    op.drop_column('universities', 'listed')
