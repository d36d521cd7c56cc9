"""Agencies: a gazetteer kept as data, and the agencies a review names, lists and defines.

Every agency of a combined chronology (police, health visiting, the GP,
children's social care, housing, probation, a refuge, MAPPA...) is named in
many ways: "West Midlands Police", "officers attended", "the PC", "the health
visitor", "HV". The :class:`Gazetteer` holds those ways as data
(``data/agencies.toml``), and users extend it::

    >>> more = {"Barnardo's": {"aliases": ["Barnardos"], "roles": ["project worker"]}}
    >>> gazetteer = Gazetteer.default().extended(more)
    >>> [(m.text, m.agency) for m in find_agencies("The project worker and the HV visited.", gazetteer)]
    [('project worker', "Barnardo's"), ('HV', 'health visiting')]

:func:`find_agencies` finds every mention in a cleaned text, in original
offsets (and cleaned ones); the abbreviations a document defines ("University
Hospital Coventry (UHCW)", a glossary's "CSC – Children's Social Care") are
learnt from it first.  :func:`listed_agencies` returns the agencies a document
itself lists: its glossary, and the lists of agencies that gave reports,
chronologies or panel members.

Matching is linear: the text is cut into words once and walked through a word
trie built once per gazetteer; names match whole words, ignoring case,
longest first; abbreviations match with their case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from chronology.errors import InvalidValue
from chronology.reading._toml import load_file, load_text, require
from chronology.reading.text import Cleaned, clean

__all__ = ["Agency", "AgencyMention", "Gazetteer", "ListedAgency", "find_agencies", "listed_agencies"]

DATA = Path(__file__).resolve().parent / "data" / "agencies.toml"
Via = Literal["name", "role", "abbreviation", "document"]

# Agencies that a more specific one beside them in a proper name outranks:
# "Coventry City Council Housing Department" is housing.
_GENERIC: Final = frozenset(("local authority", "NHS trust", "safeguarding partnership"))


@attrs.frozen
class Agency:
    """One agency: its canonical ``name``, ``sector``, and the words that name it.

    >>> Gazetteer.default()["police"].sector
    'police'
    """

    name: str
    sector: str = "other"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class AgencyMention:
    """Words naming an agency: ``start``/``end`` in the original text, ``clean_start``/``clean_end``
    in the cleaned one, the words, the canonical ``agency`` name, and ``via``: ``name``,
    ``role`` (a person acting for it), ``abbreviation``, or ``document`` (an abbreviation the
    document defined)."""

    start: int
    end: int
    clean_start: int
    clean_end: int
    text: str
    agency: str
    via: Via

    def __str__(self) -> str:
        return f"{self.text!r} ({self.agency})"


@attrs.frozen
class ListedAgency:
    """An agency the document lists: ``name`` as written, the canonical ``agencies`` found in
    it (none where the gazetteer knows no word of it), where it stands (original and cleaned
    offsets), and ``source``: ``glossary``, ``list`` (a list of agencies that reported or sat
    on the panel) or ``definition`` ("Birmingham Children's Hospital (BCH)")."""

    name: str
    agencies: tuple[str, ...]
    start: int
    end: int
    clean_start: int
    clean_end: int
    source: Literal["glossary", "list", "definition"]
    abbreviation: str | None = None


# -- the gazetteer ------------------------------------------------------------------------------

_TOKEN: Final = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:[&'’][A-Za-z0-9\u00c0-\u024f]+)*")
_GAP: Final = re.compile(r"[ \t\-–/]{0,3}")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(t.lower().replace("’", "'") for t in _TOKEN.findall(phrase))


@attrs.frozen(eq=False)
class Gazetteer:
    """The agencies a reader knows, and a trie of the words naming them (built once).

    >>> g = Gazetteer.default()
    >>> g.lookup("the health visitor").name, g.lookup("CSC").name, g.lookup("nothing") is None
    ('health visiting', "children's social care", True)
    """

    agencies: tuple[Agency, ...]
    _trie: dict[str, Any] = attrs.field(init=False, repr=False)
    _abbreviations: dict[str, tuple[int, str]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = [a.name for a in self.agencies]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise InvalidValue(f"the gazetteer names {duplicated[0]!r} twice")
        trie: dict[str, Any] = {}
        abbreviations: dict[str, tuple[int, str]] = {}
        for index, agency in enumerate(self.agencies):
            # A name written in capitals ("GP", "MAPPA") is an abbreviation: it keeps its case.
            named = agency.aliases if agency.name.isupper() else (agency.name, *agency.aliases)
            if agency.name.isupper():
                abbreviations.setdefault(agency.name, (index, "abbreviation"))
            for via, phrases in (("name", named), ("role", agency.roles)):
                for phrase in phrases:
                    words = _words(phrase)
                    if not words:
                        continue
                    node = trie
                    for word in words:
                        node = node.setdefault(word, {})
                    node.setdefault("", (index, via))
            for abbreviation in agency.abbreviations:
                abbreviations.setdefault(abbreviation.replace("’", "'"), (index, "abbreviation"))
        object.__setattr__(self, "_trie", trie)
        object.__setattr__(self, "_abbreviations", abbreviations)

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer shipped with the library (``chronology/reading/data/agencies.toml``).

        >>> "MAPPA" in Gazetteer.default()
        True
        """
        return _default()

    @classmethod
    def from_file(cls, path: Path | str) -> Gazetteer:
        """A gazetteer from a TOML file in the format of ``data/agencies.toml``, checked on load.

        >>> len(Gazetteer.from_file(DATA)) == len(Gazetteer.default())
        True
        """
        return cls(_agencies(load_file(path), str(path)))

    @classmethod
    def from_toml(cls, text: str, where: str = "gazetteer") -> Gazetteer:
        """A gazetteer from TOML text in the format of ``data/agencies.toml``.

        >>> g = Gazetteer.from_toml('[[agency]]\\nname = "police"\\naliases = ["constabulary"]')
        >>> g.lookup("Constabulary").name
        'police'
        """
        return cls(_agencies(load_text(text, where), where))

    def extended(self, more: Mapping[str, Mapping[str, Any]] | Gazetteer | Iterable[Agency]) -> Gazetteer:
        """This gazetteer with more agencies, or more words for those it has.

        ``more`` maps an agency's name to any of ``aliases``, ``roles``, ``abbreviations``
        (lists of words) and ``sector``; or is another gazetteer, or agencies.

        >>> g = Gazetteer.default().extended({"police": {"roles": ["response officer"]}, "Sure Start": {}})
        >>> g.lookup("a response officer").name, g.lookup("Sure Start").name
        ('police', 'Sure Start')
        """
        if isinstance(more, Gazetteer):
            adding: list[Agency] = list(more.agencies)
        elif isinstance(more, Mapping):
            adding = [_agency(dict(row, name=name), f"extended({name!r})") for name, row in more.items()]
        else:
            adding = [require(a, Agency, "extended()") for a in more]
        merged = {a.name: a for a in self.agencies}
        for agency in adding:
            old = merged.get(agency.name)
            if old is None:
                merged[agency.name] = agency
                continue
            merged[agency.name] = Agency(
                old.name,
                agency.sector if agency.sector != "other" else old.sector,
                tuple(dict.fromkeys(old.aliases + agency.aliases)),
                tuple(dict.fromkeys(old.roles + agency.roles)),
                tuple(dict.fromkeys(old.abbreviations + agency.abbreviations)),
            )
        return Gazetteer(tuple(merged.values()))

    def __getitem__(self, name: str) -> Agency:
        for agency in self.agencies:
            if agency.name == name:
                return agency
        raise InvalidValue(f"the gazetteer has no agency named {name!r}")

    def __contains__(self, name: object) -> bool:
        return any(a.name == name for a in self.agencies)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies)

    def __len__(self) -> int:
        return len(self.agencies)

    def lookup(self, words: str) -> Agency | None:
        """The agency that ``words`` name (the most specific one they hold), or ``None``."""
        require(words, str, "lookup(words)")
        found = _scan(words, self, _tokens(words))
        if not found:
            return None
        return self.agencies[found[_pick([self.agencies[f[2]].name for f in found])][2]]


