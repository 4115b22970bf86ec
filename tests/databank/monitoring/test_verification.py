"""Bulk verification against a social-insurance list: the service, `databank verify insured`
and the upload page, on a real database."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, timedelta
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
from databank.jalali import persian_digits
from databank.monitoring import verification
from databank.monitoring.models import MonitoringRecord, RecordStatus
from databank.monitoring.services import create_record, decide
from databank.organisations.services import get_or_create_agency, get_or_create_unit
from databank.people.models import Person
from databank.vocabulary import Gender, Sector
from tests.conftest import csrf_token, database_refuses, valid_national_id, write_xlsx

START = jdatetime.date(1403, 5, 1).togregorian()  # 2024-07-22
HEADERS = ["national_id", "workshop_code", "employer_name", "start_date"]
PERSIAN_HEADERS = ["کد ملی", "کد کارگاه", "نام کارفرما", "تاریخ شروع بیمه"]
WORKSHOP = "5100037"
PAGE = "/monitoring/verification/insured"


def jalali(day: date) -> str:
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


def insured(national_id: str, workshop_code: str = WORKSHOP, days: int = 0,
            employer: str = "فولاد مرکزی") -> list[Any]:
    """An insurance row: insured at `workshop_code` from `days` after the job's start."""
    return [national_id, workshop_code, employer, jalali(START + timedelta(days=days))]


def write_sheet(path: Path, rows: Sequence[Sequence[Any]],
                headers: Sequence[str] = HEADERS) -> Path:
    if path.suffix == ".xlsx":
        return write_xlsx(path, headers, rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture
def sheet(tmp_path: Path) -> Callable[..., Path]:
    def build(rows: Sequence[Sequence[Any]], name: str = "insurance.csv",
              headers: Sequence[str] = HEADERS) -> Path:
        return write_sheet(tmp_path / name, rows, headers)

    return build


@pytest.fixture
def inspector(make_user: Callable[..., User]) -> User:
    return make_user(Role.INSPECTOR, username="inspector")


@pytest.fixture
def make_job(app: Any) -> Callable[..., MonitoringRecord]:
    """Builder: a committed registered job of a new person at the unit with `workshop_code`
    (None: a unit without a code), starting on START unless told."""
    counter = iter(range(1, 10_000))

    def build(workshop_code: str | None = WORKSHOP, start: date = START,
              national_id: str | None = None) -> MonitoringRecord:
        number = next(counter)
        person = Person(national_id=national_id or valid_national_id(200_000_000 + number),
                        first_name="علی", last_name=f"رضایی {number}", gender=Gender.MALE)
        unit = get_or_create_unit(f"کارخانهٔ {workshop_code or number}",
                                  workshop_code=workshop_code)
        record = create_record(None, person, get_or_create_agency("سازمان صنعت، معدن و تجارت"),
                               sector=Sector.INDUSTRY, start_date=start, unit=unit)
        db.session.commit()
        return record

    return build


def verify(actor: User, path: Path) -> verification.VerificationResult:
    """What a caller does: read, verify, commit once."""
    result = verification.verify_insured(actor, verification.read_insurance_list(path))
    db.session.commit()
    return result


def status(record: MonitoringRecord) -> RecordStatus:
    db.session.refresh(record)
    return record.status


def audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                   .order_by(AuditEntry.id)))


def reasons(result: verification.VerificationResult) -> dict[int, str]:
    return {line.record_id: line.reason for line in result.pending}


# The service

def test_a_person_insured_at_the_units_workshop_from_the_start_is_verified_and_audited(
        inspector, make_job, sheet) -> None:
    record = make_job()
    result = verify(inspector, sheet([insured(record.person.national_id, days=10)]))
    assert [line.record_id for line in result.verified] == [record.id]
    assert result.pending == [] and result.unmatched == [] and result.refused == ()
    assert status(record) is RecordStatus.VERIFIED
    assert record.verified_by_id == inspector.id and record.verified_at is not None
    [entry] = audit("verify_job")
    assert (entry.entity, entry.entity_id, entry.actor_id) == ("monitoring_record", record.id,
                                                               inspector.id)
    assert (entry.from_state, entry.to_state) == ("registered", "verified")
    assert entry.details["source"] == "insurance_list"
    assert entry.details["workshop_code"] == WORKSHOP and entry.details["row"] == 2
    [run] = audit("verify_insured")
    assert run.details["verified"] == 1 and run.details["file"] == "insurance.csv"


