"""Mentions: every phrase of a text that places something in time, found in one pass.

The finder is linear in the length of the text.  It walks each sentence's words
once, and at every word that can only belong to a phrase of time (a year, a
month, a season, a unit such as "weeks", "aged", "birthday"...) it gathers the
run of the grammar's vocabulary around it, plus, after a word such as
"before", "after" or "of", the words of the event it counts from ("his death",
"the perpetrator being released from prison").  The grammar
(:func:`chronology.parse`) then reads the longest span of that window it
accepts; a refusal costs a few microseconds, so the window is small and the
grammar decides.

Phrases that locate nothing are still listed, with their kind, and kept off the
timeline: citations of guidance and law ("Working Together 2013", "section
47"), durations ("sentenced to 28 weeks") and frequencies ("seen weekly").

>>> found = find("Child S was born in the winter of 2010 and seen weekly.", [(0, 55)])
>>> [(f.text, f.kind) for f in found]
[('in the winter of 2010', 'season'), ('weekly', 'frequency')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from chronology.errors import ChronologyError, UnrecognisedPhrase
from chronology.model import Count, Excerpt, When
from chronology.phrases import parse
from chronology.phrases.lexicon import LEXICON
from chronology.phrases.syntax import (
    Aligned,
    Between,
    Bound,
    Endpoint,
    Fixed,
    Hull,
    Length,
    Named,
    Node,
    Shift,
)
from chronology.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from chronology.case import Event


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set (word lists are written as plain text)."""
    return frozenset(text.split())


__all__ = ["Mention", "Found", "find", "OFF_TIMELINE", "kind_of"]

OFF_TIMELINE: Final = frozenset(("citation", "duration", "frequency"))
"""Kinds of mention listed but kept off the timeline: they locate nothing."""


@attrs.frozen(repr=False)
class Mention:
    """One phrase of a text that places something in time (or a citation, duration or frequency).

    ``start`` and ``end`` are character offsets into the text given to
    :func:`chronology.read`, so ``text[start:end] == mention.text``.  ``kind``
    is one of the conventions' kinds (``day``, ``month``, ``season``, ``age``,
    ``relative``, ``narrative``...) or ``citation``, ``duration``,
    ``frequency`` for phrases kept off the timeline.  ``tree`` is the
    grammar's syntax tree, ``event`` the event the phrase dates (or ``None``),
    ``when`` its bounds after solving (or ``None``, with ``reason`` saying why).

    >>> m = Mention(10, 27, "early summer 2011", "season", reason="not solved")
    >>> m.on_timeline, str(m)
    (True, "'early summer 2011' (season, 10-27): not solved")
    >>> m
    Mention('early summer 2011', 'season', 10-27)
    """

    start: int
    end: int
    text: str
    kind: str
    tree: Node | None = None
    event: Event | None = attrs.field(default=None, eq=False)
    when: When | None = None
    reason: str | None = None
    document: str | None = None

    @property
    def on_timeline(self) -> bool:
        """Whether the phrase places something in time (citations, durations and frequencies do not)."""
        return self.kind not in OFF_TIMELINE

    @property
    def excerpt(self) -> Excerpt:
        """The words and their place, as the rest of the library keeps provenance."""
        return Excerpt(self.text, self.start, self.end, self.document)

    def __repr__(self) -> str:
        return f"Mention({self.text!r}, {self.kind!r}, {self.start}-{self.end})"

    def __str__(self) -> str:
        head = f"{self.text!r} ({self.kind}, {self.start}-{self.end})"
        if self.when is not None:
            return f"{head}: {' | '.join(str(r) for r in self.when.readings)}"
        return f"{head}: {self.reason}" if self.reason else head


@attrs.frozen
class Found:
    """A phrase the finder accepted, with offsets into the text it scanned.

    ``whole`` is set on the parts of a joined phrase ("the end of 2012 and the
    first half of 2013"): each part is a mention of its own, and the event
    they date is placed by the whole.
    """

    start: int
    end: int
    text: str
    kind: str
    tree: Node | None
    reason: str | None = None
    whole: tuple[int, int, str, Node] | None = None
    read_as: str | None = None  # the words it is read as, where not its own ("19" as "aged 19")


def kind_of(node: Node) -> str:
    """The mention kind of a syntax tree.

    >>> kind_of(parse("early summer 2011")), kind_of(parse("for three days"))
    ('season', 'duration')
    """
    if isinstance(node, Length):
        return "duration"
    if isinstance(node, (Fixed, Shift, Aligned, Between, Bound, Hull)):
        return str(node.kind)
    return "relative"


# -- the words ------------------------------------------------------------------------------

