"""Relevance: whether a clause tells an event of the case or the review's background.

A review holds much that is dated but did not happen in the case: policy and guidance ("the
workforce will treble by 2015"), services described in general ("a check is offered at six to
eight weeks of age"), the review's own process ("the period that the review covers ..."), plans,
citations and judgements. :func:`background` names which, from signals that hold across reviews
(tense and modal verbs, general subjects, the review as subject, citation shapes, the section's
heading), and answers None for a clause that tells an event. It leans towards events: a reviewer
can ignore a row, but a lost event is worse. The cues are data (``data/relevance.toml``) and
:meth:`Relevance.from_text` reads more in the same format.

>>> background("A development check is usually offered at two years of age.", names_case_person=False)
'service in general'
>>> background("In spring 2012 the health visitor visited Child K at home.", names_case_person=True)
>>> background("The review covers the period from early 2011 to the end of 2013.", names_case_person=False)
'review process'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from chronology.errors import InvalidValue
from chronology.reading._toml import load_file, load_text, require

__all__ = ["REASONS", "Relevance", "background"]

#: The reason codes :func:`background` returns.
REASONS: Final = ("citation", "review process", "policy", "plan", "judgement", "service in general")

_DATA: Final = Path(__file__).parent / "data" / "relevance.toml"
_OPENING: Final = re.compile(r"\W*(?:[^,;:]{1,60},\s*)?")  # "In 2014, ", "As part of the plan, "
_NUMBERING: Final = re.compile(r"^\W*(?:(?:section|part|appendix)\s+)?(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])?[.):]?\s+", re.I)

Tense = Literal["any", "not past"]


def _compile(value: object, where: str) -> re.Pattern[str]:
    pattern: str = require(value, str, where)
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise InvalidValue(f"{where}: not a valid pattern ({error}): {pattern!r:.60}") from None


def _tense(value: object, where: str) -> Tense:
    if value == "any":
        return "any"
    if value == "not past":
        return "not past"
    raise InvalidValue(f"{where}: tense must be 'any' or 'not past', got {value!r:.40}")


@attrs.frozen
class Cue:
    """One signal of background: patterns, the reason they give, and where they hold."""

    reason: str
    patterns: tuple[re.Pattern[str], ...]
    tense: Tense = "not past"
    case_person: bool = False  # holds even where the clause names a person of the case (told not in the past)
    at_start: bool = False  # the patterns match at the clause's start (after an opening phrase)
    unless: tuple[re.Pattern[str], ...] = ()  # any of these in the clause cancels the cue

    def matches(self, clause: str) -> bool:
        if any(p.search(clause) for p in self.unless):
            return False
        if self.at_start:
            opening = _OPENING.match(clause)
            starts = {0, opening.end() if opening is not None else 0}
            return any(p.match(clause, at) for p in self.patterns for at in starts)
        return any(p.search(clause) for p in self.patterns)


@attrs.frozen
class Relevance:
    """The cues, the tense words and the section headings that tell background, read from TOML."""

    cues: tuple[Cue, ...]
    sections: tuple[Cue, ...]
    past: tuple[re.Pattern[str], ...]
    present: tuple[re.Pattern[str], ...]
    not_past_ed: frozenset[str]
    passive_be: re.Pattern[str]
    pronouns: re.Pattern[str]

    @classmethod
    def default(cls) -> Relevance:
        """The cues shipped with the library (``chronology/reading/data/relevance.toml``).

        >>> sorted({cue.reason for cue in Relevance.default().cues}) == sorted(REASONS)
        True
        """
        return _default()

    @classmethod
    def from_file(cls, path: Path | str) -> Relevance:
        """Cues from a TOML file in the format of ``data/relevance.toml``, checked on load.

        >>> Relevance.from_file(_DATA) == Relevance.default()
        True
        """
        return cls.from_table(load_file(path), str(path))

    @classmethod
    def from_text(cls, text: str, where: str = "relevance TOML") -> Relevance:
        """Cues from TOML text in the format of ``data/relevance.toml``.

        >>> more = Relevance.from_text(_DATA.read_text("utf-8") + '''
        ... [[cue]]
        ... reason = "policy"
        ... patterns = ['\\\\bsafeguarding week\\\\b']
        ... ''')
        >>> background("Safeguarding week runs each spring.", names_case_person=False, relevance=more)
        'policy'
        >>> Relevance.from_text("[[cue]]\\nreason = 'policy'\\npatterns = ['(']")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        chronology.errors.InvalidValue: relevance TOML [[cue]] 1 patterns: not a valid pattern ...
        """
        return cls.from_table(load_text(text, where), where)

    @classmethod
    def from_table(cls, table: Mapping[str, Any], where: str) -> Relevance:
        tense = require(table.get("tense", {}), dict, f"{where} [tense]")

        def patterns(row: Mapping[str, Any], at: str, field: str = "patterns") -> tuple[re.Pattern[str], ...]:
            items = require(row.get(field, []), list, f"{at} {field}")
            return tuple(_compile(p, f"{at} {field}") for p in items)

        def cues(name: str) -> tuple[Cue, ...]:
            out = []
            for k, row in enumerate(require(table.get(name, []), list, f"{where} [[{name}]]"), 1):
                at = f"{where} [[{name}]] {k}"
                row = require(row, dict, at)
                reason = require(row.get("reason"), str, f"{at} reason")
                out.append(
                    Cue(
                        reason,
                        patterns(row, at),
                        _tense(row.get("tense", "not past"), f"{at} tense"),
                        require(row.get("case_person", False), bool, f"{at} case_person"),
                        require(row.get("at_start", name == "section"), bool, f"{at} at_start"),
                        patterns(row, at, "unless"),
                    )
                )
            return tuple(out)

        words = require(tense.get("not_past_ed", []), list, f"{where} [tense] not_past_ed")
        return cls(
            cues=cues("cue"),
            sections=cues("section"),
            past=tuple(_compile(p, f"{where} [tense] past") for p in require(tense.get("past", []), list, where)),
            present=tuple(
                _compile(p, f"{where} [tense] present") for p in require(tense.get("present", []), list, where)
            ),
            not_past_ed=frozenset(require(w, str, f"{where} [tense] not_past_ed").lower() for w in words),
            passive_be=_compile(tense.get("passive_be", r"(?!)"), f"{where} [tense] passive_be"),
            pronouns=_compile(tense.get("pronouns", r"(?!)"), f"{where} [tense] pronouns"),
        )

    # -- the signals ---------------------------------------------------------------------------
    def tells_past(self, clause: str) -> bool:
        """Whether ``clause`` tells something in the past.

        >>> rules = Relevance.default()
        >>> rules.tells_past("These are usually commenced at eight weeks"), rules.tells_past("He moved in May")
        (False, True)
        """
        words = [m for p in self.past for m in p.finditer(clause)]
        words += [m for m in re.finditer(r"\b[A-Za-z]{3,}ed\b", clause) if m.group().lower() not in self.not_past_ed]
        # a participle after a form of "be" is a passive in the present ("is sent", "are usually offered")
        return any(not self.passive_be.search(clause, max(0, m.start() - 40), m.start()) for m in words)

    def finite(self, clause: str) -> bool:
        """Whether ``clause`` has a tense at all (a past word, or a present or modal verb).

        >>> Relevance.default().finite("and a third at four months"), Relevance.default().finite("it is offered")
        (False, True)
        """
        return self.tells_past(clause) or any(p.search(clause) for p in self.present)

    def reason(self, clause: str, sentence: str, section: str | None, names_case_person: bool) -> str | None:
        """The reason ``clause`` is background, or None (see :func:`background`).

        >>> Relevance.default().reason("Training will be refreshed.", "", None, False)
        'plan'
        """
        clause = " ".join(clause.split())
        case = names_case_person or bool(self.pronouns.search(clause))
        found = self.cue_for(clause, case)
        if found is not None:
            return found
        context = clause
        if sentence and _SUBJECTLESS.match(clause):
            # a predicate joined to the one before ("... was commissioned in July 2019 and completed in
            # March 2020") has that one's subject: read it with the sentence leading to it
            context = _leading(clause, " ".join(sentence.split()))
            if context != clause and not self.pronouns.search(context):
                found = self.cue_for(context, case)
                if found is not None:
                    return found
            context = clause
        if not self.finite(clause):
            # a clause without a verb ("and third immunisation at four months") is read with the part of
            # its sentence that leads to it, from the last ';' before it, where that names no one either and
            # tells nothing in the past (the caller said nothing of who the context names)
            context = _leading(clause, " ".join(sentence.split()))
            if self.pronouns.search(context) or self.tells_past(context):
                return None
            if context != clause:
                found = self.cue_for(context, case)
        if found is not None or case or not section or not self.finite(context):
            return found  # a fragment without a verb under a heading is not known to be background
        heading = _NUMBERING.sub("", " ".join(section.split()), count=1)
        past = self.tells_past(context)
        for cue in self.sections:
            if (cue.tense == "any" or not past) and any(p.match(heading) for p in cue.patterns):
                return cue.reason
        return None

    def cue_for(self, clause: str, case: bool) -> str | None:
        """The reason of the first cue that holds for ``clause`` (``case``: it names a person of the case).

        >>> Relevance.default().cue_for("Smith et al (2012) found it.", False)
        'citation'
        """
        past = self.tells_past(clause)
        for cue in self.cues:
            if case and not (cue.case_person and not past):
                continue  # a person of the case, named in a clause that tells the past: an event
            if cue.tense == "not past" and past:
                continue
            if cue.matches(clause):
                return cue.reason
        return None


# a clause that starts with its verb, its subject left to the clause before: "and completed in ...", "referred to ..."
_SUBJECTLESS: Final = re.compile(r"(?:(?:and|but|then|before|after)\s+)?(?:was\s+|were\s+)?[a-z]+ed\b")


def _leading(clause: str, sentence: str) -> str:
    """``sentence`` from the last ';' before ``clause`` to the clause's end (the sentence where the clause
    is not found in it; the clause where there is no sentence)."""
    at = sentence.find(clause)
    if not sentence:
        return clause
    if at < 0:
        return sentence
    start = sentence.rfind(";", 0, at) + 1
    return sentence[start : at + len(clause)].strip()


@cache
def _default() -> Relevance:
    return Relevance.from_file(_DATA)


def background(
    clause: str,
    sentence: str = "",
    *,
    section: str | None = None,
    names_case_person: bool,
    relevance: Relevance | None = None,
) -> str | None:
    """Why ``clause`` is the review's background rather than an event of the case, or None.

    ``sentence`` is the sentence holding the clause (a clause without a verb takes its tense from it),
    ``section`` the heading the clause stands under, and ``names_case_person`` whether the clause names
    a person of the case (the caller knows the people; a pronoun such as "he" or "her" counts too).
    The answer is one of :data:`REASONS`. Only cues that make the review itself the subject ("This
    section deals with ...") hold where a person of the case is named; a clause that tells something
    in the past is background only for a cue that holds whatever the tense (a citation, the review's
    process, a counterfactual). When unsure, the answer is None: an event.

    >>> background("Health visiting will extend the scheme across the county by 2016.", names_case_person=False)
    'plan'
    >>> background("Mother K said that she would move to her sister's in March.", names_case_person=True)
    >>> background("In 2012 the health visitor should have referred the family.", names_case_person=False)
    >>> background("This section deals with the weeks before Child K's death.", names_case_person=True)
    'review process'
    >>> background("The panel met six times between June and December 2015.", names_case_person=False)
    'review process'
    >>> background("A strategy discussion was held in May 2012.", names_case_person=False)
    >>> commissioned = "The review was commissioned by the partnership in July 2019 and completed in March 2020."
    >>> background("completed in March 2020", commissioned, names_case_person=False)
    'review process'
    >>> background("By March 2016", "Recommendation 4: by March 2016", names_case_person=False)
    'plan'
    >>> background("in 2015", "Families are seen in 2015.", section="7. Recommendations", names_case_person=False)
    'service in general'
    """
    for name, value in (("clause", clause), ("sentence", sentence)):
        if not isinstance(value, str):
            raise InvalidValue(f"background: {name} must be text, got {type(value).__name__}")
    if section is not None and not isinstance(section, str):
        raise InvalidValue(f"background: section must be text or None, got {type(section).__name__}")
    if relevance is not None and not isinstance(relevance, Relevance):
        raise InvalidValue(f"background: relevance must be a Relevance, got {type(relevance).__name__}")
    rules = relevance if relevance is not None else _default()
    return rules.reason(clause, sentence, section, bool(names_case_person))
