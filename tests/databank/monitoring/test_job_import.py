"""Importing the jobs an agency's programme created: each row through JobRecordSchema and
register_job, refused rows reported and never half-stored; the command and the upload page."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jdatetime
import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from databank.accounts.models import Role, User
from databank.audit.models import AuditEntry
from databank.db import db
from databank.imports.errors import UnreadableFile
from databank.jalali import format_date
from databank.monitoring import job_import
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.monitoring.services import create_record
from databank.organisations.models import Agency, IndustrialUnit
from databank.organisations.services import (
    find_by_name,
    get_or_create_agency,
    get_or_create_unit,
)
from databank.people.models import Person
from databank.vocabulary import Gender, Sector
from tests.conftest import csrf_token, database_refuses, name_of, valid_national_id
from tests.databank.monitoring.test_verification import write_sheet

HEADERS = ["national_id", "first_name", "last_name", "gender", "mobile", "unit_name",
           "workshop_code", "sector", "start_date"]
PERSIAN_HEADERS = ["کد ملی", "نام", "نام خانوادگی", "جنسیت", "تلفن همراه", "نام واحد",
                   "کد کارگاه", "بخش", "تاریخ شروع"]
PAGE = "/monitoring/records/import"
HOLDER = "بنیاد مسکن انقلاب اسلامی"


def job(number: int, **values: Any) -> dict[str, Any]:
    row = {"national_id": valid_national_id(300_000 + number), "first_name": "فاطمه",
           "last_name": f"موسوی {name_of(number)}", "gender": "زن", "mobile": "09121234567",
           "unit_name": "کارگاه فرش دستباف", "workshop_code": "8800123", "sector": "خدمات",
           "start_date": "1403/06/15"}
    row.update(values)
    return row


def rows(records: list[dict[str, Any]], headers: list[str]) -> list[list[Any]]:
    keys = [*HEADERS, "agency"]
    return [[record.get(keys[position], "") for position in range(len(headers))]
            for record in records]


@pytest.fixture
def sheet(tmp_path: Path) -> Callable[..., Path]:
    """Builder: sheet([job(1), ...], agency=False, name='jobs.csv', persian=False) -> path."""

    def build(records: list[dict[str, Any]], name: str = "jobs.csv", agency: bool = False,
              persian: bool = False) -> Path:
        headers = list(PERSIAN_HEADERS if persian else HEADERS)
        if agency:
            headers.append("دستگاه اجرایی" if persian else "agency")
        return write_sheet(tmp_path / name, rows(records, headers), headers)

    return build


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    agency = get_or_create_agency("کمیته امداد امام خمینی")
    return make_user(Role.AGENCY_OFFICER, username="officer", agency_id=agency.id)


def run(actor: User, path: Path) -> job_import.JobImportResult:
    return job_import.import_jobs(actor, job_import.prepare_jobs(path))


def records() -> list[MonitoringRecord]:
    return list(db.session.scalars(select(MonitoringRecord).order_by(MonitoringRecord.id)))


def hold(number: int, start: date) -> MonitoringRecord:
    """An active record with another agency of the person job(number) names."""
    row = job(number)
    person = Person(national_id=row["national_id"], first_name=row["first_name"],
                    last_name=row["last_name"], gender=Gender.FEMALE)
    record = create_record(None, person, get_or_create_agency(HOLDER), sector=Sector.SERVICES,
                           start_date=start)
    db.session.commit()
    return record


def test_good_rows_are_registered_and_bad_rows_refused_with_row_numbers(officer, sheet
                                                                         ) -> None:
    result = run(officer, sheet([
        job(1), job(2, unit_name="", workshop_code="", mobile=""),
        job(3, national_id="0013542418"), job(4, gender="؟", start_date="1403/13/01"),
    ]))
    assert (result.rows_read, result.registered) == (4, 2)
    assert [(row.row, [column for column, _ in row.problems]) for row in result.refused] == [
        (4, ["کد ملی (national_id)"]), (5, ["جنسیت (gender)", "تاریخ شروع (start_date)"])]
    assert result.refused[0].reason.startswith(
        "ردیف ۴ — کد ملی (national_id): کد ملی معتبر نیست")
    gender, start = (message for _, message in result.refused[1].problems)
    assert "زن" in gender and "تقویم شمسی" in start
    first, second = records()
    assert first.agency_id == second.agency_id == officer.agency_id
    assert first.status is RecordStatus.REGISTERED and first.registered_by_id == officer.id
    assert first.person.national_id == valid_national_id(300_001)
    assert first.person.gender is Gender.FEMALE and first.sector is Sector.SERVICES
    assert first.start_date == jdatetime.date(1403, 6, 15).togregorian()
    assert first.unit.name == "کارگاه فرش دستباف" and first.unit.workshop_code == "8800123"
    assert second.unit is None and second.person.mobile is None
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "import_jobs"))
    assert entry.details == {"file": "jobs.csv", "rows": 4, "registered": 2, "refused": 2}


def test_a_person_active_with_another_agency_is_refused_naming_the_holder_and_date(
        officer, sheet) -> None:
    held = hold(1, jdatetime.date(1403, 2, 10).togregorian())
    result = run(officer, sheet([job(1, unit_name="کارخانهٔ تازه", workshop_code="9900001"),
                                 job(2)]))
    assert result.registered == 1
    [refused] = result.refused
    [(column, message)] = refused.problems
    assert (refused.row, column) == (2, "کد ملی (national_id)")
    assert HOLDER in message and format_date(held.start_date) in message
    assert format_date(held.start_date) == "۱۴۰۳/۰۲/۱۰"
    assert find_by_name(IndustrialUnit, "کارخانهٔ تازه") is None  # nothing half-stored
    assert [record.agency.name for record in records()] == [HOLDER, "کمیته امداد امام خمینی"]


def test_the_same_person_twice_in_a_file_is_registered_once_naming_the_first_row(
        officer, sheet) -> None:
    """Persian digits and a dropped leading zero are the same national ID; the later rows
    are refused naming row 2, not as held by her own agency."""
    result = run(officer, sheet([
        job(1), job(2),
        job(1, national_id=valid_national_id(300_001)[1:].translate(
            str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")), start_date="1403/08/01"),
        job(1, sector="معدن")]))
    assert result.registered == 2
    assert [row.reason for row in result.refused] == [
        "ردیف ۴ — کد ملی (national_id): این کد ملی در ردیف ۲ همین فایل هم آمده است؛ "
        "اشتغالی که هنوز ادامه دارد یک بار می‌آید و هر اشتغال پایان‌یافتهٔ او با «تاریخ پایان» "
        "در ردیفی جدا.",
        "ردیف ۵ — کد ملی (national_id): این کد ملی در ردیف ۲ همین فایل هم آمده است؛ "
        "اشتغالی که هنوز ادامه دارد یک بار می‌آید و هر اشتغال پایان‌یافتهٔ او با «تاریخ پایان» "
        "در ردیفی جدا؛ بخش (sector): " + result.refused[1].problems[1][1]]
    assert ".؛" not in result.refused[1].reason
    assert [record.start_date for record in records()] == [
        jdatetime.date(1403, 6, 15).togregorian()] * 2


def test_an_agency_officer_imports_only_for_her_own_agency(officer, sheet) -> None:
    get_or_create_agency("اداره کل بهزیستی")
    db.session.commit()
    result = run(officer, sheet([
        job(1, agency="كميته امداد امام  خميني"),  # her own, typed with Arabic letters
        job(2, agency="اداره کل بهزیستی"),
        job(3, agency="سازمان ناشناخته"),
        job(4),
    ], agency=True))
    assert result.registered == 2
    refused = {row.row: row for row in result.refused}
    assert sorted(refused) == [3, 4]
    assert refused[3].problems[0][0] == "دستگاه اجرایی (agency)"
    assert "دستگاه خودتان" in refused[3].reason
    assert refused[4].problems[0][0] == "دستگاه اجرایی (agency)"
    assert "«سازمان ناشناخته»" in refused[4].reason
    assert {record.agency_id for record in records()} == {officer.agency_id}


def test_the_admin_names_each_rows_agency_matched_by_its_normalised_name(make_user,
                                                                         sheet) -> None:
    admin = make_user(Role.ADMIN)
    welfare = get_or_create_agency("اداره کل بهزیستی")
    db.session.commit()
    result = run(admin, sheet([job(1, agency="اداره  كل بهزيستي"), job(2, agency="")],
                              agency=True))
    assert result.registered == 1
    [record] = records()
    assert record.agency_id == welfare.id and record.registered_by_id == admin.id
    assert result.refused[0].row == 3
    assert result.refused[0].problems == (("دستگاه اجرایی (agency)", job_import.BLANK_AGENCY),)
    assert "انتخاب کنید" not in result.refused[0].reason


def test_the_admin_needs_an_agency_column(make_user, sheet) -> None:
    admin = make_user(Role.ADMIN)
    with pytest.raises(UnreadableFile, match="agency"):
        run(admin, sheet([job(1)]))
    assert records() == []


def test_an_xlsx_with_persian_headers_and_numbers_that_lost_their_zeros_is_imported(
        officer, sheet) -> None:
    national_id = valid_national_id(1354241)  # 0013542419
    path = sheet([job(1, national_id=int(national_id), mobile=9121234567,
                      workshop_code=8800123, start_date="۱۴۰۳/۰۶/۱۵", gender="مرد",
                      sector="صنعت", agency="کمیته امداد امام خمینی")],
                 name="jobs.xlsx", agency=True, persian=True)
    result = run(officer, path)
    assert (result.registered, result.refused) == (1, [])
    [record] = records()
    assert record.person.national_id == national_id and record.person.mobile == "09121234567"
    assert record.person.gender is Gender.MALE and record.sector is Sector.INDUSTRY


def test_an_xlsx_with_real_date_cells_and_eight_digit_dates_is_imported(officer, sheet) -> None:
    """Agencies' spreadsheets keep dates as date cells, or as 14030615 from other systems."""
    path = sheet([job(1, start_date=datetime(2024, 9, 5)), job(2, start_date="14030615")],
                 name="jobs.xlsx")
    result = run(officer, path)
    assert (result.registered, result.refused) == (2, [])
    assert {r.start_date for r in records()} == {jdatetime.date(1403, 6, 15).togregorian()}


