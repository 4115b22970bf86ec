"""The lexicon: the curated JSON files loaded once, with the lookups matching needs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from matching.lexicon.entries import Degree, Family, Field, Occupation, Skill
from matching.lexicon.forms import Forms
from matching.lexicon.groups import FieldGroups
from matching.lexicon.vocabulary import Vocabulary
from matching.normalize import key
from matching.scoring import GENERIC_JOB_WORDS
from matching.types import Mapping

DATA = Path(__file__).resolve().parent

# Fuzzy cutoffs (0..100, rapidfuzz ratio of spaceless keys) and the lowest confidence of a known
# spelling found inside longer text; tuned on tests/matching/data/labelled.json.
FIELD_CUTOFF, FIELD_INNER = 84, 0.72
SKILL_CUTOFF, SKILL_INNER = 86, 0.6
DEGREE_CUTOFF, DEGREE_INNER = 88, 0.6
OCCUPATION_CUTOFF, OCCUPATION_INNER = 84, 0.7
# A field opening with a school degree («دیپلم ریاضی فیزیک», «دیپلم کامپیوتر», «هنرستان برق») is
# a school stream, not a university field: it maps to no field (the lexicon has no stream
# entries), so that it is never an exact fit for a vacancy asking for the university field.
SCHOOL_LEVEL = 1
# A student of a level holds the level its admission requires: a bachelor's or an associate's
# student a diploma (most bachelor's programmes admit diploma holders; «کارشناسی ناپیوسته»,
# associates), a master's student a bachelor's, a doctoral student a master's. A hard filter must
# not let a student pass a minimum they have not reached: «دانشجوی کارشناسی» is not a bachelor.
STUDENT_HOLDS = {2: 1, 3: 1, 4: 3, 5: 4}
# What says how well a skill is known, or what else an employer wishes of the person in a job's
# title: not what the skill or the job is (Vocabulary._unqualified).
QUALIFIERS = ("مسلط به", "مسلط بر", "مسلط با", "تسلط به", "تسلط بر", "با تسلط به", "با تسلط بر",
              "تسلط کامل به", "تسلط کامل بر", "مسلط کامل به", "آشنا به", "آشنا با", "آشنایی با",
              "آشنایی به", "آشنایی کامل با", "آشنایی کامل به", "با آشنایی به", "با آشنایی با",
              "با سابقه", "دارای سابقه", "با تجربه", "توانایی", "مهارت در", "کار با",
              "دانش", "اطلاع از")
_STUDENT_WORDS = frozenset(key(w) for w in ("دانشجو", "دانشجوی", "دانشجویی"))
_IN_STUDY = key("در حال تحصیل")
# A degree not finished is held as a student's is (STUDENT_HOLDS): a dropout of a master's
# («انصرافی ارشد»), or one in her last term («کارشناسی ترم آخر», «لیسانس (ترم ۶)»), holds only
# the level her studies started from, and a hard filter must not let her pass the level she
# studied for. «ترم» opens a term and its number or «آخر» («ترم ۶», «ترم ششم»).
_UNFINISHED = tuple(tuple(key(w).split()) for w in (
    "انصرافی", "انصراف", "انصراف از تحصیل", "نیمه تمام", "نیمه‌تمام", "نیمه کاره", "ناتمام",
    "ناقص", "تمام نشده", "فارغ التحصیل نشده", "در حال اتمام"))
_TERM = key("ترم")
_DISCONTINUOUS = key("ناپیوسته")
_PERSIAN_ALPHABET = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_ALPHABET_ORDER = {ord(c): chr(0x10000 + i) for i, c in enumerate(_PERSIAN_ALPHABET)}


def alphabetical(text: str) -> str:
    """Sort key in Persian alphabetical order (code points put پ چ ژ گ after ی)."""
    return key(text).translate(_ALPHABET_ORDER)


def _name_order(name: str) -> tuple[str, str]:
    return alphabetical(name), name


class Lexicon:
    """Fields with their families, skills, degree levels and occupations, and text-to-code
    mapping for each. Built from the four JSON files; see the package README of the data."""

    def __init__(self, fields: dict[str, Any], skills: dict[str, Any], degrees: dict[str, Any],
                 occupations: dict[str, Any]) -> None:
        self.families = _families(fields.get("families", []))
        self.fields = {f["id"]: Field(f["id"], f["name"], f.get("family", ""), f.get("isced", ""),
                                      tuple(f.get("aliases", ()))) for f in fields["fields"]}
        self.skills = {s["id"]: Skill(s["id"], s["name"], s.get("latin", "") or "",
                                      s.get("category", ""), tuple(s.get("aliases", ())),
                                      s.get("broader", ""))
                       for s in skills["skills"]}
        self.narrower = _narrower(self.skills.values())
        self.degrees = {d["level"]: Degree(int(d["level"]), d["id"], d["name"],
                                           tuple(d.get("aliases", ()))) for d in degrees["levels"]}
        related = _symmetric({o["id"]: o.get("related", ()) for o in occupations["occupations"]})
        near = _symmetric({o["id"]: o.get("near", ()) for o in occupations["occupations"]})
        self.occupations = {o["id"]: Occupation(o["id"], str(o.get("isco", "")), o["title"],
                                                tuple(o.get("aliases", ())),
                                                tuple(o.get("fields", ())),
                                                frozenset(related[o["id"]]),
                                                frozenset(near[o["id"]]))
                            for o in occupations["occupations"]}
        self.field_groups = FieldGroups(fields)
        # «مهندسی» typed as a degree is a bachelor's, but opening a field it is no degree to
        # set aside: «مهندسی» alone names the engineering fields (groups)
        degree_words = [word for d in self.degrees.values() for word in (d.name, *d.aliases)
                        if not self.field_groups.vague(key(word))]
        school = [word for d in self.degrees.values() if d.level <= SCHOOL_LEVEL
                  for word in (d.name, d.id, *d.aliases)]
        self.group_fields = {group: self.field_groups.members(
            group, ((f.id, f.family) for f in self.fields.values()))
            for group in self.field_groups.groups}
        self.field_vocabulary = Vocabulary(
            ((f.id, f.name, f.aliases) for f in self.fields.values()), FIELD_CUTOFF, FIELD_INNER,
            dressing=degree_words, forms=Forms.from_data(fields.get("forms", {}), degree_words),
            refused=school, vague=self.field_groups.vague)
        self.parents = _parents(self.fields.values(), self.field_vocabulary)
        self.skill_vocabulary = Vocabulary(
            ((s.id, s.name, (s.latin, *s.aliases)) for s in self.skills.values()),
            SKILL_CUTOFF, SKILL_INNER, qualifiers=QUALIFIERS)
        self.degree_vocabulary = Vocabulary(
            ((str(d.level), d.name, (d.id, *d.aliases)) for d in self.degrees.values()),
            DEGREE_CUTOFF, DEGREE_INNER)
        self.occupation_vocabulary = Vocabulary(
            ((o.id, o.title, o.aliases) for o in self.occupations.values()),
            OCCUPATION_CUTOFF, OCCUPATION_INNER, generic=GENERIC_JOB_WORDS,
            qualifiers=QUALIFIERS)

    @classmethod
    def from_directory(cls, folder: str | Path) -> Lexicon:
        folder = Path(folder)
        parts = [json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
                 for name in ("fields", "skills", "degrees", "occupations")]
        return cls(*parts)

    def map_field(self, text: str) -> Mapping | None:
        return self.field_vocabulary.map_text(text)

    def names_a_group(self, text: str) -> bool:
        """Whether a field as typed is a group's name, not a field («مهندسی», «فنی», «علوم
        پایه»); «مدیریت», which the lexicon reads as general management, is a field."""
        return self.map_field(text) is None and self.field_groups.vague(key(text))

    def map_skill(self, text: str) -> Mapping | None:
        return self.skill_vocabulary.map_text(text)

    def map_occupation(self, text: str) -> Mapping | None:
        return self.occupation_vocabulary.map_text(text)

    def degree_level(self, text: str) -> int | None:
        """The level of a degree as written. A student's degree is the one the studies require,
        not the one studied for (STUDENT_HOLDS); a known degree spelling opening the text wins
        over a fuzzy guess of the whole («فوق دیپلم فنی و حرفه‌ای» is an associate's degree,
        however near its letters are to «دیپلم فنی و حرفه‌ای»)."""
        text_key = key(text)
        tokens = _finished(text_key.split())
        rest = [t for t in tokens if t not in _STUDENT_WORDS]
        student = (len(rest) < len(text_key.split()) or _IN_STUDY in text_key)
        if student:
            rest_key = " ".join(rest).replace(_IN_STUDY, " ").strip()
            studied = self._degree_of_key(" ".join(rest_key.split())) if rest_key else None
            if studied is None:
                return None
            if studied == 3 and _DISCONTINUOUS in rest_key.split():
                return 2  # «کارشناسی ناپیوسته» admits associates only
            return STUDENT_HOLDS.get(studied, studied)
        return self._degree_of_key(text_key)

    def _degree_of_key(self, text_key: str) -> int | None:
        vocabulary = self.degree_vocabulary
        mapping = vocabulary.map_keys([text_key])[0]
        if mapping is not None and mapping.confidence >= 0.95:
            return int(mapping.code)
        opening = vocabulary.opening(text_key)
        if opening is not None:
            return int(opening)
        return None if mapping is None else int(mapping.code)

    def relation(self, field_a: str, field_b: str) -> str | None:
        """'same', 'family' or 'close' between two field ids, None when unrelated."""
        if field_a == field_b:
            return "same"
        a, b = self.fields.get(field_a), self.fields.get(field_b)
        if a is None or b is None or not a.family or not b.family:
            return None
        if a.family == b.family:
            return "family"
        family = self.families.get(a.family)
        return "close" if family is not None and b.family in family.close else None

    def field_names(self) -> list[str]:
        return sorted({f.name for f in self.fields.values()}, key=_name_order)

    def field_group_names(self) -> list[str]:
        return [group.name for group in self.field_groups.groups.values() if not group.bare]

    def skill_names(self) -> list[str]:
        return sorted({s.name for s in self.skills.values()}, key=_name_order)

    def skill_spellings(self) -> dict[str, tuple[str, ...]]:
        """{name: its other spellings}: what a suggestion is found by when «exc» or «autocad»
        is typed for «اکسل» or «اتوکد»."""
        spellings: dict[str, set[str]] = {}
        for skill in self.skills.values():
            spellings.setdefault(skill.name, set()).update(
                spelling for spelling in (skill.latin, *skill.aliases) if spelling)
        return {name: tuple(sorted(spellings[name])) for name in self.skill_names()}

    def occupation_titles(self) -> list[str]:
        return sorted({o.title for o in self.occupations.values()}, key=_name_order)


def _finished(tokens: list[str]) -> list[str]:
    """The tokens without the words that say a degree is not finished (_UNFINISHED, «ترم» and
    the word after it); fewer tokens than given when it is not."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        if tokens[at] == _TERM:
            at += 2
            continue
        marker = next((m for m in _UNFINISHED if tuple(tokens[at:at + len(m)]) == m), None)
        if marker is not None:
            at += len(marker)
            continue
        out.append(tokens[at])
        at += 1
    return out


