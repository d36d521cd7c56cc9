"""The project's own examples keep working, and say what the review's words allow."""

from __future__ import annotations

import runpy
from datetime import date
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_child_m_case_solves_with_provenance() -> None:
    module = runpy.run_path(str(EXAMPLES / "child_m_case.py"))
    text = (EXAMPLES / "review-child-m.txt").read_text(encoding="utf-8")
    case = module["build"](text)
    chronology = case.solve()
    by_name = {event.description: event for event in chronology.events}
    birth = chronology.when(by_name["birth of Child M"])
    # 'the winter of 2016' keeps only the winter that begins in Dec 2016: the booking in
    # autumn 2016 came before the birth, and the death in May 2019 at 2 years 4 months
    # puts the birth between 2 Dec 2016 and 31 Jan 2017.
    assert not birth.is_ambiguous
    assert birth.earliest is not None and birth.earliest >= date(2016, 12, 1)
    assert birth.latest == date(2017, 1, 31)
    # every statement made from the review's words points back into the text
    from_text = [s.words for s in case.statements if s.words is not None and s.words.document == "review-child-m.txt"]
    assert len(from_text) >= 15
    for words in from_text:
        assert text[words.start : words.end] == words.text


def test_child_m_example_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "child_m_case.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "death of Child M" in out and "May 2019" in out