def test_a_person_missing_from_the_list_stays_registered_and_is_listed_with_the_reason(
        inspector, make_job, sheet) -> None:
    listed, missing = make_job(), make_job()
    result = verify(inspector, sheet([insured(listed.person.national_id)]))
    assert status(missing) is RecordStatus.REGISTERED
    assert reasons(result) == {missing.id: verification.NO_INSURANCE}
    assert result.pending[0].national_id == missing.person.national_id
    assert audit("verify_job")[0].entity_id == listed.id


def test_a_person_insured_at_another_workshop_stays_registered(inspector, make_job,
                                                               sheet) -> None:
    record = make_job()
    result = verify(inspector, sheet([insured(record.person.national_id, "7654321")]))
    assert status(record) is RecordStatus.REGISTERED and result.verified == []
    assert "کارگاه دیگری" in reasons(result)[record.id]
    assert "۷۶۵۴۳۲۱" in reasons(result)[record.id]
    assert persian_digits(WORKSHOP) in reasons(result)[record.id]
    [row] = result.unmatched
    code = persian_digits(WORKSHOP)
    assert row.row == 2 and f"واحد ثبت‌شده: «{record.unit.name}» (کد {code})" in row.reason


@pytest.mark.parametrize(("days", "words"), [
    (-400, "پیش از شروع"), (-46, "پیش از شروع"), (61, "پس از شروع"), (365, "پس از شروع"),
])
def test_insurance_starting_long_before_or_long_after_the_job_leaves_it_registered(
        inspector, make_job, sheet, days: int, words: str) -> None:
    record = make_job()
    result = verify(inspector, sheet([insured(record.person.national_id, days=days)]))
    assert status(record) is RecordStatus.REGISTERED and result.verified == []
    assert words in reasons(result)[record.id]
    assert result.unmatched == []  # the row is explained beside its record


@pytest.mark.parametrize("days", [-verification.INSURANCE_WINDOW.days_before, -1, 0,
                                  verification.INSURANCE_WINDOW.days_after])
def test_insurance_starting_within_the_window_verifies(inspector, make_job, sheet,
                                                       days: int) -> None:
    record = make_job()
    verify(inspector, sheet([insured(record.person.national_id, days=days)]))
    assert status(record) is RecordStatus.VERIFIED


def test_one_row_inside_the_window_is_enough_among_several(inspector, make_job, sheet) -> None:
    record = make_job()
    national_id = record.person.national_id
    verify(inspector, sheet([insured(national_id, "7654321"), insured(national_id, days=-300),
                             insured(national_id, days=20)]))
    assert status(record) is RecordStatus.VERIFIED
    assert audit("verify_job")[0].details["row"] == 4


def test_a_unit_without_a_workshop_code_is_given_as_the_reason(inspector, make_job,
                                                               sheet) -> None:
    record = make_job(workshop_code=None)
    result = verify(inspector, sheet([insured(record.person.national_id)]))
    assert status(record) is RecordStatus.REGISTERED
    assert "کد کارگاه بیمه ندارد" in reasons(result)[record.id]
    assert "بدون کد کارگاه" in result.unmatched[0].reason