# A token: a word (letters, inner apostrophes), a number (with the dots, slashes and colons of
# dates and clock times, an ordinal ending, "am"/"pm", a decade's "s"), or one other character.
_TOKEN: Final = re.compile(
    r"(?P<w>[A-Za-z]+(?:['’][A-Za-z]+)*)"
    r"|(?P<n>\d+(?:[./:]\d+)*(?:\s?(?:[sS][tT]|[nN][dD]|[rR][dD]|[tT][hH])\b|'?s\b)?(?:\s?[aApP]\.?[mM]\b\.?)?)"
    r"|(?P<p>\S)"
)

_W, _N, _P = 0, 1, 2  # token types
# What a word is to the finder.
_UNKNOWN, _KNOWN, _TRIGGER = 0, 1, 2

# Categories whose words can only be part of a phrase of time: a window opens at each.
_TRIGGER_CATEGORIES: Final = frozenset(
    (
        "month",
        "season",
        "weekday",
        "holiday",
        "unit",
        "unitly",
        "deictic",
        "stage",
        "age",
        "old",
        "birthday",
        "pregnancy",
        "pregnant",
        "shortly",
        "immediately",
        "gap",
        "weekend",
        "daypart",
        "justbefore",
        "justafter",
        "life",
    )
)
# Words of several-word vocabulary keys that are too common to open a window on their own.
_COMMON: Final = _words(
    "a an the of to at in on he she it they was were is be been his her their and or for by with from "
    "that this all up no not long just very time some point"
)
# Month and weekday words that are also common English ("may", "march", "sat"): a window
# opens at them only when capitalised and next to a number, or after a word of time.
_AMBIGUOUS: Final = frozenset(("may", "march", "mar", "sat", "sun", "wed", "fall", "jan", "dec", "second"))
_BEFORE_AMBIGUOUS_MONTH: Final = _words(
    "in during early mid late of since until by from between end beginning start middle last next"
)


def _word_classes() -> dict[str, int]:
    """The class of each word that is a vocabulary key on its own (or a filler)."""
    classes: dict[str, int] = {}
    for key, (category, _value) in LEXICON.words.items():
        if len(key) == 1:
            classes[key[0]] = _TRIGGER if category in _TRIGGER_CATEGORIES else _KNOWN
    for word in LEXICON.fillers:
        classes.setdefault(word, _KNOWN)
    return classes


def _long_keys() -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """Keys of several words by their first word, longest first, with the class they give."""
    keys: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for key, (category, _value) in LEXICON.words.items():
        if len(key) > 1:
            cls = _TRIGGER if category in _TRIGGER_CATEGORIES else _KNOWN
            keys.setdefault(key[0], []).append((key, cls))
    return {first: tuple(sorted(rows, key=lambda r: -len(r[0]))) for first, rows in keys.items()}


_CLASSES: Final = _word_classes()
# Words the grammar reads past at a phrase's start as changing nothing ("died the following day"):
# a mention starts after them, so that the clause keeps its verb.
_LEADS: Final = frozenset(
    key[0] for key, (category, _value) in LEXICON.words.items() if category == "lead" and len(key) == 1
)
_LONG_KEYS: Final = _long_keys()


def _trigger_words() -> frozenset[str]:
    """Every word that may open a window (checked again, with its neighbours, once tokenised)."""
    words = {word for word, cls in _CLASSES.items() if cls == _TRIGGER}
    for key, (category, _value) in LEXICON.words.items():
        if len(key) > 1 and category in _TRIGGER_CATEGORIES:
            words.update(word for word in key if word not in _COMMON)
    return frozenset(words)


_TRIGGER_WORDS: Final = _trigger_words()
# A scan of the text's words and numbers, each looked up in a set: much quicker than one pattern of
# every trigger word.
_SCAN: Final = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d[\d./:]*(?:\s?[ap]\.?m\b)?")
_NUMBER_TRIGGER: Final = re.compile(
    r"(?:19|20)\d\d(?:[/-]\d{2,4})?|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{1,2}/(?:19|20)?\d\d"
    r"|\d{1,2}(?:[.:]\d\d)?\s?[ap]\.?m|\d{1,2}:\d\d"
)


def _triggers(text: str) -> Iterator[int]:
    """Offsets of the words and numbers that may open a window, in order."""
    words = _TRIGGER_WORDS
    for m in _SCAN.finditer(text):
        word = m.group()
        if word[0].isdigit():
            if _NUMBER_TRIGGER.fullmatch(word.rstrip(".")):
                yield m.start()
        elif word.lower().replace("’", "'") in words:
            yield m.start()


_STRONG_CATEGORIES: Final = frozenset(("month", "season", "weekday", "holiday", "unit", "part", "deictic"))
_STRONG: Final = frozenset(
    key[0] for key, (category, _value) in LEXICON.words.items() if len(key) == 1 and category in _STRONG_CATEGORIES
)

# Numbers that open a window: a year, a numeric date, a month and year, a clock time, a decade.
_YEAR: Final = re.compile(r"(?:19|20)\d\d(?:'?s)?")
_YEAR_SLASH: Final = re.compile(r"(?:19|20)\d\d[/-]\d{2,4}")
_NUMERIC_DATE: Final = re.compile(r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}-\d\d-\d\d|\d{1,2}/(?:19|20)?\d\d")
_CLOCK: Final = re.compile(r"\d{1,2}(?:[.:]\d\d)?\s?[ap]\.?m\.?|\d{1,2}:\d\d")

