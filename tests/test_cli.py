"""The command line: python -m chronology when/parse."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chronology import Chronology
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


# -- read and merge ------------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AGENCIES = [str(EXAMPLES / n) for n in ("agency-police.csv", "agency-health-visiting.csv", "agency-social-care.xlsx")]


def test_merge_prints_the_table_and_says_what_became_of_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("openpyxl")
    assert main(["merge", *AGENCIES, "--subject", "Child T", "--born", "14/02/2012"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("| No. | Date | Age | Agency | Event |")
    assert "Strategy discussion" in out and "in conflict" in out
    assert err.startswith("22 rows from 3 tables:") and "agency-police.csv row 7 ('31/06/2013')" in err


def test_merge_writes_every_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    docx = pytest.importorskip("docx")
    names = {"csv": "t.csv", "xlsx": "t.xlsx", "docx": "t.docx", "markdown": "t.md", "json": "t.json", "html": "t.html"}
    options = [part for name, file in names.items() for part in (f"--{name}", str(tmp_path / file))]
    assert main(["merge", *AGENCIES, *options]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # written, not printed
    assert all(f"wrote {tmp_path / file}" in err for file in names.values())
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    events = len(rows) - 1
    saved = Chronology.from_json((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert len(saved.table()) == events
    assert openpyxl.load_workbook(tmp_path / "t.xlsx")["Chronology"].max_row == events + 1
    assert len(docx.Document(str(tmp_path / "t.docx")).tables[0].rows) == events + 1
    assert (tmp_path / "t.md").read_text(encoding="utf-8").count("\n") == events + 2
    assert "<table" in (tmp_path / "t.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["merge", "missing.csv"], "missing.csv: no such file"),
        (["merge", "README.md"], "save it as .csv or .xlsx"),
        (["merge", "{nodate}"], "no column of dates"),
        (["merge", "{nodate}", "--column", "date"], "FIELD=HEADER"),
        (["merge", "{nodate}", "--column", "colour=Event"], "no field 'colour'"),
        (["merge", "{good}", "--csv", "{tmp}/t.xlsx"], "--csv writes a .csv file"),
        (["merge", "{good}", "--plot", "{tmp}/t.txt"], ".png, .svg or .pdf"),
        (["merge", "{good}", "--csv", "{tmp}/no/such/folder/t.csv"], "t.csv"),
        (["merge", "{good}", "--born", "2012"], "subject"),
        # no such review (or, until the reader lands, no reader): bad input either way
        (["read", "missing-review.txt"], "chronology: "),
    ],
    ids=[
        "missing",
        "not a table",
        "no date column",
        "bad --column",
        "unknown field",
        "wrong suffix",
        "plot suffix",
        "unwritable",
        "born without subject",
        "missing review",
    ],
)
def test_bad_input_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    nodate = tmp_path / "nodate.csv"
    nodate.write_text("Event,Agency\nVisit,Police\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("Date,Event\n01/02/2013,Visit\n", encoding="utf-8")
    filled = [a.format(nodate=nodate, good=good, tmp=tmp_path) for a in argv]
    assert main(filled) == 2
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith("chronology: ") and words in last and "Traceback" not in err


def test_a_bug_is_one_line_and_status_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import chronology.cli

    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(chronology.cli, "_run", broken)
    assert main(["when", "2011"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (ZeroDivisionError" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text("Date,Event\n01/02/2013,Visit\n", encoding="utf-8")
    tables = [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]
    assert main(["merge", *tables, "--csv", str(tmp_path / "t.csv")]) == 0
    assert "reading" not in capsys.readouterr().err
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["merge", *tables, "--csv", str(tmp_path / "t.csv")]) == 0
    shown = terminal.getvalue()
    assert "1/2 a.csv" in shown and "2/2 b.csv" in shown


def test_the_installed_command_runs_outside_the_source_tree(tmp_path: Path) -> None:
    command = shutil.which("chronology", path=str(Path(sys.executable).parent))
    assert command is not None, "the chronology command is not installed beside this Python"
    done = subprocess.run(
        [command, "when", "early summer 2011"], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "2011-06-01 .. 2011-06-30" in done.stdout
    done = subprocess.run([command, "merge", str(tmp_path / "none.csv")], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.strip() == f"chronology: {tmp_path / 'none.csv'}: no such file"


def test_read_writes_the_readme_outputs_and_says_only_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """README's main command: the example review read into a CSV table and a timeline."""
    review = Path(__file__).resolve().parents[1] / "examples" / "review-child-m.txt"
    table, timeline = tmp_path / "child-m.csv", tmp_path / "child-m.png"
    assert main(["read", str(review), "--csv", str(table), "--plot", str(timeline)]) == 0
    err = capsys.readouterr().err
    summary = next(line for line in err.splitlines() if line.startswith("read "))
    counts = r"\d+ events? \(\d+ dated, \d+ background left out of the table\), \d+ (?:person|people), "
    counts += r"\d+ agenc(?:y|ies), \d+ conflicts?"
    assert re.fullmatch(f"read {re.escape(str(review))}: {counts}", summary)  # counts only: never the review's words
    with table.open(encoding="utf-8-sig", newline="") as written:  # a BOM, so that Excel reads it as UTF-8
        rows = list(csv.DictReader(written))
    assert len(rows) >= 20
    assert {"health visiting", "GP", "police"} <= {row["Agency"] for row in rows}
    assert all(row["Earliest"] <= row["Latest"] for row in rows if row["Earliest"] and row["Latest"])
    assert timeline.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
