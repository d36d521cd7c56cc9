"""The compiled grammar (mypyc, see setup.py) says exactly what the source says.

The tests run against the source tree.  A non-editable install (``pip install .``,
as README's test command and ``.ci/run`` do) also carries the grammar's hot
modules compiled to C; this test runs :mod:`compiled_probe` against that
installed package in a fresh interpreter, away from the source tree, and compares
every answer with the source's: the tree, the readings, every error with its
words and position.  Where the installed package is not compiled (an editable
install, or a build without a C compiler) there is nothing to compare: it skips,
saying so.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from compiled_probe import bad_arguments, outcomes
from test_phrases import BAD, MISSING, ROWS

from chronology.phrases.lexicon import LEXICON

HERE = Path(__file__).resolve().parent
PROBE = HERE / "compiled_probe.py"
BENCH_LIST = HERE.parent / "benchmarks" / "phrases.tsv"
EXTENSIONS = (".so", ".pyd")


def _phrases() -> list[str]:
    """Every phrase of the tests' tables, the rules' examples and the benchmark list, a
    seeded sample of vocabulary words and numbers strung together (most of which no rule
    reads), and seeded strings of odd characters."""
    phrases = [row[0] for row in ROWS] + [row[0] for row in BAD] + [row[0] for row in MISSING]
    phrases += [example for rule in LEXICON.rules for example in rule.examples]
    if BENCH_LIST.exists():
        lines = [line for line in BENCH_LIST.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
        phrases += [line.split("\t", 1)[0] for line in lines[1:]]
    numbers = ["2011", "3", "14th", "12/05/2011", "31/02/2011", "2.5", "1/2", "10:30", "7pm", "99999", "1990s", "0"]
    words = sorted({" ".join(key) for key in LEXICON.words}) + numbers + ["-", "/", "&", ",", "the"]
    pick = random.Random(20261122)
    phrases += [" ".join(pick.choices(words, k=pick.randint(1, 6))) for _ in range(4000)]
    # Odd characters too: digits, punctuation, dashes and quotes of every kind, non-Latin letters.
    alphabet = "abdemnorstwy 0123456789 ./:-'’–—,&()\n\tÀßİﬁ٣"
    phrases += ["".join(pick.choices(alphabet, k=pick.randint(1, 14))) for _ in range(2000)]
    phrases += ["", "   ", "\x00", "Early  SUMMER\n2011", "mid\u2013April 2013"]
    return list(dict.fromkeys(phrases))


def _installed(phrases: list[str], tmp_path: Path) -> dict[str, object]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, str(PROBE)],
        input=json.dumps(phrases),
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the source tree: the installed package is imported
        env=environment,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_the_compiled_grammar_answers_as_the_source_does(tmp_path: Path) -> None:
    phrases = _phrases()
    installed = _installed(phrases, tmp_path)
    module = str(installed["module"])
    if not module.endswith(EXTENSIONS):
        pytest.skip(f"the installed chronology is pure Python ({module}): nothing compiled to compare")
    import chronology.phrases._grammar

    if os.path.samefile(module, chronology.phrases._grammar.__file__):
        pytest.skip("the tests themselves run the installed package: nothing to compare it with")
    theirs = installed["outcomes"]
    assert isinstance(theirs, list) and len(theirs) == len(phrases)
    differ = [
        (phrase, ours, their)
        for phrase, their in zip(phrases, theirs, strict=True)
        if (ours := outcomes(phrase)) != their
    ]
    assert not differ, f"{len(differ)} of {len(phrases)} phrases differ; the first: {differ[0]!r}"
    assert installed["bad_arguments"] == bad_arguments()
    assert not any(answer.startswith("ESCAPED") for answer in bad_arguments())
    # The comparison means something: it covered readings, refusals and missing anchors.
    flat = [answer for answers in theirs for answer in answers]
    assert sum(answer.startswith("When(") for answer in flat) > 500
    assert sum(answer.startswith("UnrecognisedPhrase") for answer in flat) > 500
    assert sum(answer.startswith("MissingAnchor") for answer in flat) > 50
