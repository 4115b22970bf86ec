"""A synthetic databank for the benchmark: realistic Persian fields, skills and job titles from the
lexicon, popular ones far more common than rare ones, typed with the noise real forms carry
(Arabic keyboard letters, half-spaces as spaces or nothing, dressing words, dashes, typos)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from matching.lexicon import Lexicon
from matching.types import ProfileIn, VacancyIn

CITIES = ("اراک", "ساوه", "خمین", "محلات", "دلیجان", "تفرش", "آشتیان", "شازند", "کمیجان",
          "زرندیه", "فراهان", "خنداب", "مأمونیه", "غرق‌آباد", "نوبران", "آستانه", "مهاجران",
          "نیمور", "پرندک", "داودآباد")
# Which skill categories each family of fields draws on; the rest draw on business skills.
CATEGORIES = {
    "computing": ("software",), "electrical-electronics": ("automation", "software", "trade"),
    "mechanical": ("trade", "software", "automation"), "vehicles": ("trade",),
    "materials-metallurgy": ("trade", "lab"), "chemical-engineering": ("lab", "standard"),
    "polymer-materials": ("lab", "trade"), "industrial-engineering": ("standard", "business"),
    "civil-construction": ("software", "trade"), "architecture": ("software",),
    "food-science": ("lab", "standard"), "chemistry": ("lab",), "biology": ("lab",),
    "health": ("lab", "soft"), "medicine": ("lab", "soft"), "dentistry": ("lab", "soft"),
    "pharmacy": ("lab", "standard"), "nursing-care": ("lab", "soft"),
    "health-technology": ("lab",), "rehabilitation": ("soft",),
    "agriculture": ("agri",), "natural-resources": ("agri",),
    "veterinary": ("agri", "lab"), "languages": ("language",), "arts": ("software",),
    "accounting-finance": ("business", "software"), "occupational-health": ("standard",),
}
GENERAL_SKILLS = ("excel", "word", "icdl", "english", "teamwork", "public-relations")
FREE_TEXT_SKILLS = ("سابقه کار مرتبط", "تعهد کاری بالا", "آشنایی با قوانین کار",
                    "گواهینامه پایه یک", "توانایی کار در شیفت شب")
DEGREES = ((None, 2), (0, 3), (1, 12), (2, 20), (3, 43), (4, 17), (5, 3))
MIN_DEGREES = ((None, 15), (1, 15), (2, 20), (3, 40), (4, 10))
_ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})


@dataclass(frozen=True)
class Databank:
    profiles: list[ProfileIn]
    vacancies: list[VacancyIn]


class Typist:
    """Types lexicon spellings the way people fill in forms."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def type(self, text: str, typo_rate: float = 0.08) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            text = text.translate(_ARABIC)
        if rng.random() < 0.35:
            text = text.replace("\u200c", rng.choice((" ", "")))
        if rng.random() < 0.1:
            text = text.replace(" - ", rng.choice((" ", "-", "، ")))
        if rng.random() < typo_rate:
            text = self.typo(text)
        if rng.random() < 0.1:
            text = rng.choice(("  ", " ", "")) + text.replace(" ", rng.choice(("  ", " "))) + " "
        return text

    def typo(self, text: str) -> str:
        words = text.split(" ")
        long = [i for i, w in enumerate(words) if len(w) >= 5]
        if not long:
            return text
        i = self.rng.choice(long)
        word, at = words[i], self.rng.randrange(1, len(words[i]) - 1)
        kind = self.rng.random()
        if kind < 0.4:
            word = word[:at] + word[at + 1:]
        elif kind < 0.7:
            word = word[:at] + word[at] + word[at:]
        else:
            word = word[:at - 1] + word[at] + word[at - 1] + word[at + 1:]
        words[i] = word
        return " ".join(words)


