"""The people of a review: who is named, how, their gender, and who each "he" and "her" is.

Reviews are anonymised: people are labels ("Child S", "Mother S", "Male B",
"Sibling 1", "Mr K"), family words ("the mother", "Maternal Grandmother",
"her partner"), parts in the case ("the perpetrator", "the Woman"), or
pseudonyms the text introduces ("referred to as Holly").  :func:`find_people`
finds them in a :class:`~chronology.reading.text.Cleaned` text and returns
:class:`People`:

- each :class:`Individual` with its label, aliases, gender, role and mentions;
- the subject (the child in the title, else the child most named);
- every pronoun and possessive ("he", "her", "his") resolved to the most salient
  compatible person: a small, principled salience model (see :func:`find_people`);
- births and deaths the text tells of, as cues tied to their person.

>>> people = find_people("Child S was born in 2010. Mother S took him home. She was seen by the GP.")
>>> [(p.label, p.gender) for p in people.persons]
[('Child S', 'male'), ('Mother S', 'female')]
>>> text = people.text
>>> people.resolve(text.index("him"), text.index("him") + 3).label
'Child S'
>>> people.resolve(text.index("She"), text.index("She") + 3).label
'Mother S'

Offsets: a :class:`PersonMention` carries its place in the original text
(``start``/``end``) and in the cleaned text (``clean_start``/``clean_end``);
:meth:`People.at` and :meth:`People.resolve` take cleaned offsets, the ones a
finder scanning ``people.text`` has.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from chronology.errors import InvalidValue
from chronology.reading._toml import load_file, require
from chronology.reading.text import Cleaned, clean

__all__ = ["Individual", "LifeEvent", "People", "PersonMention", "find_people", "Vocabulary"]

Gender = Literal["female", "male"]
MentionKind = Literal["label", "name", "kin", "role", "pronoun"]

DATA = Path(__file__).resolve().parent / "data" / "people.toml"


@attrs.frozen
class PersonMention:
    """Words that name or refer to a person: ``kind`` is ``label`` ("Child S"), ``name`` (a
    pseudonym), ``kin`` ("the mother"), ``role`` ("the perpetrator") or ``pronoun``.

    ``person`` is the index of the person in :attr:`People.persons`, or ``-1`` where a pronoun
    refers to no one of the case (a professional, a group).
    """

    start: int
    end: int
    clean_start: int
    clean_end: int
    text: str
    kind: MentionKind
    person: int


@attrs.frozen
class Individual:
    """Someone in the case: ``label`` as the review names them, other names in ``aliases``.

    ``role`` is what they are to the family ("child", "mother", "partner", ...), ``gender``
    ``"female"``, ``"male"`` or ``None`` where the text does not show it, ``child`` whether a
    child.  ``mentions`` are the places the text names them (pronouns are in
    :attr:`People.mentions`).  ``relations`` pair a family word with the person it relates
    to: ``("mother", "Child S")`` for Mother S.
    """

    label: str
    aliases: tuple[str, ...] = ()
    gender: Gender | None = None
    role: str | None = None
    child: bool = False
    mentions: tuple[PersonMention, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.label

    @property
    def names(self) -> tuple[str, ...]:
        """The label and every alias."""
        return (self.label, *self.aliases)


@attrs.frozen
class LifeEvent:
    """A birth or death the text tells of: ``kind`` ``"birth"`` or ``"death"``, whose (``person``,
    an index into :attr:`People.persons`), and the cue words (``start``/``end`` original offsets,
    ``clean_start``/``clean_end`` cleaned ones)."""

    kind: Literal["birth", "death"]
    person: int
    start: int
    end: int
    clean_start: int
    clean_end: int
    text: str


@attrs.frozen(repr=False)
class People:
    """The people of a text, every mention of them, the subject, and their births and deaths.

    >>> people = find_people("Mother S (MH) met Male B. MH said that he was kind.")
    >>> people.get("MH").label, people.get("mh").gender
    ('Mother S', 'female')
    """

    text: str
    persons: tuple[Individual, ...]
    mentions: tuple[PersonMention, ...]
    subject: Individual | None
    life_events: tuple[LifeEvent, ...] = ()
    _starts: tuple[int, ...] = attrs.field(default=(), eq=False, alias="_starts")

    def __repr__(self) -> str:
        names = ", ".join(p.label for p in self.persons[:6])
        more = "..." if len(self.persons) > 6 else ""
        return f"People({len(self.persons)}: {names}{more})"

    def __iter__(self) -> Iterator[Individual]:
        return iter(self.persons)

    def __len__(self) -> int:
        return len(self.persons)

    def get(self, name: str) -> Individual | None:
        """The person called ``name`` (a label or an alias; case and spacing aside).

        >>> find_people("Child S and his mother.").get("child s").label
        'Child S'
        """
        wanted = _key(require(name, str, "get(name)"))
        return next((p for p in self.persons if any(_key(n) == wanted for n in p.names)), None)

    def person(self, mention: PersonMention) -> Individual | None:
        """The person a mention refers to (``None`` for a pronoun that refers to no one of the case).

        >>> people = find_people("Mother S said that she was well.")
        >>> [(m.text, people.person(m).label) for m in people.mentions]
        [('Mother S', 'Mother S'), ('she', 'Mother S')]
        """
        return self.persons[mention.person] if 0 <= mention.person < len(self.persons) else None

    def mentions_in(self, start: int, end: int) -> tuple[PersonMention, ...]:
        """The mentions within cleaned offsets ``start``..``end``, in order.

        >>> people = find_people("Mother S saw Child S. He smiled.")
        >>> [m.text for m in people.mentions_in(0, 21)]
        ['Mother S', 'Child S']
        """
        if not (isinstance(start, int) and isinstance(end, int)):
            raise InvalidValue(f"mentions_in() takes offsets, not {start!r} and {end!r}")
        k = bisect_left(self._starts, start)
        out = []
        while k < len(self.mentions) and self.mentions[k].clean_start < end:
            if self.mentions[k].clean_end <= end:
                out.append(self.mentions[k])
            k += 1
        return tuple(out)

    def at(self, offset: int) -> Individual | None:
        """The person named or referred to by the words at cleaned ``offset``, if any.

        >>> people = find_people("Mother S saw Child S. He smiled.")
        >>> people.at(people.text.index("He")).label
        'Child S'
        """
        return self.resolve(offset, offset + 1)

    def resolve(self, start: int, end: int) -> Individual | None:
        """The person that the words at cleaned ``start``..``end`` name or refer to.

        The first mention overlapping the span decides; ``None`` where no mention does, or the
        words refer to no one of the case.

        >>> people = find_people("Mother S was seen by the health visitor. She was well.")
        >>> people.resolve(41, 44).label
        'Mother S'
        """
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= len(self.text):
            raise InvalidValue(f"{start!r}-{end!r} is not a span of a text of {len(self.text)} characters")
        k = bisect_right(self._starts, start) - 1
        for j in (k, k + 1, k + 2):
            if 0 <= j < len(self.mentions):
                m = self.mentions[j]
                if m.clean_start < max(end, start + 1) and m.clean_end > start:
                    return self.person(m)
        return None

    def births(self) -> dict[str, LifeEvent]:
        """The first birth the text tells of, for each person (by label).

        >>> people = find_people("Child S was born in the winter of 2010.")
        >>> people.births()["Child S"].text
        'was born'
        """
        out: dict[str, LifeEvent] = {}
        for event in self.life_events:
            if event.kind == "birth":
                out.setdefault(self.persons[event.person].label, event)
        return out

    def deaths(self) -> dict[str, LifeEvent]:
        """The first death the text tells of, for each person (by label).

        >>> find_people("Child S died the following day.").deaths()["Child S"].text
        'died'
        """
        out: dict[str, LifeEvent] = {}
        for event in self.life_events:
            if event.kind == "death":
                out.setdefault(self.persons[event.person].label, event)
        return out


# -- the vocabulary ---------------------------------------------------------------------------------


@attrs.frozen
class Word:
    """What a word for a person says: gender (or ``None``), role, whether a child."""

    gender: Gender | None
    role: str
    child: bool = False


@attrs.frozen(eq=False)
class Vocabulary:
    """The words people are named with (``data/people.toml``; see that file for its format).

    >>> Vocabulary.default().labels["mother"].gender
    'female'
    """

    labels: Mapping[str, Word]
    kin: Mapping[str, Word]
    roles: Mapping[str, Word]
    professionals: frozenset[str]
    child_words: frozenset[str] = frozenset()
    parent_words: frozenset[str] = frozenset()

    @classmethod
    def default(cls) -> Vocabulary:
        """The vocabulary shipped with the library.

        >>> "maternal grandmother" in Vocabulary.default().kin
        True
        """
        return _default_vocabulary()

    @classmethod
    def from_file(cls, path: Path | str) -> Vocabulary:
        """A vocabulary from a TOML file in the format of ``data/people.toml``, checked on load.

        >>> Vocabulary.from_file(DATA).labels["sibling"].role
        'sibling'
        """
        return _vocabulary(load_file(path), str(path))


def _words(table: Any, where: str, *, child_default: bool = False) -> dict[str, Word]:
    out: dict[str, Word] = {}
    for text, row in require(table, dict, where).items():
        at = f"{where} {text!r}"
        require(row, dict, at)
        gender = require(row.get("gender", ""), str, f"{at}.gender")
        if gender not in ("", "female", "male"):
            raise InvalidValue(f"{at}.gender: expected 'female', 'male' or '', got {gender!r}")
        role = require(row.get("role"), str, f"{at}.role")
        child = require(row.get("child", child_default), bool, f"{at}.child")
        out[" ".join(text.lower().split())] = Word(gender or None, role, child)
    return out


def _vocabulary(data: dict[str, Any], where: str) -> Vocabulary:
    for table in ("labels", "kin", "roles", "professionals"):
        if table not in data:
            raise InvalidValue(f"{where}: the table [{table}] is missing")
    professionals = require(data["professionals"].get("words"), list, f"{where} [professionals].words")
    context = require(data.get("context", {}), dict, f"{where} [context]")
    shipped = None if where == "people.toml" else _default_vocabulary

    def context_words(key: str) -> frozenset[str]:
        if key not in context:
            if shipped is None:
                raise InvalidValue(f"{where} [context]: the list {key} is missing")
            return frozenset(getattr(shipped(), key))
        words = require(context[key], list, f"{where} [context].{key}")
        return frozenset(" ".join(require(w, str, f"{where} [context].{key}").lower().split()) for w in words)

    return Vocabulary(
        labels=_words(data["labels"], f"{where} [labels]"),
        kin=_words(data["kin"], f"{where} [kin]"),
        roles=_words(data["roles"], f"{where} [roles]"),
        professionals=frozenset(require(w, str, f"{where} [professionals]").lower() for w in professionals),
        child_words=context_words("child_words"),
        parent_words=context_words("parent_words"),
    )


@cache
def _default_vocabulary() -> Vocabulary:
    return _vocabulary(load_file(DATA), "people.toml")


def _alternation(words: Any) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any run of spaces.

    Blank words are dropped, and no words at all give an alternation that never matches
    (an empty one would match everywhere: every pseudonym a child's, every place a professional).
    """
    ordered = sorted((w for w in words if w.split()), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered) or "(?!)"


