"""A unit name typed with its words run together and the city beside it («شرکت پلیمرکاوه
ساوه») is close to the unit the bank holds («شرکت پلیمر کاوه»): forms and files ask before a
second unit is made for one employer; a name that only shares letters is not close."""

from __future__ import annotations

import pytest

from databank.db import db
from databank.organisations.close_names import close_units, names_close
from databank.organisations.services import get_or_create_unit


@pytest.fixture
def kaveh(app) -> int:
    unit = get_or_create_unit("شرکت پلیمر کاوه")
    get_or_create_unit("کارخانه نور")
    db.session.commit()
    return unit.id


@pytest.mark.parametrize("typed", ["شرکت پلیمرکاوه ساوه", "پلیمرکاوه", "پلیمر کاوه ساوه",
                                   "شركت پليمركاوه"])
def test_words_run_together_beside_the_city_are_close(kaveh: int, typed: str) -> None:
    assert [unit.id for unit in close_units(typed)] == [kaveh]
    assert names_close(typed, "شرکت پلیمر کاوه")


@pytest.mark.parametrize("typed", ["نورگستر ساوه", "پلیمر نوین"])
def test_a_name_that_only_shares_letters_is_not_close(kaveh: int, typed: str) -> None:
    assert close_units(typed) == []
