"""Text pulled from a PDF, cleaned for reading, with every offset kept exact.

Reviews reach users as text extracted from PDFs: lines broken mid-sentence, a
blank line between every line, page numbers and running headers, footnote
markers, bullet glyphs, words hyphenated at line ends, markup such as ``<i>``.
:func:`clean` returns a :class:`Cleaned` value holding

- ``original``: the text as given, never changed;
- ``text``: the text to scan, with lines re-joined inside paragraphs, line-end
  hyphenation undone, page furniture, footnote markers, bullet glyphs and
  markup dropped, whitespace runs made single spaces, and blocks separated by a
  blank line;
- a monotone map from offsets in ``text`` back to offsets in ``original``
  (:meth:`Cleaned.original_span`), exact for every character copied;
- ``blocks``: the document's structure (headings with their section numbers,
  numbered paragraphs, list items, table of contents, glossary entries,
  footnotes, table rows, page furniture), each in both texts' offsets.

>>> page = clean("3.2 The first year\\n\\nThe health visi-\\ntor saw Child S¹ in early\\nsummer 2011.\\n\\n14\\n")
>>> page.text
'3.2 The first year\\n\\nThe health visitor saw Child S in early summer 2011.'
>>> [(b.kind, b.number) for b in page.blocks]
[('heading', '3.2'), ('paragraph', None), ('furniture', None)]
>>> start = page.text.index("early summer 2011")
>>> page.original_span(start, start + len("early summer 2011"))
(57, 74)
>>> page.original[57:74]
'early\\nsummer 2011'

Every step is linear in the length of the text: lines are classified by
anchored patterns with bounded repetition, long lines are never matched
against structure patterns, and the offset map is a few flat integer arrays.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from typing import Final, Literal

import attrs

from chronology.errors import InvalidValue
from chronology.model import Excerpt

__all__ = ["Block", "BlockKind", "Cleaned", "clean"]

BlockKind = Literal["heading", "paragraph", "item", "toc", "glossary", "footnote", "row", "furniture"]

# Lines longer than this are prose: structure patterns are never tried on them.
_STRUCTURE_LIMIT: Final = 400
# Running headers and footers are short lines repeated down the document.
_HEADER_LIMIT: Final = 100
_HEADER_REPEATS: Final = 3
_HEADER_MIN_GAP: Final = 4
# A heading is a short line.
_HEADING_WORDS: Final = 14
_HEADING_CHARS: Final = 120


@attrs.frozen
class Block:
    """One piece of the document's structure.

    ``kind`` is ``heading``, ``paragraph``, ``item`` (a list item), ``toc`` (a
    line of the table of contents, or its title), ``glossary`` (a term and its
    meaning), ``footnote``, ``row`` (a table row whose first cell is a date),
    or ``furniture`` (page numbers, running headers and footers: dropped from
    the cleaned text).  ``start``/``end`` are offsets into the original text,
    ``clean_start``/``clean_end`` into the cleaned text (equal for furniture).
    ``number`` is the block's own numbering as written ("4.11", "3", "a", "iv",
    "One" of "Section One"), at ``number_start``/``number_end`` in the original:
    numbering, never a date.  ``level`` is a heading's depth ("3.2.1" is 3,
    "Section One" 1, an unnumbered heading 0).  ``cells`` are the original spans
    of a row's cells, or of a glossary entry's term and meaning.  ``continues``
    marks a paragraph that carries on one interrupted by footnotes.

    >>> page = clean("Glossary\\n\\nCSC – Children's Social Care\\n")
    >>> entry = page.blocks[1]
    >>> entry.kind, [page.original[a:b] for a, b in entry.cells]
    ('glossary', ['CSC', "Children's Social Care"])
    """

    kind: BlockKind
    start: int
    end: int
    clean_start: int
    clean_end: int
    number: str | None = None
    number_start: int | None = None
    number_end: int | None = None
    level: int = 0
    cells: tuple[tuple[int, int], ...] = ()
    continues: bool = False


@attrs.frozen(repr=False)
class Cleaned:
    """A text cleaned for reading, its structure, and the exact way back to the original.

    Offsets into ``text`` map to offsets into ``original`` with
    :meth:`original_span`; the map is monotone, and every character copied
    from the original maps to itself.

    >>> page = clean("Mother S was seen by the health visi-\\ntor.")
    >>> page.text
    'Mother S was seen by the health visitor.'
    >>> a, b = page.original_span(32, 39)
    >>> page.original[a:b]
    'visi-\\ntor'
    """

    original: str
    text: str
    blocks: tuple[Block, ...]
    # The offset map: segment k covers text[_clean[k]:_clean[k+1]]; a copied segment is
    # original[_orig[k]:_orig[k] + length]; a replacement stands for original[_orig[k]:_orig_end[k]].
    _clean: array[int] = attrs.field(eq=False, alias="_clean")
    _orig: array[int] = attrs.field(eq=False, alias="_orig")
    _orig_end: array[int] = attrs.field(eq=False, alias="_orig_end")
    _copied: bytearray = attrs.field(eq=False, alias="_copied")
    numbering: tuple[tuple[int, int], ...] = ()
    # The blocks that hold text, and their cleaned starts, for lookups by offset.
    _content: tuple[Block, ...] = attrs.field(default=(), eq=False, repr=False, alias="_content")
    _starts: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False, alias="_starts")

    def __repr__(self) -> str:
        return f"Cleaned({len(self.original)} characters -> {len(self.text)}, {len(self.blocks)} blocks)"

    def _check(self, start: int, end: int, limit: int) -> None:
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= limit:
            raise InvalidValue(f"{start}-{end} is not a span of a text of {limit} characters")

    def original_offset(self, offset: int, *, end: bool = False) -> int:
        """The original offset of ``text[offset]`` (of the end of ``text[:offset]`` if ``end``).

        >>> page = clean("a  b")
        >>> page.original_offset(2), page.original_offset(2, end=True)
        (3, 3)
        """
        self._check(offset, offset, len(self.text))
        if not self._clean:
            return 0 if not end else len(self.original)
        if end:
            if offset == 0:
                return self._orig[0]
            k = bisect_right(self._clean, offset - 1) - 1
            if self._copied[k]:
                return self._orig[k] + offset - self._clean[k]
            return self._orig_end[k]
        if offset == len(self.text):
            return self._orig_end[-1]
        k = bisect_right(self._clean, offset) - 1
        if self._copied[k]:
            return self._orig[k] + offset - self._clean[k]
        return self._orig[k]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets into ``original`` of the words ``text[start:end]``.

        The span covers the same words, with whatever noise the cleaning removed
        between them (a line break, a page number, a footnote marker).

        >>> page = clean("Child S\\n\\n12\\n\\nwas born in\\nwinter 2010.")
        >>> page.text
        'Child S was born in winter 2010.'
        >>> a, b = page.original_span(8, 32)
        >>> page.original[a:b]
        'was born in\\nwinter 2010.'
        """
        self._check(start, end, len(self.text))
        if start == end:
            at = self.original_offset(start)
            return at, at
        return self.original_offset(start), self.original_offset(end, end=True)

    def cleaned_span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets into ``text`` of the original span ``original[start:end]`` (the nearest words).

        >>> page = clean("a <i>b</i> c")
        >>> page.cleaned_span(5, 6)
        (2, 3)
        """
        self._check(start, end, len(self.original))
        if not self._clean:
            return 0, 0
        return self._cleaned_offset(start, left=True), max(
            self._cleaned_offset(start, left=True), self._cleaned_offset(end, left=False)
        )

    def _cleaned_offset(self, offset: int, *, left: bool) -> int:
        # The segment holding the original offset, or the next one (left) / the previous one (right).
        k = bisect_right(self._orig, offset) - 1
        if k < 0:
            return 0
        seg_end = self._clean[k + 1] if k + 1 < len(self._clean) else len(self.text)
        if self._copied[k]:
            inside = self._orig[k] + (seg_end - self._clean[k])
            if offset <= inside:
                return self._clean[k] + offset - self._orig[k]
            return seg_end
        if offset <= self._orig[k]:
            return self._clean[k]
        return seg_end if (offset >= self._orig_end[k] or not left) else self._clean[k]

    def excerpt(self, start: int, end: int, document: str | None = None) -> Excerpt:
        """The original words of ``text[start:end]``, with their original offsets.

        >>> page = clean("seen in early\\nsummer 2011")
        >>> print(page.excerpt(8, 25, "review"))
        'early\\nsummer 2011' (review:8-25)
        """
        a, b = self.original_span(start, end)
        return Excerpt(self.original[a:b], a, b, document)

    def block_at(self, offset: int) -> Block | None:
        """The block whose cleaned text holds ``text[offset]``, or ``None`` (between blocks).

        >>> page = clean("Introduction\\n\\nChild S was born.")
        >>> page.block_at(20).kind
        'paragraph'
        """
        self._check(offset, offset, len(self.text))
        k = bisect_right(self._starts, offset) - 1
        if k >= 0 and offset < self._content[k].clean_end:
            return self._content[k]
        return None

    def kind_at(self, offset: int) -> BlockKind | None:
        """The kind of the block holding cleaned ``offset`` (``None`` between blocks).

        >>> page = clean("Contents\\n\\n1 Introduction\\t3\\n\\n1 Introduction\\n")
        >>> page.kind_at(12), page.kind_at(len(page.text) - 1)
        ('toc', 'heading')
        """
        self._check(offset, offset, len(self.text))
        block = self.block_at(offset) if offset < len(self.text) else None
        return None if block is None else block.kind

    def is_numbering(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` overlaps a section or paragraph number (never a date).

        >>> page = clean("2.10 The mother moved. See paragraph 3.12 below.")
        >>> page.is_numbering(0, 4), page.is_numbering(36, 40), page.is_numbering(5, 8)
        (True, True, False)
        """
        self._check(start, end, len(self.text))
        spans = self.numbering
        k = bisect_right(spans, (start, len(self.text) + 1)) - 1
        for j in (k, k + 1):
            if 0 <= j < len(spans) and spans[j][0] < max(end, start + 1) and spans[j][1] > start:
                return True
        return False

    def of_kind(self, *kinds: BlockKind) -> tuple[Block, ...]:
        """The blocks of the given kinds, in order.

        >>> [b.number for b in clean("1 Introduction\\n\\n2 Method\\n").of_kind("heading")]
        ['1', '2']
        """
        return tuple(b for b in self.blocks if b.kind in kinds)


