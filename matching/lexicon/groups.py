"""Broad names a vacancy gives instead of fields: «فنی و مهندسی», «کلیه رشته‌ها», «رشته‌های مرتبط».

Employers in the estates write them as often as a field. Fuzzy mapping gets them wrong («مهندسی»
alone is nearest to «مهندسی فناوری اطلاعات»), so they are read first, exactly, after the words
around them are set aside («کلیه», «تمامی», «همه», «هر», «رشته‌های»):
- a group (fields.json "groups") stands for the fields of its families, and those it lists;
  a bare family name («برق», «مکانیک», «کامپیوتر», «عمران», «حسابداری») is such a group too
  ("bare": true): an employer who types it accepts every field of the family as the field
  asked, the Technical and Vocational and associate ones included («کاردانی برق صنعتی»,
  «الکتروتکنیک» under «برق»), not only the one field the word is also a spelling of. A
  graduate who types it still has that field (a field's spelling is read before any group);
  these groups are not offered as suggestions (the family's own name is offered already);
- «کلیه رشته‌ها» and its like say that any field will do: the field is then not weighed;
- «رشته‌های مرتبط» says no field: the job's usual fields are weighed, as when none is named.
A profile's field that is only such a name («مهندسی», «فنی») maps to no field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from matching.normalize import key

ANY = "any"
RELATED = "related"
# A word that only quantifies or links the field words: «کلیه»، «تمامی»، «همه‌ی»، «هر»، and what
# key() leaves of «رشته‌های» or «رشته‌ای» (it drops «رشته» and «گرایش», the dressing words),
# glued to a «و» or «یا» before it («یا رشته‌های مرتبط» keys as «یاهای مرتبط»).
_FILLER = re.compile(r"(?:و|یا)?(هر|کلیه|تمامی|تمام|همه|کل)?ی?(ها|های|ای|ی)?")
_LINKS = frozenset({"و", "یا"})
_RELATED_WORD = "مرتبط"
_RELATED_TO = frozenset({"با", "به"})
_NOT = "غیر"
# What «مرتبط با …» may say of the job rather than of a field: «مرتبط با شغل», «با این کار»
_THE_JOB = frozenset({"شغل", "کار", "این", "همین", "موقعیت", "فعالیت", "عنوان", "شغلی",
                      "آگهی", "فرصت"})


@dataclass(frozen=True)
class FieldGroup:
    id: str
    name: str
    families: frozenset[str]
    fields: frozenset[str]  # fields of other families the group holds too
    bare: bool = False  # a family's bare name («برق»), not offered among the groups


def _is_filler(token: str) -> bool:
    return _FILLER.fullmatch(token) is not None


def group_form(text_key: str) -> tuple[str, bool]:
    """The words of a key that name something, and whether a quantifier («کلیه») was among
    the words set aside."""
    words, quantified = [], False
    for token in text_key.split():
        filler = _FILLER.fullmatch(token)
        if filler is not None:
            quantified = quantified or filler.group(1) is not None
        elif token not in _LINKS:
            words.append(token)
    return " ".join(words), quantified


class FieldGroups:
    """The groups and the any-field phrases of fields.json, looked up by group_form."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.groups: dict[str, FieldGroup] = {}
        self._by_form: dict[str, str] = {}
        for entry in raw.get("groups", ()):
            group = FieldGroup(entry["id"], entry["name"], frozenset(entry.get("families", ())),
                               frozenset(entry.get("fields", ())), bool(entry.get("bare")))
            self.groups[group.id] = group
            for spelling in (entry["name"], *entry.get("aliases", ())):
                self._by_form.setdefault(group_form(key(spelling))[0], group.id)
        for spelling in raw.get("any_field", ()):
            self._by_form.setdefault(group_form(key(spelling))[0], ANY)

    def read(self, text_key: str) -> str | None:
        """A group id, ANY, RELATED, or None when the text is not such a name."""
        form, quantified = group_form(text_key)
        if not form:
            return ANY if quantified else None
        if form.split()[0] == _RELATED_WORD:
            return RELATED
        return self._by_form.get(form)

    @staticmethod
    def core(text_key: str) -> str:
        """The key without the words that say "and related" around a field: «مکانیک و
        رشته‌های مرتبط» and «مکانیک مرتبط» are «مکانیک» (the scorer weighs the related fields
        anyway), «رشته‌های مرتبط با صنایع غذایی» is «صنایع غذایی». «مرتبط با شغل» and
        «رشته‌های مرتبط» leave nothing: the job's usual fields. «غیر مرتبط» stays."""
        tokens = text_key.split()
        if _RELATED_WORD not in tokens:
            return text_key
        at = tokens.index(_RELATED_WORD)
        if at and tokens[at - 1] == _NOT:
            return text_key
        before = [t for t in tokens[:at] if not _is_filler(t)]
        after = tokens[at + 1:]
        if after and after[0] in _RELATED_TO:
            after = after[1:]
        if before and not after:  # «مکانیک و رشته‌های مرتبط»: the words before, as written
            kept = tokens[:at]
            while kept and (_is_filler(kept[-1]) or kept[-1] in _LINKS):
                kept.pop()
            return " ".join(kept)
        if after and not before:  # «مرتبط با صنایع غذایی», unless it names the job
            return "" if set(after) & _THE_JOB else " ".join(after)
        return "" if not before and not after else text_key

    def vague(self, text_key: str) -> bool:
        """Whether a text names no single field, only a group or any field."""
        return self.read(text_key) is not None

    def members(self, group_id: str, fields: Iterable[tuple[str, str]]) -> tuple[str, ...]:
        """The field ids of a group, from (field id, family id) pairs."""
        group = self.groups[group_id]
        return tuple(field for field, family in fields
                     if family in group.families or field in group.fields)
