"""The command line: python -m chronology when/parse."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from chronology.cli import main


def test_when_prints_bounds_and_edtf(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["when", "early summer 2011"]) == 0
    out = capsys.readouterr().out
    assert "2011-06-01 .. 2011-06-30" in out and "EDTF: 2011-06" in out


def test_when_shows_every_reading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["when", "winter 2010", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    spans = {(r["earliest"], r["latest"]) for r in record["readings"]}
    assert spans == {("2010-12-01", "2011-02-28"), ("2009-12-01", "2010-02-28")}


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("2010-12-14", ("2011-02-22", "2011-02-28")),
        ("2010-12-01..2010-12-31", ("2011-02-09", "2011-03-17")),
        ("early winter 2010", None),
    ],
    ids=["day", "range", "phrase"],
)
def test_when_with_a_birth(capsys: pytest.CaptureFixture[str], birth: str, expected: tuple[str, str] | None) -> None:
    assert main(["when", "when he was ten weeks old", "--birth", birth, "--json"]) == 0
    readings = json.loads(capsys.readouterr().out)["readings"]
    if expected is not None:
        assert [(r["earliest"], r["latest"]) for r in readings] == [expected]
    else:
        # a birth with two readings (Dec 2010 or Dec 2009) gives one result per reading
        assert {r["earliest"][:7] for r in readings} == {"2011-02", "2010-02"}


def test_errors_go_to_stderr_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["when", "when he was ten weeks old"]) == 2
    err = capsys.readouterr().err
    assert "birth" in err
    assert main(["when", "blorp"]) == 2
    assert "blorp" in capsys.readouterr().err
    assert main(["when", "ten weeks old", "--birth", "2010-13-01..2010-12-31"]) == 2


def test_parse_prints_the_tree_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "three months before his death", "--json"]) == 0
    tree = json.loads(capsys.readouterr().out)
    assert "his death" in json.dumps(tree)


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "chronology", "when", "mid-April 2013"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "2013-04-11 .. 2013-04-20" in done.stdout
