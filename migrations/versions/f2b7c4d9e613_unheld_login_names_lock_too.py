"""wrong passwords for a name nobody holds are counted and locked too

Revision ID: f2b7c4d9e613
Revises: d5f1a8c3e920
Create Date: 2026-11-29 18:40:00

The login lock was said only for a name someone holds, so five wrong passwords told a stranger
whether a username exists. Names nobody holds now have their own count and lock.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f2b7c4d9e613'
down_revision = 'd5f1a8c3e920'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'unheld_login_names',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=64), nullable=False),
        sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False),
        sa.Column('locked_until', sa.DateTime(), nullable=True),
        sa.Column('last_failed_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_unheld_login_names')),
        sa.UniqueConstraint('username', name=op.f('uq_unheld_login_names_username')),
    )
    op.create_index(op.f('ix_unheld_login_names_last_failed_at'), 'unheld_login_names',
                    ['last_failed_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_unheld_login_names_last_failed_at'), table_name='unheld_login_names')
    op.drop_table('unheld_login_names')
