"""The upload form (which kind of rows the file holds, and whether to store all or nothing),
and what a vacancy row says beyond the vacancy."""

from __future__ import annotations

from marshmallow import fields, validate

from databank.imports.columns import KINDS
from databank.schemas import BASIC_MESSAGES, INVALID_CHOICE, FormSchema, flag
from databank.vacancies.schemas import VacancyImportSchema


class UploadSchema(FormSchema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS, error=INVALID_CHOICE),
                         error_messages=BASIC_MESSAGES)
    strict = flag()


class VacancyRowSchema(VacancyImportSchema):
    """A vacancy row may say its unit is new although its name comes close to a known unit's:
    a file cannot be asked, as the form asks, so the row answers beforehand."""

    new_unit = flag()
