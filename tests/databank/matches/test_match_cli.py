"""`databank match` stores ranked proposals and never disturbs the ones people acted on."""

from __future__ import annotations

from sqlalchemy import func, select

from databank.db import db
from databank.matches.models import Proposal, ProposalStatus
from databank.vacancies.models import VacancyStatus


def proposals() -> list[Proposal]:
    return list(db.session.scalars(select(Proposal).order_by(Proposal.vacancy_id,
                                                             Proposal.rank)))


def test_match_ranks_candidates_per_vacancy_among_consenting_graduates(
        runner, make_graduate, make_vacancy) -> None:
    for number in range(5):
        make_graduate(skills=["پایتون"] if number % 2 else ["پایتون", "جنگو", "SQL"])
    hidden = make_graduate(consent=False)
    make_vacancy(skills=["پایتون", "جنگو", "SQL"])
    make_vacancy(skills=["پایتون"], status=VacancyStatus.PAUSED)
    result = runner.invoke(args=["match", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "۳ پیشنهاد تطبیق ذخیره شد" in result.output
    rows = proposals()
    assert [p.rank for p in rows] == [1, 2, 3]
    assert [p.score for p in rows] == sorted((p.score for p in rows), reverse=True)
    assert all(p.reasons for p in rows)
    assert hidden.id not in {p.profile_id for p in rows}
    assert {p.vacancy.status for p in rows} == {VacancyStatus.OPEN}


def test_a_rerun_keeps_the_proposals_people_acted_on(runner, make_graduate,
                                                    make_vacancy) -> None:
    graduates = [make_graduate() for _ in range(3)]
    vacancy = make_vacancy()
    runner.invoke(args=["match"])
    taken = db.session.scalar(select(Proposal).where(Proposal.profile_id == graduates[0].id))
    taken.status = ProposalStatus.SHORTLISTED
    taken.office_id = None
    liked = db.session.scalar(select(Proposal).where(Proposal.profile_id == graduates[1].id))
    liked.graduate_interested = True
    db.session.commit()
    vacancy.skills = ["اکسل"]
    vacancy.fields = ["حسابداری"]
    db.session.commit()
    result = runner.invoke(args=["match", "--top", "1"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    kept = {p.profile_id: p for p in proposals()}
    assert kept[graduates[0].id].status is ProposalStatus.SHORTLISTED
    assert kept[graduates[1].id].graduate_interested
    assert graduates[2].id not in kept  # untouched and no longer in the top 1: replaced


def test_match_one_vacancy_by_ref(runner, make_graduate, make_vacancy) -> None:
    make_graduate()
    make_vacancy(ref="A-1")
    make_vacancy(ref="B-2")
    result = runner.invoke(args=["match", "--vacancy", "B-2"])
    assert result.exit_code == 0
    assert {p.vacancy.ref for p in proposals()} == {"B-2"}
    missing = runner.invoke(args=["match", "--vacancy", "NOPE"])
    assert missing.exit_code != 0 and "پیدا نشد" in missing.output
    assert db.session.scalar(select(func.count(Proposal.id))) == 1


def test_export_matches_as_csv_and_xlsx(runner, make_graduate, make_vacancy, tmp_path) -> None:
    import csv

    from openpyxl import load_workbook

    graduates = [make_graduate(skills=["پایتون", "جنگو"] if n % 2 else ["پایتون"])
                 for n in range(4)]
    make_vacancy(ref="W-1", skills=["پایتون", "جنگو"])
    make_vacancy(ref="W-2", skills=["پایتون"])
    runner.invoke(args=["match"])
    result = runner.invoke(args=["export", "matches", str(tmp_path / "m.csv")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "m.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["vacancy_ref", "unit_name", "national_id", "rank", "score",
                             "reasons", "status"]
    assert len(rows) == db.session.scalar(select(func.count(Proposal.id)))
    ids = {g.person.national_id for g in graduates}
    for ref in ("W-1", "W-2"):
        mine = [r for r in rows if r["vacancy_ref"] == ref]
        assert [int(r["rank"]) for r in mine] == list(range(1, len(mine) + 1))
        scores = [float(r["score"]) for r in mine]
        assert scores == sorted(scores, reverse=True)
        assert {r["national_id"] for r in mine} <= ids and all(r["reasons"] for r in mine)
    runner.invoke(args=["export", "matches", str(tmp_path / "m.xlsx")])
    workbook = load_workbook(tmp_path / "m.xlsx", read_only=True)
    try:
        assert sum(1 for _ in workbook.active.iter_rows()) == len(rows) + 1
    finally:
        workbook.close()
    wrong = runner.invoke(args=["export", "matches", str(tmp_path / "m.pdf")])
    assert wrong.exit_code != 0 and "قالب فایل" in wrong.output


def test_an_office_refreshes_the_proposals_from_the_queue(client, make_user, login,
                                                         make_graduate, make_vacancy) -> None:
    from databank.accounts.models import Role
    from tests.conftest import post_form

    make_graduate()
    make_vacancy()
    login(make_user(Role.PLACEMENT_OFFICER))
    response = post_form(client, "/review", {}, action="/review/refresh",
                         follow_redirects=True)
    assert "پیشنهادها به‌روز شد: ۱ پیشنهاد" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Proposal.id))) == 1


def test_an_unknown_vacancy_is_refused_in_persian_alone(runner, make_vacancy) -> None:
    make_vacancy(ref="A-1")
    missing = runner.invoke(args=["match", "--vacancy", "NOPE"])
    assert missing.exit_code == 1
    assert missing.stderr.startswith("فرصت شغلی باز با کد «NOPE» پیدا نشد.")
    assert "Error" not in missing.output