def test_a_gregorian_date_is_refused_saying_it_is_gregorian(officer, sheet) -> None:
    result = run(officer, sheet([job(1, start_date="2024-09-05")]))
    assert result.registered == 0
    (column, reason), = result.refused[0].problems
    assert column == "تاریخ شروع (start_date)" and "میلادی" in reason


def test_a_workshop_code_another_unit_holds_refuses_the_row_without_naming_it(officer,
                                                                              sheet) -> None:
    """Naming the holder would let a file of guessed codes map each to its unit."""
    get_or_create_unit("نساجی قدیم", workshop_code="8800123")
    db.session.commit()
    result = run(officer, sheet([job(1, unit_name="نساجی نو"),
                                 job(2, unit_name="نساجی نو", workshop_code="۸۸۰۰۱۲۳"),
                                 job(3, workshop_code="")]))
    assert result.registered == 1 and [row.row for row in result.refused] == [2, 3]
    for refused in result.refused:
        (column, reason), = refused.problems
        assert column == "کد کارگاه (workshop_code)" and "برای واحد دیگری" in reason
        assert "نساجی قدیم" not in reason
    assert find_by_name(IndustrialUnit, "نساجی نو") is None
    assert db.session.scalar(select(func.count(Person.id))) == 1


def test_a_row_the_database_refuses_is_reported_and_the_other_rows_are_kept(officer,
                                                                            sheet) -> None:
    with database_refuses("monitoring_records", "NEW.employer_name = 'نساجی نو'"):
        result = run(officer, sheet([job(1, unit_name="نساجی نو"), job(2)]))
        assert result.registered == 1 and [row.row for row in result.refused] == [2]
        assert result.refused[0].problems == (("", job_import.DATABASE_REFUSAL),)
        assert find_by_name(IndustrialUnit, "نساجی نو") is None
        assert db.session.scalar(select(func.count(Person.id))) == 1


