"""Curated Persian language data (fields, skills, degrees, occupations) and its loader.

The JSON files beside this module are data, not code; `load_lexicon()` reads them once per
process and maps free text to their codes.
"""

from matching.lexicon.entries import Degree, Family, Field, Occupation, Skill
from matching.lexicon.loader import Lexicon, alphabetical, load_lexicon

__all__ = ["Degree", "Family", "Field", "Lexicon", "Occupation", "Skill", "alphabetical",
           "load_lexicon"]
