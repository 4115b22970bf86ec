"""How long a large graduates file takes: `python -m databank.imports.bench [--rows 100000]`.

Generates a CSV of distinct, valid graduates (a realistic mix of universities, fields, skills
and Persian digits), imports it into a fresh SQLite database in a temporary folder, imports a
second file of the same people with other details (every row an update), then the second file
again (every row unchanged: nothing written), exports it, then has an employer post one vacancy
(what she waits for: it is matched against every consenting graduate of the bank), and prints
the times. Not a test: a measurement."""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from databank.imports.columns import GRADUATE_COLUMNS
from databank.validation import national_id_check_digit

FIRST = ["زهرا", "علی", "مریم", "محمد", "فاطمه", "حسین", "سارا", "رضا", "نرگس", "مهدی"]
LAST = ["کریمی", "احمدی", "رضایی", "محمدی", "حسینی", "موسوی", "جعفری", "صادقی", "کاظمی"]
CITIES = ["اراک", "ساوه", "خمین", "محلات", "دلیجان", "شازند", "تفرش", "آشتیان"]
UNIVERSITIES = ["دانشگاه اراک", "دانشگاه صنعتی اراک", "دانشگاه آزاد اسلامی واحد اراک",
                "دانشگاه پیام نور ساوه", "دانشگاه علمی کاربردی خمین", "آموزشکده فنی محلات"]
FIELDS = ["مهندسی کامپیوتر", "حسابداری", "مهندسی مکانیک", "مهندسی برق", "مدیریت بازرگانی",
          "مهندسی صنایع", "شیمی", "مهندسی مواد", "علوم کامپیوتر", "مهندسی عمران",
          "زبان انگلیسی", "روانشناسی", "مهندسی کشاورزی", "فیزیک", "اقتصاد"]
DEGREES = ["دیپلم", "کاردانی", "کارشناسی", "لیسانس", "کارشناسی ارشد", "فوق لیسانس", "دکتری"]
SKILLS = ["اکسل", "پایتون", "اتوکد", "حسابداری مالی", "ورد", "زبان انگلیسی", "جوشکاری",
          "رانندگی", "فتوشاپ", "SQL"]
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def write_file(path: Path, rows: int, seed: int = 1402) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([column.name for column in GRADUATE_COLUMNS])
        for number in range(1, rows + 1):
            first_nine = f"{number * 7919 % 10**9:09d}"
            national_id = first_nine + national_id_check_digit(first_nine)
            if rng.random() < 0.3:
                national_id = national_id.translate(PERSIAN)
            born = rng.randint(1360, 1380)  # graduated 24 or more years later: any degree
            out.writerow([
                national_id, rng.choice(FIRST), rng.choice(LAST), rng.choice(["زن", "مرد"]),
                born, f"0912{rng.randint(0, 9_999_999):07d}",
                rng.choice(CITIES), rng.choice(UNIVERSITIES), rng.choice(DEGREES),
                rng.choice(FIELDS), min(born + rng.randint(24, 30), 1404),
                "، ".join(rng.sample(SKILLS, rng.randint(0, 4))), "",
                "بله" if rng.random() < 0.1 else "خیر",  # head of household
                "بله" if rng.random() < 0.9 else "خیر",  # consent: most agree to be introduced
            ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()

    from databank import create_app
    from databank.db import db
    from databank.imports import exports, services

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source, changed = root / "graduates.csv", root / "changed.csv"
        write_file(source, args.rows)
        write_file(changed, args.rows, seed=1403)  # the same national IDs, other details
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'bench.sqlite'}",
                          "SECRET_KEY": "bench", "INSTANCE_PATH": str(root / "instance")})
        with app.app_context():
            db.create_all()
            for label, path in (("first import (all created)", source),
                                ("second file (all updated)", changed),
                                ("second file again (all unchanged)", changed)):
                started = time.perf_counter()
                result = services.import_file("graduates", path)
                took = time.perf_counter() - started
                print(f"{label}: {result.rows_read} rows in {took:.1f} s "
                      f"({result.rows_read / took:.0f} rows/s); created {result.created}, "
                      f"updated {result.updated}, unchanged {result.unchanged}, "
                      f"refused {len(result.refused)}")
            started = time.perf_counter()
            count = exports.export("graduates", root / "export.csv", "csv")
            db.session.commit()
            print(f"export: {count} rows in {time.perf_counter() - started:.1f} s")
            post_one_vacancy()
            db.session.remove()
            db.engine.dispose()


def post_one_vacancy() -> None:
    """An employer posts a vacancy the way the form does (post_vacancy), timed to the commit."""
    from sqlalchemy import func, select

    from databank.accounts.models import Role
    from databank.accounts.services import create_user
    from databank.db import db
    from databank.matches.models import Proposal
    from databank.organisations.services import get_or_create_unit
    from databank.vacancies.services import post_vacancy

    unit = get_or_create_unit("شرکت نمونهٔ سنجش", city="اراک")
    employer = create_user(username="bench.employer", password="bench-password-1",
                           display_name="سنجش", role=Role.EMPLOYER, unit_id=unit.id)
    db.session.commit()
    started = time.perf_counter()
    vacancy = post_vacancy(employer, {
        "title": "حسابدار", "positions": 2, "min_degree": 2, "fields": ["حسابداری"],
        "skills": ["اکسل", "حسابداری مالی"], "city": "اراک"})
    db.session.commit()
    took = time.perf_counter() - started
    proposals = db.session.scalar(select(func.count(Proposal.id))
                                  .where(Proposal.vacancy_id == vacancy.id))
    print(f"one vacancy posted and matched against the bank: {took:.1f} s "
          f"({proposals} proposals)")


if __name__ == "__main__":
    main()