def test_an_inspector_cannot_import_jobs(make_user, sheet) -> None:
    from databank.errors import NotAllowed

    with pytest.raises(NotAllowed):
        run(make_user(Role.INSPECTOR), sheet([job(1)]))
    assert records() == []


# The command

def test_import_jobs_prints_a_persian_summary_and_exits_three_when_rows_were_refused(
        runner, officer, sheet) -> None:
    hold(2, date(2024, 5, 1))
    path = sheet([job(1), job(2), job(3, sector="معدن")])
    result = runner.invoke(args=["import", "jobs", str(path), "--as", "officer"])
    assert result.exit_code == 3, result.output  # as the other imports: the good rows stored
    assert "۲ ردیف رد شد و ثبت نشد" in result.output
    for line in ("ردیف‌های خوانده‌شده: ۳", "ثبت‌شده: ۱", "ردشده: ۲",
                 "ردیف ۳ — کد ملی (national_id): این فرد از",
                 "ردیف ۴ — بخش (sector): بخش را"):
        assert line in result.output
    assert HOLDER in result.output


def test_import_jobs_refuses_an_unreadable_file_with_a_persian_message(runner, officer,
                                                                       tmp_path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text("نام,بخش\nعلی,صنعت\n", encoding="utf-8")
    result = runner.invoke(args=["import", "jobs", str(path), "--as", "officer"])
    assert result.exit_code == 1
    assert "وارد نشد" in result.output and "کد ملی" in result.output
    assert records() == []


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.PLACEMENT_OFFICER, Role.GRADUATE])
def test_import_jobs_refuses_an_account_that_is_not_an_agency_officer_or_the_admin(
        runner, make_user, sheet, role: Role) -> None:
    make_user(role, username="someone")
    result = runner.invoke(args=["import", "jobs", str(sheet([job(1)])), "--as", "someone"])
    assert result.exit_code == 1 and "اجازهٔ این کار را ندارد" in result.output
    assert records() == []


