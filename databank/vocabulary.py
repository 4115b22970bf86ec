"""Closed vocabularies shared by several areas, with the Persian label a person reads."""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"

    @property
    def label(self) -> str:
        return {"female": "زن", "male": "مرد"}[self.value]


class Sector(StrEnum):
    INDUSTRY = "industry"
    SERVICES = "services"
    AGRICULTURE = "agriculture"

    @property
    def label(self) -> str:
        return {"industry": "صنعت", "services": "خدمات", "agriculture": "کشاورزی"}[self.value]


DEGREE_LABELS: dict[int, str] = {
    0: "زیر دیپلم",
    1: "دیپلم",
    2: "کاردانی",
    3: "کارشناسی",
    4: "کارشناسی ارشد",
    5: "دکتری",
}
DEGREE_LEVELS = tuple(DEGREE_LABELS)
