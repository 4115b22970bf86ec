"""Running a posted form through its schema and a service, with one commit or one rollback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import request
from marshmallow import Schema, ValidationError

from databank.db import db
from databank.errors import Conflict, InvalidInput
from databank.schemas import form_values

T = TypeVar("T")
FormErrors = dict[str, list[str]]


def submit(schema: Schema, action: Callable[[dict[str, Any]], T],
           lists: tuple[str, ...] = ()) -> tuple[T | None, FormErrors]:
    """Load the posted form and hand it to `action`; commit on success. Errors that belong
    beside a field come back as {field: [message]} and nothing is written."""
    try:
        data = schema.load(form_values(request.form, lists))
        result = action(data)
        db.session.commit()
        return result, {}
    except ValidationError as error:
        db.session.rollback()
        return None, _as_lists(error.messages)
    except InvalidInput as error:
        db.session.rollback()
        return None, error.errors
    except Conflict as error:
        db.session.rollback()
        return None, {error.field or "_form": [error.message]}


def _as_lists(messages: Any) -> FormErrors:
    if isinstance(messages, dict):
        return {str(k): v if isinstance(v, list) else [str(v)] for k, v in messages.items()}
    return {"_form": list(messages)}


def status_for(errors: FormErrors) -> int:
    """A refused form is answered 400 (409 when it clashed with stored data), not 200."""
    return 400 if errors else 200
