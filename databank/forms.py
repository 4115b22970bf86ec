"""Running a posted form through its schema and a service, with one commit or one rollback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import request
from marshmallow import Schema, ValidationError

from databank.db import db
from databank.errors import Conflict, InvalidInput, NotFound, roll_back
from databank.schemas import form_values

T = TypeVar("T")


class FormErrors(dict[str, list[str]]):
    """{field: [Persian message]}, and the status the page is answered with."""

    def __init__(self, errors: dict[str, list[str]] | None = None, status: int = 400) -> None:
        super().__init__(errors or {})
        self.status = status


def submit(schema: Schema, action: Callable[[dict[str, Any]], T],
           lists: tuple[str, ...] = ()) -> tuple[T | None, FormErrors]:
    """Load the posted form and hand it to `action`; commit on success. Errors that belong
    beside a field come back as {field: [message]} and nothing is written."""
    try:
        data = schema.load(form_values(request.form, lists))
        result = action(data)
        db.session.commit()
        return result, FormErrors()
    except ValidationError as error:
        db.session.rollback()
        return None, FormErrors(_as_lists(error.messages))
    except InvalidInput as error:
        roll_back(error)
        return None, FormErrors(error.errors)
    except Conflict as error:
        roll_back(error)
        return None, FormErrors({error.field or "_form": [error.message]}, status=error.status)
    except NotFound as error:  # a typed key that names nothing is said beside its field
        if error.field is None:
            raise
        roll_back(error)
        return None, FormErrors({error.field: [error.message]}, status=error.status)


def also_said(errors: FormErrors, later: dict[str, str | None]) -> FormErrors:
    """A refused form's errors with what its service would check only once the schema passed
    (a code or a username already held, a university to ask about), beside the fields not
    already refused: one submission names every problem, rather than one round each. The
    status stays: a 409 a rate limit counts is still a 409."""
    added = {name: [message] for name, message in later.items()
             if message and not errors.get(name)}
    if not errors or not added:
        return errors
    return FormErrors({**errors, **added}, status=errors.status)


def _as_lists(messages: Any) -> dict[str, list[str]]:
    if isinstance(messages, dict):
        return {str(k): _flat(v) for k, v in messages.items()}
    return {"_form": list(messages)}


def _flat(messages: Any) -> list[str]:
    """A list field's errors come keyed by item ({0: [...], 1: [...]}): the person reads the
    sentences once each, never the structure."""
    if isinstance(messages, dict):
        found = [m for value in messages.values() for m in _flat(value)]
        return list(dict.fromkeys(found))
    if isinstance(messages, list):
        return list(dict.fromkeys(m for item in messages for m in _flat(item)))
    return [str(messages)]


def status_for(errors: dict[str, list[str]]) -> int:
    """A refused form is answered 400, or 409 when it clashed with stored data; never 200."""
    if not errors:
        return 200
    return getattr(errors, "status", 400)


def load_filters(schema: Schema, args: dict[str, str], labels: dict[str, str]
                 ) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A list's filters from its query string: those that are right still apply, and each
    refusal, shown above the list, is named by its filter («وضعیت: …»): a bare «choose one of
    the list» would not say which of eight filters it is about."""
    try:
        return schema.load(args), {}
    except ValidationError as error:
        return error.valid_data or {}, {
            field: [f"{labels.get(field, field)}: {message}" for message in found]
            for field, found in _as_lists(error.messages).items()}
