"""Stand-ins for the text, people and agency modules, until theirs land.

Another engineer builds :mod:`chronology.reading.text` (PDF clean-up with an
offset map, and the document's blocks), :mod:`chronology.reading.people` and
:mod:`chronology.reading.agencies`.  The reader needs a little of each now; this
module holds the simplest versions that serve, behind the interfaces the reader
uses (:class:`Page`, :class:`People`, :func:`agencies_in`), so that swapping in
the real modules touches only this file.

The clean-up here never moves a character: markup and footnote markers become
spaces, so an offset into the clean text is the same offset into the original.

>>> page = clean("Child S was born in ¹the winter of 2010.\\n\\n3.2 The first year\\n")
>>> page.text[20:39]
' the winter of 2010'
>>> [(b.kind, page.text[b.start:b.end]) for b in page.blocks]
[('paragraph', 'Child S was born in  the winter of 2010.'), ('heading', '3.2 The first year')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

import attrs


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set (word lists are written as plain text)."""
    return frozenset(text.split())


__all__ = ["Block", "Page", "clean", "People", "PersonInfo", "find_people", "agencies_in", "AGENCIES"]


@attrs.frozen
class Block:
    """A piece of the document: ``paragraph``, ``heading``, ``toc``, ``footnote``, ``row`` (a table
    row), ``item`` (a list item), ``furniture`` (page numbers, running headers); offsets into the
    page's text."""

    kind: str
    start: int
    end: int