# -- inline noise ---------------------------------------------------------------------------------

_SPACE_CHARS: Final = " \t\r\x0b\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
_BULLET_GLYPHS: Final = "•●○◦▪▫■□►▶▸➢➤➔→✓✔✗❖◆◇◊∙⁃"
_BULLETS: Final = _BULLET_GLYPHS + "\ue000-\uf8ff"  # a character class: the glyphs and the private-use area
_SUPERSCRIPTS: Final = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_DIGITS: Final = str.maketrans(_SUPERSCRIPTS, "0123456789")
_LIGATURES: Final = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_ENTITIES: Final = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " "}

# One alternation, every branch bounded: what a line holds that is not its words.
_NOISE: Final = re.compile(
    rf"(?P<ws>[{_SPACE_CHARS}]{{2,}}|[\t\r\x0b\xa0\u1680\u2000-\u200a\u202f\u205f\u3000])"
    r"|(?P<sup><sup>[^<>\n]{0,12}</sup>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>\n]{0,200})?/?>)"
    r"|(?P<ent>&(?:amp|lt|gt|quot|apos|nbsp|#\d{1,6});)"
    r"|(?P<mark>\*{1,3}|~~|_{2,})"
    rf"|(?P<fn>[{_SUPERSCRIPTS}]+|\[\d{{1,3}}\])"
    r"|(?<![\w'’-])(?P<gw>[a-z]{3,20})(?P<gd>\d{1,2})(?![\w/])"
    r"|(?P<zw>[\u00ad\u200b-\u200d\u2060\ufeff])"
    r"|(?P<ctl>[\x00-\x08\x0e-\x1f\x7f\x85\u2028\u2029\ufffd])"
    rf"|(?P<bullet>[{_SPACE_CHARS}]*[{_BULLETS}]+[{_SPACE_CHARS}]*)"
    r"|(?P<lig>[\ufb00-\ufb06])"
    r"|(?P<leader>(?:\s?\.){4,}\s?|…{2,})"
)