@attrs.frozen
class _Patterns:
    label: re.Pattern[str]
    kin: re.Pattern[str]
    role: re.Pattern[str]
    professional: re.Pattern[str]
    child_before: re.Pattern[str]
    parent_after: re.Pattern[str]


@cache
def _patterns(vocabulary: Vocabulary) -> _Patterns:
    labels = _alternation(vocabulary.labels)
    kin = _alternation(vocabulary.kin)
    roles = _alternation(vocabulary.roles)
    professionals = _alternation(vocabulary.professionals)
    return _Patterns(
        label=re.compile(
            rf"(?<![\w-])(?P<pair>(?i:mr\.?\s+and\s+mrs)\.?\s+(?P<pid>[A-Z]))(?![\w&])"
            rf"|(?<![\w-])(?P<word>(?i:{labels}))\.?[ \t]+(?P<id>[A-Z]{{1,2}}|\d{{1,2}})(?![\w&])"
        ),
        kin=re.compile(rf"(?<![\w-])(?P<kin>(?i:{kin}))(?![\w-])(?!\s+[A-Z]{{1,2}}(?![\w]))(?P<of>\s+of\s+)?"),
        role=re.compile(rf"(?<![\w-])(?P<det>[Tt]he)\s+(?P<role>(?i:{roles}))(?![\w-])"),
        professional=re.compile(rf"(?<![\w-])(?i:{professionals})(?![\w-])"),
        # A pseudonym given to a child: "The child, who will be referred to as ...".
        child_before=re.compile(rf"(?i)\b(?:{_alternation(vocabulary.child_words)})\b[^.;]{{0,50}}$"),
        # A name whose mother or father the text speaks of is a child's: "Olly's father, Mr T".
        parent_after=re.compile(rf"['’]s\s+(?:birth\s+)?(?:{_alternation(vocabulary.parent_words)})\b"),
    )


