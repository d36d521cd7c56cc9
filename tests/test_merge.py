"""Agencies' chronology tables in: columns by header, dates as people write them, duplicates, conflicts,
and every row accounted for."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology import ChronologyError, FileError, Interval, InvalidValue, UnreadableTable, merge, parse_when
from chronology.merge import Merged

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TABLES = [EXAMPLES / "agency-police.csv", EXAMPLES / "agency-health-visiting.csv", EXAMPLES / "agency-social-care.xlsx"]


def _write(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _data_rows(path: Path) -> int:
    """Rows of data in an example table, counted without the library."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return sum(1 for row in csv.reader(handle) if any(c.strip() for c in row)) - 1
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        return sum(1 for row in rows if any(c not in (None, "") for c in row)) - 1
    finally:
        book.close()  # a read-only workbook holds its file open until closed


# -- the example agencies ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merged() -> Merged:
    pytest.importorskip("openpyxl")
    return merge(*TABLES, subject="Child T", born="14/02/2012")


def test_every_row_is_accounted_for(merged: Merged) -> None:
    assert len(merged.rows) == sum(_data_rows(p) for p in TABLES)
    events = {id(row.event) for row in merged.rows}
    assert len(merged.rows) == len(events) + len(merged.duplicates)
    listed = {id(e) for e in merged.events}
    assert events <= listed
    for row in merged.rows:
        assert row.label in row.event.detail("sources").split("; ")  # each row is named by its event
        assert row.label in str(row.event.source)
    per_event = Counter(id(row.event) for row in merged.rows)
    for row in merged.duplicates:
        assert per_event[id(row.event)] >= 2


def test_the_strategy_discussion_three_agencies_recorded_is_one_event(merged: Merged) -> None:
    (event,) = {row.event for row in merged.rows if "Strategy discussion" in row.text}
    assert event.detail("sources") == (
        "agency-police.csv row 6; agency-health-visiting.csv row 6; agency-social-care.xlsx row 3"
    )
    assert event.detail("agencies") == "Police; health visiting; social care"
    assert merged.when(event).readings == (Interval.day(2013, 3, 19),)
    # what each agency wrote is kept
    assert "health visiting (agency-health-visiting.csv row 6): Strategy discussion (police" in str(
        event.detail("also recorded")
    )
    assert event.detail("outcome") == "Medical found the bruise consistent with the explanation given"


def test_incompatible_dates_are_a_conflict_naming_both_rows(merged: Merged) -> None:
    assert len(merged.conflicts) == 1
    (conflict,) = merged.conflicts
    sources = {str(s.source) for s in conflict}
    assert sources == {"agency-health-visiting.csv row 7", "agency-social-care.xlsx row 5"}
    (row,) = [r for r in merged.table() if "Joint home visit" in r.event]
    assert row.certainty == "in conflict"
    assert "02/05/2013 (agency-health-visiting.csv row 7)" in row.as_written
    assert "2013-05-07 (agency-social-care.xlsx row 5)" in row.as_written


def test_an_impossible_date_is_kept_undated_with_the_reason(merged: Merged) -> None:
    (row,) = [r for r in merged.rows if r.date == "31/06/2013"]
    assert row.status == "undated" and "no such date" in row.problem
    assert merged.bounds(row.event) == Interval(None, None)
    assert row in merged.undated
    (table_row,) = [r for r in merged.table() if r.event.startswith("Mr P arrested")]
    assert (table_row.certainty, table_row.display, table_row.as_written) == ("undated", "undated", "31/06/2013")
    assert "agency-police.csv row 7" in merged.summary()


def test_the_merged_table_carries_what_the_agencies_said(merged: Merged) -> None:
    rows = {r.event: r for r in merged.table()}
    visit = rows["New birth visit: Child T feeding well. Mother T low in mood (EPDS score 14); lives with her mother."]
    assert visit.significance == "Low maternal mood may affect the care Child T receives"
    assert (visit.action, visit.outcome, visit.author) == (
        "Mother T referred to GP",
        "Mother T started on antidepressants",
        "HV1",
    )
    assert visit.age == "2 weeks"  # from the subject's birth, 14 Feb 2012
    assert visit.people == ("Child T", "Mother T")
    notice = next(r for r in rows.values() if r.event.startswith("Police protection notice received"))
    assert notice.recorded == "2013-03-13" and notice.display == "13 Mar 2013"  # a day after the attendance, apart
    (event,) = {r.event for r in merged.rows if r.text.startswith("New birth visit")}
    assert event.detail("Contact type") == "Home visit"  # a column no field names is kept under its header


# -- dates as people write them -----------------------------------------------------------------------