def test_import_jobs_by_the_admin_without_an_agency_column_exits_non_zero(runner, make_user,
                                                                          sheet) -> None:
    make_user(Role.ADMIN, username="boss")
    result = runner.invoke(args=["import", "jobs", str(sheet([job(1)])), "--as", "boss"])
    assert result.exit_code == 1 and "دستگاه اجرایی" in result.output
    assert records() == []


# The upload page

def upload(client: FlaskClient, path: Path, token: str) -> Any:
    return client.post(PAGE, data={"file": (io.BytesIO(path.read_bytes()), path.name),
                                   "csrf_token": token}, content_type="multipart/form-data")


def test_an_agency_officer_uploads_jobs_and_sees_the_summary(client, login, officer,
                                                             sheet) -> None:
    login(officer)
    page = client.get(PAGE).get_data(as_text=True)
    assert "کمیته امداد امام خمینی" in page
    response = upload(client, sheet([job(1), job(2, gender="")], name="jobs.xlsx"),
                      csrf_token(client, PAGE))
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert 'data-testid="job-import-summary"' in page and 'data-testid="registered">۱<' in page
    assert 'data-testid="refused-rows"' in page and "این بخش را پر کنید." in page
    assert [record.agency_id for record in records()] == [officer.agency_id]


def test_the_admin_uploads_jobs_naming_the_agency(client, login, make_user, sheet) -> None:
    get_or_create_agency("اداره کل بهزیستی")
    admin = make_user(Role.ADMIN)
    login(admin)
    response = upload(client, sheet([job(1, agency="اداره کل بهزیستی")], agency=True),
                      csrf_token(client, PAGE))
    assert response.status_code == 200
    assert [record.agency.name for record in records()] == ["اداره کل بهزیستی"]
    missing = upload(client, sheet([job(2)], name="plain.csv"), csrf_token(client, PAGE))
    assert missing.status_code == 400 and "(agency)" in missing.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER, Role.INSPECTOR,
                                  Role.PLACEMENT_OFFICER])