# Punctuation that may stand inside a phrase of time.
_INNER_PUNCT: Final = frozenset("-–—/'’&")
# Words after which a run of words may name an event to count from ("before his death").
_OPENERS: Final = frozenset(("before", "after", "following", "of", "to", "preceding", "since", "until"))
# Words that end a clause: an anchor's words stop before them.
_CLAUSE_WORDS: Final = _words(
    "and but or when while whilst where which who whom whose because as so that then though although "
    "if unless whereas was were is are had has have did does would could should will may might must "
    "he she they it we i there this these those"
)
_NO_START: Final = frozenset(("and", "or", "to", "he", "she", "they", "it", "was", "were", "of", "s"))
_NO_END: Final = _words(
    "the a an of and or to in on at by his her their when he she they was were from between since for with during"
)
_PREPOSITIONS: Final = frozenset(("from", "of", "to", "at", "into", "for", "in"))
_ABBREVIATIONS: Final = _words("approx c ca sept sep oct nov dec jan feb mar apr jun jul aug yrs wks mths")
# Words naming an event an anchor can count from (the head of "his death", "her eviction").
EVENT_WORDS: Final = _words(
    "birth death release arrest conviction sentence sentencing referral conference visit assessment "
    "admission discharge move eviction arrival departure injury incident hearing trial meeting "
    "discussion licence license placement appointment application call report review check interview "
    "examination operation surgery attendance registration booking transfer return separation "
    "marriage relationship pregnancy caution charge remand recall strategy plan released arrested "
    "convicted sentenced referred admitted discharged moved evicted arrived left born died injured "
    "charged remanded recalled transferred returned married separated visited assessed examined "
    "interviewed seen cautioned attended life homicide murder killing trial verdict inquest funeral post mortem "
    "collapse overdose attack stabbing"
)

_WINDOW_LEFT: Final = 110  # characters of text read before a word that opens a window
_WINDOW_RIGHT: Final = 220  # and after it
_CITATION_REASON: Final = "a citation of guidance or law: it locates nothing"
_MAX_LEFT: Final = 8
_MAX_RIGHT: Final = 9
_MAX_ANCHOR: Final = 8
_MAX_TRIES: Final = 48

# Citations: a year after a title ("Working Together 2013", "the Children Act 1989"), or a
# numbered part of a law or guidance ("section 47", "Section 5(1)").
_TITLE_WORDS: Final = frozenset(word for key in LEXICON.titles for word in key) - {"no", "review", "plan", "report"}
_TITLE_SMALL: Final = frozenset(("of", "and", "for", "the", "on", "in", "to", "&"))
_SECTION: Final = re.compile(
    r"\b(?:[Ss]ection|[Ss]\.|[Ss]chedule|[Rr]egulation|[Cc]hapter|[Aa]rticle|[Pp]aragraph|[Pp]ara)\s?"
    r"\d+[A-Z]?(?:\s?\(\d+[a-z]?\)|\s?\([a-z]\))*(?!\.\d)(?!\d)"
)
_NOT_TITLE: Final = _words(
    "in on by since until from during between before after at of the and early late mid end beginning "
    "start middle summer winter spring autumn"
)


class _Tok:
    """A token of a window of text: offsets, type, lower-case form, class, whether capitalised."""

    __slots__ = ("start", "end", "kind", "lower", "cls", "upper", "numbering")

    def __init__(self, start: int, end: int, kind: int, lower: str, cls: int, upper: bool) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.lower = lower
        self.cls = cls
        self.upper = upper
        self.numbering = False


def _starts_line(text: str, at: int) -> bool:
    """Whether only spaces stand between the start of ``at``'s line and ``at``: read back over
    them alone (finding the line's start first read back over the whole text where it has no
    line break, for every number: quadratic)."""
    i = at - 1
    while i >= 0 and text[i] != "\n" and text[i].isspace():
        i -= 1
    return i < 0 or text[i] == "\n"


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out: list[_Tok] = []
    classes = _CLASSES
    for m in _TOKEN.finditer(text, start, end):
        group = m.lastgroup
        word = m.group()
        if group == "w":
            lower = word.lower().replace("’", "'")
            cls = classes.get(lower, _UNKNOWN)
            if cls == _UNKNOWN and lower.endswith("'s"):
                cls = _KNOWN if lower[:-2] in classes else _UNKNOWN
            out.append(_Tok(m.start(), m.end(), _W, lower, cls, word[0].isupper()))
        elif group == "n":
            tok = _Tok(m.start(), m.end(), _N, word.lower(), _KNOWN, False)
            tok.numbering = "." in word and _starts_line(text, m.start())
            out.append(tok)
        else:
            out.append(_Tok(m.start(), m.end(), _P, word, _UNKNOWN, False))
    _mark_long_keys(out)
    return out


