"""wrong passwords for a name nobody holds are locked too; browsers she logged in from

Revision ID: f2b7c4d9e613
Revises: d5f1a8c3e920
Create Date: 2026-11-29 18:40:00

The login lock was said only for a name someone holds, so five wrong passwords told a stranger
whether a username exists. Names nobody holds now have their own count and lock.

A browser she logged in from is let through her account's lock (accounts.devices); raising
`device_epoch` ends the trust of all of them at once.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f2b7c4d9e613'
down_revision = 'd5f1a8c3e920'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_epoch', sa.Integer(), server_default='0',
                                      nullable=False))
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
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('device_epoch')
