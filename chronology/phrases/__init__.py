"""Phrases: temporal words -> syntax tree -> :class:`~chronology.model.When`.

:func:`parse` gives the syntax tree of a phrase; :func:`parse_when` resolves it
against the birth, anchor, reference and document date it needs, keeping every
reading the words allow.  The grammar itself is :mod:`chronology.phrases._grammar`
(compiled where the build can, see ``docs/design.md``); these entry points check
their arguments first, so that whatever they are given, the only errors are the
library's own (:class:`~chronology.errors.ChronologyError`).

>>> print(parse_when("early summer 2011"))
Jun 2011 (early summer 2011)
>>> print(parse_when("three months before his death", anchor=date(2013, 11, 26)))
11 Aug 2013 – 10 Sep 2013 (three months before his death)
"""

from __future__ import annotations

from datetime import date
from typing import Union

from chronology.errors import InvalidValue, UnrecognisedPhrase
from chronology.model import Interval, When
from chronology.phrases import _grammar
from chronology.phrases.syntax import Node
from chronology.settings import DEFAULT, Settings

__all__ = ["parse", "parse_when", "AnchorLike", "matching_rule"]

AnchorLike = Union[date, Interval, When, tuple[date, date], None]  # noqa: UP007 (a runtime alias)


def _phrase(phrase: object) -> str:
    if not isinstance(phrase, str):
        raise UnrecognisedPhrase(str(phrase), 0, None, "a phrase must be a string")
    return phrase


def _settings(settings: object) -> Settings:
    if settings is None:
        return DEFAULT
    if not isinstance(settings, Settings):
        raise InvalidValue(f"settings must be a chronology.Settings, not {settings!r}")
    return settings


def _anchor(name: str, value: object) -> None:
    if value is None or isinstance(value, (date, Interval, When)):
        return
    if isinstance(value, tuple) and len(value) == 2:
        return  # its days are checked as an Interval's
    raise InvalidValue(f"{name}: an anchor must be a date, an Interval, a When or a (date, date) pair, not {value!r}")


def parse(phrase: str, *, settings: Settings | None = None) -> Node:
    """The syntax tree of ``phrase``.

    >>> parse("three months before his death").base
    Named(words=Excerpt(text='his death', start=20, end=29, document=None))
    >>> parse("winter 2010").readings[1]
    Interval(earliest=datetime.date(2009, 12, 1), latest=datetime.date(2010, 2, 28))
    """
    return _grammar.read(_phrase(phrase), _settings(settings))


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

    >>> print(parse_when("winter 2010"))
    Dec 2010 – Feb 2011 | Dec 2009 – Feb 2010 (winter 2010)
    >>> print(parse_when("aged 17 months", birth=date(2010, 12, 1)))
    May 2012 (aged 17 months)
    """
    text = phrase if type(phrase) is str else _phrase(phrase)
    conf = DEFAULT if settings is None else _settings(settings)
    # A plain date (the usual anchor) or None needs no further look.
    if birth is not None and type(birth) is not date:
        _anchor("birth", birth)
    if anchor is not None and type(anchor) is not date:
        _anchor("anchor", anchor)
    if reference is not None and type(reference) is not date:
        _anchor("reference", reference)
    if document_date is not None and type(document_date) is not date:
        _anchor("document_date", document_date)
    return _grammar.resolve(text, conf, birth, anchor, reference, document_date)


def matching_rule(phrase: str, *, settings: Settings | None = None) -> str:
    """The id of the grammar rule that reads ``phrase`` (for tests and debugging).

    >>> matching_rule("early summer 2011")
    'season'
    """
    return _grammar.rule_of(_phrase(phrase), _settings(settings))
