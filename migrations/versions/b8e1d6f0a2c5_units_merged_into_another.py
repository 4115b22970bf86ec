"""a unit found to be another one is merged into it

Revision ID: b8e1d6f0a2c5
Revises: 3e7d52c9a1b4
Create Date: 2026-11-28 15:40:00

A unit typed two ways (or imported twice) became two employers whose jobs and vacancies were
counted apart. The admin now merges one into the other: the merged row stays, holding nothing,
and points at the unit kept, so that its name still leads there.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b8e1d6f0a2c5'
down_revision = '3e7d52c9a1b4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('industrial_units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_industrial_units_merged_into_id_industrial_units'),
            'industrial_units', ['merged_into_id'], ['id'])
        batch_op.create_check_constraint(
            batch_op.f('ck_industrial_units_not_merged_into_itself'),
            'merged_into_id IS NULL OR merged_into_id <> id')


def downgrade():
    """Merged units would come back as empty employers under names that now lead elsewhere:
    going down keeps them out of sight by removing them (nothing refers to them)."""
    units = sa.table('industrial_units', sa.column('merged_into_id', sa.Integer))
    op.execute(units.delete().where(units.c.merged_into_id.isnot(None)))
    with op.batch_alter_table('industrial_units', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('ck_industrial_units_not_merged_into_itself'), type_='check')
        batch_op.drop_constraint(
            batch_op.f('fk_industrial_units_merged_into_id_industrial_units'),
            type_='foreignkey')
        batch_op.drop_column('merged_into_id')
