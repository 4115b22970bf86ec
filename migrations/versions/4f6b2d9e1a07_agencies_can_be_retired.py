"""an agency can be retired

Revision ID: 4f6b2d9e1a07
Revises: 7c18a0813f2f
Create Date: 2026-11-29 06:50:00

An agency the working group no longer counts keeps its jobs and commitments in the figures,
but takes no new job, hire or account, and leaves the forms' choices.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4f6b2d9e1a07'
down_revision = '7c18a0813f2f'
branch_labels = None
depends_on = None


def upgrade():
    # Not in batch mode: SQLite adds a column with a default in place, and rebuilding the
    # table would drop the one every job, office and account points at.
    op.add_column('agencies', sa.Column('retired', sa.Boolean(), nullable=False,
                                        server_default=sa.false()))


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE agencies DROP COLUMN retired')
        return
    op.drop_column('agencies', 'retired')