def test_rejected_records_are_not_touched_and_ended_ones_are_verified(inspector, make_job,
                                                                     sheet) -> None:
    """A job that has since ended was a job of its year: the list proves it as well."""
    rejected, ended = make_job(), make_job()
    decide(inspector, rejected.id, False, "در بازدید، فرد در محل کار نبود.")
    ended.end_date = START + timedelta(days=90)
    db.session.commit()
    rows = [insured(rejected.person.national_id), insured(ended.person.national_id)]
    result = verify(inspector, sheet(rows))
    assert status(rejected) is RecordStatus.REJECTED and status(ended) is RecordStatus.VERIFIED
    assert rejected.rejection_reason == "در بازدید، فرد در محل کار نبود."
    assert [line.record_id for line in result.verified] == [ended.id]
    assert [entry.entity_id for entry in audit("verify_job")] == [ended.id]
    assert [row.reason for row in result.unmatched] == [verification.NO_RECORD]


def test_a_second_run_verifies_nothing_new_and_changes_nothing(inspector, make_job,
                                                               sheet) -> None:
    matched, missing = make_job(), make_job()
    path = sheet([insured(matched.person.national_id), insured(valid_national_id(999))])
    first = verify(inspector, path)
    verified_at = matched.verified_at
    second = verify(inspector, path)
    assert (len(first.verified), len(second.verified)) == (1, 0)
    assert status(matched) is RecordStatus.VERIFIED and matched.verified_at == verified_at
    assert status(missing) is RecordStatus.REGISTERED
    assert reasons(second) == reasons(first) == {missing.id: verification.NO_INSURANCE}
    assert [r.row for r in second.unmatched] == [r.row for r in first.unmatched] == [3]
    assert len(audit("verify_job")) == 1


def test_unreadable_rows_are_reported_with_row_numbers_and_persian_reasons(
        inspector, make_job, sheet) -> None:
    record = make_job()
    result = verify(inspector, sheet([
        ["0013542418", WORKSHOP, "", "1403/05/01"],  # check digit
        insured(record.person.national_id),
        [valid_national_id(5), WORKSHOP, "", "1403/13/01"],
        [valid_national_id(6), "", "", "22/07/2024"],
        ["1111111111", WORKSHOP, "", ""],
    ]))
    assert status(record) is RecordStatus.VERIFIED and result.rows_read == 5
    refused = {row.row: row.reason for row in result.refused}
    assert sorted(refused) == [2, 4, 5, 6]
    assert refused[2].startswith("کد ملی (national_id): ") and "رقم کنترل" in refused[2]
    assert "تقویم شمسی" in refused[4]
    assert "کد کارگاه را وارد کنید" in refused[5] and "میلادی" in refused[5]
    assert "ارقام یکسان" in refused[6] and "تاریخ شروع بیمه را وارد کنید" in refused[6]


def test_insurance_rows_matching_no_record_are_listed(inspector, make_job, sheet) -> None:
    make_job()
    stranger = valid_national_id(4242)
    result = verify(inspector, sheet([insured(stranger, employer="نساجی شهر")]))
    [row] = result.unmatched
    assert (row.row, row.national_id, row.employer_name) == (2, stranger, "نساجی شهر")
    assert row.start_date == START and row.reason == verification.NO_RECORD


def test_an_xlsx_list_with_persian_headers_digits_and_lost_leading_zeros_verifies(
        inspector, make_job, sheet) -> None:
    national_id = valid_national_id(1354241)  # 0013542419
    record = make_job(workshop_code="0071234", national_id=national_id)
    path = sheet([[int(national_id), 71234, "فولاد", "۱۴۰۳/۰۵/۱۰"]], name="bime.xlsx",
                 headers=PERSIAN_HEADERS)
    result = verify(inspector, path)
    assert [line.record_id for line in result.verified] == [record.id]
    assert status(record) is RecordStatus.VERIFIED


def test_a_csv_list_with_persian_and_arabic_digits_verifies(inspector, make_job,
                                                            sheet) -> None:
    national_id = valid_national_id(2468013)  # 0024680133
    record = make_job(national_id=national_id)
    persian = national_id.lstrip("0").translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    arabic_code = WORKSHOP.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    path = sheet([[persian, arabic_code, "", "۱۴۰۳-۰۵-۰۱"]], headers=PERSIAN_HEADERS)
    assert verify(inspector, path).verified[0].record_id == record.id