def _mark_long_keys(tokens: list[_Tok]) -> None:
    """Give the words of a vocabulary key of several words ("a short period of time",
    "when the child was") the class of the key, where the whole key stands in the text."""
    fillers = LEXICON.fillers
    n = len(tokens)
    for i, tok in enumerate(tokens):
        rows = _LONG_KEYS.get(tok.lower) if tok.kind == _W else None
        if rows is None:
            continue
        for key, cls in rows:
            j, k = i, 0
            matched: list[int] = []
            while j < n and k < len(key):
                word = tokens[j]
                if word.kind != _W:
                    break
                if word.lower == key[k]:
                    matched.append(j)
                    k += 1
                elif word.lower not in fillers:
                    break
                j += 1
            if k == len(key):
                for index in range(i, matched[-1] + 1):
                    tokens[index].cls = max(cls, tokens[index].cls)
                break


def _is_label(tokens: list[_Tok], i: int) -> bool:
    """A capitalised word before a one-letter or numbered label ("Child S", "Sibling 1"), or the label."""
    tok = tokens[i]
    if tok.kind == _W and tok.upper and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.start == tok.end + 1 and (
            (nxt.kind == _W and nxt.upper and len(nxt.lower.removesuffix("'s")) == 1)
            or (nxt.kind == _N and nxt.lower.isdigit() and len(nxt.lower) <= 2)
        ):
            return True
    if i > 0 and tok.upper and len(tok.lower.removesuffix("'s")) == 1:
        prev = tokens[i - 1]
        return prev.kind == _W and prev.upper and prev.end + 1 == tok.start
    return False


def _number_trigger(tokens: list[_Tok], i: int, text: str) -> bool:
    tok = tokens[i]
    word = tok.lower
    if not (
        _YEAR.fullmatch(word) or _YEAR_SLASH.fullmatch(word) or _NUMERIC_DATE.fullmatch(word) or _CLOCK.fullmatch(word)
    ):
        return False
    # Part of an address or a file name ("www.x.uk/2013/...", "20210422"): not a date.
    before = text[tok.start - 1] if tok.start else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before in "/.\\_=#@" or after in "/\\_=@" or (after == "." and text[tok.end + 1 : tok.end + 2].isalnum()):
        return False
    # A section number at the start of a line ("3.2.10 Introduction") is not a date.
    return not ("." in word and not _YEAR.fullmatch(word) and _starts_line(text, tok.start))


def _word_trigger(tokens: list[_Tok], i: int) -> bool:
    tok = tokens[i]
    if tok.cls != _TRIGGER:
        return False
    if tok.lower not in _AMBIGUOUS:
        return True
    if tok.lower == "second":
        return False
    if not tok.upper and tok.lower not in ("fall",):
        return False
    near_number = (i + 1 < len(tokens) and tokens[i + 1].kind == _N) or (i > 0 and tokens[i - 1].kind == _N)
    if tok.lower == "fall":
        return i + 1 < len(tokens) and _YEAR.fullmatch(tokens[i + 1].lower) is not None
    if near_number:
        return True
    return i > 0 and tokens[i - 1].lower in _BEFORE_AMBIGUOUS_MONTH


def _joinable(tokens: list[_Tok], i: int) -> bool:
    tok = tokens[i]
    if tok.kind == _N:
        # a paragraph's number ("9.6 In the weeks that followed") is not part of a phrase
        return not (tok.numbering or ("." in tok.lower and not _NUMERIC_DATE.fullmatch(tok.lower)))
    return _joinable_word(tokens, i)


def _joinable_word(tokens: list[_Tok], i: int) -> bool:
    tok = tokens[i]
    if tok.kind == _W:
        return tok.cls != _UNKNOWN or _is_label(tokens, i)
    if tok.lower in _INNER_PUNCT:
        return True
    if tok.lower == ",":  # a comma inside a date ("February 26th, 2015")
        return i + 1 < len(tokens) and tokens[i + 1].kind == _N and i > 0 and tokens[i - 1].kind in (_N, _W)
    if tok.lower == "." and i > 0 and tokens[i - 1].lower in _ABBREVIATIONS:
        return i + 1 < len(tokens) and (tokens[i + 1].kind == _N or not tokens[i + 1].upper)
    return False


def _label_belongs(tokens: list[_Tok], i: int) -> bool:
    """Whether the name starting at token ``i`` belongs to the phrase before it: a possessive ("Child
    S's first year") or the subject of an age ("when Child S was four months old")."""
    j = i + 1 if i + 1 < len(tokens) and _is_label(tokens, i + 1) else i
    if tokens[j].lower.endswith("'s"):
        return True
    return (
        j + 1 < len(tokens) and tokens[j + 1].lower in ("was", "were", "is") and i > 0 and tokens[i - 1].lower == "when"
    )