def _agency(row: Mapping[str, Any], where: str) -> Agency:
    require(row, Mapping, where)
    name = require(row.get("name"), str, f"{where}.name").strip()
    if not name:
        raise InvalidValue(f"{where}.name: an agency needs a name")
    unknown = set(row) - {"name", "sector", "aliases", "roles", "abbreviations"}
    if unknown:
        raise InvalidValue(
            f"{where}: unknown field {sorted(unknown)[0]!r} (fields: name, sector, aliases, roles, abbreviations)"
        )

    def strings(field: str) -> tuple[str, ...]:
        values = require(row.get(field, []), (list, tuple), f"{where}.{field}")
        return tuple(require(v, str, f"{where}.{field}") for v in values if v.strip())

    return Agency(
        name,
        require(row.get("sector", "other"), str, f"{where}.sector"),
        strings("aliases"),
        strings("roles"),
        strings("abbreviations"),
    )


def _agencies(data: Mapping[str, Any], where: str) -> tuple[Agency, ...]:
    rows = require(data.get("agency"), list, f"{where}: [[agency]]")
    return tuple(_agency(row, f"{where} [[agency]] {i + 1}") for i, row in enumerate(rows))


@cache
def _default() -> Gazetteer:
    return Gazetteer(_agencies(load_file(DATA), "agencies.toml"))


