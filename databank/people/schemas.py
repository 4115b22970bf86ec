"""What describes a graduate, the same for the registration form, the profile form and a
spreadsheet row."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validates, validates_schema

from databank.accounts.schemas import _NewAccountSchema
from databank.jalali import current_year
from databank.jalali import persian_digits as fa
from databank.organisations.schemas import UniversityName
from databank.schemas import (
    DegreeLevel,
    DisplayName,
    FormSchema,
    GenderWord,
    JalaliYear,
    Mobile,
    NationalId,
    PersonName,
    SkillList,
    flag,
    text,
)


def latest_birth_year() -> int:
    return current_year() - 14


# The youngest age (graduation year minus birth year, in Solar Hijri years) at which anyone
# finishes each level: the usual age less two or three years, to leave room for early
# schooling and accelerated programmes. Younger than that, one of the two years is mistyped.
MIN_GRADUATION_AGE = {0: 10, 1: 15, 2: 17, 3: 18, 4: 20, 5: 22}


def graduation_year_problem(birth_year: int | None, graduation_year: int | None,
                            degree: int | None, *, recorded: bool = False) -> str | None:
    """Why a graduation year cannot go with this birth year and degree, or None; shared with
    the service, which checks the years a form or a row leaves as they were. `recorded`: the
    birth year is the one the bank holds for her, which her form cannot change, so it is
    named as the bank's rather than one she should check."""
    if birth_year is None or graduation_year is None:
        return None
    born = f"سال تولد ثبت‌شده برای شما در بانک ({fa(birth_year)})" if recorded else "سال تولد"
    if graduation_year <= birth_year:
        return f"سال دانش‌آموختگی باید پس از {born} باشد."
    youngest = MIN_GRADUATION_AGE.get(degree if degree is not None else 0, 10)
    if graduation_year - birth_year < youngest:
        if recorded:
            return (f"با {born}، دانش‌آموختگی در این مقطع پیش از "
                    f"{fa(birth_year + youngest)} ممکن نیست.")
        return (f"با تولد در {fa(birth_year)}، دانش‌آموختگی در این مقطع پیش از "
                f"{fa(birth_year + youngest)} ممکن نیست؛ سال تولد یا دانش‌آموختگی را بررسی "
                "کنید.")
    return None


class ProfileSchema(FormSchema):
    """The parts of a graduate a graduate may edit herself (not her national ID)."""

    first_name = PersonName(required=True)
    last_name = PersonName(required=True, label="نام خانوادگی")
    gender = GenderWord(required=False)
    birth_year = fields.Method(deserialize="_birth_year", required=False)
    mobile = Mobile(required=False)
    city = text(80, required=False)
    university = UniversityName(required=False)
    degree = DegreeLevel(required=True)
    field_of_study = text(200)
    graduation_year = fields.Method(deserialize="_graduation_year", required=False)
    skills = SkillList(item_max=80)
    desired_job = text(200, required=False)
    head_of_household = flag()
    consent = flag()

    def _birth_year(self, value: Any) -> int:
        return JalaliYear(earliest=1300, latest=latest_birth_year()).deserialize(value)

    def _graduation_year(self, value: Any) -> int:
        return JalaliYear(earliest=1330, latest=current_year()).deserialize(value)

    @validates_schema(skip_on_field_errors=False)
    def _years_agree(self, data: dict[str, Any], **_kwargs: Any) -> None:
        problem = graduation_year_problem(data.get("birth_year"), data.get("graduation_year"),
                                          data.get("degree"))
        if problem:
            raise ValidationError(problem, field_name="graduation_year")


GROUP_NOT_FIELD = ("«{typed}» نام گروهی از رشته‌هاست، نه یک رشته؛ رشتهٔ خود را همان‌گونه که در "
                   "مدرک آمده بنویسید، مانند «مهندسی مکانیک» یا «مهندسی برق - قدرت».")


class _FieldTypedByHer:
    """Her own forms ask for her field as her degree names it: a group's name («مهندسی»,
    «فنی», «علوم پایه») matches no vacancy's field and would only bury her among the misfits.
    An import row or an office's entry keeps what the file or the card says."""

    @validates("field_of_study")
    def _a_field_not_a_group(self, value: str, **_kwargs: Any) -> None:
        import matching

        if matching.names_a_group(value):
            raise ValidationError(GROUP_NOT_FIELD.format(typed=value))


class OwnProfileSchema(_FieldTypedByHer, ProfileSchema):
    """Her own profile form, which asks for her gender and mobile as registration does: an
    emptied box is cleared there (services.update_own_profile), and these two may not be."""

    gender = GenderWord(required=True)
    mobile = Mobile(required=True)
    university_checked = flag()  # a university not on the list, though close to one, is hers

    def _years_agree(self, data: dict[str, Any], **_kwargs: Any) -> None:
        """Not a hook here (marshmallow registers only the decorated method): her form posts
        back a recorded birth year she cannot change, and the service weighs the years,
        naming that one as the bank's (services._refuse_years_against_recorded_birth) and
        her own as the schema would (services._check_years)."""


class GraduateSchema(ProfileSchema):
    """A whole graduate, as an import row or an officer's entry carries it."""

    national_id = NationalId(required=True)


class GraduateRegistrationSchema(_FieldTypedByHer, _NewAccountSchema, GraduateSchema):
    """Self-registration: her account and her profile in one form."""

    display_name = DisplayName(required=False)
    mobile = Mobile(required=True)
    gender = GenderWord(required=True)
    university_checked = flag()  # as on her profile form


class PersonLookupSchema(FormSchema):
    """A placement office finds a stored person by the national ID on her card."""

    national_id = NationalId(required=True)


class OfficeMobileSchema(PersonLookupSchema):
    """The mobile an office records for a stored person, so that she can claim her record."""

    mobile = Mobile(required=True)


class IdentityCorrectionSchema(PersonLookupSchema):
    """What her national card says (people.identity); the reason stays in the audit log
    beside the change."""

    first_name = PersonName(required=True)
    last_name = PersonName(required=True, label="نام خانوادگی")
    gender = GenderWord(required=True)
    birth_year = fields.Method(deserialize="_birth_year", required=False, load_default=None)
    reason = text(500)

    def _birth_year(self, value: Any) -> int:
        return JalaliYear(earliest=1300, latest=latest_birth_year()).deserialize(value)