def _anchor_end(tokens: list[_Tok], first: int, limit: int) -> int | None:
    """The last token of the event words starting at ``first`` ("his death", "her eviction from the
    refuge", "the perpetrator being released from prison"), or ``None``."""
    last = None
    end = min(len(tokens), first + _MAX_ANCHOR, limit)
    i = first
    while i < end:
        tok = tokens[i]
        if tok.kind == _P and tok.lower not in ("'", "’", "-"):
            break
        if i > first and tok.kind == _W and tok.lower in _CLAUSE_WORDS and tok.lower not in ("his", "her"):
            break
        if i > first and (tok.lower in _STRONG or _YEAR.fullmatch(tok.lower)):
            break  # a phrase of time of its own follows
        if tok.lower in EVENT_WORDS or tok.lower.removesuffix("'s") in EVENT_WORDS:
            # the event's word, and the one phrase that names its place ("from prison")
            last = i
            j = i + 1
            if j < end and tokens[j].lower in _PREPOSITIONS:
                k = j + 1
                while k < end and k <= j + 3:
                    nxt = tokens[k]
                    if nxt.kind == _P or nxt.lower in _CLAUSE_WORDS or nxt.lower in _STRONG:
                        break
                    if nxt.lower not in _TITLE_SMALL and nxt.lower not in ("a", "an", "his", "her", "their"):
                        last = k
                        if not (nxt.lower in _TITLE_SMALL or nxt.upper):
                            break
                    k += 1
            return last
        if i > first and tok.upper and _is_label(tokens, i) and not _label_belongs(tokens, i):
            break  # a new subject ("... his death Child M was seen")
        last = i
        i += 1
    if last is not None and tokens[last].lower in _NO_END:
        return None
    return last


# -- the grammar, cached per span ---------------------------------------------------------------

_Result = Node | UnrecognisedPhrase | None
_CACHE: dict[tuple[str, Settings], _Result] = {}
_CACHE_MAX: Final = 50_000


def _read(words: str, settings: Settings) -> _Result:
    key = (words, settings)
    if key in _CACHE:
        return _CACHE[key]
    result: _Result
    try:
        result = parse(words, settings=settings)
    except UnrecognisedPhrase as error:
        result = error
    except ChronologyError:
        result = None
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = result
    return result


# -- finding ---------------------------------------------------------------------------------------


def find(text: str, segments: Iterable[tuple[int, int]], settings: Settings | None = None) -> list[Found]:
    """Every phrase of time in ``text`` within ``segments`` (sentences, as ``(start, end)``), in order.

    One regular-expression pass finds the words that open a window; only the few
    words around each are tokenised and read, so the time grows with the text's
    length and the number of such words, and a window never crosses a sentence.

    >>> text = "The day after his birth the midwife visited. Care Act 2014 applied."
    >>> [(f.text, f.kind) for f in find(text, [(0, 44), (45, 67)])]
    [('The day after his birth', 'relative'), ('Care Act 2014', 'citation')]
    """
    conf = settings if settings is not None else DEFAULT
    segs = sorted(segments)
    firsts = [a for a, _ in segs]
    out: list[Found] = []
    cited: list[tuple[int, int]] = []
    for m in _SECTION.finditer(text):
        k = bisect_right(firsts, m.start()) - 1
        if k >= 0 and m.end() <= segs[k][1]:
            cited.append((m.start(), m.end()))
            out.append(Found(m.start(), m.end(), m.group(), "citation", None, _CITATION_REASON))
    done = 0  # where the last phrase found ends: windows start after it
    for at in _triggers(text):
        if at < done:
            continue
        k = bisect_right(firsts, at) - 1
        if k < 0 or at >= segs[k][1]:
            continue
        seg_start, seg_end = segs[k]
        lo = max(seg_start, done, at - _WINDOW_LEFT)
        if lo > seg_start and lo > done:
            space = text.find(" ", lo, at)
            lo = space + 1 if space >= 0 else at
        hi = min(seg_end, at + _WINDOW_RIGHT)
        tokens = _tokens(text, lo, hi)
        if hi < seg_end and tokens and tokens[-1].end >= hi:
            tokens.pop()  # perhaps cut in two by the window's edge
        i = next((j for j, tok in enumerate(tokens) if tok.start == at), None)
        if i is None:
            continue
        near = _overlapping(cited, lo, hi)
        taken = [any(a < tok.end and tok.start < b for a, b in near) for tok in tokens] if near else None
        hit = _at_trigger(text, tokens, i, taken or [False] * len(tokens), conf)
        if hit is not None:
            out.extend(hit)
            done = max(f.end if f.whole is None else f.whole[1] for f in hit)
    out.extend(_bare_ages(text, segs, out, conf))
    out.sort(key=lambda f: f.start)
    return [_part_of_day_of(text, f, conf) for f in out]


