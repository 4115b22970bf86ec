"""What the admin reads in the audit log. The log stores English identifiers (stable, easy to
query); every one written anywhere in the code is named here in Persian, and a test walks the
code to keep it so."""

from __future__ import annotations

from databank.accounts.models import Role
from databank.jalali import persian_digits
from databank.matches.models import ProposalStatus
from databank.monitoring.models import RecordStatus
from databank.vacancies.models import VacancyStatus

ACTION_LABELS: dict[str, str] = {
    # accounts
    "register": "ثبت‌نام کارفرما",
    "create_user": "ایجاد کاربر",
    "edit_user": "ویرایش حساب کارشناس",
    "edit_unit": "اصلاح مشخصات واحد",
    "change_password": "تغییر گذرواژه",
    "login": "ورود به سامانه",
    "login_failed": "ورود ناموفق (گذرواژهٔ نادرست)",
    "reset_password": "بازنشانی گذرواژه",
    "activate": "فعال‌سازی کاربر",
    "deactivate": "غیرفعال‌سازی کاربر",
    # people and organisations
    "register_graduate": "ثبت‌نام دانش‌آموخته",
    "update_profile": "ویرایش مشخصات دانش‌آموخته",
    "record_mobile": "ثبت شمارهٔ همراه در دفتر کاریابی",
    "correct_identity": "اصلاح مشخصات هویتی",
    "retire_agency": "کنار گذاشتن دستگاه اجرایی", "restore_agency": "بازگرداندن دستگاه اجرایی",
    "claim_refused": "ادعای نادرست پرونده (شمارهٔ همراه یا کد کارگاه نادرست)",
    "register_unit": "ثبت واحد صنعتی",
    "update_unit": "ویرایش واحد صنعتی",
    "link_employer": "پیوند حساب کارفرما به واحد صنعتی",
    "release_unit": "جدا کردن حساب کارفرما از واحد صنعتی",
    "merge_units": "ادغام دو واحد صنعتی",
    "merge_universities": "ادغام دو دانشگاه",
    "set_workshop_code": "ثبت کد کارگاه واحد صنعتی در دفتر کاریابی",
    "set_commitment": "تعیین تعهد اشتغال",
    "add_organisation": "افزودن به فهرست سازمان‌ها",
    "edit_organisation": "ویرایش سازمان",
    # vacancies and proposals
    "post_vacancy": "ثبت فرصت شغلی",
    "edit_vacancy": "ویرایش فرصت شغلی",
    "vacancy_status": "تغییر وضعیت فرصت شغلی",
    "vacancy_filled": "تکمیل ظرفیت فرصت شغلی",
    "vacancy_reopened": "بازگشایی فرصت شغلی پس از رد استخدام در راستی‌آزمایی",
    "vacancy_code_changed": "تغییر کد فرصت شغلی‌ای که تنها در حروف کوچک و بزرگ با کد دیگری یکی بود",
    "review": "بررسی پیشنهاد تطبیق",
    "hire_rejected": "رد استخدام در راستی‌آزمایی اشتغال",
    "interest": "اعلام علاقه‌مندی",
    "no_interest": "انصراف از علاقه‌مندی",
    # files
    "export": "خروجی پیشنهادهای تطبیق",
    "export_graduates": "خروجی دانش‌آموختگان",
    "export_vacancies": "خروجی فرصت‌های شغلی",
    "export_jobs": "خروجی سوابق اشتغال",
    "import_graduates": "ورود دانش‌آموختگان از فایل",
    "import_vacancies": "ورود فرصت‌های شغلی از فایل",
    "import_jobs": "ورود اشتغال‌ها از فایل",
    # monitoring
    "register_job": "ثبت اشتغال",
    "end_job": "پایان اشتغال",
    "correct_end": "اصلاح پایان اشتغال",
    "verify_job": "تأیید اشتغال",
    "reject_job": "رد اشتغال",
    "verify_insured": "راستی‌آزمایی با فهرست بیمه",
    "withdraw_job": "پس گرفتن ثبت اشتغال",
}

ENTITY_LABELS: dict[str, str] = {
    "proposal": "پیشنهاد تطبیق", "monitoring_record": "سابقهٔ اشتغال", "user": "کاربر",
    "vacancy": "فرصت شغلی", "person": "شخص", "unit": "واحد صنعتی",
    "commitment": "تعهد اشتغال", "export": "خروجی", "import": "ورود از فایل",
    "insurance_list": "فهرست بیمه", "agency": "دستگاه اجرایی", "placement_office": "دفتر کاریابی",
    "industrial_estate": "شهرک یا ناحیهٔ صنعتی",
    "university": "دانشگاه",
}

STATE_ENUMS = (ProposalStatus, RecordStatus, VacancyStatus, Role)
STATE_LABELS: dict[str, str] = {
    **{state.value: state.label for enum in STATE_ENUMS for state in enum},
    "ended": "پایان‌یافته",
    "ending": "پایان ثبت‌شده برای روزی پیش رو",  # an end recorded ahead: not ended yet
    "withdrawn": "پس‌گرفته",  # stored as rejected, taken back by its agency (withdrawal)
    "graduate_interested": "علاقه‌مندی دانش‌آموخته",
    "employer_interested": "علاقه‌مندی کارفرما",
}


def action_label(action: str) -> str:
    """An identifier nobody named yet is still shown, as written, rather than hidden."""
    return ACTION_LABELS.get(action, action)


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def state_label(state: str | None) -> str:
    """States are enum values, or a number (a commitment's target) shown in Persian digits."""
    if not state:
        return ""
    if state in STATE_LABELS:
        return STATE_LABELS[state]
    return persian_digits(state) if state.isascii() and state.isdigit() else state