@attrs.frozen
class Page:
    """The text cleaned for reading, its blocks, and the way back to the original's offsets."""

    original: str
    text: str
    blocks: tuple[Block, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the original text of ``text[start:end]`` (the same: nothing moves here)."""
        return start, end


# Markup and marks that are not words: HTML-ish tags, Markdown emphasis, strike-through,
# footnote markers (superscript digits), bullet glyphs, soft hyphens and zero-width characters.
_NOISE: Final = re.compile(r"</?[a-zA-Z][^<>\n]{0,20}>|\*\*|~~|[¹²³⁴⁵⁶⁷⁸⁹⁰•▪●◦■□➢✓\u00ad\u200b\ufeff]")
_TOC: Final = re.compile(r"^.{2,120}?(?:\t+|\s{2,}|\.{3,}\s*|…+\s*)\d{1,3}\s*$")
_HEADING_NUMBER: Final = re.compile(
    r"^\s*(?:(?:Section|SECTION|Appendix|APPENDIX|Chapter|CHAPTER|Part|PART)\s+[\w]+\b|\d{1,2}(?:\.\d{1,2}){0,3}\.?)\s+\S"
)
_FOOTNOTE: Final = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# Page furniture: a running header or footer with a page number ("Review of Child T   Page 4").
_FURNITURE: Final = re.compile(r"^.{0,100}\b(?:[Pp]age|PAGE)\s+\d{1,4}(?:\s+of\s+\d{1,4})?\s*$|^\s*\d{1,4}\s*$")
_ITEM: Final = re.compile(r"^\s*(?:[-•▪●◦*➢]|\(?[a-z0-9ivx]{1,4}\)|\d{1,2}\.)\s+")
_ROW: Final = re.compile(
    r"^\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{4}"
    r"|(?:19|20)\d\d)(?:\t+|\s{2,})\S"
)


def clean(text: str) -> Page:
    """The text with markup blanked out (offsets kept) and cut into blocks, line by line."""
    cleaned = _NOISE.sub(lambda m: " " * len(m.group()), text)
    blocks: list[Block] = []
    paragraph: list[tuple[int, int]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", paragraph[0][0], paragraph[-1][1]))
            paragraph.clear()

    at = 0
    for line in cleaned.split("\n"):
        start, end = at, at + len(line)
        at = end + 1
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        lead = len(line) - len(line.lstrip())
        s, e = start + lead, start + len(line.rstrip())
        original_line = text[start:end]
        if _FURNITURE.match(line):
            blocks.append(Block("furniture", s, e))
        elif _TOC.match(line):
            flush()
            blocks.append(Block("toc", s, e))
        elif _FOOTNOTE.match(original_line):
            flush()
            blocks.append(Block("footnote", s, e))
        elif _ROW.match(line):
            flush()
            blocks.append(Block("row", s, e))
        elif _ITEM.match(line) and not _HEADING_NUMBER.match(line):
            flush()
            blocks.append(Block("item", s, e))
        elif _is_heading(stripped) and not paragraph:
            blocks.append(Block("heading", s, e))
        else:
            paragraph.append((s, e))
    flush()
    return Page(text, cleaned, tuple(blocks))


def _is_heading(line: str) -> bool:
    if len(line) > 100 or line[-1] in '.,;:!?"”’)':
        return False
    if _HEADING_NUMBER.match(line):
        return len(line) <= 80 and line.count(". ") == 0
    words = line.split()
    return len(words) <= 8 and sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(1, len(words) // 2)


# -- people ----------------------------------------------------------------------------------

_LABEL: Final = re.compile(
    r"\b(?:(?:Child|Baby|Infant|Mother|Father|Male|Female|Sibling|Adult|Young Person|Mr|Mrs|Ms|Miss|Dr|"
    r"Stepfather|Step-father|Partner|Grandmother|Grandfather|Brother|Sister|Person|Subject|Victim)"
    r"\s(?:[A-Z]{1,2}\d?|\d{1,2})(?![\w-]))"
    r"|\b(?:Maternal|Paternal)\s(?:Grandmother|Grandfather|Aunt|Uncle|Grandparents?)\b"
)
_ROLE: Final = re.compile(r"\b[Tt]he (?:[Pp]erpetrator|Woman|Child|Victim|Baby|Young Person)\b")
_FEMALE_WORDS: Final = _words("mother female mrs ms miss woman grandmother sister aunt daughter girl stepmother")
_MALE_WORDS: Final = _words("father male mr man grandfather brother uncle son boy stepfather step-father")
_CHILD_WORDS: Final = _words("child baby infant sibling young")
_HE: Final = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)
_SHE: Final = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


@attrs.frozen
class PersonInfo:
    """Someone the text names: the label, ``f``/``m``/``None``, whether a child, how often named."""

    name: str
    gender: str | None
    child: bool
    count: int


@attrs.frozen
class People:
    """The people a text names, where it names them, and the child it is about."""

    persons: tuple[PersonInfo, ...]
    named: tuple[tuple[int, int, str], ...]  # (start, end, name) of each naming, in order
    subject: str | None

    def get(self, name: str) -> PersonInfo | None:
        """The person of that name (case and spacing aside)."""
        wanted = " ".join(name.split()).casefold()
        return next((p for p in self.persons if p.name.casefold() == wanted), None)


def _canonical(label: str) -> str:
    words = label.split()
    if words[0].lower() == "the":
        return "the " + " ".join(words[1:]).lower()
    return " ".join(words)


def find_people(text: str, sentences: Sequence[tuple[int, int]]) -> People:
    """Anonymised labels ("Child S", "Mother S", "Male B", "Sibling 1", "Maternal Grandmother") and
    roles ("the perpetrator"); a child's gender from the pronouns of the sentences naming only them."""
    named: list[tuple[int, int, str]] = []
    for m in _LABEL.finditer(text):
        named.append((m.start(), m.end(), _canonical(m.group())))
    for m in _ROLE.finditer(text):
        named.append((m.start(), m.end(), _canonical(m.group())))
    named.sort()
    counts = Counter(name for _, _, name in named)
    # Pronoun evidence per person, from sentences that name them alone.
    votes: dict[str, Counter[str]] = {name: Counter() for name in counts}
    from bisect import bisect_left

    starts = [a for a, _, _ in named]
    for s, e in sentences:
        k = bisect_left(starts, s)
        inside = set()
        while k < len(named) and named[k][0] < e:
            inside.add(named[k][2])
            k += 1
        if len(inside) == 1:
            (only,) = inside
            piece = text[s:e]
            votes[only]["m"] += len(_HE.findall(piece))
            votes[only]["f"] += len(_SHE.findall(piece))
    persons = []
    for name, count in counts.items():
        first = name.split()[0].lower() if not name.startswith("the ") else name.split()[1].lower()
        gender: str | None = None
        if first in _FEMALE_WORDS or any(w.lower() in _FEMALE_WORDS for w in name.split()):
            gender = "f"
        elif first in _MALE_WORDS or any(w.lower() in _MALE_WORDS for w in name.split()):
            gender = "m"
        else:
            v = votes[name]
            if v["m"] > v["f"]:
                gender = "m"
            elif v["f"] > v["m"]:
                gender = "f"
        persons.append(PersonInfo(name, gender, first in _CHILD_WORDS, count))
    children = [p for p in persons if p.child and not p.name.lower().startswith("sibling")]
    pool = children or persons
    subject = max(pool, key=lambda p: p.count).name if pool else None
    order = {name: i for i, (_, _, name) in reversed(list(enumerate(named)))}
    persons.sort(key=lambda p: (p.name != subject, order[p.name]))
    return People(tuple(persons), tuple(named), subject)


# -- agencies ----------------------------------------------------------------------------------

AGENCIES: Final[tuple[tuple[str, str], ...]] = (
    ("police", r"\bpolice\b|\bconstabulary\b|\bofficers? attended\b"),
    ("health visiting", r"\bhealth visit(?:or|ors|ing)\b"),
    ("midwifery", r"\bmidwi(?:fe|ves|fery)\b|\bante-?natal\b|\bpost-?natal\b"),
    ("GP", r"\bGPs?\b|\bgeneral practi(?:ce|tioner)s?\b|\bpractice nurse\b"),
    ("hospital", r"\bhospitals?\b|\bA&E\b|\baccident and emergency\b|\bemergency department\b|\bpaediatric"),
    ("ambulance", r"\bambulance\b"),
    ("children's social care", r"\bsocial care\b|\bsocial workers?\b|\bchildren'?s services\b|\bsocial services\b"),
    ("housing", r"\bhousing\b|\bhomeless(?:ness)?\b|\blandlord\b|\bRSL\b"),
    ("probation", r"\bprobation\b|\boffender manager\b"),
    ("refuge", r"\brefuge\b|\bhostel\b"),
    ("education", r"\bschool\b|\bnursery\b|\bcr[eè]che\b|\badult education\b|\bchildren'?s centres?\b"),
    ("fire service", r"\bfire service\b|\bfire and rescue\b"),
    ("courts", r"\bcourts?\b|\bmagistrates\b|\bcrown court\b"),
    ("mental health", r"\bmental health\b|\bCAMHS\b|\bpsychiatr"),
    ("substance misuse", r"\bdrug and alcohol\b|\bsubstance misuse\b"),
)
_AGENCY_RES: Final = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in AGENCIES)


def agencies_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """``(offset, agency)`` for each agency the words between ``start`` and ``end`` name, in order."""
    found = []
    for name, pattern in _AGENCY_RES:
        for m in pattern.finditer(text, start, end):
            found.append((m.start(), name))
    found.sort()
    return found


def listed_agencies(text: str, blocks: Iterable[Block]) -> tuple[str, ...]:
    """The agencies named anywhere in the text, in the gazetteer's order."""
    seen = []
    for name, pattern in _AGENCY_RES:
        if pattern.search(text):
            seen.append(name)
    return tuple(seen)