# -- finding people -----------------------------------------------------------------------------

_PRONOUN: Final = re.compile(r"(?<![\w'’-])(?i:(?P<m>he|him|his|himself)|(?P<f>she|her|hers|herself))(?![\w'’-])")
_SENTENCE_END: Final = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"“‘(])|\n\s*\n|[;:]\s*\n")
_ABBREVIATIONS: Final = frozenset(("mr", "mrs", "ms", "dr", "st", "no", "e.g", "i.e", "etc", "para", "vs", "approx"))
_NAME_INTRO: Final = re.compile(
    r"(?:referred\s+to\s+(?:here\s+)?as|known\s+as|called|named|pseudonym(?:\s+of)?|given\s+the\s+name)"
    r"\s+[\"'“‘]?(?P<a>[A-Z][a-z]{2,20})\b"
    r"|(?:subject\s+of\s+this\s+review|(?:younger|older|elder|half|twin)?\s*(?:sibling|sister|brother|daughter|son)"
    r"|baby|infant)"
    r"\s*,\s*(?P<b>[A-Z][a-z]{2,20})\s*[,.;)]"
    r"|(?-i:\b(?:baby|infant))\s+(?P<e>[A-Z][a-z]{2,20})\b(?!\s+[A-Z])"
    r"|(?<![\w'’])(?P<c>[A-Z][a-z]{2,20})\s+(?:was\s+born|died|was\s+killed|was\s+pronounced\s+dead|,\s+aged\s+\d)"
    r"|(?:in\s+respect\s+of|concerning|the\s+death\s+of)\s+(?P<d>[A-Z][a-z]{2,20})\b(?!\s+[A-Z])"
)
# Capitalised words that are not names, even where a pattern above would take them.
_NOT_NAMES: Final = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "they",
        "she",
        "he",
        "his",
        "her",
        "him",
        "it",
        "its",
        "we",
        "our",
        "when",
        "where",
        "while",
        "after",
        "before",
        "during",
        "following",
        "since",
        "until",
        "although",
        "though",
        "however",
        "also",
        "both",
        "each",
        "every",
        "all",
        "any",
        "some",
        "mother",
        "father",
        "child",
        "baby",
        "infant",
        "sibling",
        "police",
        "health",
        "social",
        "housing",
        "probation",
        "review",
        "panel",
        "report",
        "hospital",
        "coventry",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "spring",
        "summer",
        "autumn",
        "winter",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "who",
        "which",
        "what",
        "one",
        "two",
        "three",
        "section",
        "appendix",
        "chapter",
        "mum",
        "dad",
    ]
)
_APPOSITION: Final = re.compile(r"\s*(?:,\s*|\(\s*|[–—-]\s+)")
_INITIALS: Final = re.compile(r"\s*,?\s*\((?P<alias>[A-Z]{1,4}\d?)\)")
_DEFINES: Final = re.compile(
    r"\s*(?:,|\(|[–—-])\s*(?:who\s+(?:is|was)\s+)?(?:(?:the|her|his|a|an)\s+)?"
    r"(?P<words>(?:[\w'’/-]+\s+){0,3}?)(?P<kin>[\w/-]+)\s+(?:of|to)\s+"
)
_BIRTH_AFTER: Final = re.compile(r"['’]s\s+birth\b|\s+(?:was|had\s+been|is)\s+born\b")
_DEATH_AFTER: Final = re.compile(
    r"['’]s\s+(?:death|murder|killing)\b|\s+(?:sadly\s+|subsequently\s+|later\s+)?died\b"
    r"|\s+was\s+(?:killed|murdered|pronounced\s+dead|found\s+dead)\b"
)
_BIRTH_BEFORE: Final = re.compile(r"\b(?P<event>birth)\s+of\s+(?:the\s+)?$")
_DEATH_BEFORE: Final = re.compile(r"\b(?P<event>death|murder|killing|manslaughter)\s+of\s+(?:the\s+)?$")
# A name said to be a child's: "aged 8 months", "a six-year-old", "aged 4".
_CHILD_AGE: Final = re.compile(
    r"(?:\s+(?:died|was\s+\w+))?\s*,?\s*(?:who\s+was\s+|then\s+)?(?:aged\s+(?:\d{1,2}|[a-z]+)\s+(?:months?|weeks?|days?)"
    r"|aged\s+(?:1[0-7]|[1-9])\b(?!\s*(?:months?|weeks?|days?))|aged\s+(?:1[0-7]|[1-9])\s+years?)"
)
_WINDOW: Final = 3  # sentences a pronoun looks back
# What stands before a family word: a determiner, or an owner ("Child S's mother").
_KIN_BEFORE: Final = re.compile(
    r"(?:(?<![\w-])(?P<det>(?i:the|his|her|their|its|a|an|any|every|another|one|each))"
    r"|(?<![\w-])(?P<owner>[A-Z][\w]*(?:\s[A-Z0-9][\w]{0,2})?)['’]s)\s+$"
)
# Before a professional's title: "the", "a", "her" ... and at most two words ("the named health visitor").
_PROFESSIONAL_BEFORE: Final = re.compile(r"(?<![\w-])(?i:the|a|an|her|his|their)\s+(?:[\w-]+\s+){0,2}$")
_PARTNERS: Final = frozenset(("partner", "former partner"))


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@attrs.define
class _Person:
    label: str
    gender: Gender | None
    role: str | None
    child: bool
    aliases: list[str] = attrs.Factory(list)
    relations: list[tuple[str, int]] = attrs.Factory(list)
    count: int = 0
    votes: Counter[str] = attrs.Factory(Counter)