# -- scanning ------------------------------------------------------------------------------------


@attrs.frozen
class _Tokens:
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]  # lower case
    raws: tuple[str, ...]
    joined: tuple[bool, ...]  # token i follows token i-1 with only a space or a hyphen between


def _tokens(text: str, start: int = 0, end: int | None = None) -> _Tokens:
    end = len(text) if end is None else end
    starts, ends, words, raws, joined = [], [], [], [], []
    last = -1
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group().replace("’", "'")
        starts.append(m.start())
        ends.append(m.end())
        raws.append(raw)
        words.append(raw.lower())
        joined.append(last >= 0 and _GAP.fullmatch(text, last, m.start()) is not None)
        last = m.end()
    return _Tokens(tuple(starts), tuple(ends), tuple(words), tuple(raws), tuple(joined))


# Capitalised words that never begin an agency's proper name.
_NOT_NAME: Final = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "to",
        "from",
        "with",
        "this",
        "that",
        "these",
        "those",
        "both",
        "each",
        "all",
        "any",
        "his",
        "her",
        "their",
        "its",
        "our",
        "mother",
        "father",
        "child",
        "male",
        "female",
        "baby",
        "sibling",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "when",
        "where",
        "while",
        "after",
        "before",
        "during",
        "following",
        "since",
        "until",
        "and",
        "of",
    ]
)


def _scan(
    text: str, gazetteer: Gazetteer, tokens: _Tokens, extra: Mapping[str, int] | None = None
) -> list[tuple[int, int, int, str]]:
    """``(first token, last token, agency index, via)`` for each mention, leftmost-longest."""
    trie, abbreviations = gazetteer._trie, gazetteer._abbreviations
    words, raws, joined = tokens.words, tokens.raws, tokens.joined
    out: list[tuple[int, int, int, str]] = []
    i, n = 0, len(words)
    while i < n:
        best: tuple[int, int, str] | None = None
        node = trie.get(words[i])
        j = i
        while node is not None:
            if "" in node:
                index, via = node[""]
                best = (j, index, via)
            j += 1
            if j >= n or not joined[j]:
                break
            node = node.get(words[j])
        if best is None:
            hit = abbreviations.get(raws[i])
            if hit is not None:
                best = (i, hit[0], hit[1])
            elif extra is not None and raws[i] in extra:
                best = (i, extra[raws[i]], "document")
        if best is None:
            i += 1
            continue
        out.append((i, best[0], best[1], best[2]))
        i = best[0] + 1
    return _proper_names(out, gazetteer, tokens)


def _proper_names(
    found: list[tuple[int, int, int, str]], gazetteer: Gazetteer, tokens: _Tokens
) -> list[tuple[int, int, int, str]]:
    """Extend names written as proper nouns over the capitalised words before them, and merge
    a proper name's adjacent parts ("Coventry City Council Housing Department")."""
    raws, words, joined = tokens.raws, tokens.words, tokens.joined
    out: list[tuple[int, int, int, str]] = []
    for first, last, index, via in found:
        if via in ("name", "abbreviation", "document") and raws[first][:1].isupper():
            floor = out[-1][1] + 1 if out else 0
            k = first
            while k - 1 >= floor and joined[k] and first - k < 6:
                previous = raws[k - 1]
                if previous[:1].isupper() and words[k - 1] not in _NOT_NAME and len(previous) > 1:
                    k -= 1
                elif (
                    words[k - 1] in ("and", "of", "&")
                    and k - 2 >= floor
                    and joined[k - 1]
                    and raws[k - 2][:1].isupper()
                    and words[k - 2] not in _NOT_NAME
                ):
                    k -= 2
                else:
                    break
            if out and out[-1][1] == k - 1 and joined[k] and raws[out[-1][0]][:1].isupper() and out[-1][3] != "role":
                previous_first, _, previous_index, _ = out.pop()
                names = [gazetteer.agencies[previous_index].name, gazetteer.agencies[index].name]
                index = [previous_index, index][_pick(names)]
                k = previous_first
            first = k
        out.append((first, last, index, via))
    return out


def _pick(names: Sequence[str]) -> int:
    """Of the agencies a proper name holds, the last specific one (the head), else the last."""
    specific = [i for i, name in enumerate(names) if name not in _GENERIC]
    return specific[-1] if specific else len(names) - 1


