"""The grammar's vocabulary and rules, loaded from ``data/*.toml`` into frozen tables.

Nothing here knows what a phrase means: it turns the data files into lookups
that :mod:`chronology.phrases` uses, and checks them on load (a word may not
mean two things; a rule may only name categories that exist).

>>> LEXICON.words[("early",)]
('part', 'early')
>>> LEXICON.words[("a", "couple")]
('quantity', (2, 2))
>>> [rule.id for rule in LEXICON.rules][:3]
['year', 'decade', 'month_year']
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from chronology.errors import InvalidValue

__all__ = ["Lexicon", "Rule", "LEXICON", "WORD", "split_words", "load"]

DATA = Path(__file__).resolve().parent / "data"

# TOML is read by the standard library from Python 3.11, by its backport (tomli) before.
_TOML_MODULE = "tomllib" if sys.version_info >= (3, 11) else "tomli"


def _read_toml(path: Path) -> dict[str, Any]:
    loads: Callable[[str], dict[str, Any]] = importlib.import_module(_TOML_MODULE).loads
    return loads(path.read_text("utf-8"))


# One regex finds the words of a key (and of a phrase): letters with inner apostrophes.
WORD = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+")

# Categories the tokeniser makes itself (not from a vocabulary table).
_LEXER_CATEGORIES = (
    "year",
    "num",
    "ord",
    "date",
    "monthyear",
    "decade",
    "clock",
    "dash",
    "slash",
    "word",
    "poss",
    "frac",
    "other",
    "holiday",
    "query",
    "qnum",
)
# Vocabulary tables whose rows all share one category (the table's name, or as given here).
_TABLE_CATEGORY = {"number": "num", "ordinal": "ord"}
_SPECIAL_TABLES = ("filler", "connector", "title", "furniture", "event")


def split_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the grammar sees them (lower case, punctuation dropped).

    >>> split_words("Mid-summer")
    ('mid', 'summer')
    """
    return tuple(WORD.findall(text.lower().replace("\u2019", "'")))


@attrs.frozen
class Rule:
    """One grammar rule: ``pattern`` over category characters, built by ``build``."""

    id: str
    source: str
    regex: re.Pattern[str]
    build: str
    groups: tuple[str, ...]
    examples: tuple[str, ...]


@attrs.frozen
class Lexicon:
    """The frozen tables: words -> (category, value), category characters, rules, named days."""

    words: Mapping[tuple[str, ...], tuple[str, Any]]
    longest: int
    starts: frozenset[str]
    fillers: frozenset[str]
    titles: frozenset[tuple[str, ...]]
    chars: Mapping[str, str]
    rules: tuple[Rule, ...]
    named_days: Mapping[str, tuple[tuple[str, int, int], ...]]
    windows: Mapping[str, tuple[int, int]]
    conventions: Mapping[str, Any]
    furniture: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()


def _value(table: str, value: Any) -> Any:
    if table == "unit":
        unit, _, plural = str(value).partition(":")
        return (unit, plural == "s")
    if table == "season":
        name, _, part = str(value).partition(":")
        return (name, part or None)
    if isinstance(value, list):
        return tuple(value)
    return value


def _add(
    words: dict[tuple[str, ...], tuple[str, Any]], key: tuple[str, ...], entry: tuple[str, Any], where: str
) -> None:
    if not key:
        raise InvalidValue(f"{where}: an empty word")
    old = words.get(key)
    if old is not None and old != entry:
        raise InvalidValue(f"{where}: {' '.join(key)!r} means both {old} and {entry}")
    words[key] = entry


def _compile(pattern: str, chars: Mapping[str, str], macros: Mapping[str, str], where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        label, label2, cat2, repeat, name = match.groups()
        if label:
            return f"(?P<{label}>"
        if label2:
            return f"(?P<{label2}>{expand(cat2)}{repeat})"
        if name:
            return expand(name)
        return "" if match.group(0).isspace() else match.group(0)

    def expand(name: str) -> str:
        if name == "any":
            return "."
        if name in macros:
            return "(?:" + _compile(macros[name], chars, macros, where) + ")"
        if name not in chars:
            raise InvalidValue(f"{where}: unknown category {name!r}")
        return re.escape(chars[name])

    return re.sub(r"(\w+):\(|(\w+):(\w+)([?*+]?)|(\w+)|\s+|.", replace, pattern)


@cache
def load(folder: Path = DATA) -> Lexicon:
    """Read and check the data files in ``folder``.

    >>> load().chars["year"] != load().chars["month"]
    True
    """
    vocabulary = _read_toml(folder / "vocabulary.toml")
    named = _read_toml(folder / "named_days.toml")
    grammar = _read_toml(folder / "grammar.toml")
    conventions = _read_toml(folder / "conventions.toml")

    fillers = frozenset(vocabulary["filler"])

    def key_of(text: str) -> tuple[str, ...]:
        return tuple(w for w in split_words(text) if w not in fillers)

    words: dict[tuple[str, ...], tuple[str, Any]] = {}
    categories: list[str] = list(_LEXER_CATEGORIES)
    for table, rows in vocabulary.items():
        if table in _SPECIAL_TABLES:
            continue
        category = _TABLE_CATEGORY.get(table, table)
        categories.append(category)
        for text, value in rows.items():
            _add(words, key_of(text), (category, _value(table, value)), f"vocabulary.toml [{table}]")
    for text, value in vocabulary["connector"].items():
        categories.append(value)
        _add(words, key_of(text), (value, value), "vocabulary.toml [connector]")
    named_days: dict[str, tuple[tuple[str, int, int], ...]] = {}
    for text, readings in named["day"].items():
        key = key_of(text)
        name = " ".join(key)
        named_days[name] = tuple((str(a), int(lo), int(hi)) for a, lo, hi in readings)
        _add(words, key, ("holiday", name), "named_days.toml")
    chars = {name: chr(0x100 + i) for i, name in enumerate(dict.fromkeys(categories))}

    macros = grammar.get("macros", {})
    rules = []
    for row in grammar["rule"]:
        where = f"grammar.toml rule {row['id']!r}"
        if re.search(r"\w+:\([^()]*\)[+*]", row["pattern"]):
            # Python keeps only the last repetition of a repeated group: label the repetition
            raise InvalidValue(f"{where}: write label:((a | b)+), not label:(a | b)+")
        source = _compile(row["pattern"], chars, macros, where)
        regex = re.compile(source)
        rules.append(
            Rule(
                row["id"], row["pattern"], regex, row["build"], tuple(regex.groupindex), tuple(row.get("examples", ()))
            )
        )
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise InvalidValue("grammar.toml: rule ids must be unique")
    return Lexicon(
        words=MappingProxyType(words),
        longest=max(len(k) for k in words),
        starts=frozenset(k[0] for k in words if len(k) > 1),
        fillers=fillers,
        titles=frozenset(key_of(t) for t in vocabulary["title"]),
        chars=MappingProxyType(chars),
        rules=tuple(rules),
        named_days=MappingProxyType(named_days),
        windows=MappingProxyType({k: (int(v[0]), int(v[1])) for k, v in named["window"].items()}),
        conventions=MappingProxyType(conventions),
        furniture=frozenset(vocabulary["furniture"]),
        events=frozenset(vocabulary["event"]),
    )


LEXICON = load()
