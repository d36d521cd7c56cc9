"""chronology.reading.agencies: the gazetteer as data, mentions in original offsets, what a document lists.

Synthetic texts in the style of reviews; the shared Child S review is read from
``../shared/seeds/`` for its appendix of agency reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seeds import CHILD_S, seed_text

from chronology import ChronologyError
from chronology.reading.agencies import Agency, Gazetteer, find_agencies, listed_agencies
from chronology.reading.text import clean


def found(text: str, gazetteer: Gazetteer | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.agency) for m in find_agencies(text, gazetteer)]


@pytest.mark.parametrize(
    ("words", "agency"),
    [
        ("the health visitor", "health visiting"),
        ("The HV", "health visiting"),
        ("a midwife", "midwifery"),
        ("his GP", "GP"),
        ("the practice nurse", "GP"),
        ("A&E", "hospital"),
        ("the emergency department", "hospital"),
        ("a paediatrician", "hospital"),
        ("police", "police"),
        ("PC Smith", "police"),
        ("the officers", "police"),
        ("a DC", "police"),
        ("children's social care", "children's social care"),
        ("Children’s Services", "children's social care"),
        ("the social worker", "children's social care"),
        ("CSC", "children's social care"),
        ("the MASH", "MASH"),
        ("Early Help", "early help"),
        ("adult social care", "adult social care"),
        ("the housing officer", "housing"),
        ("the probation officer", "probation"),
        ("his offender manager", "probation"),
        ("the National Probation Service", "probation"),
        ("a CRC", "probation"),
        ("HMP Birmingham", "prison"),
        ("the women's refuge", "refuge"),
        ("an IDVA", "IDVA"),
        ("the ambulance crew", "ambulance"),
        ("paramedics", "ambulance"),
        ("CAFCASS", "CAFCASS"),
        ("a MAPPA meeting", "MAPPA"),
        ("the MARAC", "MARAC"),
        ("the school", "school"),
        ("the head teacher", "school"),
        ("the crèche", "nursery"),
        ("the children's centre", "nursery"),
        ("CAMHS", "mental health"),
        ("a community psychiatric nurse", "mental health"),
        ("the drug and alcohol service", "substance misuse"),
        ("the youth offending team", "youth offending"),
        ("the Fire Service", "fire service"),
        ("the LSCB", "safeguarding partnership"),
    ],
)
def test_words_for_agencies(words: str, agency: str) -> None:
    mentions = find_agencies(words)
    assert [m.agency for m in mentions] == [agency]


def test_longest_first_and_whole_words() -> None:
    assert found("The probation officer and the officers.") == [
        ("probation officer", "probation"),
        ("officers", "police"),
    ]
    assert found("Policemen and hospitality and GPS and a pc.") == []


def test_abbreviations_keep_their_case() -> None:
    assert found("the GP") == [("GP", "GP")]
    assert found("gp hv csc") == []


def test_proper_names_take_their_capitalised_words() -> None:
    text = (
        "Thames Valley Police told Coventry City Council Housing Department. "
        "University Hospitals Coventry and Warwickshire NHS Trust wrote."
    )
    assert found(text) == [
        ("Thames Valley Police", "police"),
        ("Coventry City Council Housing Department", "housing"),
        ("University Hospitals Coventry and Warwickshire NHS Trust", "hospital"),
    ]
    assert found("Police attended. The Police") == [("Police", "police"), ("Police", "police")]


def test_mentions_are_in_original_offsets() -> None:
    text = "The health vis-\nitor¹ rang <i>West Midlands</i>\n\n12\n\nPolice."
    page = clean(text)
    mentions = find_agencies(page)
    assert [(m.text, m.agency) for m in mentions] == [
        ("health visitor", "health visiting"),
        ("West Midlands Police", "police"),
    ]
    for m in mentions:
        assert page.text[m.clean_start : m.clean_end] == m.text
        assert page.original_span(m.clean_start, m.clean_end) == (m.start, m.end)
    assert text[mentions[0].start : mentions[0].end] == "health vis-\nitor"


def test_the_contents_are_not_read() -> None:
    text = "Contents\n\n3.3.2 Police contact\t22\n\n1 Introduction\n\nThe police were called.\n"
    assert found(text) == [("police", "police")]


def test_abbreviations_the_document_defines() -> None:
    text = (
        "Glossary\n\nCWS – Children's Social Work Service\n\n1 Introduction\n\n"
        "Child T was taken to Northgate General Hospital (NGH). NGH rang CWS. The GP (Dr A) saw him."
    )
    mentions = find_agencies(text)
    assert ("NGH", "hospital") in [(m.text, m.agency) for m in mentions]
    assert ("CWS", "children's social care") in [(m.text, m.agency) for m in mentions]
    assert not any(m.text == "Dr A" for m in mentions)
    assert [m for m in find_agencies(text, document=False) if m.text == "NGH"] == []


def test_listed_agencies() -> None:
    text = (
        "Glossary\n\nCSC – Children's Social Care\nIDAP – Integrated Domestic Abuse Programme\n\n"
        "1 Introduction\n\nThe review panel included senior managers from:\n\n"
        "- Northshire Police.\n- Northshire Community Health NHS Trust (identity withheld).\n- Brightways Housing\n\n"
        "The main subjects of this review are:\n\n- Child T\n- Mother T\n"
    )
    listed = listed_agencies(text)
    assert [(a.source, a.name, a.agencies) for a in listed] == [
        ("glossary", "Children's Social Care", ("children's social care",)),
        ("list", "Northshire Police", ("police",)),
        ("list", "Northshire Community Health NHS Trust", ("NHS trust",)),
        ("list", "Brightways Housing", ("housing",)),
    ]
    assert listed[0].abbreviation == "CSC"
    for agency in listed:
        assert agency.start < agency.end and text[agency.start : agency.end].strip()


def test_the_gazetteer_is_data() -> None:
    gazetteer = Gazetteer.default()
    names = {a.name for a in gazetteer}
    required = {
        "health visiting", "midwifery", "GP", "hospital", "police", "children's social care",
        "adult social care", "housing", "probation", "prison", "refuge", "ambulance", "CAFCASS",
        "MAPPA", "MARAC", "school", "nursery", "mental health", "substance misuse", "youth offending",
        "IDVA", "fire service", "education", "early help",
    }  # fmt: skip
    assert required <= names
    assert len(gazetteer) == len(names)
    assert gazetteer["police"].sector == "police"
    with pytest.raises(ChronologyError, match="no agency named 'nowhere'"):
        gazetteer["nowhere"]


def test_users_extend_the_gazetteer() -> None:
    base = Gazetteer.default()
    more = base.extended(
        {
            "Barnardo's": {"sector": "voluntary", "aliases": ["Barnardos"], "roles": ["project worker"]},
            "housing": {"aliases": ["Brightways"]},
        }
    )
    assert found("The project worker rang Brightways.", more) == [
        ("project worker", "Barnardo's"),
        ("Brightways", "housing"),
    ]
    assert found("The project worker rang Brightways.", base) == []
    assert "Barnardo's" in more and "Barnardo's" not in base
    assert more["housing"].aliases[-1] == "Brightways" and more["housing"].sector == "housing"
    again = base.extended([Agency("Sure Start", "education", ("Sure Start centre",))])
    assert again.lookup("the Sure Start centre").name == "Sure Start"  # type: ignore[union-attr]


def test_a_gazetteer_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[agency]]\nname = "Brightways"\nsector = "housing"\naliases = ["Brightways Homes"]\n', "utf-8")
    gazetteer = Gazetteer.from_file(path)
    assert found("Brightways Homes called.", gazetteer) == [("Brightways Homes", "Brightways")]
    assert found("Brightways Homes called the police.", Gazetteer.default().extended(gazetteer))[1] == (
        "police",
        "police",
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[[agency]]\nsector = 'x'\n", r"\[\[agency\]\] 1.name: expected str"),
        ("[[agency]]\nname = 'x'\naliases = 'police'\n", r"1.aliases: expected list or tuple"),
        ("[[agency]]\nname = 'x'\ncolour = 'red'\n", r"unknown field 'colour'"),
        ("[[agency]]\nname = 'x'\n[[agency]]\nname = 'x'\n", r"names 'x' twice"),
        ("agency = 3\n", r"\[\[agency\]\]: expected list"),
        ("[[agency]\n", r"is not valid TOML"),
    ],
)
def test_bad_gazetteer_data_says_what_is_wrong(toml: str, message: str) -> None:
    with pytest.raises(ChronologyError, match=message):
        Gazetteer.from_toml(toml, "mine.toml")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    page = clean(text)
    for m in find_agencies(page):
        assert page.text[m.clean_start : m.clean_end] == m.text
        assert 0 <= m.start <= m.end <= len(text)


# -- the shared Child S review -------------------------------------------------------------------


def test_child_s_appendix_of_agency_reports() -> None:
    text = seed_text(CHILD_S)
    page = clean(text)
    listed = [a for a in listed_agencies(page) if a.source == "list"]
    names = {a.name for a in listed}
    for expected in (
        "West Midlands Police",
        "Thames Valley Police",
        "Midland Heart Housing",
        "Birmingham Children's Hospital",
    ):
        assert expected in names, expected
    appendix = text.index("Agency Reports\n\nThe following")
    reports = [a for a in listed if a.start > appendix]
    assert len(reports) == 17
    assert sum(1 for a in reports if a.agencies) >= 16
    assert {"police", "hospital", "housing", "refuge", "children's social care", "probation", "GP"} <= {
        name for a in reports for name in a.agencies
    }


def test_child_s_mentions(child_s_mentions: tuple[str, list]) -> None:  # type: ignore[type-arg]
    text, mentions = child_s_mentions
    agencies = {m.agency for m in mentions}
    assert {"health visiting", "police", "hospital", "housing", "probation", "refuge", "GP", "fire service"} <= agencies
    for m in mentions:
        assert re.sub(r"[\s¹²³⁴⁵⁶⁷⁸⁹⁰*]", "", text[m.start : m.end]) == re.sub(r"\s", "", m.text)
    assert any(m.text == "UHCW" and m.via == "document" for m in mentions)


@pytest.fixture(scope="module")
def child_s_mentions() -> tuple[str, list]:  # type: ignore[type-arg]
    text = seed_text(CHILD_S)
    return text, list(find_agencies(clean(text)))


def test_bad_arguments_raise_chronology_errors() -> None:
    with pytest.raises(ChronologyError):
        find_agencies(None)  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        find_agencies("the police", gazetteer="mine")  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        listed_agencies("the police", gazetteer=3)  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        Gazetteer.default().extended("police")  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        Gazetteer.default().lookup(None)  # type: ignore[arg-type]
