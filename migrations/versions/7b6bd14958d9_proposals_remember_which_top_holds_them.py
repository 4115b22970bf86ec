"""proposals remember which top holds them

Revision ID: 7b6bd14958d9
Revises: 373a0ea7c0c6
Create Date: 2026-11-28 01:19:19.611486

A proposal is held by its vacancy's top candidates, its graduate's top vacancies, or both;
rows stored before hold neither until the next run says (an untouched one it does not rank
is withdrawn then, as before).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7b6bd14958d9'
down_revision = '373a0ea7c0c6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('match_proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_vacancy', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('by_profile', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('match_proposals', schema=None) as batch_op:
        batch_op.drop_column('by_profile')
        batch_op.drop_column('by_vacancy')
