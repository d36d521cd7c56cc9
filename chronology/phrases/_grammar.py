"""The grammar: temporal words -> syntax tree -> :class:`~chronology.model.When`.

Its public entry points are :func:`chronology.phrases.parse` and
:func:`~chronology.phrases.parse_when`, which check their arguments and call
:func:`read` and :func:`resolve` here.  This module is compiled by mypyc where
the build can (``setup.py``), and compiled code checks argument types on entry:
the entry points stay interpreted so that a wrong argument of any type gets the
library's own error.

The grammar is data (``data/*.toml``, loaded by :mod:`chronology.phrases.lexicon`).
A phrase is normalised once (case, apostrophes, dashes, spaces) keeping its
character offsets, cut into lexemes with one compiled regex plus the
vocabulary, and the lexemes' categories form a short *signature*.  Each rule
of ``data/grammar.toml`` is a pattern over signatures and the name of one of
the small builder functions below, which turns the matched words into a node
of :mod:`chronology.phrases.syntax`.  :func:`resolve` resolves a tree against the
birth, anchor, reference and document date it needs.

Speed (``benchmarks/bench_phrases.py``): the regex reads each space-separated
chunk once and its tokens are kept per chunk; rule matches are kept per
signature; counts, seasons and months per (amount, settings), (season, year)
and (year, month).  No whole phrase is ever kept.  Values the grammar has made
right are built by :mod:`chronology.phrases._make` without the types' checks, and shifts
are applied with the checks :func:`~chronology.phrases.syntax.apply_to` makes but
without its intermediate objects (the tests hold both to the same results).

>>> from chronology.settings import DEFAULT
>>> print(resolve("three months before his death", DEFAULT, None, date(2013, 11, 26), None, None))
11 Aug 2013 – 10 Sep 2013 (three months before his death)
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from math import ceil
from typing import Any, Final, Literal, NamedTuple, Union, cast

from chronology import calendar as cal
from chronology.errors import ChronologyError, InvalidValue, MissingAnchor, UnrecognisedPhrase
from chronology.model import Amount, Count, Excerpt, Interval, Kind, Unit, When
from chronology.phrases import _make as make
from chronology.phrases import rules as _rules
from chronology.phrases.fallback import DATE_WORDS, explicit_day
from chronology.phrases.lexicon import LEXICON, split_words
from chronology.phrases.syntax import (
    RULES,
    Aligned,
    Between,
    Birth,
    Bound,
    DocumentDate,
    Endpoint,
    Fixed,
    Hull,
    Length,
    Named,
    Node,
    Reference,
    Shift,
    apply_to,
)
from chronology.settings import Settings

__all__ = ["read", "resolve", "rule_of", "tree_or_refusal", "when_or_refusal"]

# -- normalising and tokenising ---------------------------------------------------------

_TRANSLATE: Final = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u2032": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": " ",
    }
)

# Words come first: most tokens are words.  Only the abbreviations before them ("w/c", "w/e",
# "q3") start with a letter too.
_TOKEN: Final = re.compile(
    r"(?P<abbr>\bw/[a-z](?![a-z]))|(?P<qnum>\bq[1-4](?![\d.]))"
    r"|(?P<word>[a-z]+(?:'[a-z]+)*)"
    r"|(?P<date>(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?![\d/.-]\d))"
    r"|(?P<frac>(?<![\d/])[13]/[24](?![\d/]))"
    r"|(?P<monthyear>(?<![\d/])\d{1,2}/(?:\d{4}|\d{2})(?![\d/]))"
    r"|(?P<clock>(?<!\d)\d{1,2}(?:[.:]\d{2})?\s?[ap]\.?m\b\.?|(?<!\d)\d{1,2}[.:]\d{2}\s?h(?:ou)?rs\b"
    r"|(?<!\d)\d{1,2}:\d{2}(?!\d))"
    r"|(?P<decade>(?<!\d)(?:\d{3}0|[1-9]0)'?s\b)"
    r"|(?P<ord>(?<!\d)\d{1,2}\s?(?:st|nd|rd|th)\b)"
    r"|(?P<num>\d+(?:\.\d{1,2}(?!\d))?)"
    r"|(?P<dash>-)|(?P<slash>/)|(?P<amp>&)|(?P<query>\?+)|(?P<blank>\[[a-z ]{1,15}\])"
    r"|(?P<skip>[,.;:'\"()\[\]])"
    r"|(?P<other>\S)"
)
# Only a clock time or an ordinal may hold a space ("10 am", "21 st", "18.25 hours"); elsewhere
# the tokens of a phrase are the tokens of its space-separated chunks, each read on its own
# (every look-behind and look-ahead of _TOKEN treats a space as it treats either end).
_SPACED_TOKEN: Final = re.compile(r"\d\s(?:[ap]\.?m|st|nd|rd|th)\b|\d[.:]\d\d\sh(?:ou)?rs\b")
# What _SPACED_TOKEN allows after the space, by its first two characters.
_SPACED_AFTER: Final = frozenset(("am", "pm", "a.", "p.", "st", "nd", "rd", "th", "ho", "hr"))


def _spaced(chunks: list[str]) -> bool:
    """Whether a token may hold a space between these chunks: true wherever
    ``_SPACED_TOKEN`` finds one in the text they came from (a chunk ending in a digit
    before "am", "pm", "a.m", "p.m", or "st", "nd", "rd", "th" as a word, or a time such as
    "18.25" before "hours" or "hrs"), and perhaps
    elsewhere ("10 amber"), where reading the text whole gives the same lexemes, only
    more slowly.  A loop over a few chunks is quicker than searching the text."""
    previous = ""
    for chunk in chunks:
        if (
            previous
            and previous[-1].isdigit()
            and chunk[:2] in _SPACED_AFTER
            and (
                chunk[0] in "ap"
                or len(chunk) == 2
                or not (chunk[2].isalnum() or chunk[2] == "_")
                or (chunk[0] == "h" and len(previous) >= 4 and previous[-3] in ".:")
            )
        ):
            return True
        previous = chunk
    return False


class Lex:
    """One lexeme: its category, value, offsets in the phrase, and whether "the" stood before it.

    A plain class, not a named tuple: compiled (setup.py) it is a C struct whose fields
    are read without a lookup, and the grammar reads them often.
    """

    __slots__ = ("cat", "value", "start", "end", "the")

    def __init__(self, cat: str, value: Any, start: int, end: int, the: bool = False) -> None:
        self.cat = cat
        self.value = value
        self.start = start
        self.end = end
        self.the = the

    def _key(self) -> tuple[str, Any, int, int, bool]:
        return (self.cat, self.value, self.start, self.end, self.the)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lex) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Lex({self.cat!r}, {self.value!r}, {self.start}, {self.end}, {self.the})"


_ASCII_TRANSLATED: Final = "`"  # the one ASCII character _TRANSLATE changes


def _normalise(phrase: str) -> str:
    """Lower case and plain punctuation, keeping every character's offset."""
    if phrase.isascii() and _ASCII_TRANSLATED not in phrase:
        return phrase.lower()
    text = phrase.translate(_TRANSLATE)
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


_WORDS: Final = dict(LEXICON.words)  # a plain dict: looked up per word
_FILLERS: Final = LEXICON.fillers
# For each word that starts a key of several words, the sizes of those keys, longest first.

# For each word that starts a vocabulary key of several words: the words that may follow
# it in such a key, and the sizes of those keys, longest first.
_Longer = tuple[frozenset[str], tuple[int, ...]]
_LONGER: Final[dict[str, _Longer]] = {
    first: (
        frozenset(key[1] for key in LEXICON.words if len(key) > 1 and key[0] == first),
        tuple(sorted({len(key) for key in LEXICON.words if len(key) > 1 and key[0] == first}, reverse=True)),
    )
    for first in LEXICON.starts
}
_NUMERIC: Final = frozenset(("num", "year"))
_COMBINING: Final = frozenset(("dash", "halfword", "frac"))  # lexemes _combine may join (besides number + number)

# A token read: its category and value, its offsets within the text it was read from, and
# for a word that may start a key of several words, what may follow (else None).  A filler
# has category None and, as value, whether it is "the".
_Token = tuple[str | None, Any, int, int, _Longer | None]
_new_tuple: Final = tuple.__new__


def _read_token(kind: str, word: str, start: int, end: int) -> _Token:
    """One token of the regex, looked up in the vocabulary on its own."""
    if kind == "word":
        if word in _FILLERS:
            return (None, word == "the", start, end, None)
        entry = _WORDS.get((word,))
        if entry is None and word.endswith("'s"):
            entry = _WORDS.get((word[:-2],)) or ("poss", word[:-2])
        cat, value = entry or ("word", word)
        return (cat, value, start, end, _LONGER.get(word))
    cat, value = _symbol(kind, word)
    return (cat, value, start, end, None)


