"""one holder per unit

Revision ID: c0eabbffac94
Revises: 7b6bd14958d9
Create Date: 2026-11-28 03:59:35.501437

An industrial unit is held by one employer account at most: a second holder would see the
contacts of the graduates introduced to the first one's vacancies. A unique constraint allows
any number of NULLs on SQLite and PostgreSQL alike, so accounts without a unit are not
affected. Before this revision only a check in the code kept units to one holder; should a
race have left two accounts on one unit, the earliest account keeps it, the later ones are
unlinked (and named in the log) for a placement office to link again if they were right.
"""
import logging

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c0eabbffac94'
down_revision = '7b6bd14958d9'
branch_labels = None
depends_on = None

LATER_HOLDERS = ("FROM users WHERE unit_id IS NOT NULL AND id > "
                 "(SELECT MIN(earlier.id) FROM users AS earlier WHERE earlier.unit_id = users.unit_id)")


def upgrade():
    connection = op.get_bind()
    later = connection.execute(sa.text(f"SELECT id, username, unit_id {LATER_HOLDERS}")).all()
    for user_id, username, unit_id in later:
        logging.getLogger("alembic").warning(
            "unit %s had more than one account: account %s (%s) unlinked", unit_id, user_id,
            username)
    if later:
        connection.execute(sa.text(f"UPDATE users SET unit_id = NULL WHERE id IN (SELECT id "
                                   f"{LATER_HOLDERS})"))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_users_unit_id'), ['unit_id'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_unit_id'), type_='unique')
