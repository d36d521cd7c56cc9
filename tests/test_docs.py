"""docs/conventions.md covers every phrase the shared conventions name.

The docs' examples themselves run as doctests (pytest collects ``docs/*.md``);
this checks that none of the conventions' phrases was left without one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "temporal-conventions.md"
DOC = ROOT / "docs" / "conventions.md"

# Backticked spans in the conventions that are notation, not phrases.
NOTATION = {"[earliest, latest]"}
# Placeholders the conventions write inside phrases.
PLACEHOLDERS = {"x", "y", "n", "units", "name", "/"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’][a-z]+)?|[^\sa-z0-9]", text.lower())


def _spec_phrases() -> list[str]:
    if not SPEC.exists():
        pytest.skip(f"the shared conventions are not at {SPEC}")
    phrases = [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", SPEC.read_text(encoding="utf-8"))]
    return [p for p in dict.fromkeys(phrases) if p not in NOTATION]


def _doc_examples() -> list[str]:
    return re.findall(r"""parse_when\((?:"([^"]*)"|'([^']*)')""", DOC.read_text(encoding="utf-8"))


def _alternatives(phrase: str) -> list[str]:
    """``the following week / month / year`` names three phrases."""
    parts = [p.strip() for p in phrase.split(" / ")]
    if len(parts) == 1:
        return parts
    stem = parts[0].rsplit(" ", 1)[0]
    return [parts[0]] + [f"{stem} {p}" for p in parts[1:]]


def _contains_run(example: list[str], wanted: list[str]) -> bool:
    n = len(wanted)
    return any(example[i : i + n] == wanted for i in range(len(example) - n + 1))


def _covered(phrase: str, examples: list[list[str]]) -> bool:
    """Covered: some example holds the phrase's words in a run; where the phrase
    has placeholders ("N units before X"), some example holds all its other words."""
    words = _words(phrase)
    if any(w in PLACEHOLDERS for w in words):
        wanted = [w for w in words if w not in PLACEHOLDERS]
        return any(all(w in example for w in wanted) for example in examples)
    return any(_contains_run(example, words) for example in examples)


def test_every_phrase_of_the_conventions_has_an_example() -> None:
    examples = [_words(a or b) for a, b in _doc_examples()]
    missing = [
        phrase
        for phrase in _spec_phrases()
        if not all(_covered(alternative, examples) for alternative in _alternatives(phrase))
    ]
    assert not missing, f"phrases of the conventions with no example in docs/conventions.md: {missing}"


def test_the_doc_examples_are_many_and_distinct() -> None:
    examples = [a or b for a, b in _doc_examples()]
    assert len(examples) >= 150
    assert len(set(examples)) >= 140
