"""Events: what each phrase of time dates, and the statements that place it.

The reader turns the mentions of a text into a :class:`~chronology.Case`:

- each mention on the timeline dates an *event*: the clause around it, with the
  people it names (pronouns resolved to the most recent person they can mean),
  the agency that acted, its kind (``birth``, ``death``, ``release``,
  ``referral``... from ``data/events.toml``) and a short description;
- a person's birth and death are one event each, whichever sentence tells them;
- an age counts from the right person's birth ("when he was ten weeks old",
  "Child S's first year"); a named anchor ("his death", "her eviction from the
  refuge", "the referral") finds its event by person and kind, else by its
  words, else becomes an event of its own;
- the narrative's reference time ("the following day") is the event last
  dated in the same section: it moves with each dated event and restarts at
  each heading; footnotes keep theirs apart;
- order words between clauses ("Subsequently", "at the time of his death") and
  the review's own facts (a pregnancy precedes the birth) become statements.

Every statement keeps the words it came from with their offsets in the text.
"""

from __future__ import annotations

import contextlib
import re
import sys
from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Final

import attrs

from chronology.case import Case, Event, Person
from chronology.errors import ChronologyError
from chronology.model import Excerpt, Interval, When
from chronology.phrases import parse
from chronology.phrases.syntax import (
    Aligned,
    Between,
    Birth,
    DocumentDate,
    Endpoint,
    Length,
    Named,
    Node,
    Reference,
    Shift,
    anchors_of,
)
from chronology.reading.agencies import AgencyMention
from chronology.reading.mentions import Found
from chronology.reading.people import Individual, People
from chronology.reading.relevance import background


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set (word lists are written as plain text)."""
    return frozenset(text.split())


__all__ = ["Segment", "Draft", "Placed", "build", "kinds", "kind_in"]

DATA = Path(__file__).resolve().parent / "data"


@attrs.frozen
class Segment:
    """A sentence (or heading, table row, footnote) of the clean text, and the block it is in."""

    start: int
    end: int
    block: int
    kind: str  # the block's kind: paragraph, heading, row, item, footnote


@attrs.define(eq=False)
class Draft:
    """An event being read: its clause, mentions, kind, people and agency."""

    start: int
    end: int
    section: int
    isolated: bool  # in a footnote: it does not move the main text's reference time
    founds: list[Found] = attrs.Factory(list)
    sentence: int = -1  # where its sentence (or clause of a sentence cut at ';') starts
    sentence_end: int = -1  # and ends
    kind: str | None = None
    people: list[str] = attrs.Factory(list)
    owner: str | None = None  # whose birth or death, for those kinds
    kinds: set[str] = attrs.Factory(set)  # every kind the clause tells or names
    agency: str | None = None
    description: str = ""
    event: Event | None = None


@attrs.define(eq=False)
class Placed:
    """What became of one mention: its event and the anchors its phrase counted from."""

    found: Found
    draft: Draft | None = None
    reason: str | None = None
    birth: Person | None = None
    anchor: Event | None = None
    anchor_point: str | None = None  # "start"/"end" where the phrase names an event's end point
    reference: Event | None = None
    gap: bool = False  # "a four day gap before X": the phrase says how far X is from the reference
    read_as: str | None = None  # the words the phrase was read as, where not its own ("14 weeks pregnant")
    names_own: bool = False  # the phrase names the very event it belongs to ("on the evening of his admission")


# -- kinds of event ------------------------------------------------------------------------------


@attrs.frozen
class Kinds:
    """The event kinds of ``data/events.toml``: one pattern finds every form, longest first."""

    once: frozenset[str]
    by_form: dict[str, str]
    pattern: re.Pattern[str]


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib.loads(path.read_text("utf-8"))
    import tomli  # type: ignore[import-not-found,unused-ignore]  # pragma: no cover - Python 3.10

    loaded: dict[str, Any] = tomli.loads(path.read_text("utf-8"))  # pragma: no cover
    return loaded  # pragma: no cover


@cache
def kinds() -> Kinds:
    """The kinds table, loaded once.

    >>> kinds().by_form["released"], "death" in kinds().once
    ('release', True)
    """
    data = _read_toml(DATA / "events.toml")
    by_form: dict[str, str] = {}
    for table in ("once", "kind"):
        for kind, forms in data[table].items():
            for form in forms:
                by_form.setdefault(form.lower(), kind)
    alternatives = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    return Kinds(frozenset(data["once"]), by_form, re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE))


def kind_in(words: str) -> str | None:
    """The kind of event ``words`` name (the last kind word wins: "her eviction from the refuge").

    >>> kind_in("his release from prison"), kind_in("the perpetrator being released"), kind_in("the weather")
    ('release', 'release', None)
    """
    table = kinds()
    found = [m for m in table.pattern.finditer(words)]
    if not found:
        return None
    # The head of a noun phrase comes first in "release from prison", last in "the strategy meeting":
    # take the first kind word unless a later one is joined to it without a preposition.
    return table.by_form[found[0].group().lower()]


# -- words --------------------------------------------------------------------------------------

_PRONOUN: Final = re.compile(r"\b(he|his|him|she|her|hers|they|their|them)\b", re.IGNORECASE)
_MALE_PRONOUNS: Final = frozenset(("he", "his", "him"))
_FEMALE_PRONOUNS: Final = frozenset(("she", "her", "hers"))
# Words that set the reference time to an event they name: "at the time of his death", "following her
# homelessness application", "on leaving the refuge".
_AT_THE_TIME: Final = re.compile(
    r"\b(?:at the time of|on the day of|at the point of|following|after|upon|on)\s+"
    r"((?:(?:his|her|their|the|[A-Z]\w*\s[A-Z0-9]\w?['’]s)\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)"
    # the event's words end at punctuation, a capitalised word (case kept: "on leaving the refuge Mother S"),
    # or a word that starts what follows ("following her homelessness application under section 188")
    r"(?=\s*[,;(.]|(?-i:\s+[A-Z])|\s+(?:under|at|in|on|from|to|with|by|for|and|was|were|had|she|he|they)\b|\s*$)",
    re.IGNORECASE,
)
_THEN: Final = re.compile(
    r"\W*(subsequently|thereafter|afterwards|after this|after that|following this|following that)\b", re.I
)
# Between two clauses of a sentence: "..., before ...", "... and then ...", "..., after ...".
_BETWEEN: Final = re.compile(r"(?:,|\band)\s+(before|prior to|then|subsequently|after|following)\b", re.I)
_PREGNANT: Final = re.compile(r"\bpregnan(?:t|cy)\b", re.IGNORECASE)
_NOT_THIS_PREGNANCY: Final = re.compile(r"\b(?:again|another|second|next|miscarr\w*|terminat\w*)\b", re.IGNORECASE)
_LEAD: Final = re.compile(
    r"^(?:[\s,;:–—-]+|(?:and|but|then|so|also|in|on|at|by|during|from|since|until|when|whilst|while|after|before|"
    r"over|throughout|within|for|subsequently|thereafter|afterwards|later)\b)+",
    re.IGNORECASE,
)
# What an age cut out of a clause leaves behind: "when Child T was", "when she was".
_DANGLING: Final = re.compile(
    r"\b(?:when|whilst|while|as)\s+(?:[A-Z]\w*\s[A-Z0-9]\w?|he|she|they|the child|the baby)\s+(?:was|were)\s*,?\s*$",
    re.IGNORECASE,
)
_DESCRIPTION_LIMIT: Final = 90
_LEADING: Final = 400  # characters of a clause's sentence before it that its relevance is read with
# An age in weeks with nothing saying whose ("at 14 weeks", "at about 25 weeks"), and the words of a
# clause about a pregnancy, where such an age is weeks of pregnancy.
_BARE_WEEKS: Final = re.compile(
    r"(?:at|by|from)?\s*((?:about |around |approximately |nearly |almost )?\w+ weeks?)", re.I
)
_ANTENATAL: Final = re.compile(
    r"\b(?:pregnan\w*|ante-?natal|booked|booking|midwi\w+|gestation\w*|unborn|scan|foetus|fetus|maternity)\b", re.I
)
_ADULT_MONTHS: Final = 16 * 12
_TEEN_MONTHS: Final = 13 * 12
# Words of a clause that tells what is to come, not what happened ("the workforce will treble by 2015").
_FUTURE: Final = re.compile(
    r"\b(?:will|shall|would|is to|are to|is due to|are due to|plans? to|planned|intends?|expected to|aims? to)\b",
    re.IGNORECASE,
)
# Between an age and the kind word of the clause it introduces: " when he received a catastrophic ".
_INTRODUCED: Final = -2  # the score of a kind word in the clause an age introduces
_WHEN_WORD: Final = re.compile(r"\b(?:when|as)\s+", re.IGNORECASE)
_WHEN_CLAUSE: Final = re.compile(r"\s*,?\s*(?:when|as)\s+(?:[\w'’-]+\s+){1,6}", re.IGNORECASE)
_CYCLE_SEARCH: Final = 2_000  # events looked through for a cycle of phrases before giving up
_ANCHOR_SEARCH: Final = 500  # drafts looked back through for the event an anchor names
# A line giving a birth or death date: "D.O.B: 01/01/2012", "Date of death - 14 June 2012", "DOB 3/4/15".
_VITAL: Final = re.compile(
    r"\s*(?:[A-Z][\w ]{0,30}[:,–-]\s*)?"
    r"(?:(D\.?\s?O\.?\s?B\.?|[Dd]ate of [Bb]irth)|D\.?\s?O\.?\s?D\.?|[Dd]ate of [Dd]eath)\s*[:\-–]?\s*"
)
_CHECK_WORD: Final = re.compile(r"\b(?:check|review|assessment|visit|appointment|immunisations?)\s*$", re.IGNORECASE)
_NUMBERED: Final = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|\(?[a-z]\)|[-•*])\s+")  # "3.2", "4.11", "(a)", "-"
# An age that introduces someone ("a 14 year old", "an eight-week-old baby"), unless set beside a name
# ("Child S, a two year old, ...").
_INTRODUCES: Final = re.compile(r"an?\s", re.IGNORECASE)
_APPOSED: Final = re.compile(r"(?:[A-Z]\w*\s[A-Z0-9]\w?|\b[A-Z][a-z]+)\s*[,(–-]\s*$")
_PERSON_NOUN: Final = re.compile(
    r"\b(baby|infant|child|boy|girl|toddler|teenager|son|daughter|man|woman|mother|father)\b", re.IGNORECASE
)
_LIFE: Final = re.compile(r"\b([A-Z]\w*\s[A-Z0-9]\w?['’]s|his|her)\s+(?:short\s+|whole\s+|entire\s+)?life\b")
_THIS_REVIEW: Final = re.compile(
    r"\b(?:agreed|decided|commissioned|initiated|instigated|notified|convened|established|recommended|was set up)\b"
    r"[^.;]{0,160}\b(?:this|the)\s+(?:case|review|serious case review|safeguarding practice review|"
    r"domestic homicide review|child safeguarding practice review)\b"
    r"|\b(?:this|the)\s+(?:review|serious case review|safeguarding practice review|domestic homicide review)\s+"
    r"(?:was|were|has been)\s+(?:commissioned|initiated|instigated|convened|established|set up|agreed)\b",
    re.IGNORECASE,
)
_BEFORE_BIRTH: Final = re.compile(
    r"\b(?:pregnan\w*|ante-?natal|unborn|conceived|due date|expected|booking|booked|midwife|midwives|"
    r"before (?:his|her|their) birth)\b",
    re.IGNORECASE,
)
# Kinds an anchor may find under another name: "that assessment" may be the check just told.
_RELATED_GROUPS: Final = (
    frozenset(("assessment", "check", "review", "visit", "appointment", "immunisation")),
    frozenset(("arrival", "move", "registration")),
    frozenset(("eviction", "departure", "move")),
    frozenset(("conviction", "sentence", "trial", "charge")),
    frozenset(("custody", "remand", "sentence", "recall")),
    frozenset(("admission", "transfer", "surgery")),
    frozenset(("referral", "report", "call")),
    frozenset(("meeting", "conference")),
)
_RELATED: Final = {
    kind: frozenset().union(*(g for g in _RELATED_GROUPS if kind in g)) for g in _RELATED_GROUPS for kind in g
}
# Between a noun of an event and the phrase dating it: nothing, or whose it was ("of Child S").
_OF_PERSON: Final = re.compile(r"\s*(?:(?:of|to|for|by)\s+(?:[A-Z]\w*\s[A-Z0-9]\w?|his|her|their|the \w+)\s*)?,?\s*")
# A noun phrase's start: the words before a noun of an event that make it one ("his release").
_DETERMINED: Final = re.compile(r"(?:^|\b)(?:the|his|her|their|a|an|[A-Z]\w*\s[A-Z0-9]\w?['’]s)\s+(?:\w+\s+)?$", re.I)
# Words before a noun of an event that make it the event something counts from.
_GOVERNED: Final = re.compile(
    r"\b(?:following|after|before|since|until|till|prior to|ahead of|at the time of|leading up to|up to|from|"
    r"by the time of|in the run up to|of|weeks of|days of|months of)\s+(?:the\s+|his\s+|her\s+|their\s+|"
    r"[A-Z]\w*\s[A-Z0-9]\w?['’]s\s+|this\s+|that\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# Forms of a kind that tell an event (a verb) rather than name one (a noun), besides those in "-ed".
_VERB_FORMS: Final = _words(
    "born died left leave leaving saw seen met fled rang gave birth give birth giving birth arrive "
    "move moving visit refer assess"
)
_PREGNANCY_DAYS: Final = 42 * 7  # the longest term: a woman pregnant now gives birth within it


def _description(text: str, start: int, end: int, cut: Sequence[tuple[int, int]]) -> str:
    """A short line for the clause ``text[start:end]``: the phrases of time that open or close it
    are cut out (with the words that lead into them); one inside it stays, so that the line still
    reads as a sentence ("The relationship did not resume until mid-summer 2013").  A paragraph's
    number never starts it.

    >>> text = "3.8 In the summer of 2016, when he was fourteen months old, Child T missed an appointment."
    >>> _description(text, 0, len(text), [(4, 25), (39, 58)])
    'Child T missed an appointment'
    >>> _description(text, 4, len(text), [(4, 25), (39, 58)])
    'Child T missed an appointment'
    >>> text = "The relationship did not resume until mid-summer 2013, when his licence ended."
    >>> _description(text, 0, len(text), [(38, 53)])
    'The relationship did not resume until mid-summer 2013, when his licence ended'
    """
    spans = sorted((max(a, start), min(b, end)) for a, b in cut if b > start and a < end)
    lo, hi = start, end
    numbered = _NUMBERED.match(text[lo : min(hi, lo + 20)])
    if numbered is not None:
        lo += numbered.end()
    for a, b in spans:
        if a < lo:
            lo = max(lo, b)
        elif _OPENING.fullmatch(text, lo, a) and _adjunct(text, a, b, lo):
            lo = b
        else:
            break
    for a, b in reversed(spans):
        if b <= lo or a < lo:
            break
        if not text[b:hi].strip(" ,;:.–—-()") and _adjunct(text, a, b, lo):
            hi = a
        else:
            break
    line = " ".join(text[lo:hi].split())
    line = _CLOSING.sub("", line)
    line = _NUMBERED.sub("", line)
    line = re.sub(r"\s+([,.;:)])", r"\1", line)
    line = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", line)
    line = re.sub(r"\(\s*\)", "", line)
    line = _LEAD.sub("", line).strip(" ,;:.–—-")
    if len(line) > _DESCRIPTION_LIMIT:
        cut_at = line.rfind(" ", 0, _DESCRIPTION_LIMIT)
        line = line[: cut_at if cut_at > 40 else _DESCRIPTION_LIMIT].rstrip(" ,;:") + "…"
    return line[:1].upper() + line[1:] if line else line


def _adjunct(text: str, a: int, b: int, lo: int) -> bool:
    """Whether the phrase ``text[a:b]`` can leave its clause and the clause still reads: it opens
    with a preposition ("in 2013", "when he was ten weeks old") or counts from the narrative ("two
    weeks later", "the following day"), or a preposition stands before it ("over | the next two
    years").  A bare noun phrase ("the final days of his life", "The first months of Child S's life
    were spent ...") is what the clause is about: it stays."""
    words = text[a:b].split()
    if not words:
        return False
    if _ADJUNCT_START.match(words[0]) or _COUNTED.search(text[a:b]):
        return True
    before = text[max(lo, a - 20) : a].split()
    return bool(before) and _ADJUNCT_START.fullmatch(before[-1].strip(",;:(")) is not None


_ADJUNCT_START: Final = re.compile(
    r"(?:in|on|at|during|by|when|whilst|while|from|between|over|throughout|within|after|before|until|till|"
    r"since|aged|age|following|prior|around|about|approximately|towards?|early|late|mid|later|earlier|some|"
    r"shortly|soon|later|two|three|four|five|six|seven|eight|nine|ten|a|an|one|\d\S*)$",
    re.IGNORECASE,
)
_COUNTED: Final = re.compile(
    r"\b(?:later|earlier|after|before|previously|ago|prior|following|next|previous|same|old|of age|pregnant)\b",
    re.IGNORECASE,
)


# What may stand before a phrase that opens a clause, and go with it: "3.8 ", ", when he was ",
# "When Child T was ", "and then ".
_OPENING: Final = re.compile(
    r"(?:[\s,;:–—(-]+|(?:and|but|then|so|also|in|on|at|by|during|from|since|until|when|whilst|while|after|before"
    r"|over|throughout|within|for|subsequently|thereafter|afterwards|later|he|she|they|it|was|were|is|aged|who"
    r"|[A-Z]\w*\s[A-Z0-9]\w?(?:['’]s)?)\b)*",
    re.IGNORECASE,
)
# What a phrase cut from a clause's end leaves dangling: "... when he was", "... in", "... aged".
_CLOSING: Final = re.compile(
    r"(?:[\s,;:(–—-]*\b(?:when|whilst|while|as|who)\s+(?:[A-Z]\w*\s[A-Z0-9]\w?|he|she|they|the child|the baby)"
    r"\s+(?:was|were)|[\s,;:(–—-]*\b(?:in|on|at|by|until|till|from|over|during|since|for|of|aged|around|about"
    r"|approximately|between|within|when|whilst|while|until|before|after|prior to|following)\b)+[\s,;:(–—-]*$",
    re.IGNORECASE,
)


# -- the reader ---------------------------------------------------------------------------------

_GENDER: Final = {"m": "male", "f": "female"}


class _Cast:
    """The people of a text as the reader asks about them: who is named where (labels, names, family
    words, roles: cleaned offsets), by label, and who a pronoun means."""

    def __init__(self, people: People) -> None:
        self.people = people
        self.persons = people.persons
        self.subject: str | None = people.subject.label if people.subject is not None else None
        self.named: list[tuple[int, int, str]] = [
            (m.clean_start, m.clean_end, people.persons[m.person].label)
            for m in people.mentions
            if m.kind != "pronoun" and 0 <= m.person < len(people.persons)
        ]
        self.pronouns: dict[int, int] = {m.clean_start: m.person for m in people.mentions if m.kind == "pronoun"}
        self._by_name: dict[str, Individual | None] = {}

    def get(self, name: str) -> Individual | None:
        """The person of that name (People.get looks through every person: asked once per name here)."""
        if name not in self._by_name:
            self._by_name[name] = self.people.get(name)
        return self._by_name[name]


class _Agencies:
    """The agencies a text names, looked up by cleaned offsets."""

    def __init__(self, mentions: Sequence[AgencyMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.clean_start)
        self.starts = [m.clean_start for m in self.mentions]

    def within(self, start: int, end: int) -> list[AgencyMention]:
        k = bisect_left(self.starts, start)
        out = []
        while k < len(self.mentions) and self.mentions[k].clean_start < end:
            if self.mentions[k].clean_end <= end:
                out.append(self.mentions[k])
            k += 1
        return out


class _Reader:
    """Builds the case from a text's segments, mentions and people (one use)."""

    def __init__(
        self,
        text: str,
        segments: Sequence[Segment],
        founds: Sequence[Found],
        people: People,
        case: Case,
        source: str | None,
        to_original: Any,
        agencies: Sequence[AgencyMention] = (),
    ) -> None:
        self.text = text
        self.segments = segments
        self.founds = founds
        self.people = _Cast(people)
        self.agencies = _Agencies(agencies)
        self.section_agency: dict[int, str] = {}  # section -> the one agency its heading names
        self.headings: dict[int, str] = {}  # section -> its heading's words
        self.document_bounded = False  # whether the document's date bounds the events it tells
        self.document_day: date | None = None  # the document's date, where it is one known day
        self.case = case
        self.source = source
        self.to_original = to_original
        self.persons: dict[str, Person] = {}
        self.deaths: dict[str, Event] = {}
        self.lives: dict[str, Event] = {}
        self.linked: set[str] = set()
        self.depends: dict[int, set[int]] = {}  # event -> the events its phrases count from
        self.anchor_drafts: dict[tuple[int, int], Draft] = {}  # an anchor's words -> the draft dating them
        self.own_date: Found | None = None  # the document's own date ("Date of publication: ..."): no event
        self.dated: set[int] = set()  # events the text dates (directly, or from dated events)
        self.drafts: list[Draft] = []
        self.by_section: dict[int, list[Draft]] = {}  # drafts of each section, in the order told
        self.by_kind: dict[str, list[Draft]] = {}  # drafts of each kind, in the order told
        self.placed: list[Placed] = []
        self.named_starts = [a for a, _, _ in self.people.named]
        self.kinds = kinds()

    # -- offsets and provenance ---------------------------------------------------------------
    def excerpt(self, start: int, end: int, words: str | None = None) -> Excerpt:
        a, b = self.to_original(start, end)
        return Excerpt(self.text[start:end] if words is None else words, a, b, self.source)

    # -- people -----------------------------------------------------------------------------------
    def person(self, name: str | None) -> Person | None:
        if name is None:
            return None
        found = self.persons.get(name.casefold())
        if found is not None:
            return found
        info = self.people.get(name)
        if info is None:
            return None
        person = self.case.person(info.label)
        self.persons[info.label.casefold()] = person
        return person

    def named_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        k = bisect_left(self.named_starts, start)
        out = []
        while k < len(self.people.named) and self.people.named[k][0] < end:
            out.append(self.people.named[k])
            k += 1
        return out

    def resolve(self, pronoun: str, at: int) -> str | None:
        """The person a pronoun at ``at`` means: as the people's reading resolved it (``None`` where it
        means a professional or a group), else the most recent person named before it it can mean."""
        word = pronoun.lower()
        known = self.people.pronouns.get(at)
        if known is not None:
            return self.people.persons[known].label if 0 <= known < len(self.people.persons) else None
        gender = _GENDER.get("m" if word in _MALE_PRONOUNS else "f" if word in _FEMALE_PRONOUNS else "")
        k = bisect_left(self.named_starts, at) - 1
        floor = at - 1500
        while k >= 0 and self.people.named[k][0] >= floor:
            name = self.people.named[k][2]
            info = self.people.get(name)
            if info is not None and (gender is None or info.gender in (None, gender)):
                return info.label
            k -= 1
        subject = self.people.get(self.people.subject) if self.people.subject else None
        if subject is not None and (gender is None or subject.gender in (None, gender)):
            return subject.label
        return None

    def people_of(self, start: int, end: int) -> list[str]:
        """The people a clause names or refers to, in order, each once."""
        refs: list[tuple[int, str]] = [(a, name) for a, _, name in self.named_in(start, end)]
        for m in _PRONOUN.finditer(self.text, start, end):
            if m.group(1).lower() in ("they", "their", "them"):
                continue
            name = self.resolve(m.group(1), m.start())
            if name is not None:
                refs.append((m.start(), name))
        refs.sort()
        return list(dict.fromkeys(name for _, name in refs))

    def child_of(self, draft: Draft | None) -> str | None:
        """The child a clause is about: a child it names, else the review's subject."""
        if draft is not None:
            for name in draft.people:
                info = self.people.get(name)
                if info is not None and info.child:
                    return info.label
        return self.people.subject

    # -- drafts -----------------------------------------------------------------------------------
    def read_drafts(self) -> None:
        starts = [f.start for f in self.founds]
        section = 0
        isolated_sections = 10**6
        for segment in self.segments:
            if segment.kind == "heading" and not _VITAL.match(self.text, segment.start, segment.end):
                section += 1
                self.headings[section] = self.text[segment.start : segment.end]
                named = {m.agency for m in self.agencies.within(segment.start, segment.end)}
                if len(named) == 1:
                    self.section_agency[section] = named.pop()
                continue
            if segment.kind == "footnote":
                isolated_sections += 1
                sec, isolated = isolated_sections, True
            else:
                sec, isolated = section, False
            k = bisect_left(starts, segment.start)
            inside: list[Found] = []
            while k < len(self.founds) and self.founds[k].start < segment.end:
                inside.append(self.founds[k])
                k += 1
            timeline = [
                f
                for f in inside
                if f.kind not in ("citation", "duration", "frequency") and f.tree and f is not self.own_date
            ]
            if not timeline:
                continue
            for clause_start, clause_end in self.clauses(segment):
                mine = [f for f in timeline if clause_start <= f.start < clause_end]
                self.group(mine, clause_start, clause_end, sec, isolated, inside)

    def index(self, draft: Draft) -> None:
        """Keep ``draft`` in the look-ups by section and by kind (once its kind is known)."""
        # kept in text order (anchors' drafts come later than the text before them), so that a search
        # for the latest before a place starts there
        insort(self.by_section.setdefault(draft.section, []), draft, key=_start_of)
        if draft.kind is not None:
            insort(self.by_kind.setdefault(draft.kind, []), draft, key=_start_of)

    def clauses(self, segment: Segment) -> list[tuple[int, int]]:
        out = []
        at = segment.start
        for m in re.finditer(r";", self.text[segment.start : segment.end]):
            cut = segment.start + m.start()
            out.append((at, cut))
            at = cut + 1
        out.append((at, segment.end))
        return out

    def group(
        self, founds: list[Found], start: int, end: int, section: int, isolated: bool, everything: list[Found]
    ) -> None:
        """Mentions of one clause into drafts: a calendar date and an age may date one event;
        a second date, or a phrase counting from the reference time, starts another."""
        current: Draft | None = None
        seen_whole: set[tuple[int, int]] = set()
        mine: list[Draft] = []
        anchored: list[Draft] = []  # drafts of events a phrase counts from, dated in passing
        previous: Found | None = None
        for found in founds:
            if found.whole is not None:
                key = (found.whole[0], found.whole[1])
                if key in seen_whole and current is not None:
                    current.founds.append(found)
                    continue
                seen_whole.add(key)
            tree = found.whole[3] if found.whole is not None else found.tree
            assert tree is not None
            leaves = anchors_of(tree)
            relative = any(isinstance(leaf, Reference) for leaf in leaves)
            calendar = not leaves
            named = self.trailing_anchor(previous, found) if calendar else None
            previous = found
            if named is not None:
                # "two weeks prior to his release from custody in early July 2016": the date is the
                # release's, the event the phrase counts from
                a, b = named
                aside = Draft(a, found.end, section, isolated)
                aside.founds.append(found)
                self.anchor_drafts[(a, b)] = aside
                self.drafts.append(aside)
                anchored.append(aside)
                continue
            if current is not None and current.founds and _names_check(found):
                current.founds.append(found)  # "... seen by the GP for his six to eight week check"
                continue
            if current is not None and current.founds:
                has_calendar = any(not anchors_of(_tree(f)) for f in current.founds)
                has_reference = any(isinstance(x, Reference) for f in current.founds for x in anchors_of(_tree(f)))
                has_anchor = any(anchors_of(_tree(f)) for f in current.founds)
                if relative or (calendar and (has_calendar or has_reference)) or (not calendar and has_anchor):
                    current = None
            if current is None:
                current = Draft(start, end, section, isolated, sentence=start, sentence_end=end)
                self.drafts.append(current)
                mine.append(current)
            current.founds.append(found)
        # each draft's clause: from the end of the one before to the start of the next
        cut = [
            (f.whole[0], f.whole[1]) if f.whole is not None else (f.start, f.end)
            for f in everything
            if f.kind not in ("citation", "duration", "frequency") and not _names_check(f)
        ]
        cut.sort()
        starts = [a for a, _ in cut]
        longest = max((b - a for a, b in cut), default=0)
        for index, draft in enumerate(mine):
            first = draft.founds[0].start
            draft.start = start if index == 0 else max(start, self.split_point(mine[index - 1], draft))
            if index + 1 < len(mine):
                draft.end = self.split_point(draft, mine[index + 1])
            # only the phrases within its clause count (all of the sentence's, for each clause of a
            # sentence of thousands: quadratic)
            near = cut[bisect_left(starts, draft.start - longest) : bisect_left(starts, draft.end)]
            self.describe(draft, [(a, b) for a, b in near if b > draft.start], first)
        for draft in anchored:
            self.describe(draft, [(f.start, f.end) for f in draft.founds], draft.founds[0].start)
        for draft in sorted(mine + anchored, key=lambda d: d.start):
            self.index(draft)

    def trailing_anchor(self, previous: Found | None, found: Found) -> tuple[int, int] | None:
        """The words of the event ``previous`` counts from, where ``found`` dates it in passing:
        the date follows those words directly ("prior to his release in early July 2016")."""
        if previous is None or previous.tree is None:
            return None
        if self.text[previous.end : found.start].strip(" ,"):
            return None
        for leaf in anchors_of(previous.tree):
            if isinstance(leaf, Named) and leaf.words.end is not None:
                return previous.start + leaf.words.start, previous.start + leaf.words.end
        return None

    def split_point(self, left: Draft, right: Draft) -> int:
        """Where the clause of ``left`` ends and that of ``right`` starts: at a comma or "and"
        between their mentions, else just before the right one."""
        lo = left.founds[-1].end
        hi = right.founds[0].start
        piece = self.text[lo:hi]
        best = None
        for m in re.finditer(r",|\band\b|\bbut\b|\bwhen\b|\bwhere\b|\buntil\b", piece):
            best = lo + m.start()
        return best if best is not None else hi

    def describe(self, draft: Draft, cut: list[tuple[int, int]], near: int) -> None:
        text = self.text
        draft.people = self.people_of(draft.start, draft.end)
        best: tuple[int, str, int] | None = None
        for m in self.kinds.pattern.finditer(text, draft.start, draft.end):
            if any(a <= m.start() < b for a, b in cut) and not self.told_by_phrase(m, draft):
                continue
            kind = self.kinds.by_form[m.group().lower()]
            draft.kinds.add(kind)
            score = self.kind_score(m, near, draft)
            if score is not None and (best is None or score < best[0]):
                best = (score, kind, m.start())
        vital = _VITAL.match(text, draft.start, draft.end)
        if vital is not None:
            # "D.O.B: 01/01/2012", "Date of death: 14 June 2012": the birth or death of whom the line names
            draft.kind = "birth" if vital.group(1) else "death"
            named = self.named_in(draft.start, draft.end)
            draft.owner = named[0][2] if named else self.people.subject
        elif best is not None:
            draft.kind = best[1]
            if draft.kind in self.kinds.once:
                draft.owner = self.owner(draft, best[2])
        draft.agency = self.agency_of(draft)
        start = draft.start
        if best is not None and best[0] == _INTRODUCED:
            # "aged two years and ten months when he received a head injury": the clause the age introduces
            when = _WHEN_WORD.search(text, max(f.end for f in draft.founds if f.end <= best[2]), best[2])
            start = when.end() if when is not None else start
        draft.description = _description(text, start, draft.end, cut) or "event"
        if draft.owner is not None and draft.kind in ("birth", "death"):
            draft.description = f"{draft.kind} of {draft.owner}"

    def told_by_phrase(self, m: re.Match[str], draft: Draft) -> bool:
        """Whether a kind word inside a phrase of time tells the event the phrase dates: a verb the
        phrase took in ("who died in the late spring of 2019"), not an event it counts from ("before
        his death", "by his two and a half year health check")."""
        word = m.group().lower()
        if word not in _VERB_FORMS and not word.endswith("ed"):
            return False
        for found in draft.founds:
            if found.start <= m.start() < found.end:
                tree = _tree(found)
                return not any(isinstance(leaf, (Named, Birth)) for leaf in anchors_of(tree))
        return False

    def agency_of(self, draft: Draft) -> str | None:
        """The agency that acted: the first the clause names, else the one its section's heading names
        ("3.2.4 Contact with Children's Social Care"); an agency named elsewhere in the sentence may be
        another's ("this interaction [with the police] was at the time of his health check"), so it is not
        taken."""
        found = self.agencies.within(draft.start, draft.end)
        if found:
            return found[0].agency
        return self.section_agency.get(draft.section)

    def kind_score(self, m: re.Match[str], near: int, draft: Draft) -> int | None:
        """How surely the kind word ``m`` says what the clause dates (lower is surer), or ``None``
        where it only names another event ("following the birth of Child S", "after his death")."""
        text = self.text
        word = m.group().lower()
        # "aged two years and ten months when he received a head injury": the age dates the event of the
        # clause it introduces, not a noun told before it ("the death of Child S, who was aged ...")
        for f in draft.founds:
            if f.kind == "age" and f.end <= m.start() and _WHEN_CLAUSE.fullmatch(text, f.end, m.start()):
                return _INTRODUCED
        # "the death of Child S in autumn 2013", "his release in April 2013": the phrase dates the noun
        between = text[m.end() : near]
        before = text[max(draft.start, m.start() - 30) : m.start()]
        if 0 <= near - m.end() <= 30 and _OF_PERSON.fullmatch(between) and _DETERMINED.search(before):
            return -1
        if _GOVERNED.search(before):
            return None  # the event is counted from, not told
        distance = abs(m.start() - near)
        if word in _VERB_FORMS or word.endswith("ed"):
            return distance
        return distance + 40

    def owner(self, draft: Draft, at: int) -> str | None:
        """Whose birth or death the kind word at ``at`` tells: "the death of Child S", "gave birth to
        Child S", "his death", "Child S was born", "he died"."""
        text = self.text
        after = self.named_in(at, min(draft.end, at + 40))
        if after and re.fullmatch(r"[\w ]{0,24}?\b(?:of|to)\s+", text[at : after[0][0]]):
            return after[0][2]
        before = text[max(draft.start, at - 30) : at]
        m = re.search(r"\b(his|her|their)\s+$", before, re.IGNORECASE)
        if m:
            return self.resolve(m.group(1), at - len(before) + m.start())
        named = [n for n in self.named_in(draft.start, at)]
        if named and re.match(r"^\s*(?:gave birth|give birth)", text[at:]) is None:
            return named[-1][2]
        m = re.search(r"\b(he|she)\b[^.;]*$", text[draft.start : at], re.IGNORECASE)
        if m:
            return self.resolve(m.group(1), draft.start + m.start())
        return self.people.subject if after == [] and not named else (after[0][2] if after else None)

    # -- events -------------------------------------------------------------------------------------
    def make_events(self) -> None:
        for draft in self.drafts:
            if draft.founds and all(_is_gap(f) for f in draft.founds):
                continue  # the gap's event is the one it names (see place_gap)
            span = any(isinstance(_tree(f, whole=True), (Between, Length)) for f in draft.founds)
            life = self.life_told(draft) if span else None
            if life is not None:
                draft.event = self.life_of(life)
                draft.kind = "life"
                continue
            owner = self.person(draft.owner)
            if draft.kind == "birth" and owner is not None and not span:
                draft.event = owner.birth
                continue
            if draft.kind == "death" and owner is not None and not span:
                draft.event = self.death_of(owner)
                continue
            people = tuple(p for p in (self.person(name) for name in draft.people) if p is not None)
            # the review's background (policy, services in general, its own process) stays an event,
            # marked, so that nothing is lost; the table and the timeline leave it out (relevance.md)
            reason = background(
                self.text[draft.start : draft.end],
                self._leading_sentence(draft),
                section=self.headings.get(draft.section),
                names_case_person=bool(people),
            )
            draft.event = self.case.event(
                draft.description,
                agency=draft.agency,
                people=people,
                source=self.excerpt(draft.start, draft.end),
                kind=draft.kind,
                span=span,
                details={"background": reason} if reason is not None else None,
            )

    def _leading_sentence(self, draft: Draft) -> str:
        """The part of the draft's sentence that leads to its clause and the clause (what the
        relevance rules read of it), from at most :data:`_LEADING` characters before the clause
        at a word's start: a sentence of thousands of clauses was read whole for each."""
        if draft.sentence < 0:
            return ""
        start = draft.sentence
        if draft.start - start > _LEADING:
            space = self.text.find(" ", draft.start - _LEADING, draft.start)
            start = draft.start - _LEADING if space < 0 else space + 1
        return self.text[start : draft.end]

    def life_told(self, draft: Draft) -> Person | None:
        """The person whose life a period is ("Child S's life ... from the end of 2010 to the late
        autumn of 2013"): named in the clause, or in the sentence just before it, where the period runs
        between two calendar dates."""
        spans = [_tree(f, whole=True) for f in draft.founds]
        if not any(isinstance(t, Between) and not anchors_of(t) for t in spans):
            return None
        lower = max(draft.start - 300, 0)
        back = max(self.text.rfind("\n\n", lower, draft.start), lower)
        found = None
        for m in _LIFE.finditer(self.text, back, draft.end):
            found = m
        if found is None:
            return None
        who = found.group(1)
        if who.lower() in ("his", "her"):
            return self.person(self.resolve(who, found.start(1)))
        return self.person(re.sub(r"['’]s$", "", who))

    def link_lives(self) -> None:
        """A life ends with the death, where the text tells one."""
        for key, life in self.lives.items():
            death = self.deaths.get(key)
            if death is not None and key not in self.linked:
                self.case.finishes(life, death)
                self.linked.add(key)

    def death_of(self, person: Person) -> Event:
        key = person.name.casefold()
        event = self.deaths.get(key)
        if event is None:
            event = self.case.event(f"death of {person.name}", kind="death", people=(person,))
            self.deaths[key] = event
        return event

    def life_of(self, person: Person) -> Event:
        key = person.name.casefold()
        event = self.lives.get(key)
        if event is None:
            event = self.case.event(f"life of {person.name}", kind="life", people=(person,), span=True)
            self.case.starts(event, person.birth)
            self.lives[key] = event
        return event

    # -- placing -----------------------------------------------------------------------------------------
    def place_all(self) -> None:
        last: dict[int, Event] = {}  # section -> the event last dated there
        # a birth is as good as dated: ages count from it wherever the text tells it
        self.dated.update(id(p.birth) for p in self.case.people)
        done_whole: set[tuple[int, int]] = set()
        previous: dict[int, Draft] = {}  # section -> the draft told last there
        for draft in list(self.drafts):  # anchors may add drafts of their own as they go
            if not draft.founds or (draft.event is None and not all(_is_gap(f) for f in draft.founds)):
                continue
            for found in draft.founds:
                record = Placed(found, draft)
                self.placed.append(record)
                if found.whole is not None:
                    key = (found.whole[0], found.whole[1])
                    if key in done_whole:
                        record.reason = None
                        continue
                    done_whole.add(key)
                start, end, words, tree = (
                    found.whole
                    if found.whole is not None
                    else (
                        found.start,
                        found.end,
                        found.text,
                        found.tree,
                    )
                )
                assert tree is not None
                if found.whole is None:
                    gestation = self.gestation(found, draft)
                    if gestation is not None:
                        words, tree = gestation
                        record.read_as = words
                    elif found.read_as is not None:
                        words = record.read_as = found.read_as
                reference = self.reference_for(draft, start, last)
                if _is_gap(found):
                    reference = self.gap_start(draft, start, reference)
                if _is_gap(found) and reference is not None:
                    self.place_gap(record, tree, start, end, draft, reference, last)
                    continue
                if draft.event is None:
                    record.reason = "a gap after an event, but no event is dated before it here"
                    continue
                try:
                    self.bind(record, tree, start, end, draft, reference)
                    if record.reason is None and self.circular(draft.event, record):
                        record.reason = "counts from an event that is itself placed from this one"
                    if record.reason is not None:
                        if record.names_own and not draft.isolated:
                            # the event is the narrative's present though the phrase gives it no date:
                            # "He died two days later" counts from it (a relation, which dates it)
                            last[draft.section] = draft.event
                        continue
                    if _within_period(tree) and record.reference is not None:
                        self.place_within_period(draft.event, tree, self.excerpt(start, end, words), record.reference)
                    else:
                        self.place(draft.event, start, end, words, record)
                except ChronologyError as error:
                    record.reason = f"not placed: {error}"
                    continue
                counted = [
                    e for e in (record.anchor, record.reference, record.birth.birth if record.birth else None) if e
                ]
                self.depends.setdefault(id(draft.event), set()).update(id(e) for e in counted)
                if all(id(e) in self.dated for e in counted):
                    # only an event the text dates moves the narrative on; a flashback to an event it
                    # never dates ("on the day of arrival") does not
                    self.dated.add(id(draft.event))
                    if not draft.isolated or draft.section not in last:
                        last[draft.section] = draft.event
            self.order_words(draft, previous.get(draft.section))
            if draft.event is not None and id(draft.event) in self.dated:
                previous[draft.section] = draft

    def place_gap(
        self, record: Placed, tree: Node, start: int, end: int, draft: Draft, reference: Event, last: dict[int, Event]
    ) -> None:
        """ "There was a four day gap before the referral": the referral is four days after the
        event just told; the narrative moves on to the referral."""
        assert isinstance(tree, Shift) and isinstance(tree.base, Named)
        leaf = tree.base
        assert leaf.words.end is not None
        a, b = start + leaf.words.start, start + leaf.words.end
        later = self.anchor_event(leaf.words.text, a, b, draft, create=False)
        if later is None:
            # the clause tells the event the gap ends with: "... before a referral was made to social care"
            described = _description(self.text, a, draft.end, [])
            kind = kind_in(leaf.words.text)
            people = tuple(p for p in (self.person(n) for n in self.people_of(a, draft.end)) if p is not None)
            later = self.case.event(
                described or leaf.words.text,
                agency=draft.agency,
                people=people,
                kind=kind,
                source=self.excerpt(a, draft.end),
            )
            stand_in = Draft(a, draft.end, draft.section, draft.isolated, kind=kind)
            stand_in.event = later
            self.drafts.append(stand_in)
            self.index(stand_in)
        if later is None or later is reference:
            record.reason = f"a gap before {leaf.words.text!r}, which names no event apart from the one before"
            return
        lo, hi = tree.count.day_range()
        try:
            self.case.relate(
                reference, later, lo, hi, a_point="end", b_point="start", words=self.excerpt(start, end), kind="gap"
            )
        except ChronologyError as error:
            record.reason = f"not placed: {error}"
            return
        record.anchor, record.reference, record.gap = later, reference, True
        if draft.event is None:
            # the clause of a gap dates the event the gap ends with: its kind is that event's
            # (not the leaving the clause also names: "when staff asked her to leave ... a gap before a referral")
            if draft.kind is not None and draft in self.by_kind.get(draft.kind, []):
                self.by_kind[draft.kind].remove(draft)  # found under its own kind from now on
            draft.event, draft.kind = later, later.kind
            draft.kinds = {later.kind} if later.kind else set()
            if draft.kind is not None:
                insort(self.by_kind.setdefault(draft.kind, []), draft, key=_start_of)
        self.depends.setdefault(id(later), set()).add(id(reference))
        if id(reference) in self.dated:
            self.dated.add(id(later))
            last[draft.section] = later

    def place(self, event: Event, start: int, end: int, words: str, record: Placed) -> None:
        if self.document_day is not None and not (record.anchor or record.birth or record.reference):
            # "Sep-19" is the September nearest the document's date: a rule of the absolute year, which no
            # span of days from the document's event can say; where that date is one known day, read it so
            when = self.on_document_day(start, end, words)
            if when is not None:
                self.case.place(event, when, reference=event)
                return
        self.case.place(
            event,
            self.excerpt(start, end, words),
            person=record.birth,
            anchor=record.anchor,
            # (a phrase without a reference time is given its own event: Case would otherwise
            # look for the event added last, a scan of the whole case)
            reference=record.reference or event,
        )

    def on_document_day(self, start: int, end: int, words: str) -> When | None:
        """The phrase read with the document's own date, where it counts from that date alone."""
        from chronology.phrases import parse_when

        try:
            tree = parse(words)
            if not all(isinstance(leaf, DocumentDate) for leaf in anchors_of(tree)) or not anchors_of(tree):
                return None
            read_ = parse_when(words, document_date=self.document_day)
        except ChronologyError:
            return None
        excerpt = self.excerpt(start, end, words)
        return When(read_.readings, excerpt.text, read_.kind, excerpt)

    def place_within_period(self, event: Event, tree: Node, words: Excerpt, reference: Event) -> None:
        """ "later in 2012", "earlier in April 2011": inside the period, and after (before) the
        reference time, as two statements in the phrase's words.  (The engine's day offsets for such
        a rule are taken over sample days, which a period fixed in the calendar does not allow.)"""
        assert isinstance(tree, Aligned)
        first, last = date.fromordinal(int(tree.arg[0])), date.fromordinal(int(tree.arg[1]))  # type: ignore[call-overload]
        self.case.place(event, When((Interval(first, last),), words.text, "narrative", words), reference=event)
        if tree.rule == "later_in":
            self.case.relate(reference, event, 1, None, a_point="start", b_point="start", words=words, kind="narrative")
        else:
            self.case.relate(event, reference, 1, None, a_point="end", b_point="start", words=words, kind="narrative")

    def circular(self, event: Event, record: Placed) -> bool:
        """Whether placing ``event`` from the record's anchors would make a cycle of phrases."""
        todo = [id(e) for e in (record.anchor, record.reference, record.birth.birth if record.birth else None) if e]
        seen: set[int] = set()
        while todo:
            current = todo.pop()
            if current == id(event):
                return True
            if current in seen:
                continue
            seen.add(current)
            if len(seen) > _CYCLE_SEARCH:
                return True  # too far to tell: leave the phrase unplaced rather than risk a cycle
            todo.extend(self.depends.get(current, ()))
        return False

    def gestation(self, found: Found, draft: Draft) -> tuple[str, Node] | None:
        """ "She booked at 14 weeks": in a clause about a pregnancy, a bare age in weeks is weeks of
        pregnancy, read as the grammar reads "14 weeks pregnant" (counted back from the birth)."""
        tree = found.tree
        if not (isinstance(tree, Shift) and isinstance(tree.base, Birth) and tree.direction == 1):
            return None
        m = _BARE_WEEKS.fullmatch(found.text)
        if m is None or _PRONOUN.search(found.text) or self.named_in(found.start, found.end):
            return None
        if not _ANTENATAL.search(self.text, draft.start, draft.end):
            return None
        words = f"{m.group(1)} pregnant"
        try:
            read = parse(words)
        except ChronologyError:
            return None
        return (words, read) if isinstance(read, Shift) and read.direction == -1 else None

    def reference_for(self, draft: Draft, at: int, last: dict[int, Event]) -> Event | None:
        """The reference time at ``at``: a dated event the sentence names before it ("at the time of
        his death", "following her homelessness application", "on leaving the refuge"), else the
        event last dated in the section."""
        sentence_start = self._sentence_start(draft, at)
        told = [m for m in _AT_THE_TIME.finditer(self.text, sentence_start, draft.end) if kind_in(m.group(1))]
        # the nearest before the phrase, else the first after it in the clause ("(same day) ...
        # following her homelessness application")
        before = [m for m in told if m.end() <= at]
        ordered = before[::-1] + [m for m in told if m.start() >= at]
        for m in ordered:
            event = self.anchor_event(m.group(1), m.start(1), m.end(1), draft, create=False, wide=True)
            if event is not None and id(event) in self.dated and event is not draft.event:
                return event
        event = last.get(draft.section)
        return event if event is not draft.event else None

    def _sentence_start(self, draft: Draft, at: int) -> int:
        """Where the sentence holding ``at`` starts (after the last full stop or line break), looked
        for no further back than 200 characters before the draft (from the text's start, each
        search was quadratic in a text without either)."""
        lower = max(draft.start - 200, 0)
        return max(self.text.rfind(".", lower, at), self.text.rfind("\n", lower, at), lower)

    def gap_start(self, draft: Draft, at: int, reference: Event | None) -> Event | None:
        """The event a gap runs from: one the sentence tells before it ("when staff asked Mother S to
        leave the refuge there was a four day gap"), else the reference time."""
        sentence_start = self._sentence_start(draft, at)
        best = None
        for m in self.kinds.pattern.finditer(self.text, sentence_start, at):
            best = m
        if best is not None:
            kind = self.kinds.by_form[best.group().lower()]
            event = self.event_named(kind, None, at, draft, wide=True)
            if event is not None and id(event) in self.dated:
                return event
        return reference

    def bind(self, record: Placed, tree: Node, start: int, end: int, draft: Draft, reference: Event | None) -> None:
        for leaf in anchors_of(tree):
            if isinstance(leaf, Birth):
                person = self.birth_person(leaf, start, end, draft, tree)
                if person is None:
                    record.reason = "an age, but whose birth is not clear"
                    return
                record.birth = person
            elif isinstance(leaf, Named):
                a = start + leaf.words.start
                b = start + (leaf.words.end if leaf.words.end is not None else leaf.words.start + len(leaf.words.text))
                if (
                    draft.kind is not None
                    and kind_in(leaf.words.text) == draft.kind
                    and not self.told_before(draft.kind, a, draft)
                ):
                    # "On the evening of his admission Child M was taken to hospital": the phrase names
                    # the event it belongs to, which no earlier words tell: it says nothing of its date
                    record.reason = f"names the event it dates ({leaf.words.text!r}): no date of its own"
                    record.names_own = True
                    return
                event = self.anchor_event(leaf.words.text, a, b, draft)
                if event is None:
                    record.reason = f"counts from {leaf.words.text!r}, which names no event the text dates"
                    return
                if record.anchor is not None and record.anchor is not event:
                    record.reason = "counts from two events"
                    return
                record.anchor = event
                if isinstance(tree, Endpoint) or _endpoint_of(tree, leaf) is not None:
                    record.anchor_point = _endpoint_of(tree, leaf)
            elif isinstance(leaf, Reference):
                if reference is None:
                    record.reason = "counts from the narrative's reference time, but no event is dated before it here"
                    return
                record.reference = reference
            elif isinstance(leaf, DocumentDate) and self.case.document is None:
                record.reason = "counts from the document's date, which the text does not give"
                return

    def told_before(self, kind: str, at: int, draft: Draft) -> bool:
        """Whether an event of ``kind`` other than the draft's own is told before ``at``."""
        drafts = self.by_kind.get(kind, [])
        before = bisect_left(drafts, at, key=_start_of)
        return any(d is not draft and d.event is not None for d in drafts[max(0, before - _ANCHOR_SEARCH) : before])

    def birth_person(self, leaf: Birth, start: int, end: int, draft: Draft, tree: Node | None = None) -> Person | None:
        """Whose birth an age counts from: a person named in the phrase, the child of a pregnancy, a
        pronoun's person; else, for an adult's age ("these early years of adulthood"), the adult the
        clause names first, and for a child's, the child the clause is about."""
        words = self.text[start:end]
        for _a, _b, name in self.named_in(start, end):
            return self.person(name)
        if _PREGNANT.search(words) or "prematur" in words.lower():
            return self.person(self.child_of(draft))
        m = _PRONOUN.search(words)
        if m is not None and m.group(1).lower() not in ("they", "their", "them"):
            return self.person(self.aged(m.group(1), start + m.start(1), tree))
        if leaf.person:
            named = [p for p in self.people.persons if p.label.lower().endswith(" " + leaf.person.lower())]
            if len(named) == 1:
                return self.person(named[0].label)
        if (
            _INTRODUCES.match(words)
            and not _CHECK_WORD.search(words)
            and not _APPOSED.search(self.text, max(draft.start, start - 40), start)
        ):
            # "a three month old baby", "a 14 year old": the phrase introduces someone the text does not name
            return self.unnamed(start, end, draft)
        # the people of the clause, else of its sentence ("..., and had lived in a placement from age 16")
        candidates = draft.people or self.people_of(draft.sentence if draft.sentence >= 0 else draft.start, draft.end)
        infos = [info for info in (self.people.get(name) for name in candidates) if info is not None]
        if tree is not None and _years(tree) >= _TEEN_MONTHS:
            # a teenager's or a grown-up's age ("as a teenager", "from age 16"): the clause's first person
            # who can be that old
            adult = _adult_age(tree)
            chosen = next((i for i in infos if not (adult and i.child)), None)
        else:
            # a child's age ("at one year", "at ten weeks"): a child of the clause, else the one it is about
            chosen = next((i for i in infos if i.child), None)
        if chosen is not None:
            return self.person(chosen.label)
        return self.person(self.child_of(draft)) or self.unnamed(start, end, draft)

    def aged(self, pronoun: str, at: int, tree: Node | None) -> str | None:
        """Whose age a pronoun gives ("when he was eleven days old", "when she was 22"): the person it
        refers to, where that person can be that old; else the latest person of its gender named
        before it who can (a professional has no age in a review; a grown-up's age is not a child's)."""
        adult = tree is not None and _adult_age(tree)
        young = tree is not None and _infant_age(tree)

        def fits(name: str | None) -> bool:
            info = self.people.get(name) if name is not None else None
            if info is None:
                return False
            return not (adult and info.child) and not (young and not info.child)

        word = pronoun.lower()
        first = self.resolve(pronoun, at)
        if first is not None and (fits(first) or not (adult or young)):
            return first
        gender = "male" if word in _MALE_PRONOUNS else "female" if word in _FEMALE_PRONOUNS else None
        k = bisect_left(self.named_starts, at) - 1
        floor = at - 3000
        while k >= 0 and self.people.named[k][0] >= floor:
            info = self.people.get(self.people.named[k][2])
            agrees = info is not None and (gender is None or info.gender in (None, gender))
            if agrees and info is not None and (fits(info.label) or not (adult or young)):
                return info.label
            k -= 1
        subject = self.people.subject
        return subject if young and fits(subject) else first

    def unnamed(self, start: int, end: int, draft: Draft) -> Person | None:
        """Someone the text names by a noun only ("a 17-week old infant", "the baby"): a person of
        the case called by that noun, the same one wherever the same noun stands."""
        m = _PERSON_NOUN.search(self.text, start, end) or _PERSON_NOUN.search(self.text, draft.start, draft.end)
        noun = m.group(1).lower() if m is not None else "child"
        name = f"the {noun}"
        person = self.persons.get(name)
        if person is None:
            taken = {p.name.casefold() for p in self.case.people}
            if name in taken:
                return next(p for p in self.case.people if p.name.casefold() == name)
            person = self.case.person(name)
            self.persons[name] = person
        return person

    def anchor_event(
        self, words: str, start: int, end: int, draft: Draft, create: bool = True, wide: bool = False
    ) -> Event | None:
        """The event named by ``words``: by kind and person, else by the words, else a new one.

        "his death" is the person's death wherever it is told; "that assessment", "the referral"
        are the latest such event told before in the same section (a kind close to it will do:
        an assessment for a check); where none is, the words name an event of their own."""
        told = self.anchor_drafts.get((start, end))
        if told is not None and told.event is not None:
            return told.event
        lowered = words.lower()
        kind = "life" if re.search(r"\blife\b", lowered) else kind_in(words)
        owner = self.anchor_owner(words, start, end, draft)
        if kind is not None:
            # the anchor's other words ("the refuge" of "leaving the refuge") tell one such event from another
            content = [
                w
                for w in re.findall(r"[a-z]{4,}", lowered)
                if w not in self.kinds.by_form and w not in ("that", "this", "their", "same", "with", "from")
            ]
            event = self.event_named(kind, None, start, draft, owner=owner, wide=wide, content=content)
            if event is not None:
                return event
        # by the words: the latest draft of the section whose clause holds the anchor's head word
        head = [w for w in re.findall(r"[A-Za-z]{4,}", lowered) if w not in ("that", "this", "their", "same")]
        if head:
            pattern = re.compile(rf"\b{re.escape(head[-1])}", re.IGNORECASE)
            drafts = self.by_section.get(draft.section, [])
            before = bisect_left(drafts, start, key=_start_of)
            for other in reversed(drafts[max(0, before - _ANCHOR_SEARCH) : before]):
                if (
                    other.start < start
                    and other is not draft
                    and other.founds
                    and pattern.search(self.text, other.start, other.end)
                ):
                    return other.event
        if not create:
            return None
        person = self.person(owner)
        description = " ".join(words.split())
        for prefix in ("the ", "his ", "her ", "their ", "a ", "an ", "that ", "this "):
            if description.lower().startswith(prefix):
                description = description[len(prefix) :]
                break
        if person is not None and person.name.lower() not in description.lower():
            description = f"{description} ({person.name})"
        event = self.case.event(
            description, kind=kind, people=(person,) if person else (), source=self.excerpt(start, end)
        )
        stand_in = Draft(start, end, draft.section, True, kind=kind, people=[person.name] if person else [])
        stand_in.event = event
        if kind is not None:
            stand_in.kinds.add(kind)
        self.drafts.append(stand_in)
        self.index(stand_in)
        return event

    def anchor_owner(self, words: str, start: int, end: int, draft: Draft) -> str | None:
        for _a, _b, name in self.named_in(start, end):
            return name
        m = _PRONOUN.search(words)
        if m is not None and m.group(1).lower() not in ("they", "their", "them"):
            return self.resolve(m.group(1), start + m.start())
        return None

    def event_named(
        self,
        kind: str,
        determiner: str | None,
        at: int,
        draft: Draft,
        owner: str | None = None,
        wide: bool = False,
        content: Sequence[str] = (),
    ) -> Event | None:
        """The event of ``kind`` for a person: theirs for a birth, death or life; else the latest such
        event before ``at`` (the next one where none is before)."""
        if owner is None and determiner is not None:
            d = determiner.lower()
            if d in ("his", "her", "their"):
                owner = self.resolve(d, at)
            elif d != "the":
                named = self.people.get(re.sub(r"['’]s$", "", determiner))
                owner = named.label if named is not None else None
        if kind in ("birth", "death", "life"):
            person = self.person(owner or self.child_of(draft))
            if person is None:
                return None
            if kind == "birth":
                return person.birth
            if kind == "death":
                return self.death_of(person)
            return self.life_of(person)
        close = _RELATED.get(kind, frozenset()) | {kind}
        same = self.by_section.get(draft.section, [])

        def latest(drafts: list[Draft], wanted: Callable[[Draft], bool]) -> Draft | None:
            # the latest draft told before ``at`` that is wanted, the owner's first where there is one
            before = bisect_left(drafts, at, key=_start_of)
            stop = max(-1, before - 1 - _ANCHOR_SEARCH)  # bounded: a long document stays linear
            for own in (True, False) if owner is not None else (False,):
                for j in range(before - 1, stop, -1):
                    d = drafts[j]
                    if d is draft or d.event is None or not wanted(d):
                        continue
                    if not own or owner in d.people:
                        return d
            return None

        searches: list[tuple[list[Draft], Callable[[Draft], bool]]] = [
            (same, lambda d: d.kind == kind),
            # an event of a close kind ("her move": the leaving just told) before a clause that only
            # names one in passing ("when staff asked her to leave the refuge, ... a referral was made")
            (same, lambda d: d.kind in close),
            (same, lambda d: bool(d.kinds & close)),
        ]
        if owner is not None:
            searches.append((self.by_kind.get(kind, []), lambda d: owner in d.people))
        if wide:
            # words that set the time ("on leaving the refuge") may name an event told in an
            # earlier section: the latest of that kind, or of a kind close to it, first one whose
            # clause holds the anchor's other words (leaving the refuge, not the hospital)
            if content:
                pattern = re.compile("|".join(rf"\b{re.escape(w)}" for w in content), re.IGNORECASE)

                def holds(d: Draft) -> bool:
                    return len({m.group().lower() for m in pattern.finditer(self.text, d.start, d.end)}) == len(
                        set(content)
                    )

                same_words = [found for k in sorted(close) if (found := latest(self.by_kind.get(k, []), holds))]
                if same_words:
                    searches.append(([max(same_words, key=lambda d: d.start)], lambda d: True))
            searches.append((self.by_kind.get(kind, []), lambda d: True))
            near = [found for k in sorted(close) if (found := latest(self.by_kind.get(k, []), lambda d: True))]
            if near:
                searches.append(([max(near, key=lambda d: d.start)], lambda d: True))
        for drafts, wanted in searches:
            found = latest(drafts, wanted)
            if found is not None:
                return found.event
        return None

    def fact(self, first: Event, then: Event, gap: int, says: str, words: Excerpt) -> None:
        """``then`` is on or after ``first`` (at least ``gap`` days), as reviews take for granted."""
        with contextlib.suppress(ChronologyError):
            self.case.relate(first, then, gap, None, a_point="start", b_point="start", words=words, kind="fact")

    def order_words(self, draft: Draft, previous: Draft | None) -> None:
        """Order words between clauses: "Subsequently, ...", "Thereafter ..." at the start of a
        clause, or "..., before ...", "... and then ..." between two dated clauses of a sentence,
        put the clause's event after the one told before it (after it for "after"/"following")."""
        if draft.event is None or previous is None or previous.event is None or previous.event is draft.event:
            return
        if previous.section != draft.section:
            return
        opening = _THEN.match(self.text, draft.start, draft.founds[0].start)
        between = None
        if opening is None and previous.founds and previous.founds[-1].end <= draft.founds[0].start:
            gap_start, gap_end = previous.founds[-1].end, draft.founds[0].start
            if "." not in self.text[gap_start:gap_end] and gap_end - gap_start < 200:
                between = _BETWEEN.search(self.text, gap_start, gap_end)
        found = opening or between
        if found is None:
            return
        word = found.group(1).lower()
        first, then = (draft.event, previous.event) if word in ("after", "following") else (previous.event, draft.event)
        with contextlib.suppress(ChronologyError):
            self.case.after(then, first, words=self.excerpt(found.start(1), found.end(1)))

    def facts(self) -> None:
        """What reviews take for granted: a woman pregnant at an event gives birth to the child
        within a term of it; a child named in an event was born by then; the decision to review
        a child's death follows it."""
        self.link_lives()
        subject = self.person(self.people.subject)
        death = self.deaths.get(subject.name.casefold()) if subject is not None else None
        for draft in self.drafts:
            if draft.event is None or not draft.founds or draft.kind in ("birth", "death", "life"):
                continue
            clause = self.excerpt(draft.start, draft.end)
            if death is not None and "review" in draft.kinds and _THIS_REVIEW.search(self.text, draft.start, draft.end):
                self.fact(death, draft.event, 0, "a review of a death follows it", clause)
            if _BEFORE_BIRTH.search(self.text, draft.start, draft.end):
                continue
            for a, b, name in self.named_in(draft.start, draft.end):
                info = self.people.get(name)
                person = self.person(name)
                if info is not None and info.child and person is not None and person.birth is not draft.event:
                    self.fact(person.birth, draft.event, 0, f"{name} takes part, so was born", self.excerpt(a, b))
                    break
        document = self.case.document if self.document_bounded else None
        if document is not None:
            # a review tells what happened before it was written: its plans and hopes aside
            for draft in self.drafts:
                if draft.event is None or not draft.founds or draft.event is document:
                    continue
                if _FUTURE.search(self.text, draft.start, draft.end):
                    continue
                clause = self.excerpt(draft.start, draft.end)
                self.fact(draft.event, document, 0, "told before the document's date", clause)
        for draft in self.drafts:
            if draft.event is None or draft.kind == "birth" or draft.section < 0:
                continue
            for m in _PREGNANT.finditer(self.text, draft.start, draft.end):
                if any(f.start <= m.start() < f.end for f in draft.founds):
                    break  # an age of pregnancy ("24 weeks pregnant") already says it
                if _NOT_THIS_PREGNANCY.search(self.text, draft.start, draft.end):
                    break
                child = self.person(self.child_of(draft))
                if child is None or child.birth is draft.event:
                    break
                with contextlib.suppress(ChronologyError):
                    self.case.relate(
                        draft.event,
                        child.birth,
                        0,
                        _PREGNANCY_DAYS,
                        a_point="end",
                        words=self.excerpt(m.start(), m.end()),
                        kind="pregnancy",
                    )
                break


def _adult_age(tree: Node) -> bool:
    """Whether an age is a grown-up's: sixteen years or more ("aged 71", "early adulthood")."""
    count = getattr(tree, "count", None)
    if isinstance(tree, Shift) and isinstance(tree.base, Birth) and count is not None:
        return bool(count.low.months >= _ADULT_MONTHS)
    base = getattr(tree, "base", None)
    return _adult_age(base) if base is not None else False


def _years(tree: Node) -> int:
    """The fewest months an age counts (0 where the tree is no age)."""
    count = getattr(tree, "count", None)
    if isinstance(tree, Shift) and isinstance(tree.base, Birth) and count is not None:
        return int(count.low.months)
    base = getattr(tree, "base", None)
    if base is not None:
        return _years(base)
    if isinstance(tree, Between):
        return _years(tree.start)
    return 0


def _start_of(draft: Draft) -> int:
    return draft.start


def _infant_age(tree: Node) -> bool:
    """Whether an age is a baby's: under two years ("eleven days old", "at one year")."""
    count = getattr(tree, "count", None)
    if isinstance(tree, Shift) and isinstance(tree.base, Birth) and count is not None:
        return bool(count.low.months < 24)
    base = getattr(tree, "base", None)
    return _infant_age(base) if base is not None else False


def _within_period(tree: Node) -> bool:
    """ "later in 2012", "earlier in April 2011": a part of a calendar period beside the reference."""
    return (
        isinstance(tree, Aligned)
        and tree.rule in ("later_in", "earlier_in")
        and isinstance(tree.base, Reference)
        and len(tree.arg) == 2
    )


def _names_check(found: Found) -> bool:
    """An age that names the event itself: "his six to eight week check", "a fourteen week review"."""
    return found.kind == "age" and _CHECK_WORD.search(found.text) is not None


def _is_gap(found: Found) -> bool:
    """ "a four day gap before the referral": a gap counted to a named event."""
    tree = found.tree
    return isinstance(tree, Shift) and isinstance(tree.base, Named) and "gap" in found.text.lower()


def _tree(found: Found, whole: bool = False) -> Node:
    if whole and found.whole is not None:
        return found.whole[3]
    assert found.tree is not None
    return found.tree


def _endpoint_of(tree: Node, leaf: Named) -> str | None:
    """``start``/``end`` where ``tree`` names an end point of the event ``leaf`` names."""
    if isinstance(tree, Endpoint):
        return tree.which if tree.base is leaf else _endpoint_of(tree.base, leaf)
    base = getattr(tree, "base", None)
    if base is not None:
        return _endpoint_of(base, leaf)
    if isinstance(tree, Between):
        return _endpoint_of(tree.start, leaf) or _endpoint_of(tree.end, leaf)
    return None


def build(
    text: str,
    segments: Sequence[Segment],
    founds: Sequence[Found],
    people: People,
    case: Case,
    *,
    agencies: Sequence[AgencyMention] = (),
    source: str | None = None,
    to_original: Any = None,
    own_date: Found | None = None,
    document_bounded: bool = False,
    document_day: date | None = None,
) -> tuple[list[Draft], list[Placed]]:
    """Read ``founds`` into ``case``: people, events, placements and order statements.

    ``document_bounded`` says that the document's date is its own (given, or a publication line):
    then every event it tells as past is on or before it.  Returns the drafts (each with its event)
    and what became of each mention.
    """
    mapping = to_original if to_original is not None else (lambda a, b: (a, b))
    reader = _Reader(text, segments, founds, people, case, source, mapping, agencies)
    reader.own_date = own_date
    reader.document_bounded = document_bounded
    reader.document_day = document_day
    for info in people.persons:
        reader.person(info.label)
    if people.subject is not None:
        subject = reader.person(people.subject.label)
        if subject is not None:
            case.subject = subject
    reader.read_drafts()
    reader.make_events()
    reader.place_all()
    reader.facts()
    placed = {id(p.found): p for p in reader.placed}
    records = [placed.get(id(f)) or Placed(f) for f in founds]
    return reader.drafts, records
