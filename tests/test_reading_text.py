"""chronology.reading.text: PDF clean-up with exact offsets, and the document's blocks.

Properties run on generated reviews with PDF noise put in (lines broken at a page's
width, a blank line between lines, page numbers and running headers, words
hyphenated at line ends, bullets, footnote marks, markup); the cases below them
pin each rule; the shared Child S review is read from ``../shared/seeds/``.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seeds import CHILD_S, seed_text, shared_dir

from chronology import ChronologyError
from chronology.reading.text import Cleaned, clean

# -- generated reviews with PDF noise -----------------------------------------------------------

# a lone "o" before a capital at a line start is a bullet (Word's hollow bullet as PDFs give it), never a word
WORDS = st.text(alphabet="abcdefghijklmnoprstuvwy", min_size=1, max_size=11).filter(lambda w: w != "o")
HEADER = "Serious Case Review Child Q"
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


@st.composite
def sentences(draw: st.DrawFn) -> list[str]:
    words = draw(st.lists(WORDS, min_size=2, max_size=14))
    words[0] = words[0].capitalize()
    if draw(st.booleans()):
        words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(["Mother", "Child", "Male", "Police"]))
    words[-1] += "."
    return words


@st.composite
def reviews(draw: st.DrawFn) -> tuple[str, list[str], dict[str, bool]]:
    """A review as a PDF gives it, the words it holds, and the noise that was put in."""
    noise = {
        "spaced": draw(st.booleans()),
        "pages": draw(st.booleans()),
        "hyphens": draw(st.booleans()),
        "marks": draw(st.booleans()),
        "bullets": draw(st.booleans()),
        "tags": draw(st.booleans()),
    }
    width = draw(st.integers(25, 90))
    every = draw(st.integers(5, 12))
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4), min_size=1, max_size=10))
    words: list[str] = []
    lines: list[str] = []
    for paragraph in paragraphs:
        flat = [w for sentence in paragraph for w in sentence]
        words.extend(flat)
        bullet = noise["bullets"] and draw(st.booleans())
        shown = []
        for word in flat:
            mark = ""
            if noise["marks"] and draw(st.integers(0, 9)) == 0:
                mark = draw(st.sampled_from(SUPERSCRIPTS))
            if noise["tags"] and draw(st.integers(0, 9)) == 0:
                word = f"<i>{word}</i>"
            shown.append(word + mark if not word.endswith(".") else word[:-1] + mark + ".")
        line = "• " if bullet else ""
        for word in shown:
            plain = re.sub(r"<[^>]*>", "", word)
            if line.strip() and len(line) + len(plain) > width:
                if noise["hyphens"] and len(plain) >= 6 and plain.isalpha() and plain.islower():
                    cut = draw(st.integers(2, len(plain) - 2))
                    lines.append(line + plain[:cut] + "-")
                    line = plain[cut:] + " "
                    continue
                lines.append(line.rstrip())
                line = ""
            line += word + " "
        lines.append(line.rstrip())
        lines.append("")
    out: list[str] = []
    page = 1
    for k, line in enumerate(lines):
        out.append(line)
        if noise["spaced"] and line:
            out.append("")
        if noise["pages"] and (k + 1) % every == 0:
            page += 1
            out.extend(["", str(page), "", HEADER, ""])
    while noise["pages"] and page < 4:  # a running header runs over three pages at least
        page += 1
        out.extend(["", str(page), "", HEADER, ""])
    return "\n".join(out), words, noise


def unnoised(original: str) -> str:
    """The words of an original slice with the generated noise taken out."""
    text = original.replace(HEADER, " ")
    text = re.sub(r"(?m)^\s*\d+\s*$", " ", text)
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(f"[{SUPERSCRIPTS}•]", "", text)
    text = re.sub(r"-\s*\n[\s\n]*", "", text)
    return " ".join(text.split())


FAST = settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(reviews())
def test_cleaning_keeps_exactly_the_words(review: tuple[str, list[str], dict[str, bool]]) -> None:
    text, words, _noise = review
    page = clean(text)
    assert page.text.split() == words or [w.replace("-", "") for w in page.text.split()] == words


@FAST
@given(reviews(), st.data())
def test_every_span_maps_back_to_its_words(review: tuple[str, list[str], dict[str, bool]], data: st.DataObject) -> None:
    text, _words, _noise = review
    page = clean(text)
    spans = [m.span() for m in re.finditer(r"\S+", page.text)]
    for start, end in spans:
        a, b = page.original_span(start, end)
        assert unnoised(text[a:b]).replace("-", "") == page.text[start:end].replace("-", "")
    if len(spans) >= 2:
        i = data.draw(st.integers(0, len(spans) - 1))
        j = data.draw(st.integers(i, len(spans) - 1))
        a, b = page.original_span(spans[i][0], spans[j][1])
        assert unnoised(text[a:b]).replace("-", "") == " ".join(page.text[spans[i][0] : spans[j][1]].split()).replace(
            "-", ""
        )


@FAST
@given(reviews())
def test_the_map_is_monotone_exact_and_in_range(review: tuple[str, list[str], dict[str, bool]]) -> None:
    text, _words, _noise = review
    page = clean(text)
    last = 0
    for offset in range(len(page.text) + 1):
        at = page.original_offset(offset)
        assert last <= at <= len(text)
        last = at
        if offset < len(page.text) and not page.text[offset].isspace():
            a, b = page.original_span(offset, offset + 1)
            assert text[a:b] == page.text[offset]
    ends = [page.original_offset(offset, end=True) for offset in range(len(page.text) + 1)]
    assert ends == sorted(ends)
    for block in page.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        assert 0 <= block.clean_start <= block.clean_end <= len(page.text)


@FAST
@given(reviews())
def test_cleaning_a_cleaned_text_changes_nothing(review: tuple[str, list[str], dict[str, bool]]) -> None:
    text, _words, _noise = review
    once = clean(text)
    assert clean(once.text).text == once.text


@FAST
@given(reviews())
def test_page_furniture_is_found_and_dropped(review: tuple[str, list[str], dict[str, bool]]) -> None:
    text, _words, noise = review
    page = clean(text)
    assert HEADER not in page.text
    furniture = [text[b.start : b.end] for b in page.of_kind("furniture")]
    if noise["pages"]:
        assert all(f == HEADER or f.isdigit() for f in furniture)
        assert furniture.count(HEADER) == text.count(HEADER)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all(text: str) -> None:
    page = clean(text)
    assert len(page.text) <= 2 * len(text) + 2
    last = 0
    for offset in range(len(page.text) + 1):
        at = page.original_offset(offset)
        assert last <= at <= len(text)
        last = at
    for block in page.blocks:
        assert 0 <= block.start <= block.end <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_binary_junk(data: bytes) -> None:
    page = clean(data.decode("latin-1"))
    assert isinstance(page, Cleaned)


# -- the rules, one by one ----------------------------------------------------------------------


def blocks(text: str) -> list[tuple[str, str]]:
    page = clean(text)
    return [(b.kind, text[b.start : b.end]) for b in page.blocks]


def test_empty_and_blank_texts() -> None:
    for text in ("", "\n\n", "   \t", "\f"):
        page = clean(text)
        assert page.text == "" and page.blocks == ()
        assert page.original_span(0, 0)[0] <= len(text)


def test_not_a_string() -> None:
    with pytest.raises(ChronologyError, match="str, not bytes"):
        clean(b"Child S")  # type: ignore[arg-type]


def test_spans_outside_the_text_are_refused() -> None:
    page = clean("Child S was born.")
    with pytest.raises(ChronologyError, match="not a span"):
        page.original_span(3, 200)
    with pytest.raises(ValueError):
        page.original_span(5, 2)


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("seen by the health visi-\ntor in May", "seen by the health visitor in May"),
        ("a self-\nharm episode", "a self-harm episode"),
        ("a co-\nordinated plan and a co-ordinated one", "a co-ordinated plan and a co-ordinated one"),
        ("the step-\nfather, and the stepfather", "the stepfather, and the stepfather"),
        ("in mid-\nJune 2011", "in mid-June 2011"),
        ("police -\nand then", "police - and then"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
    ],
    ids=["join", "self-", "evidence-keeps", "evidence-joins", "capital", "dash", "invisible"],
)
def test_hyphenation_at_line_ends(text: str, cleaned: str) -> None:
    assert clean(text).text == cleaned


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("the <i>Review Panel</i> met", "the Review Panel met"),
        ("a **finding** and ~~struck~~ text", "a finding and struck text"),
        ("a referral³ to social care¹⁴¹⁵.", "a referral to social care."),
        ("a referral[3] was made", "a referral was made"),
        ("the model1. It was used", "the model. It was used"),
        ("Sibling1 and Child2 stay", "Sibling1 and Child2 stay"),
        ("e\ufb03cient &amp; quick", "efficient & quick"),
        ("tabs\tand\u00a0odd spaces", "tabs and odd spaces"),
        ("Adult A    Victim    31    White British", "Adult A\tVictim\t31\tWhite British"),
        ("control\x00chars\x07here", "control chars here"),
        ("one • two", "one two"),
    ],
    ids=[
        "tags",
        "emphasis",
        "superscripts",
        "brackets",
        "glued-digit",
        "labels-kept",
        "ligature",
        "spaces",
        "cells",
        "ctl",
        "bullet",
    ],
)
def test_inline_noise(text: str, cleaned: str) -> None:
    page = clean(text)
    assert page.text == cleaned
    for m in re.finditer(r"\S+", page.text):
        a, b = page.original_span(*m.span())
        assert text[a:b]


def test_page_numbers_and_running_headers() -> None:
    body = [f"Paragraph {k} tells what the agency did." for k in range(12)]
    pages = []
    for k in range(0, 12, 3):
        pages.append("\n\n".join(body[k : k + 3]))
    text = "Review of Child Q\n\n" + "".join(
        f"{page}\n\nReview of Child Q – Final\n\nPage {n} of 4\n\f" for n, page in enumerate(pages, 1)
    )
    page = clean(text)
    assert "Final" not in page.text and "Page" not in page.text
    assert page.text.startswith("Review of Child Q\n\nParagraph 0")
    kinds = [kind for kind, _ in blocks(text)]
    assert kinds.count("furniture") == 8


def test_a_sentence_broken_by_a_page_break_is_joined() -> None:
    pages = ["The health visitor saw the", "child at home. The GP wrote to the", "mother the next week."]
    text = "".join(f"{page}\n\n{n}\n\nRunning Header Of The Review\n\n" for n, page in enumerate(pages, 1))
    assert clean(text).text == "The health visitor saw the child at home. The GP wrote to the mother the next week."


def test_a_lone_repeated_line_is_not_a_header() -> None:
    text = "Care Plan 1\n\nText one.\n\nCare Plan 2\n\nText two.\n\nCare Plan 3\n\nText three.\n" + "More.\n\n" * 20
    assert "Care Plan 2" in clean(text).text


@pytest.mark.parametrize(
    ("line", "kind", "number", "level"),
    [
        ("3.2 The first year", "heading", "3.2", 2),
        ("2.10 Contact with the police", "heading", "2.10", 2),
        ("1.4.1 Chronologies and reports", "heading", "1.4.1", 3),
        ("3.12 The health visitor saw Child M at home when she was ten weeks old.", "paragraph", "3.12", 0),
        ("4.11 Mother M did not attend. The GP wrote to her.", "paragraph", "4.11", 0),
        ("Section Two – The Family", "heading", "Two", 1),
        ("Appendix B", "heading", "B", 1),
        ("5. Recommendations", "heading", "5", 1),
        ("12. The review panel met six times between 2014 and 2015 to consider the reports.", "paragraph", "12", 0),
        ("(a) the child has died; or", "item", "a", 0),
        ("(iv) the child was harmed.", "item", "iv", 0),
        ("• Mother B", "item", None, 0),
        ("- Children's Social Care", "item", None, 0),
        ("Jan 2008   Mother booked with the midwife", "row", None, 0),
        ("12/03/2011\tGP\tChild seen with a rash", "row", None, 0),
        ("Early 2012\t\tHousing offered a flat", "row", None, 0),
        ("10 March 2011 the GP saw the child.", "paragraph", None, 0),
    ],
)
def test_a_line_on_its_own(line: str, kind: str, number: str | None, level: int) -> None:
    page = clean(f"{line}\n\nThe next paragraph follows.\n")
    block = page.blocks[0]
    assert (block.kind, block.number, block.level) == (kind, number, level)
    if number is not None and block.number_start is not None:
        assert page.original[block.number_start : block.number_end] == number


def test_section_numbers_are_numbering_not_dates() -> None:
    text = "2.10 The first year\n\n3.12 Mother M moved home. See paragraph 4.11 and section 2.3.1.\n"
    page = clean(text)
    for number in ("2.10", "3.12", "4.11", "2.3.1"):
        at = page.text.index(number)
        assert page.is_numbering(at, at + len(number)), number
    at = page.text.index("moved")
    assert not page.is_numbering(at, at + 5)


def test_a_number_alone_on_its_line_numbers_the_paragraph_after_it() -> None:
    text = "4.11\n\nThe health visitor saw the child.\n"
    block = clean(text).blocks[0]
    assert (block.kind, block.number, text[block.number_start : block.number_end]) == ("paragraph", "4.11", "4.11")
    assert block.start == 0


def test_table_of_contents() -> None:
    text = (
        "Contents\n\n1 Introduction\t3\n1.1 Why this review\t4\n2 The family ........ 5\n"
        "3 Terms of reference and the scope of\nthe review\t6\nAppendix A – Agencies\t9\n\n"
        "1 Introduction\n\nThe review began in 2014.\n"
    )
    kinds = blocks(text)
    assert [k for k, _ in kinds[:6]] == ["toc"] * 6 or [k for k, _ in kinds[:7]] == ["toc"] * 7
    assert ("heading", "1 Introduction") in kinds
    assert ("paragraph", "The review began in 2014.") in kinds


def test_glossary() -> None:
    text = (
        "Glossary\n\nCSC – Children's Social Care\nHV\tHealth Visitor\nMARAC: Multi-Agency Risk Assessment Conference\n"
        "\n1 Introduction\n\nMASH – Multi-Agency Safeguarding Hub\n\nMale B – the partner of Mother B\n"
    )
    page = clean(text)
    entries = [[text[a:b] for a, b in block.cells] for block in page.of_kind("glossary")]
    assert ["CSC", "Children's Social Care"] in entries
    assert ["HV", "Health Visitor"] in entries
    assert ["MARAC", "Multi-Agency Risk Assessment Conference"] in entries
    assert ["MASH", "Multi-Agency Safeguarding Hub"] in entries
    assert not any(e[0] == "Male B" for e in entries)


def test_footnotes_and_the_paragraph_they_interrupt() -> None:
    text = (
        "The child played with his peers and especially enjoyed\n\n"
        "⁵ Universal services are offered to all children.\n\n"
        "climbing in the garden.\n"
    )
    page = clean(text)
    kinds = [(b.kind, b.number, b.continues) for b in page.blocks]
    assert kinds == [("paragraph", None, False), ("footnote", "5", False), ("paragraph", None, True)]
    assert "Universal services are offered" in page.text and "⁵" not in page.text


def test_rows_keep_their_cells() -> None:
    text = "Date\tAgency\tEvent\nJan 2008\tMidwifery\tMother booked\nMar 2008   GP   Child seen\n"
    page = clean(text)
    rows = page.of_kind("row")
    assert [[text[a:b] for a, b in row.cells] for row in rows] == [
        ["Date", "Agency", "Event"],
        ["Jan 2008", "Midwifery", "Mother booked"],
        ["Mar 2008", "GP", "Child seen"],
    ]


def test_spaced_extraction_is_rejoined() -> None:
    lines = [
        "1.1 This report sets out the findings of the review undertaken into",
        "the death of Baby F. In accordance with the guidance of the time the",
        "Panel met monthly and agreed the terms of reference for the review.",
        "1.2 The panel has undertaken a robust process of reviewing the work of all",
        "agencies involved in the life of Baby F including the antenatal period,",
        "when the midwife saw the mother four times and the health visitor once",
        "before the birth. The GP practice held no record of the visits in its",
        "Electronic Patient Record, and the hospital trust did not know of them.",
    ]
    page = clean("\n\n".join(lines) + "\n")
    paragraphs = page.of_kind("paragraph")
    assert [b.number for b in paragraphs] == ["1.1", "1.2"]
    assert page.text.count("\n\n") == 1


def test_blocks_map_back_exactly() -> None:
    text = "Contents\n\n1 Introduction\t3\n\n1 Introduction\n\n• Coventry <i>Social</i> Care\n\n⁴ A note.\n"
    page = clean(text)
    for block in page.blocks:
        if block.kind == "furniture":
            continue
        a, b = page.original_span(block.clean_start, block.clean_end)
        assert block.start <= a <= b <= block.end
        assert unnoised(text[a:b]).split() == page.text[block.clean_start : block.clean_end].split()


def test_cleaned_span_inverts_original_span() -> None:
    text = "Child S\n\n12\n\nwas born in early\nwinter 2010 at <b>home</b>."
    page = clean(text)
    for m in re.finditer(r"\S+", page.text):
        a, b = page.original_span(*m.span())
        assert page.cleaned_span(a, b) == m.span()


def test_block_at_and_excerpt() -> None:
    page = clean("Introduction\n\nChild S was born in early\nwinter 2010.")
    start = page.text.index("early")
    assert page.block_at(start).kind == "paragraph"  # type: ignore[union-attr]
    assert page.block_at(12) is None
    excerpt = page.excerpt(start, start + len("early winter 2010"), "review")
    assert (excerpt.text, excerpt.document) == ("early\nwinter 2010", "review")


def test_a_long_line_is_linear_and_whole() -> None:
    text = ("word " * 200_000) + "\n" + ("<i>" * 1000) + ("1." * 5000) + "\n" + ("-" * 100_000)
    page = clean(text)
    assert page.text.startswith("word word")


# -- the shared Child S review ---------------------------------------------------------------


@pytest.fixture(scope="module")
def child_s() -> tuple[str, Cleaned]:
    text = seed_text(CHILD_S)
    return text, clean(text)


def test_child_s_structure(child_s: tuple[str, Cleaned]) -> None:
    text, page = child_s
    toc = page.of_kind("toc")
    assert len(toc) >= 60
    assert all(b.end < text.index("What this review is about\n\nChild S") for b in toc)
    headings = {b.number: b.level for b in page.of_kind("heading") if b.number}
    assert headings["1.1"] == 2 and headings["3.2.1"] == 3 and headings["A"] == 1
    assert [b.number for b in page.of_kind("footnote")][:4] == ["1", "2", "3", "4"]
    items = [text[b.start : b.end] for b in page.of_kind("item")]
    assert any("Thames Valley Police" in item for item in items)
    assert not page.of_kind("furniture")


def test_child_s_blocks_map_back(child_s: tuple[str, Cleaned]) -> None:
    text, page = child_s
    for block in page.blocks:
        a, b = page.original_span(block.clean_start, block.clean_end)
        assert block.start <= a <= b <= block.end
        original = re.sub(r"</?[a-z]{1,5}>|\*\*|\*|~~|[¹²³⁴⁵⁶⁷⁸⁹⁰]|^- ", "", text[a:b])
        original = re.sub(r"\.{4,}", " ", original)
        assert original.split() == page.text[block.clean_start : block.clean_end].split()


def test_child_s_annotated_phrases_survive_cleaning(child_s: tuple[str, Cleaned]) -> None:
    text, page = child_s
    path = shared_dir() / "eval" / "dev_child_s.json"
    if not path.exists():
        pytest.skip(f"the development annotation is not at {path}")
    mentions = json.loads(path.read_text("utf-8"))["mentions"]
    assert mentions
    for mention in mentions:
        start, end = page.cleaned_span(mention["start"], mention["end"])
        assert page.text[start:end].split() == mention["text"].split()
        assert page.original_span(start, end) == (mention["start"], mention["end"])


def test_contents_without_page_numbers() -> None:
    text = (
        "CONTENTS\n\n1. Introduction\n\n2. Methodology\n\n3. Terms of Reference\n\n"
        "1 INTRODUCTION\n\n1.1 This overview report sets out what the review found about the death of Baby F "
        "and the work of the agencies involved.\n"
    )
    kinds = blocks(text)
    assert [k for k, _ in kinds[:4]] == ["toc"] * 4
    assert kinds[4] == ("heading", "1 INTRODUCTION")
    assert kinds[5][0] == "paragraph"


def test_bad_offsets_raise_chronology_errors() -> None:
    page = clean("Child S was born.")
    for call in (
        lambda: page.kind_at("3"),  # type: ignore[arg-type]
        lambda: page.block_at(-1),
        lambda: page.is_numbering(0, 99),
        lambda: page.cleaned_span(0, 99),
        lambda: page.original_offset(None),  # type: ignore[arg-type]
        lambda: page.excerpt(4, 2),
    ):
        with pytest.raises(ChronologyError):
            call()