def _parents(fields: Iterable[Field], vocabulary: Vocabulary) -> dict[str, str]:
    """Field id -> the field it specialises: «مهندسی مکانیک - حرارت و سیالات» is a
    specialisation of what «مهندسی مکانیک» is a spelling of. A vacancy asking for the parent
    accepts its specialisations as the same field (matching.plans.field_relations): an employer
    who wants a mechanical engineer wants one of any specialisation, and a specialisation the
    lexicon lacks maps to its parent anyway."""
    exact = vocabulary.spellings()
    parents = {}
    for field in fields:
        head, dash, _ = field.name.partition(" - ")
        parent = exact.get(key(head)) if dash else None
        if parent is not None and parent != field.id:
            parents[field.id] = parent
    return parents


def _narrower(skills: Iterable[Skill]) -> dict[str, tuple[str, ...]]:
    """Skill id -> every skill that is a kind of it, at any depth (PLC: PLC زیمنس, and what is
    a kind of that). A graduate who has one of them has the skill a vacancy asks for."""
    broader = {s.id: s.broader for s in skills if s.broader}
    out: dict[str, list[str]] = {}
    for skill in broader:
        seen, above = {skill}, broader[skill]
        while above and above not in seen:  # a cycle in the data stops, never loops
            out.setdefault(above, []).append(skill)
            seen.add(above)
            above = broader.get(above, "")
    return {skill: tuple(sorted(kinds)) for skill, kinds in out.items()}


def _symmetric(listed: dict[str, Iterable[str]]) -> dict[str, set[str]]:
    """A relation listed on one side made symmetric: if A lists B, B is related to A too."""
    out: dict[str, set[str]] = {entry: set(others) for entry, others in listed.items()}
    for entry, others in list(out.items()):
        for other in others:
            out.setdefault(other, set()).add(entry)
    return {entry: others - {entry} for entry, others in out.items()}


def _families(raw: Iterable[dict[str, Any]]) -> dict[str, Family]:
    """Families with `close` made symmetric."""
    raw = list(raw)
    close = _symmetric({f["id"]: f.get("close", ()) for f in raw})
    return {f["id"]: Family(f["id"], f["name"], f.get("isced", ""), frozenset(close[f["id"]]))
            for f in raw}


@cache
def load_lexicon(folder: str | None = None) -> Lexicon:
    """The lexicon in `folder` (default: the package's data), loaded once per process."""
    return Lexicon.from_directory(folder or DATA)