def test_a_list_without_its_required_columns_is_unreadable(inspector, make_job,
                                                          sheet) -> None:
    record = make_job()
    path = sheet([[record.person.national_id, "1403/05/01"]],
                 headers=["کد ملی", "تاریخ شروع بیمه"])
    with pytest.raises(UnreadableFile, match="کد کارگاه"):
        verification.read_insurance_list(path)
    assert status(record) is RecordStatus.REGISTERED


def test_only_an_inspector_or_the_admin_may_verify(make_user, make_job, sheet) -> None:
    from databank.errors import NotAllowed

    record = make_job()
    insurance = verification.read_insurance_list(sheet([insured(record.person.national_id)]))
    with pytest.raises(NotAllowed):
        verification.verify_insured(make_user(Role.AGENCY_OFFICER), insurance)
    verification.verify_insured(make_user(Role.ADMIN), insurance)
    assert status(record) is RecordStatus.VERIFIED


def audit_refuses(record_id: int) -> Any:
    """The database refuses the audit entry of one record's verification (a real trigger):
    a failure midway through a run."""
    return database_refuses(
        "audit_log", f"NEW.action = 'verify_job' AND NEW.entity_id = {record_id}")


def test_a_failure_midway_verifies_nothing(runner, inspector, make_job, sheet) -> None:
    first, second = make_job(), make_job()
    path = sheet([insured(first.person.national_id), insured(second.person.national_id)])
    with audit_refuses(second.id):
        result = runner.invoke(args=["verify", "insured", str(path), "--as", "inspector"])
    assert result.exit_code != 0 and result.exception is not None
    assert status(first) is RecordStatus.REGISTERED and first.verified_by_id is None
    assert status(second) is RecordStatus.REGISTERED
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(
        AuditEntry.action.in_(["verify_job", "verify_insured"]))) == 0


# The command

def test_verify_insured_prints_a_persian_summary_and_exits_zero(runner, inspector, make_job,
                                                                sheet) -> None:
    matched, elsewhere = make_job(), make_job()
    path = sheet([insured(matched.person.national_id),
                  insured(elsewhere.person.national_id, "7654321"),
                  ["123", WORKSHOP, "", "1403/05/01"],
                  insured(valid_national_id(4242))])
    result = runner.invoke(args=["verify", "insured", str(path), "--as", "inspector"])
    assert result.exit_code == 0, result.output
    for line in ("ردیف‌های خوانده‌شده: ۴", "تأییدشده در این اجرا: ۱",
                 "همچنان در انتظار راستی‌آزمایی: ۱", "ردیف‌های بیمهٔ بی‌سابقه در بانک: ۲",
                 "ردیف‌های ردشده: ۱", "ردیف ۴ — کد ملی (national_id): کد ملی باید ۱۰ رقم باشد.",
                 "۴۵ روز پیش تا ۶۰ روز پس", verification.NO_RECORD):
        assert line in result.output
    assert f"{elsewhere.person.full_name} ({elsewhere.person.national_id})" in result.output
    assert status(matched) is RecordStatus.VERIFIED
    again = runner.invoke(args=["verify", "insured", str(path), "--as", "inspector"])
    assert again.exit_code == 0 and "تأییدشده در این اجرا: ۰" in again.output


def test_the_admin_may_verify_from_the_command_line(runner, make_user, make_job,
                                                    sheet) -> None:
    make_user(Role.ADMIN, username="boss")
    record = make_job()
    result = runner.invoke(args=["verify", "insured", str(sheet([insured(
        record.person.national_id)])), "--as", "boss"])
    assert result.exit_code == 0, result.output
    assert status(record) is RecordStatus.VERIFIED


