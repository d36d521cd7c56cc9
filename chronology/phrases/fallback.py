"""The last resort for explicit calendar dates the grammar does not know: dateparser.

The grammar reads the dates reviews write; a record or a table may still hold a
form it has no rule for (``2010/10/12``, ``12th day of October 2010``,
``12/10/2010 14:30``, ``2010-10-12T14:30``).  For those, and only those, this
module asks :mod:`dateparser`, told the text is English, day-first (or
month-first, as the settings say), and strict: it must find a day, a month and
a four-digit year, and it never fills a missing part from today.  A phrase with
any word that is not a month, a weekday or a date's furniture never gets here,
so vague phrases are never guessed at; and its answer is kept only where it
agrees with what the grammar's own checks would read from the same numbers
(the year, then the day and month in the order the settings give, or year,
month, day where the year comes first; a weekday beside it that agrees): a
month 13 or a day 32 is never turned into a nearby date.  The check is one
linear pass over the text.  dateparser is imported only when a phrase needs it
(it is slow to import).

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

__all__ = ["explicit_day", "DATE_WORDS"]

# The words a date written out may hold: month and weekday names and the furniture words.
_MONTHS = {key[0]: value for key, (category, value) in LEXICON.words.items() if category == "month"}
_WEEKDAYS = {key[0]: value for key, (category, value) in LEXICON.words.items() if category == "weekday"}
_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | LEXICON.furniture
DATE_WORDS = _WORDS
"""Every word a date read here may hold: a phrase with any other word gets ``None`` (the grammar
tests its own lexemes against this set before asking)."""
# The pieces of such a date: a number (with an ordinal ending), a word, a run of punctuation
# and spaces, or any other character.  One pass, no nested repetition: linear in the text.
_PIECE = re.compile(r"(\d+)(?:st|nd|rd|th)?|([a-z]+)|[\s.,/:\-]+|(.)")
# A clock time, whose numbers are not the date's.
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
# dateparser computes nothing from this base here (a day, month and year are required), but
# giving one means no answer can ever depend on when the code runs.
_BASE = datetime(2000, 1, 1)


def _fields(text: str) -> tuple[list[str], list[str]] | None:
    """The numbers and the words of a date written out, or ``None`` if it holds anything else."""
    numbers: list[str] = []
    words: list[str] = []
    for match in _PIECE.finditer(_CLOCK.sub(" ", text.lower())):
        number, word, other = match.groups()
        if other is not None or (word is not None and word not in _WORDS):
            return None
        if number is not None:
            numbers.append(number)
        elif word is not None:
            words.append(word)
    return numbers, words


def _agrees(day: date, numbers: list[str], words: list[str], day_first: bool) -> bool:
    """Whether ``day`` is what the grammar's own checks would read from these numbers and words:
    one four-digit year; a month named, or two numbers in the order the settings give (year
    first: year, month, day as ISO); no weekday that disagrees."""
    years = [n for n in numbers if len(n) == 4]
    others = [int(n) for n in numbers if len(n) != 4]
    if len(years) != 1 or int(years[0]) != day.year:
        return False
    months = {_MONTHS[w] for w in words if w in _MONTHS}
    if any(_WEEKDAYS[w] != day.weekday() for w in words if w in _WEEKDAYS):
        return False
    if months:
        return months == {day.month} and others == [day.day]
    if numbers[0] == years[0] or not day_first:
        return others == [day.month, day.day]
    return others == [day.day, day.month]


def explicit_day(phrase: str, settings: Settings = DEFAULT) -> date | None:
    """The one day an explicit calendar date names, or ``None``.

    >>> explicit_day("12th day of October 2010")
    datetime.date(2010, 10, 12)
    >>> explicit_day("12/10/2010 14:30", Settings(day_first=False))
    datetime.date(2010, 12, 10)
    >>> explicit_day("2010/13/01") is None  # no month 13: dateparser's guess is not taken
    True
    """
    text = phrase.strip()
    if not text or len(text) > 60:
        return None
    fields = _fields(text)
    if fields is None or not any(len(n) == 4 for n in fields[0]):
        return None
    import dateparser  # type: ignore[import-untyped]  # lazily: slow to import, rarely needed

    try:
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
    except (ValueError, OverflowError, TypeError, LookupError, ArithmeticError):
        return None  # dateparser's own failure on a string it was given: it names no day
    if found is None:
        return None
    day: date = found.date()
    return day if _agrees(day, *fields, settings.day_first) else None