def _overlapping(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of ``spans`` (sorted, not overlapping each other) that may reach into ``[lo, hi)``:
    the last one starting at or before ``lo`` and those starting before ``hi``, found by bisection
    so that each window costs what it holds rather than what the text has cited so far.

    >>> _overlapping([(0, 5), (10, 20), (30, 40), (50, 60)], 12, 35)
    [(10, 20), (30, 40)]
    >>> _overlapping([(10, 20)], 0, 5)
    []
    """
    first = max(bisect_right(spans, (lo, lo)) - 1, 0)
    last = bisect_left(spans, (hi, hi), first)
    return spans[first:last]


# "On the evening of his admission": a part of the day of a named event is that event's day (as the
# conventions read "later that morning" as the reference's day), not a part of the narrative's day.
# The grammar reads "on the day of X"; the phrase is read so, keeping its length (and so the offsets
# of the event's words).
_PART_OF_DAY: Final = re.compile(r"(?:(?:on|during|in)\s+)?the\s+(?P<part>evening|morning|afternoon|night)", re.I)
_OF_EVENT: Final = re.compile(r"\s+of\s+(?:his|her|their|the)\s+[a-z][\w-]*", re.I)


def _part_of_day_of(text: str, found: Found, settings: Settings) -> Found:
    """The found phrase, or, where it is a part of the day followed by the event it belongs to, the
    whole "on the evening of his admission", read as the day of that event."""
    part = _PART_OF_DAY.fullmatch(found.text)
    event = _OF_EVENT.match(text, found.end) if part is not None else None
    if part is None or event is None or found.whole is not None:
        return found
    words = text[found.start : event.end()]
    read_as = words[: part.start("part")] + "day".ljust(len(part.group("part"))) + words[part.end("part") :]
    try:
        tree = parse(read_as, settings=settings)
    except ChronologyError:
        return found
    if not isinstance(tree, Shift) or not isinstance(tree.base, Named):
        return found
    return Found(found.start, event.end(), words, kind_of(tree), tree, read_as=read_as)


# "Mother M was 19 when Child M was born": a bare number after "was", before "when" or "at the
# time", is an age in years (read as "aged 19").
_NUMBER_WORD = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_BARE_AGE: Final = re.compile(
    rf"\b(?:was|were|is|being)\s+(?:only\s+|just\s+)?(?P<n>[1-9]\d?|{_NUMBER_WORD})"
    r"(?=\s*,?\s*(?:when|at the time|whilst|while)\b)",
    re.IGNORECASE,
)


def _bare_ages(text: str, segs: list[tuple[int, int]], found: list[Found], settings: Settings) -> list[Found]:
    """Bare ages in years ("she was 19 when ..."), where no phrase found already holds the number."""
    taken = sorted((f.start, f.end) for f in found)
    out = []
    for a, b in segs:
        for m in _BARE_AGE.finditer(text, a, b):
            start, end = m.span("n")
            k = bisect_right(taken, (start, end)) - 1
            if any(0 <= j < len(taken) and taken[j][0] < end and start < taken[j][1] for j in (k, k + 1)):
                continue
            words = f"aged {m.group('n')}"
            try:
                tree = parse(words, settings=settings)
            except ChronologyError:
                continue
            out.append(Found(start, end, m.group("n"), kind_of(tree), tree, read_as=words))
    return out


def _at_trigger(text: str, tokens: list[_Tok], i: int, taken: list[bool], settings: Settings) -> list[Found] | None:
    """The phrase around the token ``i`` of a window, if it opens one."""
    tok = tokens[i]
    if taken[i]:
        return None
    trigger = _number_trigger(tokens, i, text) if tok.kind == _N else _word_trigger(tokens, i)
    if not trigger:
        return None
    if _YEAR.match(tok.lower):
        citation = _citation(text, tokens, i, taken)
        if citation is not None:
            first, last = citation
            a, b = tokens[first].start, tokens[last].end
            return [Found(a, b, text[a:b], "citation", None, _CITATION_REASON)]
    hit = _best(text, tokens, i, taken, settings)
    return None if hit is None else hit[2]


def _citation(text: str, tokens: list[_Tok], i: int, taken: list[bool]) -> tuple[int, int] | None:
    """The tokens of a title with this year ("Working Together 2013", "Offender Rehabilitation Act
    (ORA) 2014"), or ``None`` where the year is a time."""
    j = i - 1
    # an acronym in brackets between the title and its year: "Act (ORA) 2014"
    if j >= 2 and tokens[j].lower == ")" and tokens[j - 1].kind == _W and tokens[j - 2].lower == "(":
        j -= 3
    if j < 0 or taken[j] or tokens[j].kind != _W:
        return None
    prev = tokens[j]
    if prev.lower in _NOT_TITLE or prev.cls == _TRIGGER and prev.lower not in _TITLE_WORDS:
        return None
    if not (prev.lower in _TITLE_WORDS or prev.upper or prev.lower in ("practice", "together")):
        return None
    if prev.upper and prev.cls == _TRIGGER:
        return None  # "May 2013", "Christmas 2010"
    # the title: capitalised words and small words, back to where it starts
    first = j
    k = j - 1
    while k >= 0 and i - k <= 10 and not taken[k]:
        tok = tokens[k]
        if tok.kind == _W and (tok.upper or tok.lower in _TITLE_SMALL or tok.lower in _TITLE_WORDS):
            first = k
            k -= 1
            continue
        if tok.lower in ("'", "‘", "’", '"') or tok.kind == _P:
            break
        break
    while first < j and tokens[first].lower in _TITLE_SMALL - {"the"}:
        first += 1
    words = [t for t in tokens[first : j + 1] if t.kind == _W]
    titled = any(t.lower in _TITLE_WORDS for t in words)
    capitals = sum(1 for t in words if t.upper)
    if not titled and capitals < 2:
        return None
    if first == j and prev.upper and not titled:
        return None
    last = i
    # "2006/90" is one token; "(c. 41)" and the like are left out
    return first, last


def _best(
    text: str, tokens: list[_Tok], i: int, taken: list[bool], settings: Settings
) -> tuple[int, int, list[Found]] | None:
    """The longest span around the trigger ``i`` that the grammar reads, as Found mentions."""
    n = len(tokens)
    left = i
    while left > 0 and i - left < _MAX_LEFT and not taken[left - 1] and _joinable(tokens, left - 1):
        left -= 1
    right = i
    while right + 1 < n and right - i < _MAX_RIGHT and not taken[right + 1] and _joinable(tokens, right + 1):
        if _is_label(tokens, right + 1) and not _label_belongs(tokens, right + 1):
            break  # a name after the phrase starts the next clause ("The day after his birth Mother S told")
        right += 1
    ends = [e for e in range(right, i - 1, -1) if _can_end(tokens[e])]
    # The event an anchor word counts from, past the run of the grammar's words.
    opener = max((k for k in range(i, right + 1) if tokens[k].lower in _OPENERS), default=None)
    if opener is not None:
        limit = next((k for k in range(opener + 1, n) if taken[k]), n)
        anchor_last = _anchor_end(tokens, opener + 1, limit)
        if anchor_last is not None and anchor_last > right and _can_end(tokens[anchor_last]):
            ends.insert(0, anchor_last)
    starts = [s for s in range(left, i + 1) if _can_start(tokens[s])]
    # The reading that accounts for the most words of time wins ("20 weeks pregnant" over "when she
    # was 20 weeks"), then the longest, then the leftmost.
    triggers = [k for k in range(left, max(ends) + 1 if ends else right + 1) if tokens[k].cls == _TRIGGER]
    # A phrase that starts with the clause's verb ("born in the winter of 2010") comes after one
    # that leaves it to the clause; the verb is kept where the phrase needs it ("born 10 weeks
    # prematurely").
    candidates = sorted(
        ((s, e) for s in starts for e in ends if s <= i <= e),
        key=lambda se: (
            -sum(1 for k in triggers if se[0] <= k <= se[1]),
            tokens[se[0]].lower in EVENT_WORDS,
            se[0] - se[1],
            se[0],
        ),
    )
    refusals: list[tuple[int, int, UnrecognisedPhrase]] = []
    for s, e in candidates[:_MAX_TRIES]:
        a, b = tokens[s].start, tokens[e].end
        words = text[a:b]
        result = _read(words, settings)
        if isinstance(result, UnrecognisedPhrase):
            refusals.append((a, b, result))
            continue
        if result is None:
            continue
        accepted = _accept(text, a, b, result, tokens, s)
        if accepted is not None:
            return s, e, accepted
    return _refused(text, tokens, i, refusals)


def _can_start(tok: _Tok) -> bool:
    return tok.kind != _P and tok.lower not in _NO_START and tok.lower not in _LEADS


def _can_end(tok: _Tok) -> bool:
    # a capitalised word that is not a word of time starts a name ("At seven weeks of age Child T"),
    # and a one-letter label ends one
    if tok.upper and tok.cls != _TRIGGER and (tok.cls or len(tok.lower) == 1):
        return False
    return tok.kind != _P and tok.lower not in _NO_END


def _accept(text: str, a: int, b: int, node: Node, tokens: list[_Tok], s: int) -> list[Found] | None:
    """The mentions a reading gives, or ``None`` where it should not count."""
    words = text[a:b]
    if not _plausible(node):
        return None
    kind = kind_of(node)
    if _DURATION_BEFORE.search(text, max(0, a - 24), a) or _DURATION_AFTER.match(text, b):
        # "sentenced to 28 weeks", "up to two years imprisonment": a length, whatever the words
        count = _count_of(node)
        if count is not None:
            return [Found(a, b, words, "duration", Length(count, Excerpt(words)), _DURATION_REASON)]
    if (
        isinstance(node, Bound)
        and node.side == "until"
        and re.match(r"(?:up )?(?:until|till)\b", words, re.IGNORECASE)
        and _NOT_UNTIL.search(text, max(0, a - 80), a)
    ):
        # "did not resume until mid-summer 2013": it resumed then
        base_words = getattr(node.base, "words", None)
        if isinstance(base_words, Excerpt) and base_words.end is not None:
            pa, pb = a + base_words.start, a + base_words.end
            return [Found(pa, pb, text[pa:pb], kind_of(node.base), node.base)]
    if kind == "deictic" and re.match(r"\s+of\b", text[b : b + 4]):
        return None  # "the last month of his life" counts back from his death, not from today
    if isinstance(node, Length):
        # A bare "a year" or "two weeks" with nothing around it is too weak to list as a
        # duration unless it holds a number ("28 weeks") or says so ("for a fortnight").
        lowered = words.lower()
        if lowered.startswith(("a ", "an ")) and not lowered.startswith(("a period", "an period")):
            return None
        return [Found(a, b, words, "duration", node, _DURATION_REASON)]
    split: tuple[Node, ...] = ()
    if isinstance(node, Hull) and len(node.parts) > 1 and all(_self_contained(part) for part in node.parts):
        split = node.parts
    elif (
        isinstance(node, Between)
        and _self_contained(node.start)
        and _self_contained(node.end)
        and any(getattr(end, "kind", None) in ("part", "season") for end in (node.start, node.end))
    ):
        # "from early summer 2010 to the end of 2013": each end is a vague period of its own
        split = (node.start, node.end)
    if split:
        parts = []
        for part in split:
            part_words = part.words
            assert part_words is not None and part_words.end is not None
            pa, pb = a + part_words.start, a + part_words.end
            parts.append(Found(pa, pb, text[pa:pb], kind_of(part), part, whole=(a, b, words, node)))
        return parts
    return [Found(a, b, words, kind, node)]


_DURATION_REASON: Final = "a duration: it gives a length, not a time"
_NOT_UNTIL: Final = re.compile(r"\b(?:not|n't|never)\b[^.;:]*$", re.IGNORECASE)
_DURATION_BEFORE: Final = re.compile(
    r"(?:sentenced to|sentence of|totalling|totaling|lasting|period of|term of|for a period of)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_DURATION_AFTER: Final = re.compile(
    r"\s+(?:imprisonment|in prison|custody|custodial|in custody|supervision|detention|licence|"
    r"of supervision|of imprisonment|sentence)\b",
    re.IGNORECASE,
)


def _count_of(node: Node) -> Count | None:
    if isinstance(node, (Length, Shift)):
        return node.count
    return None


def _plausible(node: Node) -> bool:
    """Whether a reading makes sense as a whole: no event named by words of time ("the early
    years" read as the start of an event called "years"), no length counted from."""
    if isinstance(node, Named):
        words = _WORDS.findall(node.words.text.lower())
        if any(word in _STRONG or _YEAR.fullmatch(word) for word in words):
            return False
        # an event is named by a word of its own ("his death", "the hearing"), not by the grammar's words
        return any(word not in _CLASSES or word in EVENT_WORDS for word in words)
    if isinstance(node, (Shift, Aligned, Endpoint, Bound)):
        return _plausible(node.base)
    if isinstance(node, Between):
        ends = (node.start, node.end)
        if any(isinstance(end, Named) and not _names_an_event(end) for end in ends):
            return False  # "on 5 July 2019 to an address in Halbury": a place, not an event, ends it
        return _plausible(node.start) and _plausible(node.end) and not isinstance(node.start, Length)
    if isinstance(node, Hull):
        return all(_plausible(part) and not isinstance(part, Length) for part in node.parts)
    return True


_WORDS: Final = re.compile(r"[a-z]+|\d+")


def _names_an_event(node: Named) -> bool:
    return any(word in EVENT_WORDS for word in _WORDS.findall(node.words.text.lower()))


def _self_contained(node: Node) -> bool:
    """A part of a joined phrase that names a period of its own (with its year)."""
    if not isinstance(node, Fixed) or node.words is None:
        return False
    return any(ch.isdigit() for ch in node.words.text)


def _refused(
    text: str, tokens: list[_Tok], i: int, refusals: Sequence[tuple[int, int, UnrecognisedPhrase]]
) -> tuple[int, int, list[Found]] | None:
    """A frequency ("weekly", "every week") where the grammar refused the words as one."""
    for a, _b, error in refusals:
        if "frequency" in error.reason:
            fa, fb = a + error.start, a + error.end
            if fb <= fa:
                continue
            first = next(k for k, t in enumerate(tokens) if t.end > fa)
            last = max(k for k, t in enumerate(tokens) if t.start < fb)
            if not first <= i <= last:
                continue
            return first, last, [Found(fa, fb, text[fa:fb], "frequency", None, "a frequency: it locates nothing")]
    return None