def _weighted(rng: random.Random, pairs: Sequence[tuple[object, float]]) -> object:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def make_databank(lexicon: Lexicon, graduates: int, vacancies: int, seed: int = 1) -> Databank:
    rng = random.Random(seed)
    typist = Typist(rng)
    fields = sorted(lexicon.fields)
    rng.shuffle(fields)
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(fields))]
    pools = _skill_pools(lexicon, rng)
    jobs_by_field: dict[str, list[str]] = {}
    for occupation in lexicon.occupations.values():
        for field in occupation.fields:
            jobs_by_field.setdefault(field, []).append(occupation.id)
    cities = [(c, 1 / (i + 1)) for i, c in enumerate(CITIES)]

    def spell(entry_names: Sequence[str], typo_rate: float = 0.08) -> str:
        names = [n for n in entry_names if n]
        return typist.type(names[0] if rng.random() < 0.5 else rng.choice(names), typo_rate)

    def field_text(field_id: str) -> str:
        field = lexicon.fields[field_id]
        text = spell([field.name, *[a for a in field.aliases if not a.isascii()]])
        if rng.random() < 0.05:
            text = rng.choice(("رشته ", "")) + text
        return text

    def skill_text(skill_id: str) -> str:
        skill = lexicon.skills[skill_id]
        return spell([skill.name, skill.latin, *skill.aliases], 0.05)

    def skills_for(field_id: str, count: int) -> tuple[str, ...]:
        own, family = pools[field_id]
        chosen: set[str] = set()
        while len(chosen) < count:
            draw = rng.random()
            source = own if draw < 0.7 else family if draw < 0.85 else GENERAL_SKILLS
            chosen.add(rng.choice([s for s in source if s in lexicon.skills] or list(own)))
        return tuple(sorted(chosen))

    def job_for(field_id: str) -> str:
        options = jobs_by_field.get(field_id) or list(lexicon.occupations)
        occupation = lexicon.occupations[rng.choice(options)]
        return spell([occupation.title, *occupation.aliases])

    profiles = []
    for number in range(1, graduates + 1):
        field = rng.choices(fields, popularity)[0]
        skills = tuple(skill_text(s) for s in skills_for(field, rng.randint(1, 8)))
        draw = rng.random()
        desired = job_for(field) if draw < 0.6 else job_for(rng.choice(fields)) if draw < 0.7 \
            else ""
        profiles.append(ProfileIn(
            id=number, field=field_text(field), degree=_weighted(rng, DEGREES), skills=skills,
            desired_job=desired, gender=_weighted(rng, (("female", 48), ("male", 48), (None, 4))),
            city=_weighted(rng, cities) if rng.random() < 0.95 else None))

    occupations = [o for o in lexicon.occupations.values() if o.fields]
    openings = []
    for number in range(1, vacancies + 1):
        occupation = rng.choice(occupations)
        title = spell([occupation.title, *occupation.aliases])
        if rng.random() < 0.15:
            title += rng.choice((" خانم", " آقا", " با سابقه", " تمام وقت"))
        draw = rng.random()
        accepted = rng.sample(occupation.fields, min(len(occupation.fields), rng.randint(1, 3))) \
            if draw < 0.85 else [rng.choice(fields)] if draw < 0.92 else []
        basis = accepted[0] if accepted else occupation.fields[0]
        required = [skill_text(s) for s in skills_for(basis, rng.randint(2, 6))]
        if rng.random() < 0.1:
            required.append(rng.choice(FREE_TEXT_SKILLS))
        if rng.random() < 0.05:
            required = []
        openings.append(VacancyIn(
            id=number, title=title, fields=tuple(field_text(f) for f in accepted),
            min_degree=_weighted(rng, MIN_DEGREES), skills=tuple(required),
            gender=_weighted(rng, (("female", 20), ("male", 20), (None, 60))),
            city=_weighted(rng, cities) if rng.random() < 0.8 else None))
    return Databank(profiles, openings)


def _skill_pools(lexicon: Lexicon,
                 rng: random.Random) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Field -> (its own 12 skills, its family's 30): skills follow fields, as in real CVs."""
    by_category: dict[str, list[str]] = {}
    for skill in lexicon.skills.values():
        by_category.setdefault(skill.category, []).append(skill.id)
    family_pools = {}
    for family in sorted(lexicon.families):
        categories = CATEGORIES.get(family, ("business", "soft"))
        candidates = sorted({s for c in categories for s in by_category.get(c, ())})
        family_pools[family] = tuple(rng.sample(candidates, min(30, len(candidates))))
    pools = {}
    for field in sorted(lexicon.fields):
        family = family_pools.get(lexicon.fields[field].family) or tuple(lexicon.skills)[:30]
        pools[field] = (tuple(rng.sample(family, min(12, len(family)))), family)
    return pools