@attrs.define
class _Hit:
    start: int
    end: int
    kind: str
    person: int
    det: str | None = None  # a kin mention's determiner or owner
    owner: int = -2  # a kin mention's owner, once known
    kin: str | None = None


def find_people(text: Cleaned | str, vocabulary: Vocabulary | None = None) -> People:
    """The people of ``text`` (a :class:`Cleaned` text, or a string to clean first).

    People are found by their anonymised labels, the family words and roles the review
    uses, and the pseudonyms it introduces; "Mother S (MH)" and "Male B – the partner of
    Mother S" make aliases and relations.  Each pronoun is resolved to the most salient
    compatible person in its sentence and the two before it: a person named in the same
    sentence outranks one named earlier, the first person named in a sentence (its
    likely subject) outranks later ones, the review's subject breaks ties, and the gender
    must agree where known.  Professionals ("the health visitor ... she") compete too, so
    that a pronoun meaning them is left unresolved rather than given to the family.

    >>> people = find_people("Mother S and Male B met in 2011. He moved in with her in 2013.")
    >>> [(m.text, people.person(m).label) for m in people.mentions if m.kind == "pronoun"]
    [('He', 'Male B'), ('her', 'Mother S')]
    """
    page = text if isinstance(text, Cleaned) else clean(text)
    if vocabulary is not None:
        require(vocabulary, Vocabulary, "vocabulary")
    return _Finder(page, vocabulary or Vocabulary.default()).run()


