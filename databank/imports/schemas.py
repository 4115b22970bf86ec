"""The upload form: which kind of rows the file holds, and whether to store all or nothing."""

from __future__ import annotations

from marshmallow import fields, validate

from databank.imports.columns import KINDS
from databank.schemas import BASIC_MESSAGES, INVALID_CHOICE, FormSchema, flag


class UploadSchema(FormSchema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS, error=INVALID_CHOICE),
                         error_messages=BASIC_MESSAGES)
    strict = flag()
