"""The document's own date: where the text gives it, else what its latest past dates allow.

Words such as "last year", and days or months without a year, count from the date
the document was written.  A review usually says it: a "Date of publication:"
line, "Published March 2015", "Approved for publication in June 2014", a date
on its title page ("Date: July 2013").  Where it says none, it was written no
earlier than the latest date it tells as past (the panel's last meeting, the
trial, an addendum), so :func:`document_date` gives that as an open lower
bound: honest, if loose.

>>> found = document_date("Child T\\n\\nDate of publication: 12 March 2015\\n\\nChild T was born in 2012.")
>>> print(found)
12 Mar 2015 ('12 March 2015', publication)
>>> found.excerpt.start, found.basis
(30, 'publication')
"""

from __future__ import annotations

import re
from typing import Final, Literal

import attrs

from chronology.errors import ChronologyError
from chronology.model import Excerpt, Interval
from chronology.phrases import parse_when
from chronology.reading.text import Cleaned, clean

__all__ = ["DocumentDate", "document_date"]

Basis = Literal["publication", "title page", "latest date"]


@attrs.frozen
class DocumentDate:
    """The date a document gives itself (``interval``), the words that give it (``excerpt``, in
    original offsets) and how it was found (``basis``): ``publication`` (a publication or
    approval line), ``title page`` (a date on the opening page), or ``latest date`` (no date of
    its own: the latest date it tells as past, as an open lower bound).
    """

    interval: Interval
    excerpt: Excerpt
    basis: Basis

    def __str__(self) -> str:
        return f"{self.interval} ({self.excerpt.text!r}, {self.basis})"


_MONTHS: Final = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_YEAR: Final = r"(?:19|20)\d\d"
# A calendar date with its year, every part bounded.
_DATE: Final = re.compile(
    rf"(?i:(?<![\w/.])(?:(?:\d{{1,2}}\s*(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:{_MONTHS})\.?,?\s+"
    rf"(?:\d{{1,2}}\s*(?:st|nd|rd|th)?,?\s+)?{_YEAR}"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d\d)"
    rf"|(?:(?:early|mid|late)[\s-]+)?(?:spring|summer|autumn|winter)\s+(?:of\s+)?{_YEAR}"
    rf"|{_YEAR})(?![\w/]))"
)
_PUBLICATION: Final = re.compile(
    r"(?i:(?:date +of +(?:publication|issue|this +report|report)|publication +date|date +published"
    r"|(?:first +)?published(?: +(?:on|in))?|approved +for +publication(?: +(?:on|in))?"
    r"|approved +by +the +\w+(?: +\w+){0,3} +(?:on|in)|report +date|issued(?: +on)?|last +(?:updated|revised)"
    r"|final +(?:version|report|draft)(?:,? +dated)?) *[:\-–—]? *(?:on +|in +)?)$"
)
# A publication line is the document's own where it starts a line or speaks of "this report".
_OWN: Final = re.compile(r"(?i)\bthis +(?:report|review|document|overview)\b")
_DATED: Final = re.compile(r"(?i:(?:^|\n| )(?:date|dated|version +date) *[:\-–—]? *)$")
_FUTURE: Final = re.compile(
    r"(?i)\b(?:will|shall|should|would|to\s+be|planned|plans?|expected|due\s+to|aim|by\s+the\s+end\s+of|recommend)\w*\b"
)
# A year after a title's capitalised word is a citation: "Working Together 2013", "Children Act 1989".
_CITATION: Final = re.compile(r"(?:[A-Z][\w'’]*|\))\s*$")
_TITLE_REACH: Final = 3000


_SHORT_YEAR: Final = re.compile(r"[./-]\d\d$")


def _interval(words: str) -> Interval | None:
    try:
        when = parse_when(words)
    except ChronologyError:
        return None
    return when.envelope if when.envelope.is_bounded else None