# -- what the document says of its agencies ----------------------------------------------------

_DEFINED: Final = re.compile(r"\((?P<abbr>[A-Z][A-Za-z&]{1,9})\)")
_LIST_INTRO: Final = re.compile(
    r"(?i)\bagenc(?:y|ies)\b.{0,120}?\b(?:report|reports|IMRs?|management\s+reviews?|chronolog\w*|provided|"
    r"contributed|involved|information|panel|represented|listed|consulted)\b"
    r"|\b(?:reports?|IMRs?|chronolog\w*|information)\s+(?:were|was)\s+(?:provided|received|requested)\b"
    r"|\bpanel\s+(?:included|comprised|consisted|membership)\b|\bagency\s+reports\b"
)


def _initials_agree(abbreviation: str, name_words: Sequence[str]) -> bool:
    """Whether an abbreviation's capitals are, in order, initials of the name's words."""
    initials = "".join(w[0].upper() for w in name_words if w[:1].isalpha())
    letters = [c for c in abbreviation if c.isupper()]
    at = 0
    for letter in letters:
        at = initials.find(letter, at)
        if at < 0:
            return False
        at += 1
    return len(letters) >= 2


def _definitions(
    text: str, start: int, end: int, gazetteer: Gazetteer, tokens: _Tokens, found: list[tuple[int, int, int, str]]
) -> list[tuple[str, int, int, int]]:
    """``(abbreviation, agency index, first token, last token)`` for each "Name (ABBR)" in ``text[start:end]``."""
    out = []
    ends = {tokens.ends[last]: (first, last, index) for first, last, index, _via in found}
    for m in _DEFINED.finditer(text, start, end):
        key = m.start()
        while key > start and text[key - 1] in " \t":
            key -= 1
        if key not in ends:
            continue
        first, last, index = ends[key]
        abbreviation = m.group("abbr")
        if abbreviation in gazetteer._abbreviations:
            continue
        if _initials_agree(abbreviation, tokens.raws[first : last + 1]):
            out.append((abbreviation, index, first, last))
    return out


_PIECE: Final = 200_000