def _tokens(text: str) -> tuple[_Token, ...]:
    """The tokens of ``text`` (punctuation that separates nothing dropped)."""
    return tuple(
        _read_token(kind, m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if (kind := m.lastgroup or "other") != "skip"
    )


# The tokens of a chunk (a run of characters without spaces), kept per chunk: a cache of
# pieces of phrases, bounded, cleared when full.
_CHUNKS: Final[dict[str, tuple[_Token, ...]]] = {}
_CHUNKS_MAX: Final = 20000


def _chunk_tokens(chunk: str) -> tuple[_Token, ...]:
    found = _CHUNKS.get(chunk)
    if found is None:
        found = _tokens(chunk)
        if len(_CHUNKS) >= _CHUNKS_MAX:
            _CHUNKS.clear()
        _CHUNKS[chunk] = found
    return found


def _lex(text: str) -> list[Lex]:
    """Lexemes of a normalised phrase: vocabulary looked up longest first, fillers dropped,
    word numbers added up, hyphens kept only between numbers."""
    lexes: list[Lex] = []
    longer: list[tuple[int, _Longer]] = []
    the = combine = False
    previous = ""
    chunks = text.split()
    whole = _spaced(chunks)
    if whole:  # one piece: the whole text, read by the regex and not kept
        chunks = [text]
    at = 0
    for chunk in chunks:
        at = text.find(chunk, at)
        tokens = None if whole else _CHUNKS.get(chunk)
        if tokens is None:
            tokens = _tokens(chunk) if whole else _chunk_tokens(chunk)
        for cat, value, start, end, following in tokens:
            if cat is None:
                the = the or value
                continue
            if following is not None:
                longer.append((len(lexes), following))
            if cat in _COMBINING or (previous == "num" and (cat == "num" or cat == "ord")):
                combine = True
            previous = cat
            lexes.append(Lex(cat, value, at + start, at + end, the))
            the = False
        at += len(chunk)
    if longer:
        joined = _join_words(lexes, longer, text)
        if joined is not lexes:
            lexes = joined
            combine = any(
                lex.cat in _COMBINING or (lex.cat in ("num", "ord") and index and lexes[index - 1].cat == "num")
                for index, lex in enumerate(lexes)
            )
    return _combine(lexes, text) if combine else lexes


def _join_words(lexes: list[Lex], longer: list[tuple[int, _Longer]], text: str) -> list[Lex]:
    """``lexes`` with each run of words that is a vocabulary key of several words made one
    lexeme, longest first, from the left (``lexes`` itself if there is none)."""
    out: list[Lex] | None = None
    done, n = 0, len(lexes)
    for index, (seconds, sizes) in longer:
        if index < done or index + 1 >= n:
            continue
        second = lexes[index + 1]
        if text[second.start : second.end] not in seconds:
            continue
        for size in sizes:
            if size <= n - index:
                entry = _WORDS.get(tuple([text[lex.start : lex.end] for lex in lexes[index : index + size]]))
                if entry is not None:
                    if out is None:
                        out = []
                    out.extend(lexes[done:index])
                    first = lexes[index]
                    out.append(Lex(entry[0], entry[1], first.start, lexes[index + size - 1].end, first.the))
                    done = index + size
                    break
    if out is None:
        return lexes
    out.extend(lexes[done:])
    return out


def _symbol(kind: str, word: str) -> tuple[str, Any]:
    """The category and value of a token that is not a word."""
    if kind == "num":
        if len(word) == 4 and word.isdigit():
            return ("year", int(word))
        return ("num", Fraction(word) if "." in word else int(word))
    if kind == "ord":
        return ("ord", int(word[:2] if word[1].isdigit() else word[0]))
    if kind == "decade":
        digits = word.rstrip("s").rstrip("'")
        return ("decade", int(digits))
    if kind == "abbr":
        return _WORDS.get(tuple(word.split("/")), ("word", word))
    if kind == "qnum":
        return ("qnum", int(word[1]))
    if kind == "blank":
        return ("blank", "blank")
    if kind == "frac":
        a, b = word.split("/")
        return ("frac", Fraction(int(a), int(b)))
    if kind == "date":
        parts = re.split(r"[./-]", word)
        first, second, third = (int(x) for x in parts)
        if len(parts[0]) == 4 and word[4] == "-":  # ISO: year-month-day
            return ("date", (third, second, first, 4, True))
        return ("date", (first, second, third, len(parts[2]), False))
    if kind == "monthyear":
        a, b = word.split("/")
        return ("monthyear", (int(a), int(b), len(b)))
    if kind == "amp":
        return ("and", "and")
    return (kind, word)


def _combine(lexes: list[Lex], text: str) -> list[Lex]:
    """Add up "twenty one", "two and a half", "2 1/2"; drop hyphens that join words."""
    out: list[Lex] = []
    for index, lex in enumerate(lexes):
        prev = out[-1] if out else None
        if lex.cat == "dash":
            after = lexes[index + 1] if index + 1 < len(lexes) else None
            numeric = (
                prev is not None
                and (prev.cat in _NUMERIC or prev.cat == "ord")
                and text[prev.start].isdigit()
                and after is not None
                and (after.cat in _NUMERIC or after.cat == "ord")
                and text[after.start].isdigit()
            )
            # "Mar-13": a spreadsheet's month and two-digit year keep their dash
            spreadsheet = (
                prev is not None
                and prev.cat == "month"
                and after is not None
                and after.cat == "num"
                and after.start == lex.end
                and after.end - after.start == 2
            )
            if not numeric and not spreadsheet and prev is not None and prev.end == lex.start:
                continue
        elif prev is not None and prev.cat == "num" and isinstance(prev.value, int):
            if (
                lex.cat in ("num", "ord")
                and prev.value >= 20
                and prev.value % 10 == 0
                and isinstance(lex.value, int)
                and 0 < lex.value < 10
                and text[prev.start].isalpha()
            ):
                out[-1] = Lex(lex.cat, prev.value + lex.value, prev.start, lex.end, prev.the)
                continue
            if lex.cat == "frac":
                out[-1] = Lex("num", prev.value + lex.value, prev.start, lex.end, prev.the)
                continue
        elif (
            lex.cat == "halfword"
            and len(out) >= 3
            and out[-1].cat == "article"
            and out[-2].cat == "and"
            and out[-3].cat == "num"
        ):
            num = out[-3]
            del out[-2:]
            out[-1] = Lex("num", num.value + Fraction(1, 2), num.start, lex.end, num.the)
            continue
        elif (
            lex.cat == "halfword"
            and len(out) >= 4
            and out[-1].cat == "article"
            and out[-2].cat == "and"
            and out[-3].cat == "unit"
            and out[-4].cat in ("num", "article")
            and isinstance(out[-4].value, int)
        ):
            # "a year and a half": one and a half years
            num, unit = out[-4], out[-3]
            del out[-2:]
            out[-2] = Lex("num", num.value + Fraction(1, 2), num.start, num.end, num.the)
            out[-1] = Lex(unit.cat, unit.value, unit.start, lex.end, unit.the)
            continue
        out.append(lex)
    return out


# -- the phrase being parsed -------------------------------------------------------------


# The grammar's bounds on its own work.  A phrase is at most MAX_LENGTH characters (once its
# surrounding spaces are stripped); reading it takes at most _BUDGET_BASE + _BUDGET_PER_LEX
# steps per lexeme (a step is one rule's builder tried, or one span of words read), and rules
# nest at most _MAX_DEPTH deep.  Real phrases use a small part of each (tests/test_robustness.py
# counts the steps); past them a phrase is refused with a clear error, never answered slowly.
MAX_LENGTH: Final = 200
_BUDGET_BASE: Final = 64
_BUDGET_PER_LEX: Final = 8
_MAX_DEPTH: Final = 8


class _Phrase:
    """A phrase being parsed: its original text, settings, the work it may still do, the
    spans of its lexemes already read (span -> node, None, or the refusal), and helpers
    for builders."""

    __slots__ = ("text", "settings", "budget", "depth", "spent", "memo")

    def __init__(self, text: str, settings: Settings) -> None:
        self.text = text
        self.settings = settings
        self.budget = _BUDGET_BASE
        self.depth = 0
        self.spent = False
        self.memo: dict[tuple[int, ...], Node | UnrecognisedPhrase | None] = {}

    def too_complex(self) -> UnrecognisedPhrase:
        """The refusal of a phrase whose reading would take more work than the grammar allows."""
        return UnrecognisedPhrase(
            self.text, 0, len(self.text), "too many ways to read these words: give one time phrase at a time"
        )

    def words(self, lexes: Sequence[Lex]) -> Excerpt:
        start, end = lexes[0].start, lexes[-1].end
        return make.excerpt(self.text[start:end], start, end)

    def fail(self, lexes: Sequence[Lex], reason: str) -> UnrecognisedPhrase:
        if not lexes:
            return UnrecognisedPhrase(self.text, 0, len(self.text), reason)
        return UnrecognisedPhrase(self.text, lexes[0].start, lexes[-1].end, reason)


Groups = dict[str, list[Lex]]
Builder = Callable[[_Phrase, Groups, list[Lex]], Node | None]
_BUILDERS: Final[dict[str, Builder]] = {}


def _builder(name: str) -> Callable[[Builder], Builder]:
    def register(function: Builder) -> Builder:
        _BUILDERS[name] = function
        return function

    return register


_CHARS: Final = dict(LEXICON.chars)  # a plain dict: looked up per lexeme
# Per signature: each rule that matches it, in order, as (rule id, builder, its groups' spans).
_Match = tuple[str, Builder, tuple[tuple[str, int, int], ...]]
_MATCHES: Final[dict[str, tuple[_Match, ...]]] = {}
# Signature characters handed to the rules' regular expressions so far (counted for tests).
_SCANNED: Final = [0]


def _matches(signature: str) -> tuple[_Match, ...]:
    """Every rule matching ``signature``, in order, with its groups' spans (cached by signature)."""
    found = _MATCHES.get(signature)
    if found is None:
        _SCANNED[0] += len(signature) * len(LEXICON.rules)
        out = []
        for rule_ in LEXICON.rules:
            m = rule_.regex.fullmatch(signature)
            if m is not None:
                spans = tuple((g, *m.span(g)) for g in rule_.groups if m.end(g) > m.start(g))
                out.append((rule_.id, _BUILDERS[rule_.build], spans))
        found = tuple(out)
        if len(_MATCHES) > 20000:
            _MATCHES.clear()
        _MATCHES[signature] = found
    return found


def _fresh(refusal: UnrecognisedPhrase) -> UnrecognisedPhrase:
    """A copy of ``refusal`` with no traceback.  The memo keeps copies: a raised refusal's
    traceback holds the frames that hold the phrase that holds the memo, a cycle that only the
    garbage collector would free (and its passes grow with what it has to look at)."""
    return UnrecognisedPhrase(refusal.phrase, refusal.start, refusal.end, refusal.reason)


def _read(p: _Phrase, lexes: list[Lex], rule_out: list[str] | None = None) -> Node | None:
    """The tree of ``lexes`` by the first rule that reads them, or ``None`` if none does.

    A span read inside another (by a builder) is read once per phrase: its answer, or its
    refusal, is kept in ``p.memo``.  Every span read and every builder tried is a step of
    ``p.budget``; past the budget or :data:`_MAX_DEPTH` the phrase is refused as too complex.
    """
    if not lexes:
        return None
    nested = p.depth > 0
    key = tuple([lex.start for lex in lexes]) if nested else ()
    if nested and key in p.memo:
        kept = p.memo[key]
        if isinstance(kept, UnrecognisedPhrase):
            raise _fresh(kept)
        return kept
    p.budget -= 1
    if p.budget < 0 or p.depth >= _MAX_DEPTH:
        p.spent = True
        raise p.too_complex()
    chars = _CHARS
    signature = "".join([chars[lex.cat] for lex in lexes])
    found = _MATCHES.get(signature)
    p.depth += 1
    try:
        node = _build(p, lexes, _matches(signature) if found is None else found, rule_out)
    except UnrecognisedPhrase as refusal:
        if nested:
            p.memo[key] = _fresh(refusal)
        raise
    finally:
        p.depth -= 1
    if nested:
        p.memo[key] = node
    return node


def _build(p: _Phrase, lexes: list[Lex], matches: tuple[_Match, ...], rule_out: list[str] | None) -> Node | None:
    """The node of the first of ``matches`` whose builder accepts ``lexes``."""
    for rule_id, build, spans in matches:
        p.budget -= 1
        if p.budget < 0:
            p.spent = True
            raise p.too_complex()
        groups = {name: lexes[a:b] for name, a, b in spans}
        try:
            node = build(p, groups, lexes)
        except (UnrecognisedPhrase, MissingAnchor):
            raise
        except InvalidValue as exc:
            raise p.fail(lexes, str(exc)) from None
        except (ValueError, OverflowError, ArithmeticError) as exc:
            raise p.fail(lexes, f"there is no such date ({exc})") from None
        if node is not None:
            if rule_out is not None:
                rule_out.append(rule_id)
            return node
    return None


def _parse_lexes(p: _Phrase, lexes: list[Lex], *, rule_out: list[str] | None = None) -> Node:
    if not lexes:
        raise p.fail(lexes, "no words of time")
    node = _read(p, lexes, rule_out)
    if node is None:
        raise _explain(p, lexes)
    return node


def _read_quietly(p: _Phrase, lexes: list[Lex]) -> Node | None:
    """Like :func:`_parse_lexes`, but ``None`` where it would raise :class:`UnrecognisedPhrase`
    (for builders that try a reading and fall back)."""
    try:
        return _read(p, lexes)
    except UnrecognisedPhrase:
        return None


_CALENDAR: Final = frozenset(
    ("year", "date", "monthyear", "month", "season", "decade", "holiday", "weekday", "num", "ord")
)


# Lexemes the vocabulary does not know, and those a title's words may be.
_UNKNOWN: Final = frozenset(("word", "poss", "other"))
_TITLE_WORDS: Final = frozenset(("noun", "word", "poss", "other"))


def _explain(p: _Phrase, lexes: list[Lex]) -> UnrecognisedPhrase:
    """The error for words no rule reads: a refusal, a title, or the first unknown words."""
    for lex in lexes:
        if lex.cat == "refuse" or (lex.cat == "empty" and len(lexes) == 1):
            return UnrecognisedPhrase(p.text, lex.start, lex.end, lex.value)
        if lex.cat == "unitly":
            return UnrecognisedPhrase(p.text, lex.start, lex.end, "a frequency, not a time")
        if lex.cat == "num" and lex.value >= 10000:
            return UnrecognisedPhrase(p.text, lex.start, lex.end, "too long for a year (a year has four digits)")
    # Positions, not lexemes: finding a lexeme in the list again would compare it with the others.
    unknown = [index for index, lex in enumerate(lexes) if lex.cat in _UNKNOWN]
    if unknown and any(lex.cat == "year" for lex in lexes):
        # a title: a title's word anywhere, or a capitalised unknown word just before a year
        titles = LEXICON.titles
        titled = any((lexes[index].value,) in titles for index in unknown) or any(
            lex.cat == "year"
            and index
            and lexes[index - 1].cat in _UNKNOWN
            and p.text[lexes[index - 1].start].isupper()
            for index, lex in enumerate(lexes)
        )
        if titled:
            at = unknown[0]
            while at > 0 and lexes[at - 1].cat in _TITLE_WORDS:
                at -= 1
            return UnrecognisedPhrase(
                p.text,
                lexes[at].start,
                lexes[-1].end,
                "a title or citation with a year (like 'Working Together 2013'), not a time",
            )
    if unknown and not any(lex.cat in _CALENDAR for lex in lexes) and _event_anchor(make.named(p.words(lexes))):
        reason = "an event, not a time: pass its day as anchor= to the phrases that count from it"
        return UnrecognisedPhrase(p.text, lexes[0].start, lexes[-1].end, reason)
    if unknown:
        first = lexes[unknown[0]]
        last = first
        for index in unknown[1:]:
            if lexes[index].start - last.end > 1:
                break
            last = lexes[index]
        reason = "words the time grammar does not know"
        # A clause before a time phrase ("He died two days later"): say where the time phrase is.
        after = unknown[-1] + 1
        while after < len(lexes) and lexes[after].cat in ("lead", "was"):
            after += 1
        rest = lexes[after:]
        if unknown[0] == 0 and rest and _read_quietly(p, rest) is not None:
            reason += f" before the time phrase {p.text[rest[0].start : rest[-1].end]!r}: give that phrase alone"
        return UnrecognisedPhrase(p.text, first.start, last.end, reason)
    return UnrecognisedPhrase(
        p.text, lexes[0].start, lexes[-1].end, "no rule of the grammar reads these words in this order"
    )


# -- small helpers for builders ------------------------------------------------------------

_CONV: Final = LEXICON.conventions
_ZERO: Final = make.amount(0, 0)  # no time at all (immutable: shared)
_EXACT_UNITS: Final = {
    "year": (12, 0),
    "month": (1, 0),
    "week": (0, 7),
    "fortnight": (0, 14),
    "day": (0, 1),
    "workday": (0, 1),
}


# A count as the grammar reads it: an int where it is whole (cheap to hash and add), a Fraction where not.
Number = Union[int, Fraction]  # noqa: UP007 (a runtime alias)
BoundKind = Literal["exact", "under", "over"]


class _Amount(NamedTuple):
    """A count read from words: ``pairs`` of (low, high, unit), and its hedge / bound."""

    pairs: tuple[tuple[Number, Number, str], ...]
    hedged: bool
    bound: BoundKind


def _number(value: Number) -> Number:
    """``value`` exactly, as an int where it is one."""
    return value if type(value) is int else Fraction(value)


def _read_amount(lexes: Sequence[Lex], default_unit: str | None = None) -> _Amount:
    pairs: list[tuple[Number, Number, str]] = []
    hedged = False
    bound: BoundKind = "exact"
    low: Number | None = None
    high: Number | None = None
    ranged = False
    for lex in lexes:
        cat = lex.cat
        if cat == "hedge":
            hedged = True
        elif cat == "under" or cat == "over":
            bound = "under" if cat == "under" else "over"
        elif cat == "num" or cat == "article" or cat == "quantity":
            lo, hi = lex.value if cat == "quantity" else (lex.value, lex.value)
            if ranged and low is not None:
                high = _number(hi)
                ranged = False
            else:
                low, high = _number(lo), _number(hi)
        elif cat in ("to", "or", "dash", "and") and low is not None:
            ranged = True
        elif cat == "unit" or cat == "unitly":
            unit = lex.value[0] if cat == "unit" else lex.value
            if low is None or high is None:
                low = high = 1
            pairs.append((low, high, unit))
            low = high = None
            ranged = False
    if low is not None and high is not None and default_unit is not None:
        pairs.append((low, high, default_unit))
    return _new_tuple(_Amount, (tuple(pairs), hedged, bound))


def _exact(count: Number, unit: str, *, up: bool = False) -> Amount:
    """``count`` units as a calendar shift (a fraction of a month is 30 days)."""
    months_per, days_per = _EXACT_UNITS[unit]
    if months_per:
        months_f = count * months_per
        months = int(months_f // 1)
        rest = (months_f - months) * 30
        return make.amount(months, ceil(rest) if up else int(rest // 1))
    days_f = count * days_per
    return make.amount(0, ceil(days_f) if up else int(days_f // 1))


def _days(low: int, high: int | None = None, text: str = "") -> Count:
    """:meth:`Count.days` for the grammar: the same value and the same check, no attrs checks."""
    top = low if high is None else high
    if top < low:
        return Count.days(low, high, text)  # raises, as Count.days does
    return make.count(make.amount(0, low), make.amount(0, top), text)


def _sum(amounts: Sequence[Amount]) -> Amount:
    total = _ZERO
    for a in amounts:
        total = total + a
    return total


def _count(p: _Phrase, amount: _Amount, words: str) -> Count:
    """An offset count by the conventions (tolerance of the smallest unit)."""
    low, high = _checked_amounts(_count_bounds, amount, p.settings)
    return make.count(low, high, words)


@lru_cache(maxsize=8192)
def _checked_amounts(
    bounds: Callable[[_Amount, Settings], tuple[Amount, Amount | None]], amount: _Amount, settings: Settings
) -> tuple[Amount, Amount | None]:
    """``bounds(amount, settings)``, checked once as a Count (only the words differ between uses)."""
    for _, hi, _ in amount.pairs:
        if hi > _MOST_UNITS:
            raise InvalidValue(f"a count of {hi} is beyond the calendar ({_MOST_UNITS:,} units at most)")
    low, high = bounds(amount, settings)
    Count(low, high)
    return low, high


# The largest count the grammar reads: more days than the calendar (years 1 to 9999) has is
# refused, never clamped; so are that many weeks, months or years.
_MOST_UNITS: Final = 3_652_059


_CLOCK_MINUTES: Final = {"hour": 60, "minute": 1}
_DAY_MINUTES: Final = 1440


def _count_bounds(amount: _Amount, settings: Settings) -> tuple[Amount, Amount | None]:
    """A count's bounds: the calendar units with the tolerance of the smallest, plus the
    hours and minutes as whole days (the same day or the next: "two hours and three days")."""
    calendar = [pair for pair in amount.pairs if pair[2] not in _CLOCK_MINUTES]
    clock_low = sum(Fraction(lo) * _CLOCK_MINUTES[u] for lo, _, u in amount.pairs if u in _CLOCK_MINUTES)
    clock_high = sum(Fraction(hi) * _CLOCK_MINUTES[u] for _, hi, u in amount.pairs if u in _CLOCK_MINUTES)
    extra_low = make.amount(0, int(clock_low // _DAY_MINUTES))
    extra_high = make.amount(0, max(1, ceil(clock_high / _DAY_MINUTES)) if clock_high else 0)
    if not calendar:
        if not amount.pairs:
            raise InvalidValue("a count needs a unit")
        return extra_low, extra_high
    *big, (lo, hi, unit) = calendar
    fixed = _sum([_exact(a, u) for a, _, u in big])
    if unit == "fortnight":  # a fortnight is two weeks, with the tolerance of a count of weeks
        base = Count.of(lo * 2, "week", hi * 2, hedged=amount.hedged, bound=amount.bound, settings=settings)
    elif unit == "workday":
        top = int(hi) + 2 * ceil(Fraction(hi) / 5)
        base = Count.of(lo, "day", top, hedged=amount.hedged, bound=amount.bound, settings=settings)
        if amount.bound == "under":
            base = Count(_ZERO, make.amount(0, top))
    else:
        base = Count.of(lo, cast(Unit, unit), hi, hedged=amount.hedged, bound=amount.bound, settings=settings)
    high = None if base.high is None else base.high + fixed + extra_high
    low = (base.low + fixed if amount.bound != "under" else base.low) + extra_low
    return low, high


def _age_count(p: _Phrase, amount: _Amount, words: str) -> Count:
    """An age: completed units, from the stated age to the day before the next step."""
    low, high = _checked_amounts(_age_bounds, amount, p.settings)
    return make.count(low, high, words)


def _age_bounds(amount: _Amount, settings: Settings) -> tuple[Amount, Amount | None]:
    if not amount.pairs:
        raise InvalidValue("an age needs a number")
    *big, (lo, hi, unit) = amount.pairs
    for _, _, other in amount.pairs:
        if other in ("hour", "minute", "workday"):
            raise InvalidValue(f"an age is not given in {other}s")
    fixed = [_exact(a, u) for a, _, u in big]
    step = Fraction(1) if hi == int(hi) else Fraction(str(_CONV["age"]["fraction_step"]))
    low = _sum([*fixed, _exact(lo, unit)])
    high = _sum([*fixed, _exact(hi + step, unit, up=True), make.amount(0, -1)])
    if amount.bound == "under":
        low, high = _ZERO, _sum([*fixed, _exact(lo, unit, up=True), make.amount(0, -1)])
    elif amount.bound == "over":
        return low, None
    if amount.hedged:
        tol = Count.of(1, cast(Unit, unit if unit != "fortnight" else "week"), hedged=True, settings=settings)
        one = _exact(Fraction(1), unit if unit != "fortnight" else "week")
        low = low + (tol.low + -one)
        assert tol.high is not None  # a hedged count of one unit has a top
        high = high + (tol.high + -one)
    if low.day_range()[0] < 0:
        low = _ZERO
    return low, high


def _person(p: _Phrase, lexes: Sequence[Lex]) -> Birth:
    who = [lex for lex in lexes if lex.cat in ("person", "poss", "word", "noun")]
    if not who:
        return make.birth()
    words = p.words(who)
    text = words.text[:-2] if words.text.endswith(("'s", "\u2019s")) else words.text
    return make.birth(text, words)


_BIRTH_OWNERS: Final = frozenset(("person", "poss", "noun", "article"))
_POSSESSIVE: Final = re.compile(r"['’]s$")
_BIRTH_WORDS: Final = tuple(" ".join(key) for key, (cat, _) in LEXICON.words.items() if cat == "birth")


# Lexemes that can name an event ("his licence", "Child S's birth", "the assessment"); an
# anchor with none of them is read as a time or refused, never taken for an event's name.
_EVENT_CATEGORIES: Final = frozenset(("word", "poss", "noun", "birth", "check", "life", "pregnancy", "other"))
# An event's name is one noun phrase or clause: at most this many lexemes, and no clause break.
_LONGEST_NAME: Final = 16
_CLAUSE_BREAK: Final = re.compile(r"[;:!?]|,\s|\.\s+[A-Z]")


def _anchor(p: _Phrase, lexes: list[Lex]) -> Node | None:
    """What an offset counts from: nothing (the reference), a time phrase, or a named event
    (the words after "before", "after", "prior to": a noun phrase or a clause, whose words and
    offsets the :class:`~chronology.phrases.syntax.Named` leaf keeps for the caller); ``None``
    where the words are neither (the rule asking does not apply)."""
    if not lexes:
        return make.reference()
    if lexes[-1].cat == "birth" and all(lex.cat in _BIRTH_OWNERS for lex in lexes[:-1]):
        # "his birth", "Child S's birth", "the birth": the person's birth, which ages count from
        owner = _POSSESSIVE.sub("", p.words(lexes[:-1]).text) if len(lexes) > 1 else None
        return make.birth(owner, p.words(lexes))
    named = any(lex.cat in _EVENT_CATEGORIES for lex in lexes)
    try:
        node = _read(p, lexes)
    except UnrecognisedPhrase:
        if not named or p.spent:
            raise  # a date that is not one ("before 32/13/2013") is refused, not taken for a name
        node = None
    if node is not None and not isinstance(node, Length):
        return node
    if not named:
        return None
    dated = _dated_event(p, lexes)
    if dated is not None:
        return dated
    words = _with_article(p, lexes)
    if len(lexes) > _LONGEST_NAME or _CLAUSE_BREAK.search(words.text):
        raise p.fail(lexes, "an event's name runs past the end of its clause")
    return make.named(words)


_ARTICLE_BEFORE: Final = re.compile(r"(?i)\bthe\s+$")


def _with_article(p: _Phrase, lexes: list[Lex]) -> Excerpt:
    """The words of ``lexes``, with the "the" before them that the lexer set aside ("the perpetrator")."""
    start, end = lexes[0].start, lexes[-1].end
    if lexes[0].the:
        found = _ARTICLE_BEFORE.search(p.text, max(0, start - 12), start)
        if found is not None:
            start = found.start()
    return make.excerpt(p.text[start:end], start, end)


def _dated_event(p: _Phrase, lexes: list[Lex]) -> Fixed | None:
    """The date an event's name ends with, which places it ("Ms BB's death in October 2015")."""
    last = max(index for index, lex in enumerate(lexes) if lex.cat in _EVENT_CATEGORIES)
    tail = lexes[last + 1 :]
    if not tail or not any(lex.cat in _CALENDAR for lex in tail):
        return None
    if _POSSESSIVE.sub("", p.text[lexes[last].start : lexes[last].end].lower()) not in LEXICON.events:
        return None  # "Safeguard Children 2010" is a title, not an event with its date
    return _fixed_of(_read_quietly(p, tail))


def _event_anchor(node: Node) -> bool:
    """Whether ``node`` names an event a phrase may stand at ("his death", "her release", a birth)."""
    if isinstance(node, Birth):
        return True
    if not isinstance(node, Named):
        return False
    words = split_words(node.words.text)
    return bool(words) and _POSSESSIVE.sub("", words[-1]) in LEXICON.events


def _fixed(readings: Iterable[Interval], kind: Kind, words: Excerpt, notes: Iterable[str] = ()) -> Fixed:
    """``Fixed(...)`` for the grammar: the same value, tuples taken as they are."""
    return make.fixed(tuple(readings), kind, words, tuple(notes))


def _fixed_of(node: Node | None) -> Fixed | None:
    return node if isinstance(node, Fixed) else None


# -- calendar periods --------------------------------------------------------------------


@_builder("year")
def _year(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    return _fixed((Interval.year(g["year"][0].value),), "year", p.words(lexes))


@_builder("dated_thing")
def _dated_thing(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    # The thing is named in a few plain lower-case words ("strategy meeting"); a capitalised name
    # after a date is a title or a person ("the March 2014 Children Act"), not read here.
    thing = g["thing"]
    plain = all(p.text[lex.start : lex.end].isalpha() and p.text[lex.start].islower() for lex in thing)
    if len(thing) > 3 or not plain:
        return None
    return _fixed_of(_read_quietly(p, g["when"]))


@_builder("decade")
def _decade(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    first = g["decade"][0].value
    return _fixed((Interval.years(first, first + 9),), "range", p.words(lexes))


_month: Final = lru_cache(maxsize=4096)(Interval.month)  # kept per year and month


@_builder("month_year")
def _month_year(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    whole = _month(g["year"][0].value, g["month"][0].value)
    if "part" in g:
        return _fixed((_rules.cut(whole, 3, _rules.PARTS[g["part"][0].value]),), "part", p.words(lexes))
    return _fixed((whole,), "month", p.words(lexes))


def _check_weekday(p: _Phrase, g: Groups, day: date) -> None:
    if "weekday" in g:
        lex = g["weekday"][0]
        if lex.value != day.weekday():
            raise UnrecognisedPhrase(p.text, lex.start, lex.end, f"{day:%-d %B %Y} was a {day:%A}, not this weekday")


@_builder("day")
def _day(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    lex = g["day"][0]
    if not isinstance(lex.value, int):
        return None
    day = date(g["year"][0].value, g["month"][0].value, lex.value)
    _check_weekday(p, g, day)
    return _fixed((make.interval(day, day),), "day", p.words(lexes))


@_builder("numeric_date")
def _numeric_date(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    dom, month, year, digits, iso = g["date"][0].value
    if not p.settings.day_first and not iso:
        dom, month = month, dom
    if digits == 2:
        date(2000, month, dom)  # a day that exists in some year (2000 is a leap year)
        return make.aligned(make.document_date(), "two_digit_year", (month, dom, year), "day", p.words(lexes))
    if digits != 4:
        raise p.fail(lexes, "a numeric date needs a two- or four-digit year")
    day = date(year, month, dom)
    _check_weekday(p, g, day)
    return _fixed((make.interval(day, day),), "day", p.words(lexes))


@_builder("numeric_month")
def _numeric_month(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    month, year, digits = g["my"][0].value
    if not 1 <= month <= 12:
        raise p.fail(lexes, "not a month number")
    if digits == 2:
        return make.aligned(make.document_date(), "two_digit_year", (month, 0, year), "month", p.words(lexes))
    return _fixed((Interval.month(year, month),), "month", p.words(lexes))


@_builder("year_span")
def _year_span(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    first, last = g["a"][0].value, g["b"][0].value
    if last < first:
        raise p.fail(lexes, "the span of years ends before it starts")
    return _fixed((Interval.years(first, last),), "range", p.words(lexes))


def _reporting_year(p: _Phrase, first: int, kind: str = "") -> Interval:
    """The reporting year that starts in ``first``: financial (1 April), academic (1 September)
    as the settings say unless the words name the kind; a tax year runs 6 April to 5 April."""
    kind = kind or p.settings.reporting_year
    if kind == "tax":
        return make.interval(date(first, 4, 6), date(first + 1, 4, 5))
    return Interval.months(first, 4 if kind == "financial" else 9, 12)


@_builder("year_dash")
def _year_dash(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    first, second = g["a"][0].value, g["b"][0]
    if not isinstance(second.value, int) or second.end - second.start != 2:
        raise p.fail(lexes, "expected a year or a two-digit year or month after the dash")
    yy = second.value
    readings: list[Interval] = []
    notes: list[str] = []
    if yy == (first + 1) % 100:
        readings.append(_reporting_year(p, first))
        notes.append(f"{p.settings.reporting_year} year {first}-{yy:02d}")
    else:
        last = first - first % 100 + yy
        if last > first:
            readings.append(Interval.years(first, last))
            notes.append(f"the years {first} to {last}")
    if 1 <= yy <= 12:
        readings.append(Interval.month(first, yy))
        notes.append(f"ISO month {first}-{yy:02d}")
    if not readings:
        raise p.fail(lexes, "neither a span of years nor a month")
    return _fixed(readings, "range" if len(readings) > 1 or notes[0][0] != "I" else "month", p.words(lexes), notes)


@_builder("year_slash")
def _year_slash(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    if "my" in g:
        first, yy, digits = g["my"][0].value
    else:
        first, yy, digits = g["a"][0].value, g["b"][0].value, g["b"][0].end - g["b"][0].start
    if not isinstance(first, int) or not isinstance(yy, int):
        return None
    if first < 100:
        first += 2000
    if digits == 4 and yy == first + 1:
        digits, yy = 2, yy % 100
    if digits != 2 or yy != (first + 1) % 100:
        raise p.fail(lexes, "a reporting year is two consecutive years (2014/15)")
    kind = g["kind"][0].value if "kind" in g else p.settings.reporting_year
    return _fixed((_reporting_year(p, first, kind),), "range", p.words(lexes), (f"{kind} year {first}/{yy:02d}",))


@_builder("season")
def _season(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    name, part = g["season"][0].value
    if "part" in g:
        part = g["part"][0].value
    year = g["year"][0].value
    _rules.season_readings(name, year, p.settings.seasons)  # (raises first for a year outside the calendar)
    if "b" in g:
        yy = g["b"][0].value
        if name != "winter" or yy != (year + 1) % 100:
            raise p.fail(g["b"], "only a winter spans two years, and they must be consecutive")
    intervals, notes = _season_parts(name, year, part or "", p.settings.seasons, "b" in g)
    return make.fixed(intervals, "season", p.words(lexes), notes)


@lru_cache(maxsize=4096)
def _season_parts(
    name: str, year: int, part: str, convention: str, first_only: bool
) -> tuple[tuple[Interval, ...], tuple[str, ...]]:
    """The readings of (part of) a season of a year and their notes (kept per season and year)."""
    readings = _rules.season_readings(name, year, convention)
    if first_only:
        readings = readings[:1]
    intervals = tuple(r for r, _ in readings)
    if part:
        intervals = tuple(_rules.cut(r, 3, _rules.PARTS[part]) for r in intervals)
    return intervals, tuple(n for _, n in readings) if len(readings) > 1 else ()


@_builder("week_of_month")
def _week_of_month(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    unit = next(lex for lex in lexes if lex.cat == "unit").value[0]
    if unit != "week":
        return None
    whole = Interval.month(g["year"][0].value, g["month"][0].value)
    assert whole.earliest is not None and whole.latest is not None
    which = g["which"][0]
    if which.cat == "last":
        return _fixed((Interval(whole.latest - timedelta(days=6), whole.latest),), "part", p.words(lexes))
    if not 1 <= which.value <= 5:
        raise p.fail([which], "a month has at most five weeks")
    start = whole.earliest + timedelta(days=7 * (which.value - 1))
    return _fixed((Interval(start, min(start + timedelta(days=6), whole.latest)),), "part", p.words(lexes))


# Rules of a period placed from a day, and how far they move it ("the following month": 1).
_PERIOD_OFFSETS: Final = {"this_period": 0, "next_period": 1, "previous_period": -1}


def _fraction_of(p: _Phrase, rest: list[Lex], parts: int, index: int, lexes: list[Lex]) -> Node | None:
    """Part ``index`` of ``parts`` of the period ``rest`` names: a calendar period ("the third
    quarter of 2012"), the reference's own ("the end of the month"), or one placed from it
    ("the beginning of the following year"); ``None`` where ``rest`` is none of these."""
    words = p.words(lexes)
    if len(rest) == 1 and rest[0].cat == "unit":
        unit = rest[0].value[0]
        if unit not in ("week", "month", "year"):
            return None
        return make.aligned(make.reference(), "period_part", (unit, 0, parts, index), "narrative", words)
    whole = _read_quietly(p, rest)
    if isinstance(whole, Aligned) and whole.rule in _PERIOD_OFFSETS:
        arg = (whole.arg[0], _PERIOD_OFFSETS[whole.rule], parts, index)
        return make.aligned(whole.base, "period_part", arg, whole.kind, words)
    fixed = _fixed_of(whole)
    if fixed is None or any(r.earliest is None or r.latest is None for r in fixed.readings):
        return None
    return _fixed([_rules.cut(r, parts, index) for r in fixed.readings], "part", words, fixed.notes)


@_builder("half")
def _half(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    which = g["which"][0].value
    if which not in (1, 2):
        raise p.fail(g["which"], "a half is the first or the second")
    node = _fraction_of(p, g["rest"], 2, which - 1, lexes)
    if node is None:
        raise p.fail(g["rest"], "a half of a calendar period")
    return node


@_builder("quarter")
def _quarter(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    which = g["which"][0]
    nth = 4 if which.cat in ("last", "final") else which.value
    if not isinstance(nth, int) or not 1 <= nth <= 4:
        raise p.fail(g["which"], "a year has four quarters")
    return _fraction_of(p, g["rest"], 4, nth - 1, lexes)


@_builder("part")
def _part(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    part = g["part"][0].value
    rest = g["rest"]
    node = _fraction_of(p, rest, 3, _rules.PARTS[part], lexes)
    if node is not None:
        return node
    if part == "mid" or any(lex.cat in ("year", "month", "season", "decade", "date", "unit") for lex in rest):
        return None
    if _read_quietly(p, rest) is not None:
        return None
    return Endpoint(make.named(p.words(rest)), "start" if part == "early" else "end", p.words(lexes))


_DAY_CATS: Final = frozenset(("ord", "num"))


def _borrow_year(a: list[Lex], b: list[Lex]) -> list[Lex]:
    """``a`` with what it leaves for ``b`` to say: ``b``'s year when ``a`` has none ("March to
    April 2013"), and its month and year when ``a`` is a day alone ("15th-19th February 2016",
    "between 10th and 13th October")."""
    if len(a) == 1 and a[0].cat in _DAY_CATS and len(b) >= 2 and b[0].cat in _DAY_CATS and b[1].cat == "month":
        return [*a, *b[1:]]
    if b and b[-1].cat == "year" and not any(lex.cat in ("year", "decade", "date") for lex in a):
        return [*a, b[-1]]
    return a


def _borrow_month(a: list[Lex], b: list[Lex]) -> list[Lex]:
    """``b`` with ``a``'s month when ``b`` is a day (and a year) alone ("May 23-27 2022")."""
    day_alone = len(b) == 1 or (len(b) == 2 and b[1].cat == "year")
    if len(a) >= 2 and a[0].cat == "month" and a[1].cat in _DAY_CATS and b and b[0].cat in _DAY_CATS and day_alone:
        return [a[0], *b]
    return b


@_builder("month_range")
def _month_range(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    year = g["year"][0].value
    first, last = g["a"][0].value, g["b"][0].value
    start = Interval.month(year if first <= last else year - 1, first)
    return _fixed((start.hull(Interval.month(year, last)),), "range", p.words(lexes))


@_builder("named_day")
def _named_day(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    name = g["day"][0].value
    readings = LEXICON.named_days[name]
    window = LEXICON.windows[g["window"][0].cat] if "window" in g else None
    if "year" in g:
        found = _rules.named_day(readings, g["year"][0].value, window, p.settings.holiday_region)
        return _fixed(found, "holiday", p.words(lexes))
    day = g["day"][0]
    if name == "new year" and window is None and day.the and p.text[: day.start].lower().rstrip().endswith("in the"):
        # "in the New Year": early in the year after the reference, not New Year's Day
        arg = ("year", 1, 3, 0)
        return make.aligned(make.reference(), "period_part", arg, "narrative", p.words(lexes))
    return make.aligned(make.reference(), "latest_named_day", (readings, window), "holiday", p.words(lexes))


# -- ages ------------------------------------------------------------------------------------


def _age(p: _Phrase, amount: _Amount, lexes: list[Lex], person_lexes: Sequence[Lex] = ()) -> Node:
    words = p.words(lexes)
    return make.shift(_person(p, person_lexes), _age_count(p, amount, words.text), 1, "age", words)


@_builder("age")
def _age_rule(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    amount = _read_amount(g["amt"])
    who = [lex for lex in lexes if lex.cat in ("person", "poss")]
    return _age(p, amount, lexes, who)


@_builder("age_years")
def _age_years(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    return _age(p, _read_amount(g["amt"], default_unit="year"), lexes)


@_builder("apposition")
def _apposition(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "Child S, 3," - a number set off by a comma after a name is an age in years."""
    if "," not in p.text[g["who"][-1].end : g["amt"][0].start]:
        return None
    return _age(p, _read_amount(g["amt"], default_unit="year"), lexes, g["who"])


@_builder("age_before")
def _age_before(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    amount = _read_amount(g["amt"], default_unit="year")
    return _age(p, amount._replace(bound="under"), lexes)


@_builder("age_turned")
def _age_turned(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    amount = _read_amount(g["amt"], default_unit="year")
    ((lo, _, unit),) = amount.pairs
    low = _exact(lo, unit)
    words = p.words(lexes)
    return make.shift(
        make.birth(), Count(low, low + make.amount(int(_CONV["age"]["turned_months"]), 0), words.text), 1, "age", words
    )


@_builder("stage")
def _stage(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    low, high, unit = g["stage"][0].value
    return _age(p, _Amount(((Fraction(low), Fraction(high), unit),), False, "exact"), lexes, g.get("who", []))


@_builder("stage_when")
def _stage_when(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "when he was a baby": the life stage "as a baby" names."""
    article, noun = lexes[-2], lexes[-1]
    entry = _WORDS.get(("as", p.text[article.start : article.end].lower(), p.text[noun.start : noun.end].lower()))
    if entry is None or entry[0] != "stage":
        return None
    low, high, unit = entry[1]
    return _age(p, _Amount(((Fraction(low), Fraction(high), unit),), False, "exact"), lexes)


@_builder("birthday")
def _birthday(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    years = g["ord"][0].value
    if not isinstance(years, int):
        return None
    low = high = make.amount(12 * years, 0)
    if "hedge" in g:
        months = int(_CONV["age"]["birthday_hedge_months"])
        low, high = make.amount(12 * years - months, 0), make.amount(12 * years + months, 0)
        if low.months < 0:
            low = _ZERO
    words = p.words(lexes)
    return make.shift(_person(p, lexes), Count(low, high, words.text), 1, "age", words)


@_builder("life_first")
def _life_first(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    if g["first"][0].value != 1:
        return None
    amount = _read_amount(g["amt"])
    ((_, hi, unit),) = amount.pairs[-1:]
    words = p.words(lexes)
    return make.shift(_person(p, lexes), Count(_ZERO, _exact(hi, unit, up=True), words.text), 1, "age", words)


@_builder("life_ordinal")
def _life_ordinal(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    nth = g["ord"][0].value
    unit, plural = g["unit"][0].value
    if unit not in _EXACT_UNITS or nth < 1:
        return None
    words = p.words(lexes)
    if plural:
        if nth != 1:
            return None
        _, hi = _CONV["vague"][unit]
        count = Count(_ZERO, _exact(Fraction(hi), unit, up=True), words.text)
        return make.shift(_person(p, lexes), count, 1, "age", words)
    amount = _Amount(((Fraction(nth - 1), Fraction(nth - 1), unit),), False, "exact")
    return _age(p, amount, lexes, [lex for lex in lexes if lex.cat in ("person", "poss", "word")])


@_builder("throughout_life")
def _throughout_life(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    birth = _person(p, g.get("who", []))
    return Between(birth, make.named(p.words(lexes[1:])), "range", p.words(lexes))


def _pregnancy_start(p: _Phrase, lexes: list[Lex]) -> Shift:
    low, high = _CONV["pregnancy"]["term_days"]
    words = p.words(lexes)
    return make.shift(make.birth(), _days(low, high, words.text), -1, "age", words)


@_builder("pregnancy")
def _pregnancy(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    part = g["part"][0]
    if part.cat == "throughout":
        return Between(_pregnancy_start(p, lexes), make.birth(), "range", p.words(lexes))
    if part.value == "early":
        return _pregnancy_start(p, lexes)
    if part.value == "late":
        return Endpoint(make.birth(), "end", p.words(lexes))
    return None


@_builder("weeks_pregnant")
def _weeks_pregnant(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    amount = _read_amount(g["amt"])
    ((lo, hi, unit),) = amount.pairs
    if unit != "week":
        return None
    due, tol = int(_CONV["pregnancy"]["due_weeks"]), int(_CONV["pregnancy"]["due_tolerance_weeks"])
    low = max(0, int((due - hi - tol) * 7))
    high = max(0, ceil((due - lo + tol) * 7))
    words = p.words(lexes)
    return make.shift(make.birth(), _days(low, high, words.text), -1, "age", words)


@_builder("premature")
def _premature(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    amount = _read_amount(g["amt"])
    words = p.words(lexes)
    due = make.named(p.words(lexes[-1:]))
    return make.shift(due, _count(p, amount, words.text), -1, "relative", words)


@_builder("by_age")
def _by_age(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    amount = _read_amount(g["amt"], default_unit="year")
    ((lo, _, unit),) = amount.pairs
    words = p.words(lexes)
    birthday = make.shift(make.birth(), Count(_exact(lo, unit), _exact(lo, unit), words.text), 1, "age", words)
    return Bound(birthday, "until", "age", words)


@_builder("from_age")
def _from_age(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    a = _read_amount(g["a"])
    b_unit = a.pairs[0][2] if a.pairs else "year"
    a = a if a.pairs else _read_amount(g["a"], default_unit="year")
    b = _read_amount(g["b"], default_unit=b_unit)
    return Between(_age(p, a, g["a"]), _age(p, b, g["b"]), "age", p.words(lexes))


@_builder("since_age")
def _since_age(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    return Between(_age(p, _read_amount(g["amt"]), lexes), make.reference(), "age", p.words(lexes))


# -- relative to the reference or to another event -------------------------------------------


Direction = Literal[1, -1]


def _direction(lex: Lex) -> Direction:
    return 1 if lex.value >= 0 else -1


def _vague(p: _Phrase, unit: str, period: bool, words: str) -> Count:
    low, high = _vague_amounts(unit, period, p.settings)
    return make.count(low, high, words)


@lru_cache(maxsize=256)
def _vague_amounts(unit: str, period: bool, settings: Settings) -> tuple[Amount, Amount | None]:
    """The bounds of a count with no number ("in the following weeks"), by the conventions."""
    lo, hi = _CONV["vague_period" if period else "vague"][unit]
    if unit == "workday":
        unit = "day"
    if period:
        # "in the following weeks" = reference + 1 .. 8 weeks: the conventions give the period's
        # own bounds, so no count's tolerance widens them (unlike "weeks after" = 2 to 8 weeks).
        per_unit = {"day": Amount(0, 1), "week": Amount(0, 7), "fortnight": Amount(0, 14)}.get(unit)
        if per_unit is not None:
            return Amount(0, per_unit.days * lo), Amount(0, per_unit.days * hi)
        months = 12 if unit == "year" else 1
        return Amount(months * lo), Amount(months * hi)
    if unit == "fortnight":
        count = Count.of(lo * 2, "week", hi * 2, settings=settings)
    else:
        count = Count.of(lo, cast(Unit, unit), hi, settings=settings)
    return count.low, count.high


@_builder("unit_next")
def _unit_next(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    direction = _direction(g["next"][0])
    words = p.words(lexes)
    amount = _read_amount(g["amt"])
    counted = any(lex.cat in ("num", "quantity", "article") for lex in g["amt"])
    unit_lex = [lex for lex in g["amt"] if lex.cat == "unit"][-1]
    unit, plural = unit_lex.value
    if counted:
        count = _count(p, amount, words.text)
        return make.shift(make.reference(), Count(_ZERO, count.high, words.text), direction, "narrative", words)
    if plural:
        if unit not in _CONV["vague_period"]:
            return None  # no convention for a count of these units without a number ("hours")
        return make.shift(make.reference(), _vague(p, unit, True, words.text), direction, "narrative", words)
    if unit == "day":
        return make.shift(make.reference(), _days(1, text=words.text), direction, "narrative", words)
    if unit == "workday":
        return make.aligned(make.reference(), "next_working_day", (direction,), "narrative", words)
    if unit in ("week", "month", "year"):
        rule_ = "next_period" if direction > 0 else "previous_period"
        return make.aligned(make.reference(), rule_, (unit,), "narrative", words)
    if unit == "fortnight":
        return make.shift(make.reference(), _days(1, 14, words.text), direction, "narrative", words)
    return None


@_builder("unit_relation")
def _unit_relation(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    unit, plural = g["unit"][0].value
    rel = g["rel"][0]
    anchor_lexes = _anchor_after(p, rel, g.get("anchor", []))
    if anchor_lexes is None:
        return None
    words = p.words(lexes)
    base = _anchor(p, anchor_lexes)
    if base is None:
        return None
    direction = _direction(rel)
    if plural:
        # "the weeks before X", "in the weeks leading up to X": a period back to X; "weeks before X": a gap
        period = g["unit"][0].the or abs(rel.value) == 2
        if unit not in _CONV["vague_period" if period else "vague"]:
            return None  # no convention for a count of these units without a number ("hours")
        count = _vague(p, unit, period, words.text)
    else:
        if unit not in _CONV["adjacent"]:
            return None
        if unit == "month" and direction < 0 and not isinstance(base, Reference):
            # "the month before X": the calendar month before X's, or the 31 days before X
            return make.aligned(base, "month_before", (), "relative", words)
        lo, hi = _CONV["adjacent"][unit]
        count = _days(lo, hi, words.text)
    kind: Kind = "narrative" if isinstance(base, Reference) else "relative"
    return make.shift(base, count, direction, kind, words)


def _anchor_after(p: _Phrase, rel: Lex, anchor: list[Lex]) -> list[Lex] | None:
    """The lexemes of the anchor after a relation word.  An adverb that swallowed the anchor's
    first word ("before this" in "the months before this act") gives it back; an adverb that
    did not ("later") takes no anchor (``None``: the rule does not apply)."""
    if rel.cat != "adverb" or not anchor:
        return anchor
    said = p.text[rel.start : rel.end].lower()
    cut = max(said.rfind(" this"), said.rfind(" that"))
    if cut < 0:
        return None
    start = rel.start + cut + 1
    return [Lex("same", "same", start, rel.end), *anchor]


@_builder("same_unit")
def _same_unit(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    unit = g["unit"][0].value[0]
    words = p.words(lexes)
    if unit == "day":
        return make.shift(make.reference(), _days(0, text=words.text), 1, "narrative", words)
    if unit not in ("week", "month", "year"):
        return None
    if "adverb" not in g:
        return make.aligned(make.reference(), "this_period", (unit,), "narrative", words)
    rule_ = "rest_of_period" if g["adverb"][0].value > 0 else "start_of_period"
    return make.aligned(make.reference(), rule_, (unit,), "narrative", words)


@_builder("day_part")
def _day_part(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    if g["part"][0].value in ("night", "small") and "adverb" not in g:
        return make.aligned(make.reference(), "night", (), "narrative", words)
    return make.shift(make.reference(), _days(0, text=words.text), 1, "narrative", words)


@_builder("day_part_next")
def _day_part_next(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    direction = _direction(g["next"][0])
    if g["part"][0].value == "night":
        return make.aligned(make.reference(), "night" if direction > 0 else "previous_night", (), "narrative", words)
    return make.shift(make.reference(), _days(1, text=words.text), direction, "narrative", words)


def _check_clocks(p: _Phrase, lexes: list[Lex]) -> None:
    """Refuse a clock time no day has ("25:61", "13pm")."""
    for lex in lexes:
        if lex.cat == "clock":
            said = p.text[lex.start : lex.end].lower()
            found = _CLOCK_HOUR.match(said)
            if found is None:
                continue
            hour, minute = int(found.group(1)), int(found.group(2) or 0)
            if minute > 59 or hour > 24 or (found.group(3) == "a" and hour > 12):
                raise UnrecognisedPhrase(p.text, lex.start, lex.end, "there is no such time of day")


@_builder("day_of")
def _day_of(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """A clock time beside a date: the date (the timeline is in days)."""
    _check_clocks(p, lexes)
    return _read_quietly(p, g["rest"])


@_builder("day_of_event")
def _day_of_event(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "the day of the assessment": the day of the event the words name."""
    unit, plural = g["unit"][0].value
    if unit != "day" or plural:
        return None
    words = p.words(lexes)
    base = _anchor(p, g["rest"])
    if base is None:
        return None
    return make.shift(base, _days(0, text=words.text), 1, "relative", words)


@_builder("final_period")
def _final_period(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "the final days of his life": from as far back as a count with no number reaches, up to
    the end of the event (a life ends at death)."""
    unit, plural = g["unit"][0].value
    window = _CONV["final_period"]
    if not plural or unit not in window:
        return None
    rest = g.get("rest") or g["who"]  # "the final days of his life"; "her final months" (of her life)
    if "rest" not in g or rest[-1].cat == "life":
        base: Node | None = Endpoint(make.named(p.words(rest)), "end", p.words(rest))
    else:
        base = _anchor(p, rest)
    if base is None:
        return None
    lo, hi = window[unit]
    words = p.words(lexes)
    count = Count.of(lo, cast(Unit, unit), hi, settings=p.settings)
    return make.shift(base, Count(_ZERO, count.high, words.text), -1, "relative", words)


@_builder("day_part_of")
def _day_part_of(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    base = _parse_lexes(p, g["rest"])
    if g["part"][0].value == "night":
        return make.aligned(base, "night", (), "day", p.words(lexes))
    return base


_CLOCK_HOUR: Final = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?\s*([ap])?")


def _clock_minutes(text: str) -> int | None:
    """Minutes past midnight of a clock time as written ("7.30pm", "23:15", "12am"), if it says."""
    found = _CLOCK_HOUR.match(text)
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if found.group(3) == "p" and hour < 12:
        hour += 12
    elif found.group(3) == "a" and hour == 12:
        hour = 0
    return hour * 60 + minute


@_builder("clock")
def _clock(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """A clock time: the reference's day.  Hedged within an hour of midnight ("at about 11.45pm"),
    it may be either side of it: the reference's day or the next, as a night is."""
    words = p.words(lexes)
    _check_clocks(p, lexes)
    if "hedge" in g and "clock" in g:
        minutes = _clock_minutes(p.text[g["clock"][0].start : g["clock"][0].end].lower())
        if minutes is not None and (minutes >= 23 * 60 or minutes <= 60):
            return make.aligned(make.reference(), "night", (), "narrative", words)
    return make.shift(make.reference(), _days(0, text=words.text), 1, "narrative", words)


@_builder("deictic")
def _deictic(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    offset = g["day"][0].value
    words = p.words(lexes)
    return make.shift(
        make.document_date(), _days(abs(offset), text=words.text), 1 if offset >= 0 else -1, "deictic", words
    )


@_builder("deictic_unit")
def _deictic_unit(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    unit = g["unit"][0].value[0]
    which = g["which"][0].cat
    words = p.words(lexes)
    if unit == "day":
        return make.shift(
            DocumentDate(),
            _days(0 if which == "this" else 1, text=words.text),
            1 if which == "this" else -1,
            "deictic",
            words,
        )
    if unit not in ("week", "month", "year"):
        return None
    if "adverb" in g:
        if which != "this":
            return None
        rule_ = "rest_of_period" if g["adverb"][0].value > 0 else "start_of_period"
    else:
        rule_ = "this_period" if which == "this" else "previous_period"
    return make.aligned(make.document_date(), rule_, (unit,), "deictic", words)


@_builder("last_month")
def _last_month(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    return make.aligned(make.document_date(), "last_month", (g["month"][0].value,), "deictic", p.words(lexes))


@_builder("last_season")
def _last_season(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    return make.aligned(make.document_date(), "last_season", (g["season"][0].value[0],), "deictic", p.words(lexes))


@_builder("weekday")
def _weekday(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    weekday = g["weekday"][0].value
    words = p.words(lexes)
    if "which" not in g:
        return make.aligned(make.reference(), "weekday_on_or_after", (weekday,), "narrative", words)
    which = g["which"][0]
    if which.cat == "last":
        return make.aligned(make.document_date(), "weekday_before", (weekday,), "deictic", words)
    rule_ = "weekday_after" if which.value > 0 else "weekday_before"
    return make.aligned(make.reference(), rule_, (weekday,), "narrative", words)


@_builder("weekend")
def _weekend(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    which = g["which"][0] if "which" in g else None
    if which is None or which.cat == "over":
        return make.aligned(make.reference(), "weekend_next", (), "narrative", words)
    if which.cat == "last":
        return make.aligned(make.document_date(), "weekend_before", (), "deictic", words)
    rule_ = "weekend_after" if which.value > 0 else "weekend_before"
    return make.aligned(make.reference(), rule_, (), "narrative", words)


@_builder("count_adverb")
def _count_adverb(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    return make.shift(
        Reference(), _count(p, _read_amount(g["amt"]), words.text), _direction(g["adverb"][0]), "narrative", words
    )


@_builder("count_relation")
def _count_relation(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "three months before his death": the count from the anchor, with its tolerance.  "the
    four weeks before his murder", "the nine months leading up to her death": the period from
    that far back up to the anchor, exact (as "the first five weeks of her life")."""
    words = p.words(lexes)
    rel = g["rel"][0]
    anchor_lexes = _anchor_after(p, rel, g["anchor"])
    if anchor_lexes is None:
        return None
    base = _anchor(p, anchor_lexes)
    if base is None:
        return None
    amount = _read_amount(g["amt"])
    if g["amt"][0].the and amount.bound == "exact" and len(amount.pairs) == 1 and amount.pairs[0][2] in _EXACT_UNITS:
        _, hi, unit = amount.pairs[0]
        count = make.count(_ZERO, _exact(hi, unit, up=True), words.text)
        return make.shift(base, count, _direction(rel), "relative", words)
    return make.shift(base, _count(p, amount, words.text), _direction(rel), "relative", words)


@_builder("count_in")
def _count_in(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "after only four days in the care home": that long after the start of what the words name."""
    if _direction(g["rel"][0]) < 0:
        return None
    node = _anchor(p, g["anchor"])
    if not isinstance(node, Named):
        return None
    words = p.words(lexes)
    base = Endpoint(node, "start", node.words)
    return make.shift(base, _count(p, _read_amount(g["amt"]), words.text), 1, "relative", words)


@_builder("within_vague")
def _within_vague(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "within days": from the anchor (or the reference) to as far as a count with no number reaches."""
    unit, plural = g["unit"][0].value
    if not plural or unit not in _CONV["vague"]:
        return None
    base = _anchor(p, g.get("anchor", []))
    if base is None:
        return None
    words = p.words(lexes)
    count = make.count(_ZERO, _vague(p, unit, False, words.text).high, words.text)
    kind: Kind = "narrative" if isinstance(base, Reference) else "relative"
    return make.shift(base, count, 1, kind, words)


@_builder("weekend_of")
def _weekend_of(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "the weekend of 3 May 2014": the Saturday and Sunday holding (or after) that day; "the
    weekend of Friday 14th to Sunday 16th March": the days named."""
    node = _read(p, g["rest"])
    if isinstance(node, Fixed) and all(r.earliest is not None and r.earliest == r.latest for r in node.readings):
        return make.aligned(node, "weekend_next", (), "range", p.words(lexes))
    if isinstance(node, Fixed):
        return _fixed(node.readings, node.kind, p.words(lexes), node.notes)
    return None


@_builder("within")
def _within(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    anchor_lexes = g.get("anchor", [])
    direction: Direction = 1
    if anchor_lexes and anchor_lexes[0].cat in ("relation", "adverb"):
        direction = _direction(anchor_lexes[0])
        anchor_lexes = anchor_lexes[1:]
    base = _anchor(p, anchor_lexes)
    if base is None:
        return None
    kind: Kind = "narrative" if isinstance(base, Reference) else "relative"
    return make.shift(base, _count(p, _read_amount(g["amt"]), words.text), direction, kind, words)


@_builder("gap")
def _gap(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    amount = _read_amount(g["amt"])
    if (
        len(amount.pairs) == 1
        and amount.pairs[0][2] == "day"
        and amount.pairs[0][0] == amount.pairs[0][1]
        and not amount.hedged
    ):
        days = amount.pairs[0][0]
        count = _days(int(days), ceil(days), words.text)
    else:
        count = _count(p, amount, words.text)
    base = _anchor(p, g.get("anchor", []))
    if base is None:
        return None
    direction = _direction(g["rel"][0]) if "rel" in g else 1
    return make.shift(base, count, direction, "relative" if "anchor" in g else "narrative", words)


@_builder("shortly")
def _shortly(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    rels = [lex for key in ("rel", "rel2") for lex in g.get(key, [])]
    direction = _direction(rels[0]) if rels else 1
    if g["short"][0].cat == "immediately":
        lo, hi = _CONV["short"]["immediately"]
    else:
        lo, hi = 0, p.settings.short_gap_days
    anchor_lexes = g.get("anchor", [])
    if anchor_lexes and "rel2" not in g and "rel" not in g:
        return None
    base = _anchor(p, anchor_lexes)
    if base is None:
        return None
    kind: Kind = "narrative" if isinstance(base, Reference) else "relative"
    return make.shift(base, _days(lo, hi, words.text), direction, kind, words)


@_builder("just")
def _just(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    direction: Direction = 1 if g["just"][0].cat == "justafter" else -1
    lo, hi = _CONV["short"]["just"]
    base = _anchor(p, g["anchor"])
    if base is None:
        return None
    return make.shift(base, _days(lo, hi, words.text), direction, "relative", words)


@_builder("adverb")
def _adverb(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    return make.shift(make.reference(), Count(_ZERO, None, words.text), _direction(g["adverb"][0]), "narrative", words)


@_builder("later_in")
def _later_in(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    whole = _fixed_of(_read_quietly(p, g["rest"]))
    if whole is None or len(whole.readings) != 1 or not whole.readings[0].is_bounded:
        return None
    first, last = whole.readings[0].earliest, whole.readings[0].latest
    assert first is not None and last is not None  # is_bounded
    rule_ = "later_in" if g["adverb"][0].value > 0 else "earlier_in"
    return make.aligned(make.reference(), rule_, (first.toordinal(), last.toordinal()), "narrative", p.words(lexes))


@_builder("undated_day")
def _undated_day(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    month, dom = g["month"][0].value, g["day"][0].value
    # A day with no year must fall in some year: 2000 was a leap year, so 29 February passes.
    if not isinstance(dom, int) or not 1 <= dom <= cal.days_in_month(2000, month):
        raise p.fail(lexes, "there is no such day in the year")
    return make.aligned(make.reference(), "latest_day", (month, dom), "day", p.words(lexes))


@_builder("undated_month")
def _undated_month(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    part = g["part"][0].value if "part" in g else ""
    return make.aligned(make.reference(), "latest_month", (g["month"][0].value, part), "month", p.words(lexes))


@_builder("undated_season")
def _undated_season(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    name, part = g["season"][0].value
    if "part" in g:
        part = g["part"][0].value
    return make.aligned(make.reference(), "latest_season", (name, part or ""), "season", p.words(lexes))


# -- periods bounded by events ------------------------------------------------------------------


@_builder("since")
def _since(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    start = _parse_lexes(p, g["rest"])
    return Between(start, make.reference(), "range", p.words(lexes), fills=True)


@_builder("by")
def _by(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    which = g["which"][0]
    if which.cat == "under" and p.text[which.start : which.end].lower().split() != ["up", "to"]:
        return None  # only "up to" bounds a period's end ("up to March 2013"); "within 2013" does not
    base = _parse_lexes(p, g["rest"])
    if which.cat == "under" and isinstance(base, Length):
        return None
    kind: Kind = base.kind if isinstance(base, (Fixed, Shift, Aligned)) else "range"
    return Bound(base, "until", kind, p.words(lexes))


@_builder("between")
def _between(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    b = _borrow_month(g["a"], g["b"])
    a = _borrow_year(g["a"], b)
    start, end = _anchor(p, a), _anchor(p, b)
    words = p.words(lexes)
    if start is None or end is None or (isinstance(start, Named) and isinstance(end, Named)):
        raise p.fail(lexes, "neither end of the period is a time")
    if lexes[0].cat == "from":  # "from A to B": what ran, ran from A to B
        return Between(start, end, "range", words, fills=True)
    if isinstance(start, Fixed) and isinstance(end, Fixed) and len(start.readings) == len(end.readings) == 1:
        whole = Interval(start.readings[0].earliest, end.readings[0].latest)
        return _fixed((whole,), "range", words)
    return Between(start, end, "range", words)


@_builder("hull")
def _hull(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    b = _borrow_month(g["a"], g["b"])
    a = _borrow_year(g["a"], b)
    first, second = _parse_lexes(p, a), _parse_lexes(p, b)
    if isinstance(first, Length) or isinstance(second, Length):
        return None
    return Hull((first, second), "range", p.words(lexes))


@_builder("length")
def _length(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    words = p.words(lexes)
    return Length(_count(p, _read_amount(g["amt"]), words.text), words)


# -- agency tables, spreadsheets and reporting periods -------------------------------------------


@_builder("month_yy")
def _month_yy(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "Mar-13": a month and a two-digit year, as a spreadsheet prints them ("13-Mar-13": a day too)."""
    yy = g["yy"][0]
    if not isinstance(yy.value, int) or yy.end - yy.start != 2:
        return None
    month, dom = g["month"][0].value, 0
    if "day" in g:
        given = g["day"][0].value  # a number lexeme may be a fraction ("18.25"): checked before it is a day
        if not isinstance(given, int) or not 1 <= given <= cal.days_in_month(2000, month):
            raise p.fail(lexes, "there is no such day in the year")
        dom = given
    kind: Kind = "day" if dom else "month"
    return make.aligned(make.document_date(), "two_digit_year", (month, dom, yy.value), kind, p.words(lexes))


def _month_number(lex: Lex) -> int | None:
    value = lex.value
    return value if isinstance(value, int) and 1 <= value <= 12 else None


@_builder("blank_day")
def _blank_day(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "?/03/2013", "xx/03/2013": a date whose day was left blank is its month, and says so."""
    month, year = _month_number(g["month"][0]), g["year"][0]
    if month is None:
        raise p.fail(g["month"], "not a month number")
    words = p.words(lexes)
    if year.cat == "num":
        if not isinstance(year.value, int) or year.end - year.start != 2:
            return None
        return make.aligned(make.document_date(), "two_digit_year", (month, 0, year.value), "month", words)
    return _fixed((_month(year.value, month),), "month", words, ("the day is not given",))


@_builder("blank_month")
def _blank_month(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "xx/xx/2013": only the year is given."""
    return _fixed((Interval.year(g["year"][0].value),), "year", p.words(lexes), ("the day and month are not given",))


_WEEK_OF: Final = {"start": ((0, 0), (0, 6)), "end": ((0, -6), (0, 0))}


@_builder("week_of")
def _week_of(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "w/c 4th March 2013": the week that starts on that day; "w/e": the week that ends on it."""
    which = g["weekof"][0].value
    low, high = _WEEK_OF[which]
    words = p.words(lexes)
    node = _read(p, g["rest"])
    if isinstance(node, Fixed) and all(r.earliest is not None and r.earliest == r.latest for r in node.readings):
        readings = [_rules.widen(r, low, high) for r in node.readings]
        note = f"the week {'commencing' if which == 'start' else 'ending'} {node.readings[0]}"
        return _fixed(readings, "range", words, [note] * len(readings))
    if isinstance(node, Aligned) and node.kind == "day":
        return make.aligned(node.base, "moved", (node.rule, node.arg, low, high), "range", words)
    raise p.fail(g["rest"], "a week commencing (or ending) needs the day it starts (or ends)")


# -- hedges, notes and words that change nothing ------------------------------------------------

# Calendar-aligned rules whose period a hedge may widen (each gives a period, not an offset).
_HEDGEABLE: Final = frozenset(
    (
        "latest_month",
        "latest_season",
        "latest_named_day",
        "latest_day",
        "last_month",
        "last_season",
        "two_digit_year",
        "in_year",
        "season_relative",
        "month_relative",
        "this_period",
        "next_period",
        "previous_period",
        "period_part",
        "moved",
    )
)


def _margin_text(months: int, days: int) -> str:
    parts = ([f"{months} month{'s' if months != 1 else ''}"] if months else []) + (
        [f"{days} day{'s' if days != 1 else ''}"] if days else []
    )
    return " ".join(parts) or "nothing"


@_builder("hedged")
def _hedged(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "around March 2013", "2012 (approx)", "Spring 2012?": the period widened by the hedge
    (conventions.toml, [hedged_period]), each reading saying how far."""
    hedge = g["hedge"][0]
    said = p.text[hedge.start : hedge.end]
    words = p.words(lexes)
    node = _read(p, g["rest"])
    if isinstance(node, Fixed):
        if any(r.earliest is None or r.latest is None for r in node.readings):
            return None
        readings, notes = [], []
        for index, reading in enumerate(node.readings):
            months, days = _rules.hedge_margin(reading, node.kind == "holiday")
            readings.append(_rules.widen(reading, (-months, -days), (months, days)))
            before = f"{node.notes[index]}; " if len(node.notes) == len(node.readings) else ""
            notes.append(f"{before}hedged ({said!r}): {reading} widened by {_margin_text(months, days)} each side")
        return _fixed(readings, node.kind, words, notes)
    if isinstance(node, Aligned) and node.rule in _HEDGEABLE:
        arg = (node.rule, node.arg, node.kind == "holiday")
        return make.aligned(node.base, "hedged", arg, node.kind, words)
    return None


@_builder("unsure")
def _unsure(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "early 2012 (exact date unknown)": the bounds of what it follows, with a note."""
    node = _read(p, g["rest"])
    if node is None or isinstance(node, Length):
        return None
    if isinstance(node, Fixed):
        said = g["unsure"][0].value
        noted = len(node.notes) == len(node.readings)
        notes = [f"{node.notes[i]}; {said}" if noted else said for i in range(len(node.readings))]
        return _fixed(node.readings, node.kind, p.words(lexes), notes)
    return node


_TIME_NODES: Final = (Fixed, Shift, Aligned, Between, Bound, Hull, Endpoint)


@_builder("lead")
def _lead(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """Words before a time phrase that change nothing ("at the start of 2013", "throughout 2012",
    "the whole of 2012"); before an event, that event's day ("at his death", "upon her release").
    "for" leads only a period word ("for most of 2012", "for the rest of 2012"): before anything else it gives a length
    ("for six weeks") or a purpose ("for his six to eight week check"), and is not the time's."""
    rest = g["rest"]
    if lexes[len(lexes) - len(rest) - 1].cat == "for" and rest[0].cat != "rest":
        return None
    node = _read_quietly(p, rest)
    if isinstance(node, Fixed):
        return _fixed(node.readings, node.kind, p.words(lexes), node.notes)
    if isinstance(node, _TIME_NODES):
        return node
    if node is None:
        node = _anchor_quietly(p, g["rest"])
    if node is not None and _event_anchor(node):
        words = p.words(lexes)
        return make.shift(node, _days(0, text=words.text), 1, "relative", words)
    return None


def _anchor_quietly(p: _Phrase, lexes: list[Lex]) -> Node | None:
    try:
        return _anchor(p, lexes)
    except UnrecognisedPhrase:
        return None


@_builder("rest_of")
def _rest_of(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "the rest of 2012", "the remainder of the year": from the reference to the period's end
    (the whole period where the narrative has no reference)."""
    rest = g["rest"]
    words = p.words(lexes)
    if len(rest) > 1 and rest[0].cat == "unit" and rest[0].value[1]:
        rest = rest[1:]  # "the remaining months of 2012"
    if len(rest) == 1 and rest[0].cat == "unit":
        unit = rest[0].value[0]
        if unit == "day":
            return make.shift(make.reference(), _days(0, text=words.text), 1, "narrative", words)
        if unit not in ("week", "month", "year"):
            return None
        return make.aligned(make.reference(), "rest_of_period", (unit,), "narrative", words)
    whole = _fixed_of(_read_quietly(p, rest))
    if whole is None or len(whole.readings) != 1 or not whole.readings[0].is_bounded:
        return None
    first, last = whole.readings[0].earliest, whole.readings[0].latest
    assert first is not None and last is not None  # is_bounded
    return make.aligned(make.reference(), "rest_in", (first.toordinal(), last.toordinal()), "narrative", words)


# -- before or after an anchor with no count ---------------------------------------------------

_OPEN_PAST: Final = make.count(make.amount(0, 1), None)


@_builder("relation_alone")
def _relation_alone(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "before his death", "prior to the perpetrator being released from prison", "after 18.2.09":
    any time before (after) the anchor.  An event is a moment of its day, so its day is allowed;
    a date or period is whole, so "after 18.2.09" starts the next day."""
    rel, anchor_lexes = g["rel"][0], g["anchor"]
    words = p.words(lexes)
    if rel.cat == "beforeage":
        if len(anchor_lexes) == 1 and anchor_lexes[0].cat == "born":  # "before she was born"
            return make.shift(make.birth(), make.count(_ZERO, None, words.text), -1, "relative", words)
        return None
    direction = _direction(rel)
    node = _anchor(p, anchor_lexes)
    if node is None:
        return None
    if isinstance(node, Reference):
        return None
    if isinstance(node, Fixed):
        if any(r.earliest is None or r.latest is None for r in node.readings):
            return None
        edges = [
            make.interval(r.earliest, r.earliest) if direction < 0 else make.interval(r.latest, r.latest)
            for r in node.readings
        ]
        edge = _fixed(edges, node.kind, node.words, node.notes)
        return make.shift(edge, make.count(_OPEN_PAST.low, None, words.text), direction, "relative", words)
    if isinstance(node, Aligned):
        arg = (node.rule, node.arg, "start" if direction < 0 else "end")
        edge_node = make.aligned(node.base, "edge", arg, node.kind, node.words)
        return make.shift(edge_node, make.count(_OPEN_PAST.low, None, words.text), direction, "relative", words)
    if isinstance(node, (Named, Birth, Endpoint)):
        return make.shift(node, make.count(_ZERO, None, words.text), direction, "relative", words)
    return None


@_builder("count_unsaid")
def _count_unsaid(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "three months before": from the anchor the caller gives (else the reference)."""
    words = p.words(lexes)
    unsaid = make.named(make.excerpt("", words.end or 0, words.end or 0))
    count = _count(p, _read_amount(g["amt"]), words.text)
    return make.shift(unsaid, count, _direction(g["rel"][0]), "relative", words)


@_builder("count_into")
def _count_into(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "two days into her stay": counted from the start of what the words name."""
    words = p.words(lexes)
    node = _anchor(p, g["anchor"])
    if node is None:
        return None
    if not isinstance(node, Named):
        return None
    base = Endpoint(node, "start", node.words)
    return make.shift(base, _count(p, _read_amount(g["amt"]), words.text), 1, "relative", words)


@_builder("daypart_relation")
def _daypart_relation(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "the evening before his death": the day before it; "the night before": that night (two days)."""
    words = p.words(lexes)
    base = _anchor(p, g["anchor"])
    if base is None:
        return None
    if isinstance(base, Reference):
        return None
    direction = _direction(g["rel"][0])
    if g["part"][0].value == "night":
        return make.aligned(base, "previous_night" if direction < 0 else "night", (), "relative", words)
    return make.shift(base, _days(1, text=words.text), direction, "relative", words)


@_builder("deictic_window")
def _deictic_window(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "in the last few weeks": back from the document's date as far as the count reaches (no tolerance)."""
    amount = _read_amount(g["amt"])
    if len(amount.pairs) != 1 or amount.bound != "exact":
        return None
    _, hi, unit = amount.pairs[0]
    if unit not in _EXACT_UNITS:
        return None
    words = p.words(lexes)
    count = make.count(_ZERO, _exact(hi, unit, up=True), words.text)
    return make.shift(make.document_date(), count, -1, "deictic", words)


# -- ages with a named person, decades of age ------------------------------------------------------


@_builder("age_of")
def _age_of(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "when Child S was 4 months old": the age of the person the words name."""
    return _age(p, _read_amount(g["amt"], default_unit="year"), lexes, g["who"])


@_builder("age_now")
def _age_now(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "now aged 3", "then 4 months old": an age; "now" and "then" alone are refused."""
    node = _read_quietly(p, g["rest"])
    if isinstance(node, Shift) and isinstance(node.base, Birth):
        return node
    return None


@_builder("age_decade")
def _age_decade(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    """ "in his 30s": aged 30 to 39; "in her late 70s": 77 to 79 (thirds as a decade of years)."""
    first = g["decade"][0].value
    if not isinstance(first, int) or not 10 <= first < 100:
        return None
    low, high = first, first + 9
    if "part" in g:
        low, high = cal.split_units(first, 10, 3)[_rules.PARTS[g["part"][0].value]]
    amount = _Amount(((low, high, "year"),), False, "exact")
    return _age(p, amount, lexes, g.get("who", []))


# -- seasons, months and years placed from the reference or the document -------------------------


def _placed_from(which: Lex) -> tuple[Node, int]:
    """The base a relative word places from, and how far: "that" the reference (0), "the
    following" / "the previous" the reference (+1 / -1), "this" the document (0), "last" the
    document (-1), "next" without "the" the document (+1)."""
    if which.cat == "this":
        return make.document_date(), 0
    if which.cat == "last":
        return make.document_date(), -1
    if which.cat == "same":
        return make.reference(), 0
    step = 1 if which.value > 0 else -1
    return (make.reference() if which.the else make.document_date()), step


def _part_value(g: Groups, *names: str) -> str:
    for name in names:
        if name in g:
            return str(g[name][0].value)
    return ""


@_builder("season_relative")
def _season_relative(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    base, offset = _placed_from(g["which"][0])
    name, own_part = g["season"][0].value
    part = _part_value(g, "part", "part2") or own_part or ""
    return make.aligned(base, "season_relative", (name, offset, part), "season", p.words(lexes))


@_builder("month_relative")
def _month_relative(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    base, offset = _placed_from(g["which"][0])
    arg = (g["month"][0].value, offset, _part_value(g, "part"))
    return make.aligned(base, "month_relative", arg, "month", p.words(lexes))


@_builder("in_year")
def _in_year(p: _Phrase, g: Groups, lexes: list[Lex]) -> Node | None:
    if g["unit"][0].value[0] != "year":
        return None
    base, offset = _placed_from(g["which"][0])
    what = g["what"][0]
    dom = 0
    if "day" in g:
        given = g["day"][0].value  # a number lexeme may be a fraction ("18.25"): checked before it is a day
        if what.cat != "month" or not isinstance(given, int) or not 1 <= given <= cal.days_in_month(2000, what.value):
            raise p.fail(lexes, "there is no such day in the year")
        dom = given
    if what.cat == "month":
        arg: tuple[Any, ...] = (offset, "month", what.value, _part_value(g, "part"), dom)
        kind: Kind = "day" if dom else "month"
    else:
        name, own_part = what.value
        arg = (offset, "season", name, _part_value(g, "part") or own_part or "", 0)
        kind = "season"
    return make.aligned(base, "in_year", arg, kind, p.words(lexes))


# -- the public functions ------------------------------------------------------------------------


_SPACES: Final = re.compile(r"\s*")


def _start(phrase: str, settings: Settings) -> tuple[_Phrase, list[Lex]]:
    """The phrase to parse and its lexemes; a phrase longer than :data:`MAX_LENGTH` is refused
    (looking at no more of it than it must)."""
    if len(phrase) > MAX_LENGTH:
        # The words' bounds, looking at the spaces at each end only: strip() would copy megabytes
        # to drop one space.  A long run of spaces at the end is left to rstrip (linear, in C).
        start = _SPACES.match(phrase).end()  # type: ignore[union-attr]  # \s* always matches
        end = len(phrase)
        while end > start and end > len(phrase) - 64 and phrase[end - 1].isspace():
            end -= 1
        if end > start and end == len(phrase) - 64 and phrase[end - 1].isspace():
            end = len(phrase.rstrip())
        if end - start > MAX_LENGTH:
            raise UnrecognisedPhrase(
                phrase,
                start + MAX_LENGTH,
                end,
                f"a time phrase is at most {MAX_LENGTH} characters, and this one has {end - start:,}:"
                " give the words of one phrase",
            )
    p = _Phrase(phrase, settings)
    lexes = _lex(_normalise(phrase))
    p.budget += _BUDGET_PER_LEX * len(lexes)
    return p, lexes


def read(phrase: str, settings: Settings) -> Node:
    """The syntax tree of ``phrase`` (:func:`chronology.phrases.parse` checks the arguments).

    >>> from chronology.settings import DEFAULT
    >>> read("three months before his death", DEFAULT).base
    Named(words=Excerpt(text='his death', start=20, end=29, document=None))
    """
    found: Node | UnrecognisedPhrase | None = tree_or_refusal(phrase, settings)
    if type(found) is not UnrecognisedPhrase:
        return cast(Node, found)
    try:
        raise found
    finally:
        found = None  # the traceback holds this frame: no cycle through the local


def tree_or_refusal(phrase: str, settings: Settings) -> Node | UnrecognisedPhrase:
    """The syntax tree of ``phrase``, or the refusal :func:`read` would raise, returned.

    A refusal is the grammar's ordinary answer to words that are not a time, so it is returned,
    not raised, through the compiled code: an exception passing through a compiled function
    costs that function a traceback entry, and refusing must cost no more than reading.  The
    entry points (:mod:`chronology.phrases`) raise it once, in plain Python.

    >>> from chronology.settings import DEFAULT
    >>> tree_or_refusal("early blorp 2011", DEFAULT).words
    'blorp'
    """
    if len(phrase) > MAX_LENGTH:
        try:
            p, lexes = _start(phrase, settings)
        except UnrecognisedPhrase as refusal:
            return _fresh(refusal)
    else:
        p, lexes = _start(phrase, settings)
    return _tree(p, lexes)


def work(phrase: str, settings: Settings) -> tuple[int, int, int]:
    """The grammar's work on ``phrase``, counted rather than timed (for tests and benchmarks):
    its lexemes, the steps reading it took, and the signature characters the rules' regular
    expressions were given (read afresh: the cache of signatures is emptied first).

    >>> from chronology.settings import DEFAULT
    >>> work("early summer 2011", DEFAULT)[:2]
    (3, 2)
    """
    _MATCHES.clear()
    scanned = _SCANNED[0]
    try:
        p, lexes = _start(phrase, settings)
    except ChronologyError:
        return 0, 0, 0  # longer than MAX_LENGTH: refused unread
    allowed = p.budget
    with contextlib.suppress(ChronologyError):  # a rule may still raise (a missing anchor)
        _tree(p, lexes)
    return len(lexes), allowed - max(p.budget, -1), _SCANNED[0] - scanned


# A word after the last lexeme: a filler ("the", "of", "in") the lexer set aside.
_TRAILING_WORD: Final = re.compile(r"[^\W\d_]+")
# The words a date dateparser may read can hold (months, weekdays, a date's furniture).
_DATE_WORDS: Final = DATE_WORDS


def _dateparser_may_know(text: str, lexes: list[Lex]) -> bool:
    """Whether :func:`~chronology.phrases.fallback.explicit_day` could find a day in ``text``: false
    where a lexeme is a character or a word it never accepts (it reads only months, weekdays and
    a date's furniture).  A test on the lexemes already made, so that a phrase of unknown words is
    refused without a second pass over it.  Sound, not complete: a lexeme of several words, or a
    word right after a digit (where the fallback may read the letters as an ordinal's ending), is
    left for the fallback to judge."""
    for lex in lexes:
        if lex.cat == "other":
            return False
        start = lex.start
        word = text[start : lex.end]
        if (
            word.isalpha()
            and word.isascii()
            and word.lower() not in _DATE_WORDS
            and (start == 0 or not text[start - 1].isdigit())
        ):
            return False
    return True


def _tree(p: _Phrase, lexes: list[Lex]) -> Node | UnrecognisedPhrase:
    """The tree of ``lexes``, or the refusal (returned, not raised: :func:`tree_or_refusal`).
    Where no rule reads them, an explicit calendar date dateparser knows
    (:mod:`chronology.phrases.fallback`), else the grammar's error.  A phrase a rule has refused
    (a day no month has, a weekday that disagrees) is refused: it never reaches dateparser."""
    if not lexes:
        return p.fail(lexes, "no words of time")
    trailing = _TRAILING_WORD.search(p.text, lexes[-1].end)
    if trailing is not None:  # "three months before his death, the": the phrase ended before "the"
        return UnrecognisedPhrase(p.text, trailing.start(), trailing.end(), "a time phrase does not end with this word")
    error: UnrecognisedPhrase
    try:
        node = _read(p, lexes)
    except UnrecognisedPhrase as refusal:
        if p.spent:
            return p.too_complex()
        # A copy without traceback or context: those hold frames that hold the phrase (a cycle).
        error = _fresh(refusal)
        if refusal.start <= lexes[0].start and refusal.end >= lexes[-1].end:
            return error  # a rule refused the whole phrase: final
        node = None  # a rule refused part of it: dateparser may know the whole
    else:
        if p.spent:
            return p.too_complex()
        if node is not None:
            return node
        error = _explain(p, lexes)
    if not _dateparser_may_know(p.text, lexes):
        return error
    day = explicit_day(p.text, p.settings)
    if day is None:
        return error
    start, end = lexes[0].start, lexes[-1].end
    return _fixed((Interval.on(day),), "day", make.excerpt(p.text[start:end], start, end), ("read by dateparser",))


def rule_of(phrase: str, settings: Settings) -> str:
    """The id of the grammar rule that reads ``phrase`` (:func:`chronology.phrases.matching_rule`).

    >>> from chronology.settings import DEFAULT
    >>> rule_of("early summer 2011", DEFAULT)
    'season'
    """
    p, lexes = _start(phrase, settings)
    if not lexes:
        raise p.fail(lexes, "no words of time")
    found: list[str] = []
    try:
        node = _read(p, lexes, rule_out=found)
    except UnrecognisedPhrase:
        if p.spent:
            raise p.too_complex() from None
        raise
    if p.spent:
        raise p.too_complex()
    if node is None:
        raise _explain(p, lexes)
    return found[0]


def _intervals(value: object) -> Sequence[Interval] | None:
    if value is None:
        return None
    if type(value) is date:
        return (make.interval(value, value),)  # what Interval.on checks, a plain date passes
    if isinstance(value, When):
        return value.readings
    if isinstance(value, Interval):
        return (value,)
    if isinstance(value, tuple):
        first, last = value
        return (Interval(first, last),)
    if isinstance(value, date):
        return (Interval.on(value),)
    raise InvalidValue(f"an anchor must be a date, an Interval, a When or a (date, date) pair, not {value!r}")


class _Context:
    """What a tree is resolved against: the phrase, settings and the anchors given."""

    __slots__ = ("phrase", "settings", "birth", "anchor", "reference", "document")

    def __init__(
        self,
        phrase: str,
        settings: Settings,
        birth: object,
        anchor: object,
        reference: object,
        document: object,
    ) -> None:
        self.phrase = phrase
        self.settings = settings
        self.birth = birth
        self.anchor = anchor
        self.reference = reference
        self.document = document


def _leaf(node: Node, ctx: _Context) -> Sequence[Interval]:
    if isinstance(node, Birth):
        found, needs, words = ctx.birth, "birth", node.person
        if found is None and node.words is not None and node.words.text.lower().endswith(_BIRTH_WORDS):
            # "three days after his birth" names the birth as its anchor: an anchor given stands in
            found = ctx.anchor
    elif isinstance(node, Named):
        found, needs, words = ctx.anchor, "anchor", node.words.text
        if found is None and not words:
            # "three months before": the anchor the caller gives, else the narrative's reference
            found = ctx.reference
    elif isinstance(node, Reference):
        # The document's own date is the reference where nothing else is.
        found, needs, words = ctx.reference if ctx.reference is not None else ctx.document, "reference", None
    else:
        found, needs, words = ctx.document if ctx.document is not None else ctx.reference, "document_date", None
    intervals = _intervals(found)
    if intervals is None:
        raise MissingAnchor(ctx.phrase, needs, words)
    return intervals


_RULES: Final = RULES


def _ordered(earliest: date | None, latest: date | None) -> Interval:
    """``Interval(earliest, latest)`` for days the grammar computed (so plain dates): only the order is checked."""
    if earliest is not None and latest is not None and earliest > latest:
        raise InvalidValue(f"Interval earliest {earliest} is after latest {latest}")
    return make.interval(earliest, latest)


_STEPS: Final[int] = _rules._STEPS  # day steps made once
_DAY_STEPS: Final[tuple[timedelta, ...]] = _rules._DAY_STEPS
_add_months: Final = cal.add_months


def _move(day: date, months: int, days: int) -> date:
    """``cal.shift(day, months, days)``: the same arithmetic and errors, with day steps made once."""
    if months:
        day = _add_months(day, months)
    if type(days) is int and -_STEPS <= days <= _STEPS:
        return day + _DAY_STEPS[days + _STEPS]
    return day + timedelta(days=days)


def _disorder(earliest: date, latest: date) -> InvalidValue:
    """The error ``Interval(earliest, latest)`` raises for days out of order."""
    return InvalidValue(f"Interval earliest {earliest} is after latest {latest}")


def _shifted(node: Shift, base: Interval) -> Interval:
    """:func:`~chronology.phrases.syntax.apply_to` for a shift: ``node.count`` after (or before) the
    base's first and last days, with the same checks and the same arithmetic, in the same order
    (a base of one day is moved once: its first and last days give the same results)."""
    low, high = node.count.low, node.count.high
    first, last = base.earliest, base.latest
    start: date | None = None
    end: date | None = None
    if node.direction == 1:
        if first is not None:
            start = _move(first, low.months, low.days)
            if high is not None:
                end = _move(first, high.months, high.days)  # the end, if the base is one day
                if start > end:
                    raise _disorder(start, end)
        if last is None:
            return make.interval(start, None)
        if high is None:
            if last != first:
                _move(last, low.months, low.days)
            return make.interval(start, None)
        if last != first:
            nearest = _move(last, low.months, low.days)
            end = _move(last, high.months, high.days)
            if nearest > end:
                raise _disorder(nearest, end)
    else:
        if first is not None:
            if high is not None:
                start = _move(first, -high.months, -high.days)
            end = _move(first, -low.months, -low.days)  # the end, if the base is one day
            if start is not None and start > end:
                raise _disorder(start, end)
        if last is None:
            return make.interval(start, None)
        if last != first:
            furthest = None if high is None else _move(last, -high.months, -high.days)
            end = _move(last, -low.months, -low.days)
            if furthest is not None and furthest > end:
                raise _disorder(furthest, end)
    if start is not None and end is not None and start > end:
        raise _disorder(start, end)
    return make.interval(start, end)


def _aligned(node: Aligned, base: Interval, settings: Settings) -> Interval:
    """:func:`~chronology.phrases.syntax.apply_to` for a calendar-aligned rule (a base of one day is
    read once: the rule gives the same interval for its first and last days)."""
    function = _RULES[node.rule]
    if base.earliest is not None and base.earliest == base.latest:
        whole = function(base.earliest, node.arg, settings)
        return _ordered(whole.earliest, whole.latest)
    first = None if base.earliest is None else function(base.earliest, node.arg, settings).earliest
    last = None if base.latest is None else function(base.latest, node.arg, settings).latest
    return _ordered(first, last)


def _eval(node: Node, ctx: _Context) -> Sequence[Interval]:
    if type(node) is Fixed:
        return node.readings
    if type(node) is Shift or type(node) is Aligned:
        return _eval_moved(node, ctx)
    if type(node) in _LEAVES:
        return _leaf(node, ctx)
    if isinstance(node, Fixed):
        return node.readings
    if isinstance(node, (Shift, Aligned)):
        return _eval_moved(node, ctx)
    if isinstance(node, Between):
        starts, ends = _eval(node.start, ctx), _eval(node.end, ctx)
        out = []
        for s in starts:
            for e in ends:
                if s.earliest is None or e.latest is None or s.earliest <= e.latest:
                    out.append(make.interval(s.earliest, e.latest))
        if not out:
            raise UnrecognisedPhrase(ctx.phrase, 0, len(ctx.phrase), "the period ends before it starts")
        return out
    if isinstance(node, Bound):
        return [
            make.interval(None, r.latest) if node.side == "until" else make.interval(r.earliest, None)
            for r in _eval(node.base, ctx)
        ]
    if isinstance(node, Endpoint):
        return _eval(node.base, ctx)
    if isinstance(node, Hull):
        return [Interval.hull_of([r for part in node.parts for r in _eval(part, ctx)])]
    if isinstance(node, Length):
        raise _duration(ctx.phrase, node)
    return _leaf(node, ctx)


def _duration(phrase: str, node: Length) -> UnrecognisedPhrase:
    """The refusal of a length where a time was wanted ("for six weeks")."""
    return UnrecognisedPhrase(
        phrase, node.words.start, node.words.end, "a duration: it gives an event's length but places nothing in time"
    )


_LEAVES: Final = frozenset((Birth, Named, Reference, DocumentDate))


# Where a rule placed from the narrative's reference finds only the document's date, the
# rule to use instead: a news report's "on Thursday" is the latest Thursday on or before it.
_FROM_DOCUMENT: Final = {"weekday_on_or_after": "weekday_on_or_before"}


def _eval_moved(node: Shift | Aligned, ctx: _Context) -> list[Interval]:
    base = node.base
    if (
        type(node) is Aligned
        and type(base) is Reference
        and ctx.reference is None
        and ctx.document is not None
        and node.rule in _FROM_DOCUMENT
    ):
        rule_ = _FROM_DOCUMENT[node.rule]
        node = make.aligned(base, rule_, node.arg, node.kind, node.words)
    try:
        bases = _leaf(base, ctx) if type(base) in _LEAVES else _eval(base, ctx)
    except MissingAnchor:
        if isinstance(node, Aligned) and _rules.has_fallback(node.rule, node.arg):
            return [_rules.fallback(node.rule, node.arg)]
        raise
    if type(node) is Shift:
        return [_shifted(node, one) for one in bases]
    if type(node) is Aligned:
        return [_aligned(node, one, ctx.settings) for one in bases]
    return [apply_to(node, one, ctx.settings) for one in bases]


def resolve(
    phrase: str, settings: Settings, birth: object, anchor: object, reference: object, document_date: object
) -> When:
    """When ``phrase`` places something (:func:`chronology.phrases.parse_when` checks the arguments:
    each anchor is ``None``, a date, an Interval, a When or a pair of dates).

    >>> from chronology.settings import DEFAULT
    >>> print(resolve("aged 17 months", DEFAULT, date(2010, 12, 1), None, None, None))
    May 2012 (aged 17 months)
    """
    found: When | UnrecognisedPhrase | None = when_or_refusal(phrase, settings, birth, anchor, reference, document_date)
    if type(found) is not UnrecognisedPhrase:
        return cast(When, found)
    try:
        raise found
    finally:
        found = None  # the traceback holds this frame: no cycle through the local


def when_or_refusal(
    phrase: str, settings: Settings, birth: object, anchor: object, reference: object, document_date: object
) -> When | UnrecognisedPhrase:
    """What :func:`resolve` gives, with a refusal of the words returned rather than raised
    (:func:`tree_or_refusal` says why); a missing anchor or a date off the calendar still raises.

    >>> from chronology.settings import DEFAULT
    >>> when_or_refusal("for six weeks", DEFAULT, None, None, None, None).words
    'for six weeks'
    """
    conf = settings
    node = tree_or_refusal(phrase, conf)
    if type(node) is UnrecognisedPhrase:
        return node
    if type(node) is Fixed:
        readings: Sequence[Interval] = node.readings
    elif type(node) is Length:
        return _duration(phrase, node)
    else:
        ctx = _Context(phrase, conf, birth, anchor, reference, document_date)
        try:
            readings = _eval(cast(Node, node), ctx)
        except ChronologyError:
            raise
        except (ValueError, OverflowError) as exc:
            raise UnrecognisedPhrase(phrase, 0, len(phrase), f"the date falls outside the calendar ({exc})") from None
    notes: tuple[str, ...] = ()
    if len(readings) == 1:
        unique = tuple(readings)
    else:
        unique = tuple(dict.fromkeys(readings))
        if not unique:
            raise InvalidValue("a When needs at least one reading")
    if isinstance(node, Fixed):
        if len(node.notes) == len(node.readings) == len(unique):
            notes = node.notes
    elif type(node) is Aligned and node.rule == "hedged":
        notes = tuple(_hedged_note(node, reading) for reading in unique)
    kind: Kind = getattr(node, "kind", "date")
    start, end = _stripped(phrase)
    text = phrase if end - start == len(phrase) else phrase[start:end]
    return make.when(unique, text, kind, make.excerpt(text, start, end), notes)


def _hedged_note(node: Aligned, reading: Interval) -> str:
    """What a hedge did to a period placed from a day ("around March")."""
    return "hedged: the period widened by half its length each side (at most six months; a named day by a week)"


def _stripped(phrase: str) -> tuple[int, int]:
    """Where ``phrase`` starts and ends without the spaces around it."""
    if not phrase or not (phrase[0].isspace() or phrase[-1].isspace()):
        return 0, len(phrase)
    end = len(phrase.rstrip())
    return end - len(phrase[:end].lstrip()), end