def document_date(text: Cleaned | str) -> DocumentDate | None:
    """The date ``text`` gives itself, else an open lower bound from its latest past date, else ``None``.

    >>> print(document_date("Overview Report\\n\\nDate: July 2013\\n\\n1 Introduction\\n\\nBaby F died in June 2012."))
    Jul 2013 ('July 2013', title page)
    >>> print(document_date("The panel met in May 2014. The trial was in July 2015. Training will follow in 2016."))
    from Jul 2015 ('July 2015', latest date)
    >>> document_date("No dates here.") is None
    True
    """
    page = text if isinstance(text, Cleaned) else clean(text)
    words = page.text
    title_end = _title_page_end(page)
    dated: tuple[int, int, Interval] | None = None
    alone: tuple[int, int, Interval] | None = None
    latest: tuple[int, int, Interval] | None = None
    for m in _DATE.finditer(words):
        start, end = m.span()
        if page.kind_at(start) == "toc":
            continue
        before = words[max(0, start - 80) : start]
        if _SHORT_YEAR.search(m.group()):
            continue  # "16/07/96": its century is read from the document's date, so it cannot tell it
        interval = _interval(m.group())
        if interval is None:
            continue
        cue = _PUBLICATION.search(before)
        if cue is not None:
            line_start = before.rfind("\n", 0, cue.start()) + 1
            own = not before[line_start : cue.start()].strip() or start < title_end
            if own or _OWN.search(_sentence(words, start, end)):
                return _found(page, start, end, interval, "publication")
        if start < title_end and dated is None and _DATED.search(before):
            dated = (start, end, interval)
        if start < title_end and alone is None and _stands_alone(words, start, end):
            alone = (start, end, interval)
        if _is_citation(m.group(), before) or _FUTURE.search(_sentence(words, start, end)):
            continue
        if latest is None or interval.earliest > latest[2].earliest:  # type: ignore[operator]
            latest = (start, end, interval)
    for pick, basis in ((dated, "title page"), (alone, "title page")):
        if pick is not None:
            return _found(page, pick[0], pick[1], pick[2], basis)  # type: ignore[arg-type]
    if latest is not None:
        return _found(page, latest[0], latest[1], Interval(latest[2].earliest, None), "latest date")
    return None


def _found(page: Cleaned, start: int, end: int, interval: Interval, basis: Basis) -> DocumentDate:
    return DocumentDate(interval, page.excerpt(start, end), basis)


def _title_page_end(page: Cleaned) -> int:
    """Where the opening page ends: the table of contents, the first numbered heading, or a limit."""
    for block in page.blocks:
        if block.kind == "toc" or (block.kind in ("heading", "paragraph") and block.number is not None):
            return min(block.clean_start, _TITLE_REACH)
    return min(len(page.text), _TITLE_REACH)


_TITLE_LINE: Final = 64  # characters either side of a date within which its line must end


def _stands_alone(words: str, start: int, end: int) -> bool:
    """Whether a date is (nearly) all of its block: "Final Report – March 2015" on a title page."""
    # A line with more than 40 characters besides the date is no title: looked for no further.
    lower, upper = max(0, start - _TITLE_LINE), min(len(words), end + _TITLE_LINE)
    a = words.rfind("\n", lower, start)
    b = words.find("\n", end, upper)
    if (a < 0 and lower > 0) or (b < 0 and upper < len(words)):
        return False
    a, b = a + 1, (upper if b < 0 else b)
    line = words[a:b]
    if line.rstrip().endswith((".", "!", "?")) or _TOLD.search(line):
        return False  # a sentence that tells something ("Child K was born on 1 January 2001."), not a title
    return len(line) - (end - start) <= 40 and len(line.split()) <= 8


_TOLD: Final = re.compile(r"\b(?:was|were|is|are|has|had|born|died|moved|seen|lived)\b")


def _is_citation(phrase: str, before: str) -> bool:
    return phrase.strip().isdigit() and _CITATION.search(before) is not None


_SENTENCE_END: Final = re.compile(r"[.!?](?:\s|$)|\n")


def _sentence(words: str, start: int, end: int) -> str:
    """The sentence around ``words[start:end]`` (bounded, so that the search stays linear)."""
    lower = max(0, start - 400)
    # Where neither is found within reach, the sentence starts at the reach (not at the text's start).
    a = max(words.rfind(". ", lower, start), words.rfind("\n", lower, start), lower - 1) + 1
    b = _SENTENCE_END.search(words, end, end + 400)
    return words[a : (b.start() if b else min(len(words), end + 400))]
