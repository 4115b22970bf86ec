"""The employment dashboard: its figures checked against counts made here by plain Python over
a small county built for the test, the page, who may see which agency, and the exports."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import jdatetime
import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from databank.accounts.models import Role
from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.monitoring import dashboard
from databank.monitoring.models import Commitment, MonitoringRecord, RecordStatus
from databank.organisations.models import Agency, University
from databank.people.models import GraduateProfile, Person
from databank.vacancies.models import VacancyStatus
from databank.vocabulary import Gender, Sector
from matching import load_lexicon
from tests.conftest import valid_national_id

YEAR = 1403
MONTH_NAMES = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
               "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
F, M = Gender.FEMALE, Gender.MALE
IND, SRV, AGR = Sector.INDUSTRY, Sector.SERVICES, Sector.AGRICULTURE
REG, VER, REJ = RecordStatus.REGISTERED, RecordStatus.VERIFIED, RecordStatus.REJECTED


@dataclass(frozen=True)
class Someone:
    gender: Gender | None
    profile: bool = True
    university: str | None = None
    field: str = "کامپیوتر"
    code: str | None = None
    head: bool = False


# Persons: a profile (or none: registered outside the databank), university, field, head.
PEOPLE = {
    "p1": Someone(F, university="دانشگاه صنعتی اراک", code="computer-engineering", head=True),
    "p2": Someone(M, university="دانشگاه صنعتی اراک", field="باغبانی"),
    "p3": Someone(F, university="دانشگاه آزاد ساوه", code="computer-engineering"),
    "p4": Someone(F, profile=False),
    "p5": Someone(None, profile=False),
    "p6": Someone(M, field="نرم افزار", code="computer-software-engineering"),
    "p7": Someone(F, university="دانشگاه آزاد ساوه", field="نرم افزار",
                  code="computer-software-engineering", head=True),
    "p8": Someone(M, profile=False),
    "p9": Someone(F, university="دانشگاه آزاد ساوه", field="باغبانی", head=True),
}
# Jobs: agency, person, sector, Solar Hijri start, status, Solar Hijri end.
JOBS = [
    ("A", "p1", IND, (1403, 1, 1), VER, (1403, 5, 1)),  # first day of the year, ended since
    ("A", "p1", SRV, (1403, 6, 10), REG, None),
    ("A", "p2", AGR, (1403, 12, 30), VER, None),  # last day of the (leap) year
    ("A", "p3", IND, (1403, 3, 5), REJ, None),  # rejected: never counts
    ("A", "p4", SRV, (1402, 12, 29), VER, None),  # the year before
    ("A", "p6", SRV, (1403, 4, 4), REG, (1403, 8, 1)),
    ("A", "p9", IND, (1403, 1, 20), REJ, None),
    ("B", "p3", SRV, (1403, 7, 7), VER, None),
    ("B", "p5", IND, (1403, 2, 2), REG, None),
    ("B", "p6", IND, (1404, 1, 1), REG, None),  # the year after
    ("C", "p7", AGR, (1403, 9, 9), VER, None),  # an agency without a commitment
    ("C", "p8", SRV, (1403, 11, 11), REG, None),
    ("C", "p9", IND, (1403, 1, 25), VER, None),
]
TARGETS = {("A", 1403): 10, ("B", 1403): 4, ("D", 1403): 5, ("A", 1402): 50, ("C", 1404): 9}
AGENCY_NAMES = {"A": "آموزش فنی و حرفه‌ای", "B": "بنیاد برکت", "C": "کمیتهٔ امداد",
                "D": "جهاد کشاورزی"}


def gregorian(jalali: tuple[int, int, int] | None) -> date | None:
    return jdatetime.date(*jalali).togregorian() if jalali else None


def fa(value: object) -> str:
    return str(value).translate(TO_PERSIAN)


@pytest.fixture
def county(app) -> dict[str, Agency]:
    """The agencies, commitments, persons, profiles and jobs above, inserted directly."""
    agencies = {key: Agency(name=name) for key, name in AGENCY_NAMES.items()}
    universities: dict[str, University] = {}
    persons = {}
    for number, (key, someone) in enumerate(PEOPLE.items(), start=1):
        person = Person(national_id=valid_national_id(200_000_000 + number * 7),
                        first_name="فرد", last_name=key, gender=someone.gender)
        if someone.profile:
            university = None
            if someone.university:
                university = universities.setdefault(someone.university,
                                                     University(name=someone.university))
            person.profile = GraduateProfile(degree=3, field_of_study=someone.field,
                                             field_code=someone.code, university=university,
                                             head_of_household=someone.head)
        persons[key] = person
    db.session.add_all([*agencies.values(), *persons.values()])
    for (agency, year), target in TARGETS.items():
        db.session.add(Commitment(agency=agencies[agency], year=year, target=target))
    for agency, person, sector, start, status, end in JOBS:
        db.session.add(MonitoringRecord(
            agency=agencies[agency], person=persons[person], sector=sector,
            start_date=gregorian(start), end_date=gregorian(end), status=status,
            rejection_reason="بیمه ندارد" if status is REJ else None))
    db.session.commit()
    return agencies


def counted(agency: str | None = None) -> list[tuple]:
    """The jobs that count in YEAR (of `agency`), found by reading the table above."""
    return [job for job in JOBS if job[3][0] == YEAR and job[4] is not REJ
            and agency in (None, job[0])]


def tally(jobs: list[tuple], label) -> dict[str, tuple[int, int]]:
    registered = Counter(label(job) for job in jobs)
    verified = Counter(label(job) for job in jobs if job[4] is VER)
    return {key: (registered[key], verified[key]) for key in registered}


def as_dict(counts: list) -> dict[str, tuple[int, int]]:
    return {count.label: (count.registered, count.verified) for count in counts if count.registered}


def field_label(job: tuple) -> str:
    someone = PEOPLE[job[1]]
    if not someone.profile:
        return "نامشخص"
    return load_lexicon().fields[someone.code].name if someone.code else someone.field


# ---------------------------------------------------------------- figures


def test_the_county_summary_counts_registered_and_verified_jobs_against_commitments(
        county) -> None:
    summary = dashboard.county_summary(YEAR)
    jobs = counted()
    targets = {agency: target for (agency, year), target in TARGETS.items() if year == YEAR}
    assert summary.target == sum(targets.values()) == 19
    assert summary.registered == len(jobs) == 9
    assert summary.verified == sum(job[4] is VER for job in jobs) == 5
    assert summary.registered_percent == round(100 * 9 / 19, 1) == 47.4
    assert summary.verified_percent == round(100 * 5 / 19, 1)
    rows = {row.name: row for row in summary.agencies}
    assert set(rows) == {AGENCY_NAMES[key] for key in "ABCD"}
    for key in "ABCD":
        row, mine = rows[AGENCY_NAMES[key]], counted(key)
        target = targets.get(key)
        registered, verified = len(mine), sum(job[4] is VER for job in mine)
        assert (row.target, row.registered, row.verified) == (target, registered, verified)
        assert row.registered_percent == (round(100 * registered / target, 1) if target else None)
        assert row.verified_percent == (round(100 * verified / target, 1) if target else None)
    assert rows[AGENCY_NAMES["C"]].registered_percent is None  # no commitment: a dash
    assert rows[AGENCY_NAMES["D"]].registered_percent == 0.0
    # C's jobs count in the county's figure with no commitment below them: said on the page
    assert summary.uncommitted == len(counted("C")) == 3


def test_an_ended_job_still_counts_in_the_year_it_was_created(county) -> None:
    ended = [job for job in counted("A") if job[5] is not None]
    assert len(ended) == 2
    rows = {row.name: row for row in dashboard.county_summary(YEAR).agencies}
    assert rows[AGENCY_NAMES["A"]].registered == len(counted("A")) == 4


@pytest.mark.parametrize("agency", [None, "A", "B", "C"])
def test_breakdowns_count_each_job_by_sector_gender_head_university_field_and_month(
        county, agency) -> None:
    agency_id = county[agency].id if agency else None
    figures = dashboard.breakdown_counts(YEAR, agency_id)
    jobs = counted(agency)
    unknown = "نامشخص"

    def gender(job: tuple) -> str:
        value = PEOPLE[job[1]].gender
        return {F: "زن", M: "مرد", None: unknown}[value]

    def university(job: tuple) -> str:
        return PEOPLE[job[1]].university or unknown

    def is_head(job: tuple) -> bool:
        someone = PEOPLE[job[1]]
        return someone.profile and someone.head and someone.gender is F

    sector_names = {IND: "صنعت", SRV: "خدمات", AGR: "کشاورزی"}
    assert [count.label for count in figures.sectors] == ["صنعت", "خدمات", "کشاورزی"]
    assert as_dict(figures.sectors) == tally(jobs, lambda job: sector_names[job[2]])
    assert as_dict(figures.genders) == tally(jobs, gender)
    heads = tally([job for job in jobs if is_head(job)], lambda job: "زنان سرپرست خانوار")
    assert as_dict(figures.heads) == heads
    assert as_dict(figures.universities) == tally(jobs, university)
    assert as_dict(figures.fields) == tally(jobs, field_label)
    assert [count.label for count in figures.months] == list(MONTH_NAMES)
    assert as_dict(figures.months) == tally(jobs, lambda job: MONTH_NAMES[job[3][1] - 1])


def test_people_registered_outside_the_databank_count_under_unknown(county) -> None:
    figures = dashboard.breakdown_counts(YEAR)
    without_profile = [job for job in counted() if not PEOPLE[job[1]].profile]
    assert len(without_profile) == 2
    for counts in (figures.universities, figures.fields):
        assert counts[-1].label == "نامشخص"
    assert as_dict(figures.fields)["نامشخص"][0] == len(without_profile)


def test_a_county_can_go_beyond_its_commitment(client: FlaskClient, admin) -> None:
    agency = Agency(name="بهزیستی")
    db.session.add_all([agency, Commitment(agency=agency, year=YEAR, target=100)])
    start = gregorian((YEAR, 5, 1))
    for number in range(149):
        person = Person(national_id=valid_national_id(300_000_000 + number * 11),
                        first_name="فرد", last_name=str(number), gender=F)
        db.session.add(MonitoringRecord(person=person, agency=agency, sector=SRV,
                                        start_date=start,
                                        status=VER if number < 120 else REG))
    db.session.commit()
    summary = dashboard.county_summary(YEAR)
    assert (summary.registered_percent, summary.verified_percent) == (149.0, 120.0)
    assert summary.agencies[0].registered_percent == 149.0
    page = Tables(client.get(f"/dashboard/?year={YEAR}").get_data(as_text=True))
    assert page.values["county-registered-percent"] == "۱۴۹٫۰٪"
    assert page.tables["agencies"][1] == ["بهزیستی", fa(100), fa(149), fa(120), "۱۴۹٫۰", "۱۲۰٫۰"]


def test_the_pipeline_counts_open_positions_and_how_far_graduates_have_come(
        app, make_graduate, make_vacancy) -> None:
    graduates = [make_graduate() for _ in range(5)]
    vacancies = [make_vacancy(positions=2), make_vacancy(positions=3),
                 make_vacancy(positions=7)]
    vacancies[2].status = VacancyStatus.CLOSED
    statuses = {  # (graduate, vacancy): status
        (0, 0): ProposalStatus.PROPOSED, (0, 1): ProposalStatus.HIRED,
        (1, 0): ProposalStatus.INTRODUCED, (1, 1): ProposalStatus.INTERVIEWED,
        (2, 2): ProposalStatus.REJECTED, (3, 0): ProposalStatus.SHORTLISTED,
    }
    for rank, ((graduate, vacancy), status) in enumerate(statuses.items(), start=1):
        db.session.add(Proposal(
            profile=graduates[graduate], vacancy=vacancies[vacancy], score=80, rank=rank,
            status=status, rejection_reason="نامرتبط" if status is ProposalStatus.REJECTED
            else None))
    db.session.commit()

    def graduates_in(*wanted: ProposalStatus) -> int:
        return len({g for (g, _), status in statuses.items() if not wanted or status in wanted})

    state = dashboard.pipeline_counts()
    open_ones = [v for v in vacancies if v.status is VacancyStatus.OPEN]
    assert (state.open_vacancies, state.open_positions) == (len(open_ones), 5)
    assert state.graduates == len(graduates)
    assert state.proposed == graduates_in() == 4
    assert state.introduced == graduates_in(ProposalStatus.INTRODUCED,
                                            ProposalStatus.INTERVIEWED,
                                            ProposalStatus.HIRED) == 2
    assert state.hired == graduates_in(ProposalStatus.HIRED) == 1


# ---------------------------------------------------------------- the page


class Tables(HTMLParser):
    """The text of every <table data-table=...> cell, row by row, and the data-testid values."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.values: dict[str, str] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._testid: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "table" and "data-table" in attributes:
            self._table = attributes["data-table"]
            self.tables[self._table] = []
        elif self._table and tag == "tr":
            self.tables[self._table].append([])
        elif self._table and tag in ("td", "th"):
            self._cell = []
        if "data-testid" in attributes:
            self._testid = attributes["data-testid"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        self._testid = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._testid and data.strip():
            self.values[self._testid] = data.strip()


def shown(value: object) -> str:
    """A cell as the page shows it: Persian digits, one decimal for a percentage after the
    Persian decimal separator."""
    if isinstance(value, float):
        return fa(f"{value:.1f}").replace(".", "٫")
    if isinstance(value, int):
        return fa(value)
    return str(value)


@pytest.fixture
def admin(make_user, login):
    user = make_user(Role.ADMIN)
    login(user)
    return user


def test_the_admin_sees_the_years_figures_on_the_page(client: FlaskClient, county,
                                                      admin) -> None:
    response = client.get(f"/dashboard/?year={YEAR}")
    assert response.status_code == 200
    page = Tables(response.get_data(as_text=True))
    assert page.values["county-target"] == fa(19)
    assert page.values["county-registered"] == fa(len(counted()))
    assert page.values["county-verified"] == fa(5)
    assert page.values["county-registered-percent"] == "۴۷٫۴٪"
    assert "۳ اشتغال ثبت‌شدهٔ این سال از دستگاه‌هایی است که برای این سال تعهدی ندارند" in \
        response.get_data(as_text=True)
    assert page.values["breakdown-scope"].endswith("کل شهرستان")
    agencies = {row[0]: row[1:] for row in page.tables["agencies"][1:]}
    assert agencies[AGENCY_NAMES["A"]] == [fa(10), fa(4), fa(2), "۴۰٫۰", "۲۰٫۰"]
    assert agencies[AGENCY_NAMES["C"]] == ["—", fa(3), fa(2), "—", "—"]
    assert agencies["جمع شهرستان"] == [fa(19), fa(9), fa(5), "۴۷٫۴", "۲۶٫۳"]
    months = {row[0]: row[1:] for row in page.tables["months"][1:]}
    assert months["فروردین"] == [fa(2), fa(2)]
    assert set(page.tables) == set(dashboard.TABLES)


def test_the_page_shows_one_agencys_breakdown_when_asked(client: FlaskClient, county,
                                                         admin) -> None:
    response = client.get(f"/dashboard/?year={YEAR}&agency={county['B'].id}")
    page = Tables(response.get_data(as_text=True))
    assert page.values["breakdown-scope"].endswith(AGENCY_NAMES["B"])
    sectors = {row[0]: row[1:] for row in page.tables["sectors"][1:]}
    assert sectors == {"صنعت": [fa(1), fa(0)], "خدمات": [fa(1), fa(1)],
                       "کشاورزی": [fa(0), fa(0)], "جمع": [fa(2), fa(1)]}
    assert page.values["county-registered"] == fa(9)  # the county summary stays


def test_the_year_defaults_to_the_current_solar_hijri_year(client: FlaskClient, admin) -> None:
    year = jdatetime.date.today().year
    page = client.get("/dashboard/").get_data(as_text=True)
    assert f"داشبورد رصد اشتغال سال {fa(year)}" in page
    assert f'<option value="{year}" selected>' in page


@pytest.mark.parametrize(("query", "status"), [
    ("year=abc", 400), ("year=1200", 400), ("agency=x1", 404), ("agency=99999", 404)])
def test_a_bad_year_or_an_unknown_agency_is_refused(client: FlaskClient, admin, query: str,
                                                    status: int) -> None:
    assert client.get(f"/dashboard/?{query}").status_code == status


def test_a_year_may_be_typed_in_persian_digits(client: FlaskClient, admin) -> None:
    page = client.get("/dashboard/?year=۱۴۰۲").get_data(as_text=True)
    assert "داشبورد رصد اشتغال سال ۱۴۰۲" in page


def test_the_page_has_no_inline_script_style_or_handler(client: FlaskClient, county,
                                                        admin) -> None:
    page = client.get(f"/dashboard/?year={YEAR}").get_data(as_text=True)

    class Inline(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            attributes = dict(attrs)
            if tag == "script" and "src" not in attributes and \
                    attributes.get("type") != "application/json":
                self.found.append("inline script")
            if tag == "style" or "style" in attributes:
                self.found.append(f"style on {tag}")
            self.found += [name for name in attributes if name.startswith("on")]

    parser = Inline()
    parser.feed(page)
    assert parser.found == []
    assert 'src="/static/vendor/chartjs/chart.umd.js"' in page
    assert 'src="/static/js/dashboard.js"' in page
    assert page.count("<canvas data-chart=") == 5


# ---------------------------------------------------------------- access


def test_an_agency_officer_sees_the_county_but_only_her_own_agencys_breakdown(
        client: FlaskClient, county, make_user, login) -> None:
    login(make_user(Role.AGENCY_OFFICER, agency_id=county["A"].id))
    response = client.get(f"/dashboard/?year={YEAR}")
    assert response.status_code == 200
    page = Tables(response.get_data(as_text=True))
    assert page.values["breakdown-scope"].endswith(AGENCY_NAMES["A"])
    assert page.values["county-registered"] == fa(9)
    assert len(page.tables["agencies"]) == 1 + 4 + 1  # every agency and the county total
    sectors = {row[0]: row[1] for row in page.tables["sectors"][1:]}
    assert sectors["جمع"] == fa(len(counted("A")))
    assert "کل شهرستان</option>" not in response.get_data(as_text=True)
    other = county["B"].id
    assert client.get(f"/dashboard/?year={YEAR}&agency={other}").status_code == 404
    assert client.get(f"/dashboard/export/sectors.csv?agency={other}").status_code == 404
    assert client.get(f"/dashboard/?agency={county['A'].id}").status_code == 200
    assert client.get(f"/dashboard/export/agencies.csv?year={YEAR}").status_code == 200


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.PLACEMENT_OFFICER])
def test_inspectors_and_placement_officers_see_any_agency(client: FlaskClient, county,
                                                           make_user, login, role) -> None:
    login(make_user(role))
    assert client.get(f"/dashboard/?year={YEAR}").status_code == 200
    assert client.get(f"/dashboard/?year={YEAR}&agency={county['C'].id}").status_code == 200
    assert client.get(f"/dashboard/export/fields.xlsx?agency={county['C'].id}"
                      ).status_code == 200


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.EMPLOYER])
def test_graduates_and_employers_are_refused_the_dashboard(client: FlaskClient, make_user,
                                                           login, role) -> None:
    login(make_user(role))
    for url in ("/dashboard/", "/dashboard/export/agencies.csv",
                "/dashboard/export/months.xlsx"):
        assert client.get(url).status_code == 403


