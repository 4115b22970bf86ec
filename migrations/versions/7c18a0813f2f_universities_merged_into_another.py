"""a university typed another way is merged into the one kept

Revision ID: 7c18a0813f2f
Revises: b8e1d6f0a2c5
Create Date: 2026-11-29 03:40:00

Graduates type their university freely, so one university came in under several names and the
dashboard counted it apart. The admin now merges one into the other: the merged row stays,
holding no graduate, and points at the university kept, so that its name still leads there.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7c18a0813f2f'
down_revision = 'b8e1d6f0a2c5'
branch_labels = None
depends_on = None


FK = 'fk_universities_merged_into_id_universities'
CHECK = 'ck_universities_not_merged_into_itself'
RULE = 'merged_into_id IS NULL OR merged_into_id <> id'


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        # Not in batch mode: rebuilding the table drops the old one, and graduate_profiles'
        # foreign key (enforced, and not to be switched off inside the migration's
        # transaction) refuses that once a graduate names a university. SQLite adds a column
        # with its own constraints in place.
        op.execute(f'ALTER TABLE universities ADD COLUMN merged_into_id INTEGER '
                   f'CONSTRAINT {FK} REFERENCES universities (id) '
                   f'CONSTRAINT {CHECK} CHECK ({RULE})')
        return
    op.add_column('universities', sa.Column('merged_into_id', sa.Integer(), nullable=True))
    op.create_foreign_key(op.f(FK), 'universities', 'universities', ['merged_into_id'], ['id'])
    op.create_check_constraint(op.f(CHECK), 'universities', RULE)


def downgrade():
    """Merged universities would come back as empty ones under names that now lead elsewhere:
    going down removes them, after pointing any graduate still left on one (none should be)
    at the university kept."""
    universities = sa.table('universities', sa.column('id', sa.Integer),
                            sa.column('merged_into_id', sa.Integer))
    profiles = sa.table('graduate_profiles', sa.column('university_id', sa.Integer))
    kept = (sa.select(universities.c.merged_into_id)
            .where(universities.c.id == profiles.c.university_id).scalar_subquery())
    merged = sa.select(universities.c.id).where(universities.c.merged_into_id.isnot(None))
    op.execute(profiles.update().where(profiles.c.university_id.in_(merged))
               .values(university_id=kept))
    op.execute(universities.delete().where(universities.c.merged_into_id.isnot(None)))
    if op.get_bind().dialect.name == 'sqlite':  # the column goes with its own constraints
        op.execute('ALTER TABLE universities DROP COLUMN merged_into_id')
        return
    op.drop_constraint(op.f(CHECK), 'universities', type_='check')
    op.drop_constraint(op.f(FK), 'universities', type_='foreignkey')
    op.drop_column('universities', 'merged_into_id')
