"""Phrases: temporal words -> syntax tree -> :class:`~chronology.model.When`.

:func:`parse` gives the syntax tree of a phrase; :func:`parse_when` resolves it
against the birth, anchor, reference and document date it needs, keeping every
reading the words allow; :func:`accepts` says cheaply whether a phrase has a
tree at all (for a scanner trying many spans of a text).  The grammar itself is
:mod:`chronology.phrases._grammar` (compiled where the build can, see
``docs/design.md``); these entry points check their arguments first, so that
whatever they are given, the only errors are the library's own
(:class:`~chronology.errors.ChronologyError`).

>>> print(parse_when("early summer 2011"))
Jun 2011 (early summer 2011)
>>> print(parse_when("three months before his death", anchor=date(2013, 11, 26)))
11 Aug 2013 – 10 Sep 2013 (three months before his death)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final, Union

from chronology.errors import ChronologyError, InvalidValue, UnrecognisedPhrase, shown
from chronology.model import Interval, When
from chronology.phrases import _grammar
from chronology.phrases.syntax import Node
from chronology.settings import DEFAULT, Settings

__all__ = ["parse", "parse_when", "accepts", "matching_rule", "AnchorLike", "MAX_LENGTH"]

AnchorLike = Union[date, Interval, When, tuple[date, date], str, None]  # noqa: UP007 (a runtime alias)

MAX_LENGTH: Final = _grammar.MAX_LENGTH
"""The longest phrase read, in characters once the spaces around it are stripped; a longer
one is refused with :class:`~chronology.errors.UnrecognisedPhrase` at once."""

# An anchor given as text: an ISO day, or two (either may be left out) joined by "..".
_ISO_ANCHOR: Final = re.compile(r"\s*(\d{4}-\d{2}-\d{2})?\s*(?:(\.\.)\s*(\d{4}-\d{2}-\d{2})?\s*)?")


def _phrase(phrase: object) -> str:
    """``phrase`` as a plain ``str`` (a subclass is copied, so no override of it runs later)."""
    if type(phrase) is str:
        return phrase
    if isinstance(phrase, str):
        return str.__getitem__(phrase, slice(None))
    raise InvalidValue(f"phrase must be a str, not {shown(phrase)}")


def _settings(settings: object) -> Settings:
    if settings is None:
        return DEFAULT
    if type(settings) is not Settings:
        raise InvalidValue(f"settings must be a chronology.Settings, not {shown(settings)}")
    return settings


def _iso(name: str, text: str) -> date | Interval:
    """An anchor written as text: ``2010-12-01``, ``2010-12-01..2010-12-31``, ``..2010-12-31``."""
    found = _ISO_ANCHOR.fullmatch(text) if len(text) <= 40 else None
    if found is None or not (found.group(1) or found.group(3)):
        raise InvalidValue(
            f"{name}: an anchor written as text must be an ISO day such as 2010-12-01, or a range"
            f" such as 2010-12-01..2010-12-31, not {shown(text)}"
        )
    first, dots, last = found.groups()
    try:
        earliest = None if first is None else date.fromisoformat(first)
        latest = None if last is None else date.fromisoformat(last)
    except ValueError:
        raise InvalidValue(f"{name}: {shown(text)} is not a day of the calendar") from None
    if not dots:
        return earliest if earliest is not None else Interval(None, latest)
    return Interval(earliest, latest)


def _anchor(name: str, value: object) -> object:
    """``value`` as an anchor the grammar takes: ``None``, a date, an Interval or a When."""
    if value is None or type(value) is date or isinstance(value, (Interval, When)):
        return value
    try:
        if isinstance(value, date):  # a subclass: a datetime is refused, as an Interval refuses it
            return Interval.on(value)
        if isinstance(value, str):
            return _iso(name, _phrase(value))
        if isinstance(value, tuple) and tuple.__len__(value) == 2:
            return Interval(tuple.__getitem__(value, 0), tuple.__getitem__(value, 1))
    except InvalidValue as error:
        message = str(error)
        raise InvalidValue(message if message.startswith(f"{name}:") else f"{name}: {message}") from None
    raise InvalidValue(
        f"{name}: an anchor must be a date, an Interval, a When, a (date, date) pair or an ISO day"
        f" such as 2010-12-01, not {shown(value)}"
    )


def parse(phrase: str, *, settings: Settings | None = None) -> Node:
    """The syntax tree of ``phrase``.

    >>> parse("three months before his death").base
    Named(words=Excerpt(text='his death', start=20, end=29, document=None))
    >>> parse("winter 2010").readings[1]
    Interval(earliest=datetime.date(2009, 12, 1), latest=datetime.date(2010, 2, 28))
    """
    return _grammar.read(_phrase(phrase), _settings(settings))


def accepts(phrase: str, *, settings: Settings | None = None) -> bool:
    """Whether ``phrase`` is one time phrase the grammar reads: :func:`parse` would give it a tree.

    As cheap as :func:`parse` (a refusal costs no more than a success), and never raises for a
    phrase: a scanner looking for the longest phrase a text holds may try many spans with it.
    Arguments of the wrong type still raise :class:`~chronology.errors.InvalidValue`.

    >>> accepts("three months before his death"), accepts("early blorp 2011")
    (True, False)
    """
    text, conf = _phrase(phrase), _settings(settings)
    try:
        return type(_grammar.tree_or_refusal(text, conf)) is not UnrecognisedPhrase
    except ChronologyError:  # a rule may still raise (a builder that needs an anchor)
        return False


def parse_when(
    phrase: str,
    *,
    birth: AnchorLike = None,
    anchor: AnchorLike = None,
    reference: AnchorLike = None,
    document_date: AnchorLike = None,
    settings: Settings | None = None,
) -> When:
    """When ``phrase`` places something: every reading, as day bounds.

    Each anchor may be a ``date``, an ``Interval``, a ``When``, a ``(first, last)`` pair of
    dates, or text as the command line takes it: an ISO day or ``first..last``.

    >>> print(parse_when("winter 2010"))
    Dec 2010 – Feb 2011 | Dec 2009 – Feb 2010 (winter 2010)
    >>> print(parse_when("aged 17 months", birth=date(2010, 12, 1)))
    May 2012 (aged 17 months)
    >>> print(parse_when("the following day", reference="2013-05-14"))
    15 May 2013 (the following day)
    """
    text = phrase if type(phrase) is str else _phrase(phrase)
    conf = DEFAULT if settings is None else _settings(settings)
    # A plain date (the usual anchor) or None needs no further look.
    if birth is not None and type(birth) is not date:
        birth = _anchor("birth", birth)  # type: ignore[assignment]
    if anchor is not None and type(anchor) is not date:
        anchor = _anchor("anchor", anchor)  # type: ignore[assignment]
    if reference is not None and type(reference) is not date:
        reference = _anchor("reference", reference)  # type: ignore[assignment]
    if document_date is not None and type(document_date) is not date:
        document_date = _anchor("document_date", document_date)  # type: ignore[assignment]
    found: When | UnrecognisedPhrase | None
    found = _grammar.when_or_refusal(text, conf, birth, anchor, reference, document_date)
    if type(found) is not UnrecognisedPhrase:
        return found  # type: ignore[return-value]
    # Raised here, once: the grammar returns its refusals (a refusal must be cheap).  The local is
    # cleared so that the traceback, which holds this frame, does not hold the error (a cycle).
    try:
        raise found
    finally:
        found = None


def matching_rule(phrase: str, *, settings: Settings | None = None) -> str:
    """The id of the grammar rule that reads ``phrase`` (for tests and debugging).

    >>> matching_rule("early summer 2011")
    'season'
    """
    return _grammar.rule_of(_phrase(phrase), _settings(settings))