def test_a_visitor_is_sent_to_log_in(client: FlaskClient) -> None:
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# ---------------------------------------------------------------- exports


def read_csv(data: bytes) -> list[list[object]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads the Persian
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes) -> list[list[object]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [list(row) for row in workbook.active.iter_rows(values_only=True)]
    finally:
        workbook.close()


def as_page(value: object) -> str:
    """An exported cell written as the page writes it."""
    if isinstance(value, str):
        try:
            value = float(value) if "." in value else int(value)
        except ValueError:
            return value
    return shown(value)


def comparable(shown_value: str) -> object:
    """A cell as a number where it is one (XLSX keeps 40.0 as the number 40), else its text."""
    ascii_value = shown_value.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789."))
    try:
        return float(ascii_value)
    except ValueError:
        return shown_value


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_table_exports_with_the_pages_contents(client: FlaskClient, county, admin,
                                                     fmt: str) -> None:
    agency = county["A"].id
    page = Tables(client.get(f"/dashboard/?year={YEAR}&agency={agency}").get_data(as_text=True))
    for name in dashboard.TABLES:
        response = client.get(f"/dashboard/export/{name}.{fmt}?year={YEAR}&agency={agency}")
        assert response.status_code == 200
        if fmt == "csv":
            assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        else:
            assert response.headers["Content-Type"] == (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        disposition = response.headers["Content-Disposition"]
        scope = f"-agency-{agency}" if name in dashboard.BREAKDOWN_TABLES else ""
        assert disposition == f"attachment; filename=dashboard-{name}-{YEAR}{scope}.{fmt}"
        rows = (read_csv if fmt == "csv" else read_xlsx)(response.data)
        assert rows[0] == page.tables[name][0], name  # the Persian headers
        assert [[comparable(as_page(value)) for value in row] for row in rows[1:]] == \
            [[comparable(value) for value in row] for row in page.tables[name][1:]], name


def test_exported_counts_are_numbers_and_a_missing_percentage_a_dash(client: FlaskClient,
                                                                     county, admin) -> None:
    rows = read_xlsx(client.get(f"/dashboard/export/agencies.xlsx?year={YEAR}").data)
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name[AGENCY_NAMES["A"]][:3] == [10, 4, 2]
    assert by_name[AGENCY_NAMES["A"]][3:] == [40.0, 20.0]
    assert all(isinstance(value, int | float) for value in by_name[AGENCY_NAMES["A"]][3:])
    assert by_name[AGENCY_NAMES["C"]] == ["—", 3, 2, "—", "—"]


def test_a_year_without_any_commitment_reads_a_dash_for_the_county_not_zero(
        client: FlaskClient, county, admin) -> None:
    """No agency was given a commitment for 1401: the county's «تعهد» is not set, as each
    agency's is, rather than a commitment of 0."""
    rows = read_xlsx(client.get("/dashboard/export/agencies.xlsx?year=1401").data)
    footer = rows[-1]
    assert footer[0] == "جمع شهرستان" and footer[1] == "—"
    page = client.get("/dashboard/?year=1401").get_data(as_text=True)
    assert re.search(r'data-testid="county-target"[^>]*>\s*ثبت نشده', page)


def test_a_year_with_jobs_and_no_commitment_says_no_percentage_is_computed(
        client: FlaskClient, county, admin) -> None:
    """1401 has no commitment at all: its jobs count, and the note does not claim a county
    percentage that the page shows as a dash."""
    someone = Person(national_id=valid_national_id(300_000_001), first_name="فرد",
                     last_name="نو", gender=Gender.FEMALE)
    db.session.add(MonitoringRecord(agency=county["A"], person=someone, sector=Sector.SERVICES,
                                    start_date=gregorian((1401, 5, 1)),
                                    status=RecordStatus.REGISTERED))
    db.session.commit()
    page = client.get("/dashboard/?year=1401").get_data(as_text=True)
    note = re.search(r'data-testid="uncommitted">(.*?)</p>', page, re.S).group(1)
    assert "هیچ دستگاهی تعهدی ندارد" in note and "تا ثبت تعهدها حساب نمی‌شود" in note
    assert "در «اشتغال ثبت‌شده» و درصد تحقق شهرستان شمرده" not in note
