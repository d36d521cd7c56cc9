"""The table's exports, each read back with the library that reads that format."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from chronology import Case, ChronologyError, InvalidValue
from chronology.errors import FileError
from chronology.render.table import COLUMNS, PANEL, Table

HEADERS = [c.header for c in COLUMNS]
PANEL_HEADERS = [c.header for c in COLUMNS if c.key in PANEL]


@pytest.fixture
def table() -> Table:
    """A small case with a conflict, an undated event, awkward text and a period."""
    case = Case()
    child = case.person("Child S", born="December 2010")
    case.event(
        "health visit | weight\nrecorded",
        "when he was ten weeks old",
        agency="health visiting",
        people=[child],
        details={"significance": "weight falling", "action": "GP referral", "outcome": "seen next week"},
    )
    case.event('=HYPERLINK("x") formula-looking note\x0c with a form feed', "early winter 2010", agency="police")
    meeting = case.event(
        "strategy discussion", date(2013, 3, 12), agency="children's social care", source="p.csv row 4"
    )
    case.place(meeting, date(2013, 3, 20), source="c.csv row 9")
    case.event("undated referral", agency="housing")
    case.event("licence", "from mid-2016 to Feb 2017", span=True, agency="probation")
    return case.solve(strict=False).table()


def test_csv_reads_back_with_every_column(table: Table) -> None:
    rows = list(csv.reader(io.StringIO(table.to_csv())))
    assert rows[0] == HEADERS
    assert len(rows) == len(table) + 1
    by_event = {r[HEADERS.index("Event")]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    visit = by_event["health visit | weight\nrecorded"]
    assert visit["Date"] == next(r.display for r in table if r.event.startswith("health visit"))
    assert (visit["Significance"], visit["Action"], visit["Outcome"]) == (
        "weight falling",
        "GP referral",
        "seen next week",
    )
    assert visit["People"] == "Child S"
    assert by_event["undated referral"]["Certainty"] == "undated"
    assert by_event["undated referral"]["Earliest"] == ""
    assert by_event["strategy discussion"]["Certainty"] == "in conflict"


def test_csv_file_has_a_byte_order_mark_for_excel(table: Table, tmp_path: Path) -> None:
    path = table.write(tmp_path / "chronology.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADERS and len(rows) == len(table) + 1
    assert any("–" in cell for row in rows for cell in row)  # en dashes survive


def test_json_round_trips_the_rows(table: Table, tmp_path: Path) -> None:
    document = json.loads(table.write(tmp_path / "t.json").read_text(encoding="utf-8"))
    assert document["title"] == table.title == "Chronology: Child S"
    assert [c["key"] for c in document["columns"]] == [c.key for c in COLUMNS]
    assert len(document["rows"]) == len(table)
    for record, row in zip(document["rows"], table, strict=True):
        assert record["display"] == row.display
        assert record["earliest"] == (row.earliest.isoformat() if row.earliest else None)
        assert record["readings"] == [[r.earliest.isoformat(), r.latest.isoformat()] for r in row.readings]
        assert record["because"] == list(row.because)
    assert document["conflicts"] and any("p.csv row 4" in s for s in document["conflicts"][0])


def test_markdown_escapes_pipes_and_line_breaks(table: Table, tmp_path: Path) -> None:
    text = table.to_markdown()
    lines = text.splitlines()
    assert lines[0] == "| " + " | ".join(PANEL_HEADERS) + " |"
    assert len(lines) == len(table) + 2
    assert "health visit \\| weight recorded" in text
    assert all(len(re.split(r"(?<!\\)\|", line)) == len(PANEL) + 2 for line in lines)
    assert (tmp_path / "t.md").exists() is False
    assert table.write(tmp_path / "t.md").read_text(encoding="utf-8") == text + "\n"


def test_html_page_is_a_whole_document(table: Table, tmp_path: Path) -> None:
    page = table.write(tmp_path / "t.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "Statements that cannot all be true" in page
    assert "health visit | weight" in page and "<script" not in page


def test_xlsx_reads_back_with_openpyxl(table: Table, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = table.to_xlsx(tmp_path / "chronology.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Chronology"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEADERS
    assert len(values) == len(table) + 1
    column = {h: i for i, h in enumerate(HEADERS)}
    for record, row in zip(values[1:], table, strict=True):
        assert record[column["Date"]] == row.display
        earliest = record[column["Earliest"]]
        assert (earliest.date() if earliest is not None else None) == row.earliest  # a real date, not text
        assert record[column["No."]] == row.number
    note = next(r for r in values[1:] if "formula-looking" in str(r[column["Event"]]))
    assert note[column["Event"]].startswith('=HYPERLINK("x")')  # stays text, with the form feed made a space
    cell = sheet.cell(row=values.index(note) + 1, column=column["Event"] + 1)
    assert cell.data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert "Conflicts" in book.sheetnames and "Columns" in book.sheetnames


def test_docx_reads_back_with_python_docx(table: Table, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.enum.section import WD_ORIENT

    document = docx.Document(str(table.to_docx(tmp_path / "chronology.docx")))
    (grid,) = document.tables
    assert [c.text for c in grid.rows[0].cells] == PANEL_HEADERS
    assert len(grid.rows) == len(table) + 1
    for word_row, row in zip(grid.rows[1:], table, strict=True):
        texts = [c.text for c in word_row.cells]
        assert texts[PANEL.index("display")] == row.display
        assert texts[PANEL.index("certainty")] == row.certainty
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.paragraphs[0].text == "Chronology: Child S"
    assert any("cannot all be true" in p.text for p in document.paragraphs)
    assert grid.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # the header repeats on every page


def test_pandas_frame_has_every_column(table: Table) -> None:
    pytest.importorskip("pandas")
    frame = table.to_pandas()
    assert list(frame.columns) == [c.key for c in COLUMNS]
    assert len(frame) == len(table)
    assert frame["display"].tolist() == [r.display for r in table]


def test_missing_optional_library_is_a_clear_error(
    table: Table, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setitem(sys.modules, "docx", None)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ChronologyError, match=r"chronology\[xlsx\]"):
        table.write(tmp_path / "t.xlsx")
    with pytest.raises(ChronologyError, match=r"chronology\[docx\]"):
        table.write(tmp_path / "t.docx")
    with pytest.raises(ChronologyError, match="pandas"):
        table.to_pandas()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".csv", ".md", ".json", ".html", ".xlsx", ".docx"])
def test_unwritable_path_is_a_file_error(table: Table, tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("openpyxl")
    pytest.importorskip("docx")
    with pytest.raises(FileError) as caught:
        table.write(tmp_path / "missing-folder" / f"t{suffix}")
    assert isinstance(caught.value, OSError) and "missing-folder" in str(caught.value)


def test_unknown_format_is_refused(table: Table, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match=r"\.xlsx"):
        table.write(tmp_path / "t.pdf")
    with pytest.raises(InvalidValue):
        table.write(42)  # type: ignore[arg-type]


def test_paths_the_system_cannot_name_are_file_errors(table: Table, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    with pytest.raises(FileError):
        table.write(str(tmp_path / "nul\x00.csv"))
    with pytest.raises(FileError):
        table.to_xlsx(str(tmp_path / "nul\x00.xlsx"))
    with pytest.raises(InvalidValue):
        table.to_docx(42)  # type: ignore[arg-type]


# -- the chronology as JSON, and back ------------------------------------------------------------------

import runpy  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from chronology import Chronology, Excerpt, Interval, merge  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _shape(chronology: Chronology) -> dict[str, object]:
    """Everything a round trip must keep, as plain values."""
    case = chronology.case

    def event(e: object) -> object:
        assert hasattr(e, "description")
        return (
            e.description,  # type: ignore[attr-defined]
            e.index,  # type: ignore[attr-defined]
            e.is_instant,  # type: ignore[attr-defined]
            e.words,  # type: ignore[attr-defined]
            e.agency,  # type: ignore[attr-defined]
            tuple(p.name for p in e.people),  # type: ignore[attr-defined]
            e.source,  # type: ignore[attr-defined]
            e.kind,  # type: ignore[attr-defined]
            e.details,  # type: ignore[attr-defined]
        )

    def statement(s: object) -> object:
        return (s.number, s.says, s.kind, s.words, s.source, tuple(e.description for e in s.events))  # type: ignore[attr-defined]

    return {
        "events": [event(e) for e in chronology.events],
        "people": [p.name for p in chronology.people],
        "subject": chronology.subject.name if chronology.subject else None,
        "statements": [statement(s) for s in case.statements],
        "bounds": [chronology.bounds(e) for e in chronology.events],
        "readings": [chronology.when(e).readings for e in chronology.events],
        "conflicts": [[s.number for s in c] for c in chronology.conflicts],
        "set aside": [s.number for s in chronology.set_aside],
        "table": chronology.table().records(),
        "text": (chronology.text, chronology.source, chronology.agencies),
    }


def test_the_child_m_chronology_round_trips() -> None:
    module = runpy.run_path(str(EXAMPLES / "child_m_case.py"))
    text = (EXAMPLES / "review-child-m.txt").read_text(encoding="utf-8")
    chronology = module["build"](text).solve()
    chronology.text, chronology.source = text, "review-child-m.txt"
    saved = chronology.to_json()
    again = Chronology.from_json(saved)
    assert _shape(again) == _shape(chronology)
    assert again.to_json() == saved


def test_relations_conflicts_withdrawals_and_a_document_date_round_trip() -> None:
    case = Case(document_date=date(2015, 7, 20))
    mother = case.person("Mother S", born=date(1990, 5, 1))
    child = case.person("Child S", born=Excerpt("in the early winter of 2010", 40, 67, "r.txt"), source="r.txt")
    case.subject = child
    refuge = case.event("asked to leave the refuge", "in the early winter of 2011", agency="refuge", people=[mother])
    case.place(refuge, "less than two months old", person=child)
    visit = case.event("health visit", "when he was ten weeks old", agency="health visiting", person=child,
                       details={"outcome": "weight recorded"}, kind="visit")  # fmt: skip
    referral = case.event("referral", source="police.csv row 4")
    case.after(referral, refuge, gap="a four day gap")
    licence = case.event("licence", "from mid-2016 to Feb 2017", span=True)
    case.event("recalled", "ten days prior to the end of his licence", anchor=licence)
    stay = case.event("stay", span=True)
    case.during(stay, licence)
    case.overlaps(stay, licence)
    meeting = case.event("meeting", Interval.month(2011, 3))
    case.same_day(meeting, case.event("call"))
    case.event("last year", "last year")
    wrong = case.place(visit, "January 2011")
    case.place(visit, date(2011, 2, 20))
    withdrawn = case.before(referral, visit, words="before")
    case.remove(withdrawn)
    chronology = case.solve(strict=False)
    assert chronology.conflicts and wrong[0] in chronology.set_aside
    again = Chronology.from_json(chronology.to_json())
    assert _shape(again) == _shape(chronology)


def test_a_merged_chronology_round_trips() -> None:
    pytest.importorskip("openpyxl")
    merged = merge(EXAMPLES / "agency-police.csv", EXAMPLES / "agency-social-care.xlsx",
                   EXAMPLES / "agency-health-visiting.csv", subject="Child T", born="14/02/2012")  # fmt: skip
    again = Chronology.from_json(merged.to_json())
    assert _shape(again) == _shape(merged)
    assert len(again.conflicts) == 1


@st.composite
def _cases(draw: st.DrawFn) -> Chronology:
    phrases = ("June 2011", "early summer 2011", "winter 2010", "2011", "9 July 2011", "mid-April 2011",
               "the following day", "two weeks later", "when he was ten weeks old", "aged 3 months")  # fmt: skip
    case = Case()
    case.person("Child X", born=draw(st.sampled_from(["December 2010", "winter 2010", date(2010, 12, 3)])))
    events = []
    for i in range(draw(st.integers(1, 6))):
        when = draw(st.sampled_from(phrases + (None,)))
        events.append(case.event(f"event {i}", when, agency=draw(st.sampled_from(["police", "GP", None]))))
    for _ in range(draw(st.integers(0, 3))):
        a, b = draw(st.sampled_from(events)), draw(st.sampled_from(events))
        if a is not b:
            case.relate(a, b, draw(st.integers(-5, 5)), None, words=draw(st.sampled_from([None, "later"])))
    return case.solve(strict=False)


@settings(max_examples=30, deadline=None)
@given(_cases())
def test_any_case_round_trips(chronology: Chronology) -> None:
    again = Chronology.from_json(chronology.to_json())
    assert _shape(again) == _shape(chronology)


@pytest.mark.parametrize(
    "text",
    ["", "[]", "{}", '{"format": "chronology", "version": 99}', '{"format": "chronology", "version": 1}', b"\xff"],
    ids=["empty", "list", "no format", "version", "missing parts", "bytes"],
)
def test_what_is_not_a_saved_chronology_is_refused(text: str | bytes) -> None:
    with pytest.raises(InvalidValue):
        Chronology.from_json(text)
