"""vacancy codes are compared without regard to case

Revision ID: a6c3e9f1b2d4
Revises: 4f6b2d9e1a07
Create Date: 2026-11-29 10:10:00

A code typed «v-3edb81a5» was another code than V-3EDB81A5: the review queue's filter missed the
vacancy, and a unit could hold both as two vacancies. Codes are now stored as the application
compares them (Latin digits, capital letters: databank.vacancies.models.vacancy_code), so the
unique (unit_id, ref) holds whatever the case. No column changes; the stored codes are rewritten.
A unit that already holds codes differing only in case keeps the one already in capitals (else
the oldest) and each other one gets a suffix (-2, -3, ...), written in the audit log so that the
admin can tell the unit which code became which.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a6c3e9f1b2d4'
down_revision = '4f6b2d9e1a07'
branch_labels = None
depends_on = None

REF_LENGTH = 40
# Persian and Arabic-Indic digits to Latin: what the application folds in every code it stores
_DIGITS = str.maketrans('۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', '0123456789' * 2)
vacancies = sa.table('vacancies', sa.column('id', sa.Integer), sa.column('unit_id', sa.Integer),
                     sa.column('ref', sa.String))
audit_log = sa.table('audit_log', sa.column('at', sa.DateTime), sa.column('action', sa.String),
                     sa.column('entity', sa.String), sa.column('entity_id', sa.Integer),
                     sa.column('details', sa.JSON))


def code(typed: str) -> str:
    """vacancy_code as of this revision, copied so that the migration never changes with it."""
    return ''.join(capital if len(capital := letter.upper()) == 1 else letter
                   for letter in typed.strip().translate(_DIGITS))


def new_codes(rows: list[tuple[int, int, str]]) -> dict[int, str]:
    """{vacancy id: its code from now on} for every row whose stored code changes."""
    by_unit: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for vacancy_id, unit_id, ref in rows:
        by_unit.setdefault((unit_id, code(ref)), []).append((vacancy_id, ref))
    used = set(by_unit)
    changed = {}
    for (unit_id, canonical), group in by_unit.items():
        group.sort(key=lambda row: (row[1] != canonical, row[0]))  # capitals first, then oldest
        keeper, *others = group
        if keeper[1] != canonical:
            changed[keeper[0]] = canonical
        for vacancy_id, _ref in others:
            number = 2
            while (unit_id, _suffixed(canonical, number)) in used:
                number += 1
            used.add((unit_id, _suffixed(canonical, number)))
            changed[vacancy_id] = _suffixed(canonical, number)
    return changed


def _suffixed(canonical: str, number: int) -> str:
    suffix = f'-{number}'
    return canonical[:REF_LENGTH - len(suffix)] + suffix


def upgrade():
    bind = op.get_bind()
    rows = [tuple(row) for row in bind.execute(
        sa.select(vacancies.c.id, vacancies.c.unit_id, vacancies.c.ref).order_by(vacancies.c.id))]
    changed = new_codes(rows)
    was = {vacancy_id: ref for vacancy_id, _unit_id, ref in rows}
    # two steps, so that no row takes a code another still holds until its own turn: a code
    # in small letters is never one of those kept, so "#tmp-<id>" collides with none
    for vacancy_id in changed:
        bind.execute(vacancies.update().where(vacancies.c.id == vacancy_id)
                     .values(ref=f'#tmp-{vacancy_id}'))
    now = datetime.now(UTC).replace(tzinfo=None)
    for vacancy_id, ref in changed.items():
        bind.execute(vacancies.update().where(vacancies.c.id == vacancy_id).values(ref=ref))
        if code(was[vacancy_id]) != ref:  # given a suffix: said in the audit log
            bind.execute(audit_log.insert().values(
                at=now, action='vacancy_code_changed', entity='vacancy', entity_id=vacancy_id,
                details={'previous_code': was[vacancy_id], 'code': ref}))


def downgrade():
    """The codes stay as they are: the case they were typed in is not kept anywhere, and codes
    in capitals are valid codes before this revision too."""
