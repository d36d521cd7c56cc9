"""The last resort for explicit calendar dates the grammar does not know: dateparser.

The grammar reads the dates reviews write; a record or a table may still hold a
form it has no rule for (``2010/10/12``, ``12th day of October 2010``,
``12/10/2010 14:30``, ``2010-10-12T14:30``).  For those, and only those, this
module asks :mod:`dateparser`, told the text is English, day-first (or
month-first, as the settings say), and strict: it must find a day, a month and
a four-digit year, and it never fills a missing part from today.  A phrase with
any word that is not a month, a weekday or a date's furniture never gets here,
so vague phrases are never guessed at.  dateparser is imported only when a
phrase needs it (it is slow to import).

>>> from datetime import date
>>> explicit_day("2010/10/12")
datetime.date(2010, 10, 12)
>>> explicit_day("about 2010/10/12") is None
True
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime

from chronology.phrases.lexicon import LEXICON
from chronology.settings import DEFAULT, Settings

__all__ = ["explicit_day"]

_NAMES = sorted(
    {" ".join(key) for key, (category, _) in LEXICON.words.items() if category in ("month", "weekday")}
    | LEXICON.furniture,
    key=len,
    reverse=True,
)
# Date furniture: numbers (with ordinal endings), month and weekday names, and the few
# other words a written-out date uses (vocabulary.toml's furniture), with punctuation.
_FURNITURE = re.compile(r"(?:\d+(?:st|nd|rd|th)?|" + "|".join(map(re.escape, _NAMES)) + r"|[\s.,/:\-])+", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_WEEKDAYS = {key[0]: value for key, (category, value) in LEXICON.words.items() if category == "weekday"}
# dateparser computes nothing from this base here (a day, month and year are required), but
# giving one means no answer can ever depend on when the code runs.
_BASE = datetime(2000, 1, 1)


def explicit_day(phrase: str, settings: Settings = DEFAULT) -> date | None:
    """The one day an explicit calendar date names, or ``None``.

    >>> explicit_day("12th day of October 2010")
    datetime.date(2010, 10, 12)
    >>> explicit_day("12/10/2010 14:30", Settings(day_first=False))
    datetime.date(2010, 12, 10)
    """
    text = phrase.strip()
    if not text or len(text) > 60 or not _FURNITURE.fullmatch(text) or not _YEAR.search(text):
        return None
    import dateparser  # type: ignore[import-untyped]  # lazily: slow to import, rarely needed

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "DATE_ORDER": "DMY" if settings.day_first else "MDY",
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RELATIVE_BASE": _BASE,
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    if found is None or str(found.year) not in text:
        return None
    day: date = found.date()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _WEEKDAYS and _WEEKDAYS[word] != day.weekday():
            return None  # a weekday beside the date that does not agree with it
    return day
