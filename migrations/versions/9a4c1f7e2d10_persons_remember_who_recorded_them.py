"""persons remember whether they recorded themselves

Revision ID: 9a4c1f7e2d10
Revises: 5d2e8a41c7b3
Create Date: 2026-11-28 04:35:00

Whether a graduate may edit her own name, gender and birth year depends on who created her
record: she, by registering, or an office or agency from her national card. The bank read that
from the audit log; it is now a column, filled here from the same log (the first registration
of each person that did not claim an existing record).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '9a4c1f7e2d10'
down_revision = '5d2e8a41c7b3'
branch_labels = None
depends_on = None

audit = sa.table('audit_log', sa.column('id', sa.Integer), sa.column('action', sa.String),
                 sa.column('entity', sa.String), sa.column('entity_id', sa.Integer),
                 sa.column('details', sa.JSON))
persons = sa.table('persons', sa.column('id', sa.Integer),
                   sa.column('self_registered', sa.Boolean))


def upgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('self_registered', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))
    connection = op.get_bind()
    first: dict[int, dict] = {}
    for person_id, details in connection.execute(
            sa.select(audit.c.entity_id, audit.c.details)
            .where(audit.c.action == 'register_graduate', audit.c.entity == 'person')
            .order_by(audit.c.id)):
        first.setdefault(person_id, details or {})
    own = [person_id for person_id, details in first.items() if not details.get('claimed')]
    for start in range(0, len(own), 500):
        connection.execute(persons.update().where(persons.c.id.in_(own[start:start + 500]))
                           .values(self_registered=True))


def downgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('self_registered')
