"""The filters of the admin's audit log."""

from __future__ import annotations

from marshmallow import fields, validate

from databank.audit.labels import ACTION_LABELS, ENTITY_LABELS
from databank.schemas import BASIC_MESSAGES, INVALID_CHOICE, FormSchema, JalaliDate, text


def _one_of(values: dict[str, str]) -> fields.String:
    return fields.String(required=False, error_messages=BASIC_MESSAGES,
                         validate=validate.OneOf(tuple(values), error=INVALID_CHOICE))


class AuditFilterSchema(FormSchema):
    entity = _one_of(ENTITY_LABELS)
    action = _one_of(ACTION_LABELS)
    actor = text(80, required=False)  # part of a username or of a display name
    since = JalaliDate(required=False)  # Solar Hijri days, in Iran's time
    until = JalaliDate(required=False)
