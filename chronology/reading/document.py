"""The document's own date: where the text gives it, else what its latest dates allow.

Deictic words ("last year", "earlier this year") and days or months without a
year count from the date a document was written.  A review usually says it
("Date of publication: ...", "Published March 2015", a dated byline); where it
does not, the document was written no earlier than the latest calendar date it
tells as past, so the reader takes that as an open lower bound: honest, if
loose.

>>> from chronology.reading.mentions import find
>>> text = "Final report. Date of publication: 12 March 2015. In 2013 the child died."
>>> str(document_date(text, find(text, [(0, 48), (49, 73)])))
'12 Mar 2015'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from chronology.model import Interval
from chronology.phrases.syntax import Fixed
from chronology.reading.mentions import Found

__all__ = ["document_date", "own_date"]

# Words that introduce the document's own date, just before it.
_INTRODUCED: Final = re.compile(
    r"(?:date of (?:publication|report|this report|issue)|publication date|report date|date published|"
    r"published(?: on| in)?|first published|issued(?: on)?|final (?:version|report|draft)(?:,? dated)?|"
    r"version date|dated|date)\s*[:\-–—]?\s*(?:on\s+)?$",
    re.IGNORECASE,
)
_CALENDAR: Final = frozenset(("day", "month", "year", "season", "part", "date"))


def document_date(text: str, founds: Sequence[Found]) -> Interval | None:
    """The date ``text`` gives itself, else an open bound from its latest calendar date, else ``None``.

    >>> from chronology.reading.mentions import find
    >>> text = "In July 2015 he was convicted. In 2013 the child died."
    >>> str(document_date(text, find(text, [(0, 30), (31, 54)])))
    'from Jul 2015'
    """
    told = own_date(text, founds)
    if told is not None:
        assert isinstance(told.tree, Fixed)
        return told.tree.readings[0]
    latest: Interval | None = None
    for found in founds:
        tree = found.tree
        if not isinstance(tree, Fixed) or found.kind not in _CALENDAR or len(tree.readings) != 1:
            continue
        reading = tree.readings[0]
        if reading.earliest is not None and (
            latest is None or latest.earliest is None or reading.earliest > latest.earliest
        ):
            latest = reading
    if latest is None or latest.earliest is None:
        return None
    return Interval(latest.earliest, None)


def own_date(text: str, founds: Sequence[Found]) -> Found | None:
    """The mention that gives the document's own date ("Date of publication: 12 March 2015"), if any.

    >>> from chronology.reading.mentions import find
    >>> text = "Report dated 3 May 2016. It was written in haste."
    >>> own_date(text, find(text, [(0, 24), (25, 49)])).text
    '3 May 2016'
    """
    for found in founds:
        tree = found.tree
        if not isinstance(tree, Fixed) or found.kind not in _CALENDAR or len(tree.readings) != 1:
            continue
        days = tree.readings[0].days
        if days is not None and days <= 31 and _INTRODUCED.search(text, max(0, found.start - 40), found.start):
            return found
    return None
