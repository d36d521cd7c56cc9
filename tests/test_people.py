"""chronology.reading.people: labels, family words, aliases, genders, the subject, pronouns, births.

The texts are synthetic, written in the style of reviews; the shared Child S review
is read from ``../shared/seeds/`` for a check on a real one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seeds import CHILD_S, seed_text

from chronology import ChronologyError
from chronology.reading.people import DATA, People, Vocabulary, find_people
from chronology.reading.text import clean


def referents(people: People) -> list[tuple[str, str | None]]:
    return [(m.text, p.label if (p := people.person(m)) else None) for m in people.mentions if m.kind == "pronoun"]


@pytest.mark.parametrize(
    ("text", "label", "gender", "role", "child"),
    [
        ("Child S was seen at home.", "Child S", None, "child", True),
        ("Mother S attended.", "Mother S", "female", "mother", False),
        ("Male B was released in April 2013.", "Male B", "male", "adult", False),
        ("Sibling 1 was at school.", "Sibling 1", None, "sibling", True),
        ("Baby T was born early.", "Baby T", None, "child", True),
        ("Adult A was the tenant.", "Adult A", None, "adult", False),
        ("Mr K was interviewed.", "Mr K", "male", "adult", False),
        ("Ms X was the victim.", "Ms X", "female", "adult", False),
        ("Child I was at nursery.", "Child I", None, "child", True),
        (
            "The Maternal Grandmother cared for Child M.",
            "Maternal Grandmother",
            "female",
            "maternal grandmother",
            False,
        ),
        ("Father was arrested and Child M was taken into care.", "Father", "male", "father", False),
        ("The Woman had left the refuge.", "the Woman", "female", "adult", False),
        ("The perpetrator had a history of violence.", "the perpetrator", None, "perpetrator", False),
    ],
)
def test_who_is_named(text: str, label: str, gender: str | None, role: str, child: bool) -> None:
    person = find_people(text).get(label)
    assert person is not None, [p.label for p in find_people(text).persons]
    assert (person.label, person.gender, person.role, person.child) == (label, gender, role, child)


def test_labels_that_are_not_people() -> None:
    people = find_people("See Appendix A and Section B. A female A&E nurse saw Care Pathway 1 applied.")
    assert people.persons == ()


def test_mr_and_mrs() -> None:
    people = find_people("Mr and Mrs K were the foster carers.")
    assert {p.label for p in people.persons} == {"Mr K", "Mrs K"}


def test_every_mention_maps_to_its_words() -> None:
    text = "Child S¹ and his mo-\nther, Mother S, lived with\n\n12\n\nMale B. She said he was kind."
    page = clean(text)
    people = find_people(page)
    assert people.mentions
    for m in people.mentions:
        assert page.text[m.clean_start : m.clean_end] == m.text
        assert re.sub(r"[\s¹-]|12", "", text[m.start : m.end]) == re.sub(r"[\s-]", "", m.text)


def test_the_subject_is_the_child_of_the_title() -> None:
    text = "Serious Case Review concerning Child T\n\nChild M was at school with Child M's friend Child M.\n"
    assert find_people(text).subject.label == "Child T"  # type: ignore[union-attr]


def test_the_subject_is_else_the_child_most_named() -> None:
    text = "Mother P and Child Q met Child P. Child P was seen. Child P was well."
    assert find_people(text).subject.label == "Child P"  # type: ignore[union-attr]


def test_the_subject_of_a_domestic_homicide_review_is_who_died() -> None:
    text = "Summary\n\nThe killing of Mrs D by her husband Mr D. Mr D had been seen by his GP. Mr D was arrested."
    people = find_people(text)
    assert people.subject.label == "Mrs D"  # type: ignore[union-attr]
    assert people.get("Mr D").relations == (("partner", "Mrs D"),)  # type: ignore[union-attr]


def test_aliases_the_text_states() -> None:
    text = (
        "The family were the mother (MK), Male K – the partner of Mother K, and Child K. "
        "Mother K (MK) was 19. MK said that her partner was kind. The mother was tired."
    )
    people = find_people(text)
    mother = people.get("Mother K")
    assert mother is not None and "MK" in mother.aliases
    assert people.get("mk") is mother
    assert people.get("Male K").relations == (("partner", "Mother K"),)  # type: ignore[union-attr]
    partner = [m for m in people.mentions if m.text == "her partner"]
    assert partner and people.person(partner[0]).label == "Male K"  # type: ignore[union-attr]
    the_mother = [m for m in people.mentions if m.text == "The mother"]
    assert the_mother and people.person(the_mother[0]) is mother


def test_pseudonyms_the_text_introduces() -> None:
    text = (
        "The child, who will be referred to as Ruby, lived with her mother and her sibling, Jack. "
        "Ruby was born in 2015. Jack was at school. Ruby was seen by the GP when she was two."
    )
    people = find_people(text)
    ruby, jack = people.get("Ruby"), people.get("Jack")
    assert ruby is not None and jack is not None
    assert people.subject is ruby and ruby.gender == "female"
    assert jack.role == "sibling" and jack.child
    assert people.get("Mother").relations == (("mother", "Ruby"),)  # type: ignore[union-attr]


def test_gender_from_pronouns_and_kin_words() -> None:
    people = find_people("Child S was born in 2010. Mother S took him home. Child S had his checks.")
    assert people.get("Child S").gender == "male"  # type: ignore[union-attr]
    people = find_people("Baby T was born early. She was small and her weight was low. Baby T was fed.")
    assert people.get("Baby T").gender == "female"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mother S and Male B met in 2011. He moved in with her in 2013.",
            [("He", "Male B"), ("her", "Mother S")],
        ),
        (
            "Mother S said that Male B was kind. She said he looked after Child S.",
            [("She", "Mother S"), ("he", "Male B")],
        ),
        (
            "Child S was born in 2010. Mother S took him home. She was well.",
            [("him", "Child S"), ("She", "Mother S")],
        ),
        (
            "Child S had his checks. His mother missed the next one.",
            [("his", "Child S"), ("His", "Child S")],
        ),
        (
            "The health visitor saw Child S and Mother S at home. She noted that the house was clean.",
            [("She", None)],
        ),
        (
            "Mother S took Child S to hospital. Male B stayed at home. Later that day he was arrested.",
            [("he", "Male B")],
        ),
    ],
    ids=["gender", "clauses", "object", "possessive", "professional", "recency"],
)
def test_pronouns(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert referents(find_people(text)) == expected


def test_resolve_and_at_use_cleaned_offsets() -> None:
    text = "Mother S<i>¹</i> said that\nMale B was kind. She said he\n\n7\n\nwas tired."
    page = clean(text)
    people = find_people(page)
    he = page.text.index(" he ") + 1
    assert people.resolve(he, he + 2).label == "Male B"  # type: ignore[union-attr]
    assert people.at(page.text.index("She")).label == "Mother S"  # type: ignore[union-attr]
    assert people.resolve(page.text.index("kind"), page.text.index("kind") + 4) is None


def test_a_pronoun_with_no_one_before_it_is_left_alone() -> None:
    assert referents(find_people("She was seen in 2012 by the GP.")) == [("She", None)]


def test_births_and_deaths() -> None:
    text = (
        "Child S was born in the winter of 2010. Mother S was born in 1989. "
        "After his birth Mother S stayed with a friend. Child S died the following day. "
        "The death of Child S was referred to the Coroner."
    )
    people = find_people(text)
    assert people.births()["Child S"].text == "was born"
    assert people.births()["Mother S"].text == "was born"
    kinds = [(e.kind, people.persons[e.person].label, e.text) for e in people.life_events]
    assert ("birth", "Child S", "birth") in kinds
    assert ("death", "Child S", "died") in kinds
    assert ("death", "Child S", "death") in kinds
    for event in people.life_events:
        assert text[event.start : event.end] == event.text


def test_the_contents_are_not_read() -> None:
    text = "Contents\n\n2.1 Mother R's early years\t4\n2.2 Male T\t5\n\n1 Introduction\n\nChild R was born in 2011.\n"
    people = find_people(text)
    assert [p.label for p in people.persons] == ["Child R"]


def test_vocabulary_is_data() -> None:
    vocabulary = Vocabulary.default()
    assert vocabulary.labels["sibling"].child and vocabulary.kin["maternal grandmother"].gender == "female"
    assert "health visitor" in vocabulary.professionals


def test_a_bad_vocabulary_file_says_what_is_wrong(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "people.toml"
    path.write_text(
        '[labels]\nchild = { gender = "boy", role = "child" }\n[kin]\n[roles]\n[professionals]\nwords = []\n'
    )
    with pytest.raises(ChronologyError, match=r"\[labels\] 'child'.gender: expected 'female', 'male' or ''"):
        Vocabulary.from_file(path)
    path.write_text("[labels]\n")
    with pytest.raises(ChronologyError, match=r"the table \[kin\] is missing"):
        Vocabulary.from_file(path)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    people = find_people(text)
    for m in people.mentions:
        assert people.text[m.clean_start : m.clean_end] == m.text
        assert -1 <= m.person < len(people.persons)


# -- the shared Child S review ---------------------------------------------------------------


@pytest.fixture(scope="module")
def child_s() -> tuple[str, People]:
    text = seed_text(CHILD_S)
    return text, find_people(clean(text))


def test_child_s_people(child_s: tuple[str, People]) -> None:
    _text, people = child_s
    assert people.subject is not None and people.subject.label == "Child S"
    assert people.subject.gender == "male" and people.subject.child
    mother, male = people.get("Mother S"), people.get("Male B")
    assert mother is not None and mother.gender == "female"
    assert ("mother", "Child S") in mother.relations
    assert male is not None and male.gender == "male"
    assert ("partner", "Mother S") in male.relations
    assert people.get("the mother") is mother
    assert "Child S" in people.births() and "Child S" in people.deaths()


def test_child_s_mentions_map_back(child_s: tuple[str, People]) -> None:
    text, people = child_s
    for m in people.mentions:
        assert text[m.start : m.end].split() == m.text.split()


def test_child_s_pronouns_mostly_resolve(child_s: tuple[str, People]) -> None:
    _text, people = child_s
    pronouns = [m for m in people.mentions if m.kind == "pronoun"]
    resolved = [m for m in pronouns if m.person >= 0]
    assert len(resolved) >= 0.85 * len(pronouns)
    he = [people.person(m).label for m in resolved if m.text.lower() in ("he", "him", "his")]  # type: ignore[union-attr]
    assert set(he) <= {"Child S", "Male B", "Father"} | {p.label for p in people.persons if p.gender == "male"}


def test_a_child_named_only_as_the_child() -> None:
    text = (
        "The mother contacted the council. The boy was seen by the GP. The child died in 2007. The mother was arrested."
    )
    people = find_people(text)
    assert people.subject is not None and people.subject.label == "the child"
    assert people.subject.gender == "male" and people.subject.child
    assert people.get("Mother").relations == (("mother", "the child"),)  # type: ignore[union-attr]


def test_bad_arguments_raise_chronology_errors() -> None:
    people = find_people("Mother S was seen.")
    with pytest.raises(ChronologyError):
        find_people(42)  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        find_people("text", vocabulary="mine")  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        people.resolve("a", 3)  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        people.resolve(5, 500)
    with pytest.raises(ChronologyError):
        people.get(None)  # type: ignore[arg-type]
    with pytest.raises(ChronologyError):
        people.mentions_in(None, 3)  # type: ignore[arg-type]


def test_a_family_word_set_off_beside_a_label_is_that_person() -> None:
    people = find_people("Mother T said that Mr R, the father, had a history of violence. The father left.")
    assert [p.label for p in people.persons] == ["Mother T", "Mr R"]
    assert people.get("the father").label == "Mr R"  # type: ignore[union-attr]


def test_a_name_whose_father_the_text_speaks_of_is_the_child() -> None:
    text = (
        "Olly was admitted to hospital on 23 November 2019. Olly's father, Mr T, was charged. "
        "Olly's mother, Ms K, was not. Olly was born in mid-July 2019. The child had been seen by the GP."
    )
    people = find_people(text)
    assert people.subject is not None and people.subject.label == "Olly"
    assert people.get("Olly").child  # type: ignore[union-attr]
    assert [p.label for p in people.persons if p.child] == ["Olly"]


def test_a_baby_named_beside_the_word_is_a_child_of_the_case() -> None:
    text = (
        "In August 2020, three month old baby Alvah was brought to hospital. Alvah had bruises. "
        "Ms D woke to find her 15 day old baby, Darryll, was not breathing. Darryll died."
    )
    assert sorted(p.label for p in find_people(text).persons if p.child) == ["Alvah", "Darryll"]


def test_a_child_or_parent_word_added_to_the_vocabulary_file_makes_a_child(tmp_path: Path) -> None:
    shipped = DATA.read_text(encoding="utf-8")
    text = "The toddler, who will be referred to as Ruby, lived at home. Ruby was seen by the GP. Ruby was well."
    assert not find_people(text).get("Ruby").child  # type: ignore[union-attr]
    path = tmp_path / "people.toml"
    path.write_text(shipped.replace('child_words = ["child",', 'child_words = ["toddler", "child",'), encoding="utf-8")
    assert find_people(text, Vocabulary.from_file(path)).get("Ruby").child  # type: ignore[union-attr]
    text = "A review concerning Olly was held. Olly's stepfather, Mr T, was charged. Olly was seen by the GP."
    assert not find_people(text).get("Olly").child  # type: ignore[union-attr]
    path.write_text(
        shipped.replace('parent_words = ["mother",', 'parent_words = ["stepfather", "mother",'), encoding="utf-8"
    )
    assert find_people(text, Vocabulary.from_file(path)).get("Olly").child  # type: ignore[union-attr]


def test_an_empty_or_blank_word_list_in_the_vocabulary_file_matches_nothing(tmp_path: Path) -> None:
    shipped = DATA.read_text(encoding="utf-8")
    texts = (
        "The subject of this review, who will be referred to as Ruby, lived at home. Ruby was seen by the GP.",
        "A review concerning Ruby was held. Ruby's GP saw her twice. Ruby was well. Ruby was seen.",
    )
    assert not any(find_people(text).get("Ruby").child for text in texts)  # type: ignore[union-attr]
    path = tmp_path / "people.toml"
    emptied = re.sub(r"(?m)^(child_words|parent_words) = \[.*\]$", r'\1 = ["", "  "]', shipped)
    emptied = re.sub(r"(?s)(\[professionals\]\s*words = )\[.*?\]", r"\1[]", emptied)
    assert emptied.count('["", "  "]') == 2 and "words = []" in emptied
    path.write_text(emptied, encoding="utf-8")
    vocabulary = Vocabulary.from_file(path)
    assert not any(find_people(text, vocabulary).get("Ruby").child for text in texts)  # type: ignore[union-attr]
    assert find_people(texts[0], vocabulary).get("Ruby") == find_people(texts[0]).get("Ruby")
