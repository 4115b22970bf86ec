"""passwords the admin gave are changed at first login

Revision ID: 5d2e8a41c7b3
Revises: c0eabbffac94
Create Date: 2026-11-28 04:20:00

A password the admin typed (a new officer) or the bank generated (a reset) is known to
someone else than its holder: the account may do nothing but change it until she does.
Accounts stored before keep working as they did.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5d2e8a41c7b3'
down_revision = 'c0eabbffac94'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