def _pieces(page: Cleaned) -> Iterator[tuple[int, int]]:
    """The cleaned spans read for agencies: each block of text but the contents, long ones cut at a space."""
    for block in page.blocks:
        if block.kind in ("toc", "furniture"):
            continue
        a, b = block.clean_start, block.clean_end
        while b - a > _PIECE:
            cut = page.text.rfind(" ", a + _PIECE // 2, a + _PIECE)
            cut = a + _PIECE if cut <= a else cut
            yield a, cut
            a = cut
        yield a, b


def _read(
    page: Cleaned, gazetteer: Gazetteer, extra: Mapping[str, int] | None = None
) -> Iterator[tuple[int, int, _Tokens, list[tuple[int, int, int, str]]]]:
    """For each piece of the text: its span, its words, and the mentions in them (one piece in memory at a time)."""
    for a, b in _pieces(page):
        tokens = _tokens(page.text, a, b)
        yield a, b, tokens, _scan(page.text, gazetteer, tokens, extra)


def _glossary(page: Cleaned, gazetteer: Gazetteer) -> list[tuple[str, tuple[int, ...], int, int, str]]:
    """``(term, agency indexes, cleaned start, cleaned end, meaning)`` for each glossary entry naming an agency."""
    out = []
    for block in page.of_kind("glossary"):
        if len(block.cells) != 2:
            continue
        (ta, tb), (ma, mb) = block.cells
        term = page.original[ta:tb].strip()
        meaning = page.original[ma:mb].strip()
        tokens = _tokens(meaning)
        found = _scan(meaning, gazetteer, tokens)
        if found:
            indexes = tuple(dict.fromkeys(f[2] for f in found))
            out.append((term, indexes, block.clean_start, block.clean_end, meaning))
    return out


def find_agencies(
    text: Cleaned | str, gazetteer: Gazetteer | None = None, *, document: bool = True
) -> tuple[AgencyMention, ...]:
    """Every mention of an agency in ``text`` (a :class:`Cleaned` text, or a string to clean first).

    With ``document`` (the default), abbreviations the text defines, in a glossary or as
    "Name (ABBR)", are learnt first and found too.  The table of contents is not read.

    >>> text = "West Midlands Police and the health visitor saw Birmingham Children's Hospital (BCH). BCH called CSC."
    >>> [(m.text, m.agency, m.via) for m in find_agencies(text)]  # doctest: +NORMALIZE_WHITESPACE
    [('West Midlands Police', 'police', 'name'), ('health visitor', 'health visiting', 'role'),
     ("Birmingham Children's Hospital", 'hospital', 'name'), ('BCH', 'hospital', 'document'),
     ('BCH', 'hospital', 'document'), ('CSC', "children's social care", 'abbreviation')]
    """
    page = text if isinstance(text, Cleaned) else clean(text)
    gazetteer = _gazetteer(gazetteer)
    learnt: dict[str, int] = {}
    if document:
        for term, indexes, *_ in _glossary(page, gazetteer):
            names = [gazetteer.agencies[i].name for i in indexes]
            if _TOKEN.fullmatch(term) and term not in gazetteer._abbreviations:
                learnt.setdefault(term, indexes[_pick(names)])
    out: list[AgencyMention] = []
    for a, b, tokens, found in _read(page, gazetteer, learnt):
        out.extend(_mentions(page, gazetteer, tokens, found))
        if document:
            for abbreviation, index, _first, _last in _definitions(page.text, a, b, gazetteer, tokens, found):
                learnt.setdefault(abbreviation, index)
    if learnt:
        # The text defines abbreviations: read it again, knowing them all from the start.
        out = []
        for _a, _b, tokens, found in _read(page, gazetteer, learnt):
            out.extend(_mentions(page, gazetteer, tokens, found))
    return tuple(out)


def _mentions(
    page: Cleaned, gazetteer: Gazetteer, tokens: _Tokens, found: list[tuple[int, int, int, str]]
) -> Iterator[AgencyMention]:
    for first, last, index, via in found:
        start, end = tokens.starts[first], tokens.ends[last]
        a, b = page.original_span(start, end)
        yield AgencyMention(a, b, start, end, page.text[start:end], gazetteer.agencies[index].name, via)  # type: ignore[arg-type]


def listed_agencies(text: Cleaned | str, gazetteer: Gazetteer | None = None) -> tuple[ListedAgency, ...]:
    """The agencies the document itself lists: glossary entries naming an agency, the items of
    lists of agencies (those that provided reports, chronologies or panel members), and the
    abbreviations it defines for agencies.

    >>> text = "The following agencies provided reports:\\n\\n- West Midlands Police.\\n- Women's Aid (withheld).\\n"
    >>> [(a.name, a.agencies) for a in listed_agencies(text)]
    [('West Midlands Police', ('police',)), ("Women's Aid", ('refuge',))]
    """
    page = text if isinstance(text, Cleaned) else clean(text)
    gazetteer = _gazetteer(gazetteer)
    out: list[ListedAgency] = []
    for term, indexes, cs, ce, meaning in _glossary(page, gazetteer):
        a, b = page.original_span(cs, ce)
        names = tuple(gazetteer.agencies[i].name for i in indexes)
        out.append(ListedAgency(meaning, names, a, b, cs, ce, "glossary", term if term != meaning else None))
    blocks = page.blocks
    listing = False
    for block in blocks:
        if block.kind == "furniture":
            continue
        words = page.text[block.clean_start : block.clean_end]
        if block.kind != "item":
            listing = bool(_LIST_INTRO.search(words)) and block.kind in ("paragraph", "heading")
            continue
        if not listing:
            continue
        name = _item_name(words)
        tokens = _tokens(name)
        found = _scan(name, gazetteer, tokens)
        names = tuple(dict.fromkeys(gazetteer.agencies[f[2]].name for f in found))
        out.append(ListedAgency(name, names, block.start, block.end, block.clean_start, block.clean_end, "list"))
    for a, b, tokens, found in _read(page, gazetteer):
        for abbreviation, index, first, last in _definitions(page.text, a, b, gazetteer, tokens, found):
            start, end = tokens.starts[first], tokens.ends[last]
            x, y = page.original_span(start, end)
            name = page.text[start:end]
            agency = gazetteer.agencies[index].name
            out.append(ListedAgency(name, (agency,), x, y, start, end, "definition", abbreviation))
    out.sort(key=lambda x: x.start)
    return tuple(out)


def _gazetteer(gazetteer: object) -> Gazetteer:
    if gazetteer is None:
        return Gazetteer.default()
    return require(gazetteer, Gazetteer, "gazetteer")  # type: ignore[no-any-return]


def _item_name(words: str) -> str:
    """A list item as an agency's name: its closing full stop and a trailing parenthesis dropped."""
    name = re.sub(r"\s*\([^()]{0,80}\)$", "", words.strip().rstrip(" .;,"))
    return name.rstrip(" .;,").strip()