@pytest.mark.parametrize("name", ["list.txt", "broken.xlsx", "missing.csv"])
def test_verify_insured_refuses_an_unreadable_file_with_a_persian_message(
        runner, inspector, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name != "missing.csv":
        path.write_bytes(b"not a table")
    result = runner.invoke(args=["verify", "insured", str(path), "--as", "inspector"])
    assert result.exit_code == 1
    assert "خوانده نشد" in result.output and "هیچ سابقه‌ای تغییر نکرد" in result.output


@pytest.mark.parametrize("role", [Role.AGENCY_OFFICER, Role.PLACEMENT_OFFICER, Role.EMPLOYER,
                                  Role.GRADUATE])
def test_verify_insured_refuses_an_account_that_is_not_an_inspector_or_the_admin(
        runner, make_user, make_job, sheet, role: Role) -> None:
    make_user(role, username="someone")
    record = make_job()
    path = sheet([insured(record.person.national_id)])
    result = runner.invoke(args=["verify", "insured", str(path), "--as", "someone"])
    assert result.exit_code == 1
    assert "اجازهٔ این کار را ندارد" in result.output and role.label in result.output
    assert status(record) is RecordStatus.REGISTERED


@pytest.mark.parametrize("args", [[], ["--as", "nobody"]])
def test_verify_insured_without_a_known_acting_account_is_refused(runner, inspector,
                                                                  sheet, args) -> None:
    result = runner.invoke(args=["verify", "insured", str(sheet([])), *args])
    assert result.exit_code == 1
    assert "--as" in result.output or "«nobody»" in result.output


# The upload page

def upload(client: FlaskClient, path: Path, token: str | None) -> Any:
    data: dict[str, Any] = {"file": (io.BytesIO(path.read_bytes()), path.name)}
    if token:
        data["csrf_token"] = token
    return client.post(PAGE, data=data, content_type="multipart/form-data")


def test_an_inspector_uploads_the_list_and_sees_the_summary_as_tables(
        client, login, inspector, make_job, sheet) -> None:
    matched, missing = make_job(), make_job()
    path = sheet([insured(matched.person.national_id), insured(valid_national_id(4242)),
                  ["12", WORKSHOP, "", "1403/05/01"]], name="bime.xlsx")
    login(inspector)
    response = upload(client, path, csrf_token(client, PAGE))
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert 'data-testid="verification-summary"' in page and "«bime.xlsx»" in page
    for testid in ("verified-records", "pending-records", "unmatched-rows", "refused-rows"):
        assert f'data-testid="{testid}"' in page
    assert 'data-testid="verified">۱<' in page and 'data-testid="pending">۱<' in page
    assert verification.NO_INSURANCE in page and verification.NO_RECORD in page
    assert missing.person.full_name in page
    assert status(matched) is RecordStatus.VERIFIED
    assert audit("verify_job")[0].actor_id == inspector.id


def test_an_unreadable_upload_is_answered_in_persian_beside_the_file_field(
        client, login, inspector, tmp_path: Path) -> None:
    login(inspector)
    path = tmp_path / "list.txt"
    path.write_text("national_id\n")
    response = upload(client, path, csrf_token(client, PAGE))
    assert response.status_code == 400
    assert "قالب فایل پشتیبانی نمی‌شود" in response.get_data(as_text=True)


def test_an_upload_without_the_csrf_token_is_refused(client, login, inspector, make_job,
                                                     sheet) -> None:
    record = make_job()
    login(inspector)
    response = upload(client, sheet([insured(record.person.national_id)]), token=None)
    assert response.status_code == 400
    assert status(record) is RecordStatus.REGISTERED


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER, Role.AGENCY_OFFICER,
                                  Role.PLACEMENT_OFFICER])
def test_the_upload_page_is_forbidden_to_other_roles(client, login, make_user, make_job,
                                                     sheet, role: Role) -> None:
    record = make_job()
    login(make_user(role))
    assert client.get(PAGE).status_code == 403
    response = upload(client, sheet([insured(record.person.national_id)]),
                      csrf_token(client, "/"))
    assert response.status_code == 403
    assert status(record) is RecordStatus.REGISTERED


def test_the_upload_page_asks_for_a_login(client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
