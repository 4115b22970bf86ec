"""Letter tables for key(): which characters are the same letter, which are invisible.

The rare Arabic-script letters below are hazm 0.10's own folding table (MIT licence), restricted
to the letters that survive NFKD: key() applies it without importing hazm, so that comparing
never waits for hazm's slow import, yet folds exactly what normalize() folds. A test checks the
copy against hazm.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache

ZWNJ = "\u200c"

_HAZM_SOURCE = (
    "\u0620\u063b\u063d\u063e\u063f\u0643\u064a\u066e\u066f\u0679\u067a\u067b\u067c\u067d\u067f\u0680"
    "\u0681\u0682\u0685\u0687\u0688\u0689\u068a\u068b\u068c\u068d\u068e\u068f\u0690\u0691\u0692\u0693"
    "\u0694\u0695\u0696\u0697\u0699\u069a\u069b\u069c\u069d\u069e\u069f\u06a0\u06a1\u06a2\u06a3\u06a4"
    "\u06a5\u06a6\u06a7\u06a8\u06aa\u06ab\u06ac\u06ad\u06ae\u06b0\u06b1\u06b2\u06b3\u06b4\u06b5\u06b6"
    "\u06b7\u06b8\u06b9\u06ba\u06bb\u06bc\u06bd\u06be\u06bf\u06c1\u06c3\u06c4\u06c5\u06c6\u06c7\u06c8"
    "\u06c9\u06ca\u06cb\u06cf\u06cd\u06ce\u06d0\u06d1\u06d2\u06d5\u06ee\u06ef\u06fa\u06fb\u06fc\u06ff"
    "\u0750\u0751\u0752\u0753\u0754\u0755\u0756\u0757\u0758\u0759\u075a\u075b\u075c\u075d\u075e\u075f"
    "\u0760\u0761\u0762\u0763\u0764\u0765\u0766\u0767\u0768\u0769\u076a\u076b\u076c\u076d\u076e\u076f"
    "\u0770\u0771\u0772\u0773\u0774\u0775\u0776\u0777\u0778\u0779\u077a\u077b\u077c\u077d\u077e\u077f"
    "\u08a0\u08a1\u08a2\u08a3\u08a4\u08a5\u08a6\u08a7\u08a8\u08a9\u08aa\u08ab\u08ae\u08af\u08b0\u08b1"
    "\u08ac\u08b2\u08b3\u08b4\u08b6\u08b7\u08b8\u08b9\u08ba\u08bb\u08bc\u08bd\u0649"
)
_HAZM_TARGET = (
    "\u06cc\u06a9\u06cc\u06cc\u06cc\u06a9\u06cc\u0628\u0642\u062a\u062a\u0628\u062a\u062a\u062a\u0628"
    "\u062d\u062d\u062d\u0686\u062f\u062f\u062f\u062f\u062f\u062f\u062f\u062f\u062f\u0631\u0631\u0631"
    "\u0631\u0631\u0631\u0631\u0631\u0633\u0633\u0633\u0635\u0635\u0637\u0639\u0641\u0641\u0641\u0641"
    "\u0641\u0641\u0642\u0642\u06a9\u06a9\u06a9\u06a9\u06a9\u06af\u06af\u06af\u06af\u06af\u0644\u0644"
    "\u0644\u0644\u0646\u0646\u0646\u0646\u0646\u0647\u0686\u0647\u0647\u0648\u0648\u0648\u0648\u0648"
    "\u0648\u0648\u0648\u0648\u06cc\u06cc\u06cc\u06cc\u06cc\u0647\u062f\u0631\u0634\u0636\u063a\u0647"
    "\u0628\u0628\u0628\u0628\u0628\u0628\u0628\u062d\u062d\u062f\u062f\u0631\u0633\u0639\u0639\u0639"
    "\u0641\u0641\u06a9\u06a9\u06a9\u0645\u0645\u0646\u0646\u0646\u0644\u0631\u0631\u0633\u062d\u062d"
    "\u0633\u0631\u062d\u0627\u0627\u06cc\u06cc\u06cc\u0648\u0648\u06cc\u06cc\u062d\u0633\u0633\u06a9"
    "\u0628\u0628\u062c\u0637\u0641\u0642\u0644\u0645\u06cc\u06cc\u0631\u0648\u062f\u0635\u06af\u0648"
    "\u06cc\u0632\u0639\u06a9\u0628\u067e\u062a\u0631\u06cc\u0641\u0642\u0646\u06cc"
)

# What hazm leaves alone and matching must fold: Arabic keyboard letters, the forms of heh and
# alef, and digits of the three scripts people type.
_EXTRA = {
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06c0": "\u0647",  # heh with yeh above (NFKD leaves it in some inputs)
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0672": "\u0627",  # alef with wavy hamza above
    "\u0673": "\u0627",  # alef with wavy hamza below
    "\u0675": "\u0627",  # high hamza alef
    "\u0676": "\u0648",  # high hamza waw
    "\u0677": "\u0648",  # u with hamza above
    "\u0678": "\u06cc",  # high hamza yeh
    "\u06c2": "\u0647",  # heh goal with hamza above
    "\u06d3": "\u06cc",  # yeh barree with hamza above
    "\u0683": "\u062d",  # nyeh, dyeh: hazm folds their presentation forms to hah
    "\u0684": "\u062d",
}

# Invisible or decorative: deleted, which also joins the parts of a word split by a half-space.
_DELETE_EXTRA = "\u0640\u0621\u0674"  # tatweel, hamza (often dropped: اجزاء / اجزا), high hamza


@cache
def fold_table() -> dict[int, str | None]:
    """The translate() table of key(): letters to their Persian form, digits to ASCII, combining
    marks and format characters (harakat, ZWJ, direction marks, BOM) deleted, the half-space a
    space."""
    pairs = zip(_HAZM_SOURCE, _HAZM_TARGET, strict=True)
    table: dict[int, str | None] = {ord(a): b for a, b in pairs}
    table.update({ord(a): b for a, b in _EXTRA.items()})
    for digit in range(10):
        table[0x06F0 + digit] = str(digit)  # Persian
        table[0x0660 + digit] = str(digit)  # Arabic-Indic
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me", "Cf"):
            table[code] = None
    for char in _DELETE_EXTRA:
        table[ord(char)] = None
    table[ord(ZWNJ)] = " "  # a boundary inside a word: the dictionary decides whether to rejoin
    return table