WRITTEN = [
    ("12/03/2013", Interval.day(2013, 3, 12)),
    ("12/03/13", Interval.day(2013, 3, 12)),
    ("w/c 12/03/2013", Interval(date(2013, 3, 12), date(2013, 3, 18))),
    ("approx March 2013", Interval.month(2013, 3)),
    ("early 2012 (exact date unknown)", Interval(date(2012, 1, 1), date(2012, 4, 30))),
    ("Mar-13", Interval.month(2013, 3)),
    ("?/03/2013", Interval.month(2013, 3)),
    ("2013 (approx)", Interval.year(2013)),
]


@pytest.mark.parametrize(("written", "days"), WRITTEN, ids=[w for w, _ in WRITTEN])
def test_dates_written_by_people(tmp_path: Path, written: str, days: Interval) -> None:
    """Read as the conventions say where the grammar reads the form; else kept undated, never guessed."""
    table = _write(tmp_path / "police.csv", [["Date", "Event"], [written, "Visit to the home"]])
    merged = merge(table)
    (row,) = merged.rows
    bounds = merged.bounds(row.event)
    try:
        parse_when(written)
    except ChronologyError:
        assert row.status == "undated" and row.problem.startswith("could not read the date")
        assert bounds == Interval(None, None)
        return
    assert row.status == "event"
    if written.startswith("approx") or "(approx)" in written:
        assert bounds.covers(days)  # a hedge widens, never narrows
    else:
        assert bounds == days


def test_excel_date_cells_are_days(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Chronology of Child X (police)"])  # a title row above the header
    sheet.append(["DATE", "Time", "Event Details"])
    sheet.append([datetime(2013, 3, 12, 14, 30), "14:30", "Call received"])
    sheet.append([datetime(2013, 3, 14), None, "Follow-up visit"])
    book.save(tmp_path / "police.xlsx")
    merged = merge(tmp_path / "police.xlsx")
    assert [merged.bounds(r.event) for r in merged.rows] == [Interval.day(2013, 3, 12), Interval.day(2013, 3, 14)]
    assert [r.row for r in merged.rows] == [3, 4]  # as the spreadsheet numbers them
    assert merged.rows[0].event.detail("time") == "14:30"


# -- finding the columns ----------------------------------------------------------------------------------


def test_headers_are_found_whatever_their_case_and_decoration(tmp_path: Path) -> None:
    table = _write(
        tmp_path / "hv.csv",
        [
            ["DATE (dd/mm/yyyy)", "Recorded By", "Event details", "Action Taken", "Agency"],
            ["01/02/2013", "HV1", "Home visit", "None", "Health visiting"],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    (row,) = merge(table).rows
    assert row.agency == "Health visiting"
    assert (row.event.detail("author"), row.event.detail("action"), row.text) == ("HV1", "None", "Home visit")


def test_columns_override_names_unusual_headers(tmp_path: Path) -> None:
    table = _write(tmp_path / "gp.csv", [["Contact", "Notes"], ["01/02/2013", "Seen with cough"]])
    with pytest.raises(UnreadableTable, match="no column of dates"):
        merge(table)
    (row,) = merge(table, columns={"date": "contact", "event": "NOTES"}).rows
    assert row.text == "Seen with cough" and row.agency == "gp"
    with pytest.raises(UnreadableTable, match="'Visit date'"):
        merge(table, columns={"date": "Visit date"})
    with pytest.raises(InvalidValue, match="no field 'colour'"):
        merge(table, columns={"colour": "Notes"})


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("nodate.csv", "Event,Agency\nVisit,Police\n", UnreadableTable, "no column of dates"),
        ("noevent.csv", "Date,Agency\n01/02/2013,Police\n", UnreadableTable, "what happened"),
        ("empty.csv", "", UnreadableTable, "empty"),
        ("blank.csv", ",,\n,,\n", UnreadableTable, "empty"),
        ("table.pdf", "%PDF-1.4", UnreadableTable, ".csv or .xlsx"),
        ("broken.xlsx", "this is not a workbook", UnreadableTable, "not a readable Excel workbook"),
        ("binary.csv", "Date,Event\n\x00\x01\x02", UnreadableTable, "binary"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v else None,
)
def test_bad_tables_are_clear_errors(
    tmp_path: Path, name: str, content: str, error: type[ChronologyError], words: str
) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=words) as caught:
        merge(path)
    assert name in str(caught.value)


def test_missing_files_and_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="no such file"):
        merge(tmp_path / "absent.csv")
    with pytest.raises(FileError, match="folder"):
        merge(tmp_path)
    with pytest.raises(InvalidValue):
        merge()
    with pytest.raises(InvalidValue):
        merge(42)  # type: ignore[arg-type]
    table = _write(tmp_path / "p.csv", [["Date", "Event"], ["01/02/2013", "Visit"]])
    for bad in ({"similarity": 0}, {"similarity": "high"}, {"window": -1}, {"settings": "uk"}, {"born": "2012"}):
        with pytest.raises(InvalidValue):
            merge(table, **bad)  # type: ignore[arg-type]


# -- which rows are one event ------------------------------------------------------------------------


def _two_tables(tmp_path: Path, a: list[str], b: list[str]) -> Merged:
    header = ["Date", "Event", "People"]
    return merge(_write(tmp_path / "a.csv", [header, a]), _write(tmp_path / "b.csv", [header, b]))


def test_overlapping_dates_and_similar_words_are_one_event(tmp_path: Path) -> None:
    merged = _two_tables(
        tmp_path,
        ["March 2013", "Home visit: bruise on Child X's arm seen", "Child X"],
        ["12/03/2013", "Home visit, bruise seen on Child X's arm", "Child X; Mother X"],
    )
    assert len(merged.duplicates) == 1
    (event,) = {r.event for r in merged.rows}
    assert merged.bounds(event) == Interval.day(2013, 3, 12)  # each row's date is a statement: together, the day


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (["12/03/2013", "Home visit: bruise seen", "Child X"], ["12/03/2013", "Case conference held", "Child X"]),
        (["12/03/2013", "Home visit: bruise seen", "Child X"], ["12/03/2013", "Home visit: bruise seen", "Child Y"]),
        (["12/03/2013", "Home visit: bruise seen", ""], ["12/05/2013", "Home visit: bruise seen", ""]),
        (["2013", "Home visit: bruise seen", ""], ["2013", "Home visit: bruise seen", ""]),
    ],
    ids=["other words", "other people", "months apart", "too vague to match"],
)
def test_rows_that_are_not_one_event_stay_apart(tmp_path: Path, a: list[str], b: list[str]) -> None:
    merged = _two_tables(tmp_path, a, b)
    assert not merged.duplicates and not merged.conflicts
    assert len({id(r.event) for r in merged.rows}) == 2