# Characters that are never noise: a line made of them alone (with no double space, dot leader or
# digit glued to a word) is copied as it is, without the slower search above.
_PLAIN_CHARS: Final = re.compile(r"[^ !\"#%'(),\-./0-9:;=>?@A-Z\]^`a-z{|}]")
_GLUED: Final = re.compile(r"[a-z]\d")


def _noisy(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold noise (a quick test; :data:`_NOISE` decides)."""
    plain = _PLAIN_CHARS.search(text, start, end) is None and _GLUED.search(text, start, end) is None
    if plain and text.find("  ", start, end) < 0 and text.find("....", start, end) < 0:
        return False
    return _NOISE.search(text, start, end) is not None


class _Line:
    """A line's visible words (noise gone, gaps as tabs) and how they map to the original.

    Piece k is ``visible[k]``; a copied piece is ``original[ostart[k]:ostart[k] + len]``, any
    other stands for ``original[ostart[k]:oend[k]]``.
    """

    __slots__ = ("visible", "vstart", "ostart", "oend", "copied", "length")

    def __init__(self) -> None:
        self.visible: list[str] = []
        self.vstart: list[int] = []
        self.ostart: list[int] = []
        self.oend: list[int] = []
        self.copied: list[bool] = []
        self.length = 0

    def _ends_in_space(self) -> bool:
        return not self.visible or self.visible[-1][-1] in " \t"

    def put(self, piece: str, ostart: int, oend: int, copied: bool) -> None:
        if piece in (" ", "\t"):
            if self._ends_in_space():
                if self.visible and not self.copied[-1] and self.visible[-1] in (" ", "\t"):
                    self.oend[-1] = oend
                    if piece == "\t":
                        self.visible[-1] = "\t"
                return
            copied = copied and piece == " " and oend - ostart == 1
        elif copied and piece[0] == " " and self._ends_in_space():
            stripped = piece.lstrip(" ")
            ostart += len(piece) - len(stripped)
            piece = stripped
            if not piece:
                return
        self.visible.append(piece)
        self.vstart.append(self.length)
        self.ostart.append(ostart)
        self.oend.append(oend)
        self.copied.append(copied)
        self.length += len(piece)

    def _pop(self) -> None:
        self.length -= len(self.visible.pop())
        self.vstart.pop()
        self.ostart.pop()
        self.oend.pop()
        self.copied.pop()

    def trim(self) -> None:
        """Drop whitespace at both ends."""
        while self.visible and self.visible[-1].endswith((" ", "\t")):
            piece = self.visible[-1]
            kept = piece.rstrip(" \t")
            if not kept or not self.copied[-1]:
                self._pop()
                continue
            self.visible[-1] = kept
            self.oend[-1] -= len(piece) - len(kept)
            self.length -= len(piece) - len(kept)
        if self.visible and self.visible[0][0] in " \t":
            self.drop_head(0)

    def text(self) -> str:
        return "".join(self.visible)

    def original(self, at: int, *, end: bool = False) -> int:
        """The original offset of visible offset ``at`` (as a span's end if ``end``)."""
        if not self.visible:
            return 0
        probe = at - 1 if end else at
        k = max(0, min(bisect_right(self.vstart, probe) - 1, len(self.vstart) - 1))
        if self.copied[k]:
            return self.ostart[k] + min(max(probe - self.vstart[k], 0), len(self.visible[k])) + (1 if end else 0)
        return self.oend[k] if end else self.ostart[k]

    def drop_head(self, count: int) -> None:
        """Remove the first ``count`` visible characters and the spaces after them (a bullet)."""
        text = self.text()
        cut = len(text) - len(text[count:].lstrip(" \t"))
        if cut <= 0:
            return
        rest = _Line()
        for piece, vstart, ostart, oend, copied in zip(
            self.visible, self.vstart, self.ostart, self.oend, self.copied, strict=True
        ):
            skip = cut - vstart
            if skip >= len(piece):
                continue
            if skip > 0:
                piece = piece[skip:]
                if copied:
                    ostart += skip
            rest.put(piece, ostart, oend, copied)
        for name in self.__slots__:
            setattr(self, name, getattr(rest, name))

    def drop_last(self) -> None:
        """Remove the last visible character (a hyphen joined away)."""
        piece = self.visible[-1]
        if len(piece) == 1:
            self._pop()
            return
        self.visible[-1] = piece[:-1]
        self.length -= 1
        if self.copied[-1]:
            self.oend[-1] -= 1


def _scan(text: str, start: int, end: int) -> _Line:
    """The visible words of ``text[start:end]`` (a stripped line) and their map to the original."""
    line = _Line()
    at = start
    for m in _NOISE.finditer(text, start, end):
        a, b = m.span()
        if a > at:
            line.put(text[at:a], at, a, True)
        kind = m.lastgroup
        if kind == "ws":
            line.put("\t" if (b - a > 1 or "\t" in m.group()) else " ", a, b, False)
        elif kind == "gd":
            line.put(m.group("gw"), a, a + len(m.group("gw")), True)
        elif kind == "ent":
            name = m.group()[1:-1]
            if name.startswith("#"):
                code = int(name[1:])
                char = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else " "
            else:
                char = _ENTITIES[name]
            line.put(char if char.strip() else " ", a, b, False)
        elif kind in ("ctl", "bullet"):
            line.put(" ", a, b, False)
        elif kind == "leader":
            line.put("\t", a, b, False)
        elif kind == "lig":
            line.put(_LIGATURES.get(m.group(), m.group()), a, b, False)
        at = b
    if at < end:
        line.put(text[at:end], at, end, True)
    line.trim()
    return line


# -- lines ----------------------------------------------------------------------------------------

_LINE_BREAK: Final = re.compile(r"[\n\f\v\x1c\x1d\x1e\x85\u2028\u2029]")
_STRIP: Final = " \t\r\x0b\x0c\xa0\u1680\u202f\u205f\u3000\ufeff\u200b" + "".join(map(chr, range(0x2000, 0x200B)))


def _offsets(text: str) -> str:
    """The array type code for offsets into ``text``: four bytes where they suffice."""
    return "i" if len(text) < 2**31 - 1 else "q"


def _lines(text: str) -> tuple[array[int], array[int]]:
    """Start and end offsets of every line (the break characters excluded)."""
    starts: array[int] = array(_offsets(text), [0])
    ends: array[int] = array(_offsets(text))
    for m in _LINE_BREAK.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


# -- what a line is -------------------------------------------------------------------------------

_WORD_NUMBERS: Final = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
_MONTHS: Final = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_PAGE: Final = re.compile(
    r"(?i:page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[:|–—-].{0,300})?"
    r"|.{0,100}?(?:\s|\||–|-)page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*\|\s*p\s?a\s?g\s?e"
    r"|[-–—(\[]?\s*\d{1,3}\s*[-–—)\]]?"
    r"|\d{1,4}\s*(?:of|/)\s*\d{1,4}"
    r"|[ivxlc]{1,6})"
)
_SEPARATOR_LINE: Final = re.compile(r"[*\-_=~#.·•\s]{3,}")
_SECTION: Final = re.compile(
    rf"(?i:(?P<word>section|part|chapter|appendix|annex|annexe|schedule)\s+"
    rf"(?P<wnum>\d{{1,3}}|[a-z]\b|[ivxl]{{1,5}}\b|{_WORD_NUMBERS}\b)[.:]?)"
    r"|(?P<num>\d{1,2}(?:\.\d{1,3}){0,4})(?P<dot>\.?)(?=\s|$)"
)
_SECTION_ONLY: Final = re.compile(r"(?:\d{1,2}(?:\.\d{1,3}){0,4}\.?|(?i:appendices|appendix|annex(?:es)?))")
_MONTH_START: Final = re.compile(rf"(?i:{_MONTHS})\b")
_ITEM: Final = re.compile(
    rf"(?P<bullet>[-–*·](?=\s+\S)|o(?=[ \t]+[A-Z])|[{_BULLETS}])"
    r"|(?P<enum>\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)|(?:[a-z]|[ivx]{1,5})[.)](?=\s)|\d{1,2}\))"
)
_FOOTNOTE: Final = re.compile(rf"[{_SUPERSCRIPTS}]+|\[\d{{1,3}}\]")
_TOC_TAIL: Final = re.compile(r"(?:\t|\s\.{2,}\s*|\s+(?i:page)\s*)(?P<page>\d{1,3}|[ivxlc]{1,6})$")
_TOC_TAIL_LOOSE: Final = re.compile(r"\s(?P<page>\d{1,3})$")
_CONTENTS: Final = re.compile(r"(?i:(?:table\s+of\s+)?contents|index|page\s*no\.?)\s*:?")
_GLOSSARY_TITLE: Final = re.compile(
    r"(?i:.{0,40}\b(?:glossary|abbreviations|acronyms|terms\s+used|key\s+to\s+\w+|definitions)\b.{0,40})"
)
_GLOSS_SPLIT: Final = re.compile(r"\t|\s+[–—-]\s+|\s*:\s+|\s+=\s+")
_GLOSS_SPLIT_STRICT: Final = re.compile(r"\t|\s+[–—-]\s+|\s+=\s+")
_ACRONYM: Final = re.compile(r"[A-Z][A-Za-z&/]{0,2}[A-Z&][A-Za-z&/0-9]{0,8}s?|[A-Z]{2,10}s?")
_DATE_CELL: Final = re.compile(
    rf"(?i:(?:w/?c\s+|week\s+commencing\s+|(?:early|mid|late|end|start|beginning)(?:\s+of)?[\s-]+)?"
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}[./-]\d{{4}}|\d{{4}}[./-]\d{{1,2}}(?:[./-]\d{{1,2}})?"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\.?,?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?\s+\d{{2,4}}"
    rf"|(?:spring|summer|autumn|winter|fall)\s+\d{{4}}|(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?|date))"
)
_TERMINAL: Final = ".!?:;"
_CLOSERS: Final = "\"'”’)]*" + _SUPERSCRIPTS


class _Kind:
    """What a content line looks like on its own."""

    __slots__ = ("kind", "number", "nspan", "ospan", "level", "cells", "head")

    def __init__(self, kind: str, number: str | None = None, nspan: tuple[int, int] | None = None) -> None:
        self.kind = kind
        self.number = number
        self.nspan = nspan  # visible offsets
        self.ospan: tuple[int, int] | None = None  # original offsets, of numbers the visible text lacks
        self.level = 0
        self.cells: tuple[tuple[int, int], ...] = ()
        self.head = 0  # visible characters dropped from the cleaned text (a bullet, a footnote number)


def _terminal(visible: str) -> bool:
    """Whether a line ends a sentence (or a clause that stands alone: ``:`` and ``;``)."""
    end = visible.rstrip(_CLOSERS + " \t")
    return bool(end) and end[-1] in _TERMINAL


def _title_like(visible: str) -> bool:
    """A short line with no closing full stop, most of whose words are capitalised or numbers."""
    if len(visible) > _HEADING_CHARS or not visible or visible[-1] in ".,;!?":
        return False
    words = visible.split()
    if not words or len(words) > _HEADING_WORDS or not (visible[0].isupper() or visible[0].isdigit()):
        return False
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    capital = sum(1 for w in major if not w[0].islower())
    return bool(major) and capital * 3 >= len(major) * 2


_MINOR_WORDS: Final = frozenset(
    ("a", "an", "and", "the", "of", "in", "on", "to", "for", "by", "with", "at", "or", "from", "into", "re")
    + ("as", "its", "their", "his", "her", "is", "are", "was", "were", "be")
)


def _heading_ok(rest: str) -> bool:
    """After a section number: a short title with no closing full stop."""
    rest = rest.strip()
    if not rest:
        return True
    return len(rest) <= _HEADING_CHARS and len(rest.split()) <= _HEADING_WORDS and rest[-1] not in ".,;"


def _entry_with_page(visible: str) -> bool:
    """A numbered title ending in its page ("1. Background Page 2"): a contents entry, not a footer."""
    section = _SECTION.match(visible)
    return section is not None and section.end() < len(visible) and _TOC_TAIL.search(visible) is not None


def _toc_line(visible: str, region: str) -> bool:
    """Whether a line ends as a table of contents' entry does: a page number after a gap or leader."""
    if _TOC_TAIL.search(visible):
        return True
    return region == "toc" and _TOC_TAIL_LOOSE.search(visible) is not None and _title_like(visible)


def _classify(visible: str, raw_first: str, region: str, next_toc: bool = False, *, long: bool = False) -> _Kind:
    """What the visible words of one content line are.

    ``next_toc``: the next line is an entry of a table of contents; ``long``: ``visible`` is the
    start of a long line, which only its first words can make more than a paragraph.
    """
    if visible.startswith("[") and _FOOTNOTE.match(visible):
        m = _FOOTNOTE.match(visible)
        kind = _Kind("footnote", (m.group().strip("[]") if m else None))
        if m:
            kind.nspan = m.span()
        return kind
    if long:
        region = "long"
    if region != "long" and _CONTENTS.fullmatch(visible):
        return _Kind("toc")
    if region == "long":
        pass
    elif region == "toc":
        if _toc_line(visible, region) or (next_toc and len(visible) <= _HEADING_CHARS and not _terminal(visible)):
            return _Kind("toc")
    elif _TOC_TAIL.search(visible) and len(visible) <= _HEADING_CHARS + 10:
        head = visible[: _TOC_TAIL.search(visible).start()].rstrip(" .\t")  # type: ignore[union-attr]
        if head and (_title_like(head) or _SECTION.match(head)) and not _DATE_CELL.fullmatch(head):
            return _Kind("toc")
    item = _ITEM.match(visible) if raw_first not in "0123456789" else None
    if item is None and raw_first in _BULLETS_SET:
        item = _ITEM.match(raw_first)
    if item is not None and item.group("bullet") is not None:
        kind = _Kind("item")
        kind.head = item.end() if visible.startswith(item.group()) else 0
        rest = visible[kind.head :].lstrip()
        enum = _ITEM.match(rest)
        if enum is not None and enum.group("enum"):
            kind.number = enum.group().strip("().")
            offset = len(visible) - len(rest) + enum.group().index(kind.number)
            kind.nspan = (offset, offset + len(kind.number))
        return kind
    if item is not None and item.group("enum") and len(visible) > item.end() + 1:
        label = item.group().strip("().")
        at = item.group().index(label)
        return _Kind("item", label, (at, at + len(label)))
    section = _SECTION.match(visible)
    if section is not None:
        rest = visible[section.end() :]
        if section.group("word"):
            if not long and (_heading_ok(rest) or rest.lstrip()[:1] in ("–", "-", ":", "—")):
                kind = _Kind("heading", section.group("wnum"), section.span("wnum"))
                kind.level = 1
                return kind
        elif rest.strip() and not _MONTH_START.match(rest.lstrip()):
            first = rest.lstrip()[:1]
            number = section.group("num")
            if first.isupper() or first in "(\"'“‘":
                level = number.count(".") + 1
                if (
                    not long
                    and _heading_ok(rest)
                    and (level > 1 or section.group("dot") or _title_like(rest.strip()))
                    and rest.split()[-1].lower() not in _MINOR_WORDS
                    and (len(visible) <= 70 or _title_like(rest.strip()))
                ):
                    kind = _Kind("heading", number, section.span("num"))
                    kind.level = level
                    return kind
                if level > 1 or section.group("dot") or len(rest.split()) > 3:
                    return _Kind("paragraph", number, section.span("num"))
        elif not rest.strip() and _SECTION_ONLY.fullmatch(visible):
            return _Kind("number", section.group("num"), section.span("num"))
    if long:
        return _Kind("text")
    if "\t" in visible:
        first, _, rest = visible.partition("\t")
        if rest.strip() and _DATE_CELL.fullmatch(first.strip()):
            kind = _Kind("row")
            kind.cells = _cells(visible)
            return kind
    if region == "glossary" or "\t" in visible or " – " in visible or " - " in visible or " = " in visible:
        split = (_GLOSS_SPLIT if region == "glossary" else _GLOSS_SPLIT_STRICT).search(visible, 1, 80)
        if split is not None and split.start() <= 60:
            term = visible[: split.start()].strip()
            meaning = visible[split.end() :].strip()
            if term and meaning and (region == "glossary" or (_ACRONYM.fullmatch(term) and meaning[0].isupper())):
                kind = _Kind("glossary")
                kind.cells = ((0, split.start()), (split.end(), len(visible)))
                return kind
    if region != "glossary" and _GLOSSARY_TITLE.fullmatch(visible) and _title_like(visible):
        return _Kind("glossary-title")
    return _Kind("text")


_BULLETS_SET: Final = frozenset(_BULLET_GLYPHS)


def _cells(visible: str) -> tuple[tuple[int, int], ...]:
    cells = []
    at = 0
    for part in visible.split("\t"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            cells.append((at + lead, at + len(part.rstrip())))
        at += len(part) + 1
    return tuple(cells)


# -- the whole text -------------------------------------------------------------------------------


def _header_key(visible: str) -> str | None:
    if not visible or len(visible) > _HEADER_LIMIT or not any(c.isalpha() for c in visible):
        return None
    if _SECTION.match(visible) or _ITEM.match(visible) or _terminal(visible):
        return None
    return re.sub(r"\d+", "#", " ".join(visible.lower().split()))


class _Builder:
    """The cleaned text and its offset map, built piece by piece."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.clean: array[int] = array("q")
        self.orig: array[int] = array("q")
        self.orig_end: array[int] = array("q")
        self.copied = bytearray()

    def put(self, piece: str, ostart: int, oend: int, copied: bool) -> None:
        if not piece:
            return
        if (
            copied
            and self.copied
            and self.copied[-1]
            and self.orig_end[-1] == ostart
            and self.clean[-1] + (self.orig_end[-1] - self.orig[-1]) == self.length
        ):
            self.orig_end[-1] = oend
        else:
            self.clean.append(self.length)
            self.orig.append(ostart)
            self.orig_end.append(oend)
            self.copied.append(1 if copied else 0)
        self.pieces.append(piece)
        self.length += len(piece)

    def put_line(self, line: _Line, cells: bool = False) -> None:
        """Write out a line; its gaps become a tab where they part cells (``cells``), else a space."""
        for piece, ostart, oend, copied in zip(line.visible, line.ostart, line.oend, line.copied, strict=True):
            self.put(" " if piece == "\t" and not cells else piece, ostart, oend, copied)

    def unput_last(self) -> None:
        """Take back the last character put (a line-end hyphen joined away)."""
        self.pieces[-1] = self.pieces[-1][:-1]
        self.length -= 1
        if self.copied[-1]:
            self.orig_end[-1] -= 1
        if not self.pieces[-1]:
            self.pieces.pop()
        if self.clean[-1] == self.length:
            self.clean.pop()
            self.orig.pop()
            self.orig_end.pop()
            self.copied.pop()


class _Open:
    """A block being built: its kind, its lines, and what it says of itself (original offsets)."""

    __slots__ = ("kind", "first", "last", "start", "clean_start", "number", "nspan", "level", "cells", "continues")

    def __init__(self, kind: _Kind, start: int, line: _Line, pending: tuple[str, int, int] | None) -> None:
        self.kind = kind.kind
        self.start = start
        self.number = kind.number
        self.nspan: tuple[int, int] | None = None
        if kind.ospan is not None:
            self.nspan = kind.ospan
        elif kind.nspan is not None:
            self.nspan = (line.original(kind.nspan[0]), line.original(kind.nspan[1], end=True))
        self.level = kind.level
        self.cells = tuple((line.original(x), line.original(y, end=True)) for x, y in kind.cells)
        if pending is not None and self.number is None and self.kind in ("heading", "paragraph", "item"):
            self.number, self.nspan = pending[0], (pending[1], pending[2])
            self.start = pending[1]
            if self.kind == "heading":
                self.level = pending[0].count(".") + 1
        self.continues = False
        if kind.head:
            line.drop_head(kind.head)
        # Only the first line (for its number) and the last (for joining the next) are kept:
        # the lines between are written out as they come.
        self.first = self.last = line
        self.clean_start = 0


def clean(text: str) -> Cleaned:
    """Clean ``text`` for reading, keeping an exact map back to its offsets, and find its blocks.

    >>> page = clean("Contents\\n\\n1 Introduction\\t3\\n\\n1 Introduction\\n\\n• Coventry Social Care\\n")
    >>> for block in page.blocks:
    ...     print(block.kind, repr(page.original[block.start : block.end]))
    toc 'Contents'
    toc '1 Introduction\\t3'
    heading '1 Introduction'
    item '• Coventry Social Care'
    >>> page.text
    'Contents\\n\\n1 Introduction 3\\n\\n1 Introduction\\n\\nCoventry Social Care'
    """
    if not isinstance(text, str):
        raise InvalidValue(f"clean() takes the text as a str, not {type(text).__name__}")
    return _Cleaner(text).run()


class _Cleaner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = _lines(text)
        count = len(self.starts)
        code = _offsets(text)
        self.content_start: array[int] = array(code, bytes(array(code).itemsize * count))
        self.content_end: array[int] = array(code, bytes(array(code).itemsize * count))
        self.skip = bytearray(count)  # 1 blank, 2 furniture
        self.out = _Builder()
        self.blocks: list[Block] = []
        self.numbering: list[tuple[int, int]] = []

    # pass 1: blank lines, page furniture, running headers; line-end hyphenation evidence
    def survey(self) -> None:
        text = self.text
        # Running headers are title-like lines: each such line's key (by hash, one integer a line)
        # and, for each distinct key, [count, last line, smallest gap, first line].
        seen: dict[int, list[int]] = {}
        lines: array[int] = array(_offsets(text))
        keys: array[int] = array("q")
        first_page = -1
        for i in range(len(self.starts)):
            a, b = _stripped(text, self.starts[i], self.ends[i])
            self.content_start[i], self.content_end[i] = a, b
            if a == b:
                self.skip[i] = 1
                continue
            if b - a > _STRUCTURE_LIMIT:
                continue
            visible = _scan(text, a, b).text().strip() if _noisy(text, a, b) else text[a:b]
            if not visible:
                self.skip[i] = 1
            elif (_PAGE.fullmatch(visible) and not _entry_with_page(visible)) or _SEPARATOR_LINE.fullmatch(visible):
                self.skip[i] = 2
                if first_page < 0:
                    first_page = i
            else:
                key = _header_key(visible) if _title_like(visible) else None
                if key is not None:
                    hashed = hash(key)
                    lines.append(i)
                    keys.append(hashed)
                    entry = seen.get(hashed)
                    if entry is None:
                        seen[hashed] = [1, i, 1 << 62, i]
                    else:
                        entry[0] += 1
                        entry[2] = min(entry[2], i - entry[1])
                        entry[1] = i
        total = len(self.starts)
        near_page: dict[int, int] = {}
        for i, hashed in zip(lines, keys, strict=True):
            if seen[hashed][0] >= _HEADER_REPEATS and self._near_page_break(i):
                near_page[hashed] = near_page.get(hashed, 0) + 1
        for i, hashed in zip(lines, keys, strict=True):
            count, last, gap, first = seen[hashed]
            # Repeated down the whole text, or beside the page numbers: a running header or footer.
            spread = near_page.get(hashed, 0) >= 2 or (
                count > _HEADER_REPEATS and gap >= 10 and (last - first) * 2 >= total
            )
            if count >= _HEADER_REPEATS and gap >= _HEADER_MIN_GAP and spread:
                # The first time a title appears on the opening page it is the title, not a header.
                if (
                    i == first
                    and i < 40
                    and (first_page < 0 or i < first_page)
                    and not self._near_page_break(i)
                    and not any(c.isdigit() for c in self.text[self.content_start[i] : self.content_end[i]])
                ):
                    continue
                self.skip[i] = 2
        code = _offsets(text)
        self.next_content = array(code, bytes(array(code).itemsize * len(self.starts)))
        upcoming = -1
        for i in range(len(self.starts) - 1, -1, -1):
            self.next_content[i] = upcoming
            if not self.skip[i]:
                upcoming = i
        self._decide_spacing()
        self._decide_hyphens()

    def _near_page_break(self, i: int) -> bool:
        """Whether a page number or a form feed lies within three lines of line ``i``."""
        for j in range(max(0, i - 3), min(len(self.starts), i + 4)):
            if j != i and self.skip[j] == 2 or (self.starts[j] and self.text[self.starts[j] - 1] == "\f"):
                return True
        return False

    def _decide_spacing(self) -> None:
        """Whether the text has a blank line between its lines (a common PDF extraction)."""
        text = self.text
        self.spaced = False
        gaps = continued = lines = wide = 0
        for i in range(len(self.starts)):
            if self.skip[i]:
                continue
            width = self.content_end[i] - self.content_start[i]
            lines += width >= 40
            wide += width > 150
            j = self.next_content[i]
            if j < 0:
                break
            if j == i + 1:
                continue
            a, b = self.content_start[i], self.content_end[i]
            if b - a < 40 or _terminal(text[max(a, b - 8) : b]):
                continue
            gaps += 1
            if self._first_visible(j).islower():
                continued += 1
        # Of the breaks after an unfinished sentence, enough carry on in lower case.
        # ... and its lines are a page's width (a text with a paragraph on each line is not spaced).
        self.spaced = continued >= 3 and continued * 10 >= gaps * 3 and wide * 10 <= lines

    def _decide_hyphens(self) -> None:
        """For each word broken at a line end, whether the text writes it with its hyphen elsewhere."""
        text = self.text
        candidates: dict[str, str] = {}
        uppers: set[str] = set()  # broken before a capital: "mid-\nJune" keeps its hyphen
        for i in range(len(self.starts)):
            if self.skip[i]:
                continue
            a, b = self.content_start[i], self.content_end[i]
            j = self.next_content[i]
            if j < 0 or b - a < 2 or text[b - 1] != "-" or not text[b - 2].isalpha():
                continue
            left = _LAST_WORD.search(text, max(a, b - 40), b - 1)
            right = _FIRST_WORD.match(text, self.content_start[j], self.content_end[j])
            if left and right and right.group()[0].isupper():
                uppers.add((left.group() + right.group()).lower())
            if left and right:
                candidates[(left.group() + right.group()).lower()] = (left.group() + "-" + right.group()).lower()
        self.hyphens: dict[str, bool] = {}
        if not candidates:
            return
        joined = set(candidates)
        hyphened = {v: k for k, v in candidates.items()}
        found_joined: set[str] = set()
        found_hyphened: set[str] = set()
        at = 0
        while at < len(text):  # in pieces, so that memory stays bounded however long the text
            cut = text.find(" ", at + 1_000_000)
            cut = len(text) if cut < 0 else cut
            words = set(_WORDS.findall(text[at:cut].lower()))
            found_joined |= words & joined
            found_hyphened |= {hyphened[w] for w in words & hyphened.keys()}
            at = cut
        for word, with_hyphen in candidates.items():
            prefix = with_hyphen.split("-", 1)[0]
            if word in found_hyphened and word not in found_joined:
                self.hyphens[word] = True
            elif word in found_joined:
                self.hyphens[word] = False
            else:
                self.hyphens[word] = prefix in _KEEP_HYPHEN or word in uppers

    # pass 2: blocks and the cleaned text
    def run(self) -> Cleaned:
        self.survey()
        text = self.text
        region = ""  # "toc" or "glossary" while inside one
        current: _Open | None = None
        pending: tuple[str, int, int] | None = None  # a paragraph number alone on its line
        previous = -1  # the last content line
        for i in range(len(self.starts)):
            if self.skip[i]:
                if self.skip[i] == 2:
                    at = self.out.length  # where it falls in the cleaned text: blocks are written as they come
                    a, b = self.content_start[i], self.content_end[i]
                    self.blocks.append(Block("furniture", a, b, at, at))
                continue
            a, b = self.content_start[i], self.content_end[i]
            line = _scan(text, a, b) if _noisy(text, a, b) else _plain(text, a, b)
            visible = line.text()
            if not visible:
                continue
            gap = previous >= 0 and i != previous + 1  # blank lines or furniture since the last line
            paged = gap and any(self.skip[k] == 2 for k in range(previous + 1, i))  # a page break between
            previous = i
            if len(visible) > _STRUCTURE_LIMIT:
                # A long line is prose: only what starts it (a bullet, a number, a footnote's mark) counts.
                kind = _classify(visible[:_STRUCTURE_LIMIT], text[a], "", long=True)
            else:
                kind = _classify(visible, text[a], region, region == "toc" and self._toc_next(i))
                if kind.kind == "toc" and _toc_line(visible, "toc"):
                    self._toc_paged = True
            if text[a] in _SUPERSCRIPTS:
                marks = _FOOTNOTE.match(text, a, b)
                kind = _Kind("footnote", marks.group().translate(_SUPER_DIGITS) if marks else None)
                kind.ospan = marks.span() if marks else None
            if kind.kind == "number" and kind.nspan is not None:
                self._close(current)
                current = None
                pending = (kind.number or "", line.original(kind.nspan[0]), line.original(kind.nspan[1], end=True))
                continue
            if kind.kind == "text" and current is not None and self._carries(current, visible, gap, i, paged):
                self._append(current, line)
                continue
            continues = False
            if kind.kind == "glossary-title":
                kind = _Kind("heading")
                region = "glossary"
            elif kind.kind == "text":
                if _title_like(visible) and self._stands_alone(i):
                    kind = _Kind("heading")
                else:
                    kind = _Kind("paragraph")
                    # Text that carries on a paragraph which footnotes or a heading-like line interrupted.
                    continues = (
                        visible[:1].islower() and current is not None and current.kind == "footnote" and self._open
                    )
                region = "" if region == "toc" or kind.kind == "heading" else region
            elif kind.kind == "toc":
                if region != "toc":
                    self._toc_paged = _toc_line(visible, "toc")
                region = "toc"
            else:
                region = "" if region == "toc" or kind.kind == "heading" else region
            self._close(current)
            current = _Open(kind, a, line, pending)
            current.continues = continues
            self._begin(current)
            pending = None
        self._close(current)
        out = self.out
        cleaned = Cleaned(
            text,
            "".join(out.pieces),
            (),
            _clean=out.clean,
            _orig=out.orig,
            _orig_end=out.orig_end,
            _copied=out.copied,
            numbering=tuple(self.numbering),
        )
        numbering = set(self.numbering)
        for m in _REFERENCE.finditer(cleaned.text):
            numbering.add(m.span("ref"))
        object.__setattr__(cleaned, "numbering", tuple(sorted(numbering)))
        # A block is recorded when it ends, furniture when it is met: put them in the text's order.
        blocks = sorted(self.blocks, key=lambda b: b.start)
        object.__setattr__(cleaned, "blocks", tuple(blocks))
        content = tuple(b for b in blocks if b.kind != "furniture")
        object.__setattr__(cleaned, "_content", content)
        object.__setattr__(cleaned, "_starts", tuple(b.clean_start for b in content))
        return cleaned

    def _carries(self, current: _Open, visible: str, gap: bool, i: int, paged: bool = False) -> bool:
        """Whether a plain text line carries on the open block (a line broken by the PDF).

        ``paged``: page furniture lies between them, so a sentence left unfinished carries on.
        """
        if current.kind not in ("paragraph", "item", "footnote", "row", "glossary"):
            return False
        before = current.last.text()
        if not gap:
            if current.kind == "row" or not _terminal(before):
                return True
            return not (_title_like(visible) and self._stands_alone(i))
        if _terminal(before):
            return False
        first = visible[:1]
        if first.islower() or before.endswith("-"):
            return True
        if paged and current.kind == "paragraph" and not _title_like(visible):
            return True
        return self.spaced and len(before) >= 40

    def _toc_next(self, i: int) -> bool:
        """Whether the next content line is an entry of the table of contents.

        In contents that give no page numbers, an entry is any short line that does not end a
        sentence: the contents end where a line of text follows.
        """
        j = self.next_content[i]
        if j < 0 or self.content_end[j] - self.content_start[j] > _STRUCTURE_LIMIT:
            return False
        following = _scan(self.text, self.content_start[j], self.content_end[j]).text()
        if _toc_line(following, "toc"):
            return True
        return not self._toc_paged and len(following) <= 80 and not _terminal(following)

    _toc_paged = False  # the contents being read give page numbers

    def _stands_alone(self, i: int) -> bool:
        """Whether the line after ``i`` starts something new (so that line ``i`` can be a heading)."""
        j = self.next_content[i]
        return j < 0 or not self._first_visible(j).islower()

    def _first_visible(self, j: int) -> str:
        """The first visible character of content line ``j`` (markup and marks skipped)."""
        a, b = self.content_start[j], self.content_end[j]
        if not _noisy(self.text, a, min(b, a + 300)):
            return self.text[a]
        return _scan(self.text, a, min(b, a + 300)).text()[:1]

    def _begin(self, block: _Open) -> None:
        """Write out a new block's first line, after a blank line standing for what lay before it."""
        out = self.out
        first = block.first
        if out.length:
            out.put("\n\n", self._last_end, first.ostart[0], False)
        block.clean_start = out.length
        out.put_line(first, _has_cells(block.kind, first))

    def _append(self, block: _Open, line: _Line) -> None:
        """Write out a line that carries on the block: joined by a space, or a line-end hyphen undone."""
        out = self.out
        before = block.last
        joined, now = before.text(), line.text()
        if len(joined) >= 2 and joined[-1] == "-" and joined[-2].isalpha() and now[:1].isalpha():
            left = _LAST_WORD.search(joined, max(0, len(joined) - 41), len(joined) - 1)
            right = _FIRST_WORD.match(now)
            word = (left.group() + right.group()).lower() if left and right else ""
            if not self.hyphens.get(word, not now[:1].islower()):
                out.unput_last()
        else:
            out.put(" ", before.oend[-1], line.ostart[0], False)
        out.put_line(line, _has_cells(block.kind, line))
        block.last = line

    def _close(self, block: _Open | None) -> None:
        """Record a block whose words are all written out."""
        if block is None:
            return
        clean_start, clean_end = block.clean_start, self.out.length
        end = block.last.oend[-1]
        self._last_end = end
        self._open = block.kind == "paragraph" and not _terminal(block.last.text())
        number_start, number_end = block.nspan if block.nspan is not None else (None, None)
        if block.nspan is not None and block.kind in ("heading", "paragraph"):
            a, b = self._clean_of(block.nspan, clean_start, block.first)
            if a < b:
                self.numbering.append((a, b))
        self.blocks.append(
            Block(
                block.kind,  # type: ignore[arg-type]
                block.start,
                end,
                clean_start,
                clean_end,
                block.number,
                number_start,
                number_end,
                block.level,
                block.cells,
                block.continues,
            )
        )

    @staticmethod
    def _clean_of(span: tuple[int, int], clean_start: int, line: _Line) -> tuple[int, int]:
        """The cleaned offsets of an original span inside a block's first line."""
        a = b = -1
        for piece, vstart, ostart, copied in zip(line.visible, line.vstart, line.ostart, line.copied, strict=True):
            if copied and ostart <= span[0] < ostart + len(piece):
                a = clean_start + vstart + span[0] - ostart
            if copied and ostart < span[1] <= ostart + len(piece):
                b = clean_start + vstart + span[1] - ostart
        return (a, b) if 0 <= a < b else (0, 0)

    _last_end = 0
    _open = False


def _has_cells(kind: str, line: _Line) -> bool:
    """Whether a line's gaps part cells (a table row, a glossary entry, a line with two gaps or more)."""
    return kind in ("row", "glossary") or line.visible.count("\t") >= 2


def _plain(text: str, a: int, b: int) -> _Line:
    line = _Line()
    line.put(text[a:b], a, b, True)
    return line


# A reference to a part of a document: "paragraph 3.12", "section 2.10", "chapter 4 (9)", "para 10".
_REFERENCE: Final = re.compile(
    r"(?i:\b(?:sections?|paragraphs?|paras?\.?|chapters?|appendix|appendices|annex(?:es)?|pages?|pp?\.|figures?"
    r"|tables?|recommendations?|regulations?|steps?|stages?|items?|footnotes?|notes?|rules?|clauses?|parts?)"
    r"\s+(?P<ref>\d{1,3}(?:\.\d{1,3}){0,4}(?:\s*(?:\(\w{1,4}\)\s*){0,3})?"
    r"(?:\s*(?:-|–|to|and|&|,)\s*\d{1,3}(?:\.\d{1,3}){0,4}){0,6}))"
)
_LAST_WORD: Final = re.compile(r"[A-Za-z]{1,40}$")
_FIRST_WORD: Final = re.compile(r"[A-Za-z]{1,40}(?:-[A-Za-z]{1,40})?")
_WORDS: Final = re.compile(r"[A-Za-z]{2,40}(?:-[A-Za-z]{1,40})?")
# Prefixes English keeps its hyphen after, when the text itself gives no evidence.
_KEEP_HYPHEN: Final = frozenset(
    ("self", "non", "ex", "co", "well", "half", "anti", "semi", "multi", "mid", "pre", "post", "inter", "cross")
)


def _iter_words(text: str) -> Iterator[str]:  # pragma: no cover - helper for debugging
    yield from text.split()