def test_the_job_import_page_is_forbidden_to_other_roles(client, login, make_user, sheet,
                                                         role: Role) -> None:
    login(make_user(role))
    assert client.get(PAGE).status_code == 403
    assert upload(client, sheet([job(1)]), csrf_token(client, "/")).status_code == 403
    assert records() == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_empty_template_filled_in_and_sent_back_registers_the_job(
        client, login, officer, tmp_path: Path, fmt: str) -> None:
    """The file the page offers is the one to fill: its headers are what the import reads, an
    agency officer's without the agency column (her rows are her agency's)."""
    login(officer)
    assert 'data-testid="job-template"' in client.get(PAGE).get_data(as_text=True)
    response = client.get(f"{PAGE}/template.{fmt}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    template = tmp_path / f"template.{fmt}"
    template.write_bytes(response.data)
    headers = read_headers(template)
    assert headers == [*PERSIAN_HEADERS, "تاریخ پایان"]  # the end: for a job already ended
    filled = write_sheet(tmp_path / f"filled.{fmt}", [[*row, ""] for row in rows([job(1)],
                                                                             HEADERS)], headers)
    answer = upload(client, filled, csrf_token(client, PAGE))
    assert 'data-testid="registered">۱<' in answer.get_data(as_text=True)
    assert [record.agency_id for record in records()] == [officer.agency_id]


def test_the_admins_template_has_the_agency_column_and_others_may_not_take_it(
        client, login, make_user, tmp_path: Path) -> None:
    login(make_user(Role.ADMIN))
    template = tmp_path / "template.csv"
    template.write_bytes(client.get(f"{PAGE}/template.csv").data)
    assert read_headers(template) == [*PERSIAN_HEADERS, "تاریخ پایان", "دستگاه اجرایی"]
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(make_user(Role.PLACEMENT_OFFICER))
    assert client.get(f"{PAGE}/template.xlsx").status_code == 403


def read_headers(path: Path) -> list[str]:
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return [cell for cell in next(workbook.worksheets[0].iter_rows(values_only=True))]
    finally:
        workbook.close()


def test_an_unknown_agency_is_not_created_by_an_import(officer, sheet) -> None:
    before = db.session.scalar(select(func.count(Agency.id)))
    run(officer, sheet([job(1, agency="سازمان ناشناخته")], agency=True))
    assert db.session.scalar(select(func.count(Agency.id))) == before


def with_new_unit_column(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    """A jobs file with the optional «واحد تازه» column after the others."""
    headers = [*HEADERS, "واحد تازه"]
    return write_sheet(tmp_path / "jobs-new-units.csv",
                       [[record.get(key, "") for key in (*HEADERS, "new_unit")]
                        for record in records], headers)


def test_a_unit_name_close_to_a_known_one_is_refused_naming_it_and_the_column(
        officer, sheet) -> None:
    """A file cannot be asked whether a unit is new, as the form is: the row is refused, as
    a vacancy row is, and nothing of it is written (no second unit for one employer)."""
    get_or_create_unit("بیمارستان خصوصی مهر")
    db.session.commit()
    units = db.session.scalar(select(func.count(IndustrialUnit.id)))
    result = run(officer, sheet([job(1, unit_name="بیمارستان  مهر", workshop_code="")]))
    assert result.registered == 0 and len(result.refused) == 1
    (column, reason), = result.refused[0].problems
    assert column == "نام واحد (unit_name)"
    assert "واحدی با نام «بیمارستان مهر» در بانک نیست" in reason
    assert "«بیمارستان خصوصی مهر»" in reason and "ستون «واحد تازه» (new_unit)" in reason
    assert db.session.scalar(select(func.count(IndustrialUnit.id))) == units
    assert records() == [] and db.session.scalar(select(func.count(Person.id))) == 0


def test_units_a_file_creates_are_listed_with_the_known_units_close_to_them(
        client, login, officer, tmp_path) -> None:
    """A row that says its unit is new registers it; the page lists the units the file
    created, with the known ones whose names come close, for a last look."""
    get_or_create_unit("بیمارستان خصوصی مهر")
    get_or_create_unit("کارگاه فرش دستباف", workshop_code="8800123")
    db.session.commit()
    login(officer)
    response = upload(client, with_new_unit_column(tmp_path, [
        job(1),  # the known unit
        job(2, unit_name="بیمارستان مهر", workshop_code="", new_unit="بله"),
        job(3, unit_name="بیمارستان مهر", workshop_code=""),  # created by row 2: known now
        job(4, unit_name="نانوایی سنگک امید", workshop_code=""),  # close to nothing
    ]), csrf_token(client, PAGE))
    page = response.get_data(as_text=True)
    assert 'data-testid="registered">۴<' in page
    listed = page[page.index('data-testid="new-units"'):]
    listed = listed[:listed.index("</section>")]
    assert listed.count("<li>") == 2
    assert "«بیمارستان مهر» — <strong>نزدیک به واحدهای موجود:</strong> «بیمارستان خصوصی مهر»" \
        in listed
    assert "<li>«نانوایی سنگک امید»</li>" in listed and "کارگاه فرش" not in listed


def test_the_empty_jobs_file_leaves_the_new_unit_column_out() -> None:
    assert "واحد تازه" not in job_import.template_headers(with_agency=True)


def test_a_jobs_file_of_headers_alone_says_it_held_no_rows(client, login, officer,
                                                          sheet) -> None:
    login(officer)
    page = upload(client, sheet([]), csrf_token(client, PAGE)).get_data(as_text=True)
    assert 'data-testid="no-rows"' in page and "ردیفی نداشت" in page
    assert records() == []