def test_one_agency_recording_an_event_twice_is_two_rows(tmp_path: Path) -> None:
    table = _write(tmp_path / "p.csv", [["Date", "Event"], ["01/02/2013", "Visit"], ["01/02/2013", "Visit"]])
    merged = merge(table)
    assert len({id(r.event) for r in merged.rows}) == 2 and not merged.duplicates


# -- every row, whatever the tables -------------------------------------------------------------------

WORDS = ("home visit", "bruise seen", "strategy discussion", "police attended", "missed appointment", "referral")


@st.composite
def _tables(draw: st.DrawFn) -> list[list[list[str]]]:
    tables = []
    for _ in range(draw(st.integers(1, 3))):
        rows = [["Date", "Event", "People"]]
        for _ in range(draw(st.integers(0, 8))):
            day = date(2013, 1, 1) + timedelta(days=draw(st.integers(0, 40)))
            written = draw(
                st.sampled_from([day.strftime("%d/%m/%Y"), day.strftime("%B %Y"), "unknown", "", "31/02/2013"])
            )
            words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)))
            people = draw(st.sampled_from(["", "Child X", "Mother X", "Child X; Mother X"]))
            rows.append([written, words, people])
        tables.append(rows)
    return tables


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_tables())
def test_rows_in_are_events_out_plus_duplicates(tmp_path: Path, tables: list[list[list[str]]]) -> None:
    paths = [_write(tmp_path / f"agency{i}.csv", rows) for i, rows in enumerate(tables)]
    given_rows = sum(1 for rows in tables for row in rows[1:] if any(row))
    merged = merge(*paths)
    assert len(merged.rows) == given_rows
    events = {id(r.event): r.event for r in merged.rows}
    assert len(merged.rows) == len(events) + len(merged.duplicates)
    for event in events.values():
        named = [r.label for r in merged.rows if r.event is event]
        assert event.detail("sources") == "; ".join(named)
        assert len({label.split(" row ")[0] for label in named}) == len(named)  # one row per table at most
    for row in merged.rows:
        if row.status == "undated":
            assert merged.bounds(row.event) == Interval(None, None) and row.problem


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx", ".tsv"]))
def test_whatever_a_file_holds_only_a_chronology_error_escapes(tmp_path: Path, content: bytes, suffix: str) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / f"table{suffix}"
    path.write_bytes(b"Date,Event\n" + content if suffix != ".xlsx" else content)
    try:
        merged = merge(path)
    except ChronologyError:
        return
    assert len(merged.rows) == len(merged.events) + len(merged.duplicates)  # no people column: no births