class _Finder:
    def __init__(self, page: Cleaned, vocabulary: Vocabulary) -> None:
        self.page = page
        self.text = page.text
        self.vocabulary = vocabulary
        self.patterns = _patterns(vocabulary)
        self.persons: list[_Person] = []
        self.by_key: dict[str, int] = {}
        self.hits: list[_Hit] = []
        self.sentences = self._sentences()
        self.child_words: list[Word] = []

    # -- where to look --------------------------------------------------------------------------
    def _sentences(self) -> list[int]:
        """The start offsets of the text's sentences."""
        starts = [0]
        for m in _SENTENCE_END.finditer(self.text):
            before = self.text[max(0, m.start() - 5) : m.start()].lower().rsplit(" ", 1)[-1]
            if before.strip(".(") in _ABBREVIATIONS:
                continue
            starts.append(m.end())
        return starts

    def _sentence(self, offset: int) -> int:
        return bisect_right(self.sentences, offset) - 1

    def _in_skipped(self, offset: int) -> bool:
        """Whether an offset is in text not read for people: the table of contents."""
        return self.page.kind_at(offset) == "toc"

    # -- people ---------------------------------------------------------------------------------
    def _person(self, label: str, word: Any, *, count: bool = True) -> int:
        key = _key(label)
        index = self.by_key.get(key)
        if index is None:
            index = len(self.persons)
            self.persons.append(_Person(label, word.gender, word.role, word.child))
            self.by_key[key] = index
        if count:
            self.persons[index].count += 1
        return index

    def _alias(self, index: int, alias: str) -> None:
        key = _key(alias)
        if key in self.by_key or not alias.strip():
            return
        self.by_key[key] = index
        self.persons[index].aliases.append(alias)

    def run(self) -> People:
        self._labels()
        self._names()
        self._definitions()
        self._roles()
        self.base = [attrs.evolve(h) for h in self.hits]
        scanned = self._scan_rest()
        self._walk(scanned)
        if self._genders_from_pronouns():
            # Walk again, now that more genders are known.
            counts = [p.count for p in self.persons]
            self.hits = [attrs.evolve(h) for h in self.base]
            for hit in scanned:
                hit.person = -1
            self._walk(scanned)
            for person, count in zip(self.persons, counts, strict=False):
                person.count = count
        return self._result()

    def _genders_from_pronouns(self) -> bool:
        """Give a gender to people whose pronouns all (or nearly all) agree; whether any was given."""
        tally: dict[int, Counter[str]] = defaultdict(Counter)
        for hit in self.hits:
            if hit.kind == "pronoun" and hit.person >= 0 and self.persons[hit.person].gender is None:
                tally[hit.person]["male" if hit.det == "m" else "female"] += 1
        changed = False
        for index, votes in tally.items():
            (top, n), *rest = votes.most_common(2) + [("", 0)]
            if n >= 3 * rest[0][1]:
                self.persons[index].gender = top  # type: ignore[assignment]
                changed = True
        return changed

    def _labels(self) -> None:
        labels = self.vocabulary.labels
        for m in self.patterns.label.finditer(self.text):
            if self._in_skipped(m.start()):
                continue
            if m.group("pair"):
                for title in ("Mr", "Mrs"):
                    index = self._person(f"{title} {m.group('pid')}", labels[title.lower()])
                    self.hits.append(_Hit(m.start(), m.end(), "label", index))
                continue
            word = " ".join(m.group("word").split())
            label = f"{word[0].upper()}{word[1:]} {m.group('id')}"
            self.hits.append(_Hit(m.start(), m.end(), "label", self._person(label, labels[word.lower()])))

    def _names(self) -> None:
        """Pseudonyms the text introduces, then every place it uses them."""
        found: dict[str, int] = {}
        for m in _NAME_INTRO.finditer(self.text):
            name = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")
            if name and name.lower() not in _NOT_NAMES and name.lower() not in self.vocabulary.labels:
                found.setdefault(name, m.start())
        if not found:
            return
        pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, found)) + r")(?![\w-])")
        uses = Counter(m.group() for m in pattern.finditer(self.text))
        taken = self._taken()
        children: set[str] = set()
        siblings: set[str] = set()
        for m in _NAME_INTRO.finditer(self.text):
            if m.group("b"):
                (siblings if re.search(r"(?i)sibling|sister|brother", m.group()) else children).add(m.group("b"))
            elif m.group("e"):
                children.add(m.group("e"))  # "baby Alvah"
            elif m.group("a") and self.patterns.child_before.search(self.text, max(0, m.start() - 60), m.start()):
                children.add(m.group("a"))  # "the child, who will be referred to as Ruby"
        for m in pattern.finditer(self.text):
            if uses[m.group()] < 2 or self._in_skipped(m.start()) or self._overlaps(taken, m.start(), m.end()):
                continue
            if _CHILD_AGE.match(self.text, m.end()) or self.patterns.parent_after.match(self.text, m.end()):
                children.add(m.group())  # "Olly, aged 18 weeks", "Olly's father, Mr T"
            index = self._person(m.group(), Word(None, "person"))
            self.hits.append(_Hit(m.start(), m.end(), "name", index))
        for names, role in ((children, "child"), (siblings, "sibling")):
            for name in names:
                index = self.by_key.get(_key(name), -1)
                if index >= 0:
                    self.persons[index].child = True
                    self.persons[index].role = role

    def _taken(self) -> list[tuple[int, int]]:
        return sorted((h.start, h.end) for h in self.hits)

    @staticmethod
    def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
        k = bisect_right(spans, (start, 1 << 62)) - 1
        return any(0 <= j < len(spans) and spans[j][0] < end and spans[j][1] > start for j in (k, k + 1))

    def _definitions(self) -> None:
        """Aliases and relations a text states beside a name: "Mother S (MH)", "Male B – partner of Mother S"."""
        self.hits.sort(key=lambda h: h.start)
        starts = [h.start for h in self.hits]
        kin_words = self.vocabulary.kin
        for hit in list(self.hits):
            person = self.persons[hit.person]
            initials = _INITIALS.match(self.text, hit.end)
            if initials:
                self._alias(hit.person, initials.group("alias"))
                continue
            defined = _DEFINES.match(self.text, hit.end, min(len(self.text), hit.end + 80))
            if defined is None:
                continue
            words = (defined.group("words") + defined.group("kin")).lower().replace("/", " ").split()
            kin = next((w for w in reversed(words) if w in kin_words), None)
            if kin is None:
                continue
            k = bisect_left(starts, defined.end())
            if k < len(self.hits) and self.hits[k].start == defined.end():
                other = self.hits[k].person
                if other != hit.person:
                    person.relations.append((kin_words[kin].role, other))
                    if person.gender is None and kin_words[kin].gender:
                        person.gender = kin_words[kin].gender

    def _roles(self) -> None:
        roles = self.vocabulary.roles
        taken = self._taken()
        for m in self.patterns.role.finditer(self.text):
            if self._in_skipped(m.start()) or self._overlaps(taken, m.start(), m.end()):
                continue
            word = " ".join(m.group("role").split())
            entry = roles[word.lower()]
            capital = word[0].isupper()
            if entry.child:
                # "the child", "the baby": the child the review is about (decided once all are counted).
                self.hits.append(_Hit(m.start(), m.end(), "role", -1, kin="subject"))
                self.child_words.append(entry)
            elif capital or entry.role in ("perpetrator", "victim"):
                label = f"the {word}" if not capital else f"the {word}"
                self.hits.append(_Hit(m.start(), m.end(), "role", self._person(label, entry)))
            # "the woman", "the man" in lower case are not names.

    # -- the subject ------------------------------------------------------------------------------
    def _subject(self) -> int:
        title = self._title_person()
        if title >= 0:
            return title
        children = [i for i, p in enumerate(self.persons) if p.child and p.role != "sibling"]
        if not children and self.child_words:
            # A review that names its child only as "the child" or "the boy" is about that child.
            genders = {w.gender for w in self.child_words if w.gender}
            gender = genders.pop() if len(genders) == 1 else None
            return self._person("the child", Word(gender, "child", True), count=False)
        dying = [h.person for h in self.hits if h.person >= 0 and _DEATH_AFTER.match(self.text, h.end)]
        dying_children = [i for i in dying if i in children]
        if dying_children:
            return dying_children[0]
        if not children:
            # A review of a death that is not a child's is about the person who died.
            for hit in self.hits:
                before = self.text[max(0, hit.start - 30) : hit.start]
                if hit.person >= 0 and _DEATH_BEFORE.search(before) and not self.persons[hit.person].child:
                    return hit.person
        pool = children or [i for i, p in enumerate(self.persons) if p.role in ("victim", "subject")]
        pool = pool or list(range(len(self.persons)))
        if not pool:
            return -1
        return max(pool, key=lambda i: (self.persons[i].count, -i))

    def _title_person(self) -> int:
        """The person the document's opening headings name ("Serious Case Review concerning Child S")."""
        headings = [b for b in self.page.blocks[:12] if b.kind == "heading" and b.clean_end <= 2000]
        for block in headings:
            for hit in self.hits:
                if block.clean_start <= hit.start < block.clean_end and hit.person >= 0:
                    return hit.person
        return -1

    # -- the walk through the text: kin words and pronouns, in order ---------------------------------
    def _scan_rest(self) -> list[_Hit]:
        """Family words, professionals and pronouns, found once for every walk through the text."""
        taken = self._taken()
        kin_hits = []
        for m in self.patterns.kin.finditer(self.text):
            if self._in_skipped(m.start()) or self._overlaps(taken, m.start("kin"), m.end("kin")):
                continue
            before = _KIN_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
            det = before.group("det") if before else None
            owner = before.group("owner") if before else None
            if det and det.lower() in ("a", "an", "any", "every", "another", "one", "each", "their", "its"):
                continue
            word = " ".join(m.group("kin").split()).lower()
            start = before.start() if before else m.start("kin")
            hit = _Hit(start, m.end("kin"), "kin", -1, det=(det or "").lower() or None, kin=word)
            if owner:
                hit.det = "'s"
                hit.owner = self.by_key.get(_key(owner), -1)
                if hit.owner < 0:
                    continue
            elif m.group("of"):
                hit.det = "of"
            kin_hits.append(hit)
        professionals = [
            _Hit(m.start(), m.end(), "professional", -1)
            for m in self.patterns.professional.finditer(self.text)
            if _PROFESSIONAL_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
            and not self._overlaps(taken, m.start(), m.end())
        ]
        pronouns = [
            _Hit(m.start(), m.end(), "pronoun", -1, det="m" if m.group("m") else "f")
            for m in _PRONOUN.finditer(self.text)
            if not self._in_skipped(m.start())
        ]
        return kin_hits + professionals + pronouns

    def _walk(self, scanned: list[_Hit]) -> None:
        """Through the text in order: each family word and pronoun given its person."""
        subject = self._subject()
        self.subject = subject
        self._vote_genders([h for h in scanned if h.kind == "pronoun"])
        events = sorted(self.hits + scanned, key=lambda h: (h.start, -h.end))
        history: list[tuple[int, int, bool, int]] = []  # (sentence, person or -1, first in sentence, start)
        starts = [h.start for h in self.base]
        out: list[_Hit] = []
        for hit in events:
            sentence = self._sentence(hit.start)
            first = not history or history[-1][0] != sentence
            if hit.kind == "pronoun":
                hit.person = self._antecedent(history, sentence, hit)
                out.append(hit)
                if hit.person >= 0:  # a person referred to stays salient
                    history.append((sentence, hit.person, first, hit.start))
                continue
            if hit.kind == "professional":
                history.append((sentence, -1, first, hit.start))
                continue
            if hit.kind == "role" and hit.person < 0:
                hit.person = subject
            elif hit.kind == "kin":
                named = self._named_after(hit, starts)
                if named < 0:
                    named = self._apposed(hit, starts)
                hit.person = self._kin_person(hit, history, sentence, starts, named)
            if hit.person < 0:
                continue
            if hit.kind == "kin":
                self.persons[hit.person].count += 1
            history.append((sentence, hit.person, first, hit.start))
            out.append(hit)
        self.hits = out

    def _antecedent(self, history: list[tuple[int, int, bool, int]], sentence: int, hit: _Hit) -> int:
        """The most salient person a pronoun can refer to, or -1."""
        wanted = "male" if hit.det == "m" else "female"
        best, best_score = -1, -(1 << 30)
        seen: set[int] = set()
        for k in range(len(history) - 1, -1, -1):
            s, person, first, _start = history[k]
            distance = sentence - s
            if distance >= _WINDOW:
                break
            if person in seen:
                continue
            seen.add(person)
            gender = self.persons[person].gender if person >= 0 else None
            if gender is not None and gender != wanted:
                continue
            score = 100 - 35 * distance + (25 if first else 0) - (len(seen) - 1) * 4
            if person >= 0 and person == self.subject:
                score += 10
            if gender is None and person >= 0:
                score -= 20  # a person of the case whose gender the text has not shown
            if score > best_score:
                best, best_score = person, score
        return best

    def _named_after(self, hit: _Hit, starts: list[int]) -> int:
        """The person named right after a family word ("her husband Mr B", "his partner, Male B"), or -1."""
        k = bisect_left(starts, hit.end)
        if k < len(self.base) and re.fullmatch(r"\s*,?\s*", self.text[hit.end : self.base[k].start]):
            return self.base[k].person
        return -1

    def _apposed(self, hit: _Hit, starts: list[int]) -> int:
        """The person a family word stands beside as an apposition ("Mr R, the father, had ..."), or -1:
        set off by commas or brackets (not an item of a list: ", and" does not close it), with a
        gender and an age that fit."""
        assert hit.kin is not None
        k = bisect_left(starts, hit.start) - 1
        if k < 0 or not re.fullmatch(r"\s*[,(]\s*(?:(?:the|his|her)\s+)?", self.text[self.base[k].end : hit.start]):
            return -1
        after = self.text[hit.end : hit.end + 8]
        if not re.match(r"\s*[,)]", after) or re.match(r"\s*,\s*(?:and|or)\b", after):
            return -1
        person = self.persons[self.base[k].person] if self.base[k].person >= 0 else None
        word = self.vocabulary.kin[hit.kin]
        if person is None or (word.gender and person.gender and word.gender != person.gender):
            return -1
        if person.child != word.child:
            return -1
        return self.base[k].person

    def _kin_person(
        self, hit: _Hit, history: list[tuple[int, int, bool, int]], sentence: int, starts: list[int], named: int = -1
    ) -> int:
        """The person a family word names: a relation of its owner (the subject unless it says whose)."""
        assert hit.kin is not None
        word = self.vocabulary.kin[hit.kin]
        owner = self.subject
        if hit.det in ("his", "her"):
            gender = "m" if hit.det == "his" else "f"
            owner = self._antecedent(history, sentence, _Hit(hit.start, hit.end, "pronoun", -1, det=gender))
        elif hit.det == "'s":
            owner = hit.owner
        elif hit.det == "of":
            k = bisect_left(starts, hit.end)
            following = self.base[k] if k < len(self.base) else None
            gap = self.text[hit.end : following.start] if following is not None else ""
            if following is not None and re.fullmatch(r"\s+of\s+(?:the\s+)?", gap):
                owner = following.person
            else:
                return -1
        elif word.role in _PARTNERS and owner >= 0 and self.persons[owner].child:
            # A child's "partner" is, in a review, the partner of the child's mother.
            mothers = [i for i, p in enumerate(self.persons) if ("mother", owner) in p.relations]
            mothers = mothers or [i for i, p in enumerate(self.persons) if p.role == "mother" and p.label != "Mother"]
            owner = mothers[0] if len(mothers) == 1 else -1
        if named >= 0:
            if owner >= 0 and owner != named and (word.role, owner) not in self.persons[named].relations:
                self.persons[named].relations.append((word.role, owner))
            return named
        if owner < 0:
            return -1
        # A person the text has said stands in this relation to the owner (partners both ways).
        for i, person in enumerate(self.persons):
            if word.gender and person.gender and word.gender != person.gender:
                continue
            if (word.role, owner) in person.relations:
                return i
            if word.role in _PARTNERS and (word.role, i) in self.persons[owner].relations:
                return i
        if owner == self.subject:
            for i, person in enumerate(self.persons):
                if person.role == word.role and i != owner and self._same_letter(i, owner):
                    return i
            candidates = [i for i, p in enumerate(self.persons) if p.role == word.role and i != owner]
            if len(candidates) == 1 and word.role in ("mother", "father"):
                return candidates[0]
        if self.persons[owner].role == word.role == "child" or (
            word.role in ("child",) and self.persons[owner].role in ("mother", "father")
        ):
            return self.subject if self.subject >= 0 else -1
        title = " ".join(w.capitalize() for w in word.role.split())
        label = title if owner == self.subject else f"{self.persons[owner].label}'s {word.role}"
        index = self._person(label, word, count=False)
        if (word.role, owner) not in self.persons[index].relations:
            self.persons[index].relations.append((word.role, owner))
        return index

    def _same_letter(self, a: int, b: int) -> bool:
        la, lb = self.persons[a].label.split(), self.persons[b].label.split()
        return len(la) == 2 and len(lb) == 2 and la[1] == lb[1]

    def _vote_genders(self, pronouns: list[_Hit]) -> None:
        """Genders of people whose label does not give one, from the pronouns of sentences naming only them."""
        by_sentence: dict[int, set[int]] = defaultdict(set)
        for hit in self.hits:
            if hit.person >= 0:
                by_sentence[self._sentence(hit.start)].add(hit.person)
        lonely = {s: next(iter(p)) for s, p in by_sentence.items() if len(p) == 1}
        for pronoun in pronouns:
            s = self._sentence(pronoun.start)
            if s in lonely:
                self.persons[lonely[s]].votes["male" if pronoun.det == "m" else "female"] += 1
        for person in self.persons:
            if person.gender is None and person.votes:
                (top, n), *rest = person.votes.most_common(2) + [("", 0)]
                if n >= 2 * rest[0][1] and n >= 1:
                    person.gender = top  # type: ignore[assignment]

    # -- births and deaths, and the result ----------------------------------------------------------
    def _life_events(self) -> list[tuple[str, int, int, int]]:
        out = []
        for hit in self.hits:
            if hit.person < 0:
                continue
            after = self.text[hit.end : hit.end + 40]
            before = self.text[max(0, hit.start - 30) : hit.start]
            for kind, pattern in (("birth", _BIRTH_AFTER), ("death", _DEATH_AFTER)):
                m = pattern.match(after)
                if m:
                    words = m.group().strip()
                    start = hit.end + m.start() + (len(m.group()) - len(m.group().lstrip()))
                    if words.startswith(("'s", "’s")):
                        start = hit.end + 3
                        words = words[3:].strip()
                    out.append((kind, hit.person, start, start + len(words)))
            for kind, pattern in (("birth", _BIRTH_BEFORE), ("death", _DEATH_BEFORE)):
                m = pattern.search(before)
                if m:
                    start = hit.start - len(before) + m.start("event")
                    out.append((kind, hit.person, start, start + len(m.group("event"))))
            if (
                hit.kind == "pronoun"
                and hit.det in ("m", "f")
                and self.text[hit.start : hit.end].lower() in ("his", "her")
            ):
                m = re.match(r"\s+(birth|death)\b", after)
                if m:
                    out.append((m.group(1), hit.person, hit.end + m.start(1), hit.end + m.end(1)))
        return sorted(set(out), key=lambda e: e[2])

    def _result(self) -> People:
        page = self.page
        self.hits.sort(key=lambda h: (h.start, -h.end))
        mentions: list[PersonMention] = []
        for hit in self.hits:
            a, b = page.original_span(hit.start, hit.end)
            kind = hit.kind if hit.kind in ("label", "name", "kin", "role", "pronoun") else "role"
            mentions.append(PersonMention(a, b, hit.start, hit.end, self.text[hit.start : hit.end], kind, hit.person))  # type: ignore[arg-type]
        # People in order: the subject first, then by first mention.
        first_seen: dict[int, int] = {}
        for m in mentions:
            if m.person >= 0:
                first_seen.setdefault(m.person, m.clean_start)
        order = sorted(first_seen, key=lambda i: (i != self.subject, first_seen[i]))
        new_index = {old: new for new, old in enumerate(order)}
        mentions = [attrs.evolve(m, person=new_index.get(m.person, -1)) for m in mentions]
        named: dict[int, list[PersonMention]] = defaultdict(list)
        for m in mentions:
            if m.kind != "pronoun" and m.person >= 0:
                named[m.person].append(m)
        persons = []
        for old in order:
            p = self.persons[old]
            relations = tuple((role, self.persons[other].label) for role, other in p.relations if other >= 0)
            aliases = list(p.aliases)
            for m in named[new_index[old]]:
                spoken = " ".join(m.text.split())
                if m.kind in ("kin", "role") and _key(spoken) != _key(p.label) and spoken not in aliases:
                    aliases.append(spoken)
            persons.append(
                Individual(p.label, tuple(aliases), p.gender, p.role, p.child, tuple(named[new_index[old]]), relations)
            )
        events = []
        for kind, person, start, end in self._life_events():
            if person in new_index:
                a, b = page.original_span(start, end)
                events.append(LifeEvent(kind, new_index[person], a, b, start, end, self.text[start:end]))  # type: ignore[arg-type]
        subject = persons[0] if persons and self.subject in new_index and new_index[self.subject] == 0 else None
        return People(
            self.text,
            tuple(persons),
            tuple(mentions),
            subject,
            tuple(events),
            _starts=tuple(m.clean_start for m in mentions),
        )
