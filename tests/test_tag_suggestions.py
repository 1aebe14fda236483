"""Synonym suggestions find the variants wranglers merge, and stay quiet about names that only look alike."""

import pytest

from quire.tags.suggestions import Suggestion, match_key, suggest_synonyms

GILMORE_CHARACTERS = [
    "Rory Gilmore",
    "Lorelai Gilmore",
    "Lorelai 'Trix' Gilmore",
    "Richard Gilmore",
    "Jess Mariano",
    "Luke Danes",
    "Rory Williams",
    "Sherlock Holmes",
    "Mr. Darcy",
    "James 'Bucky' Barnes",
]
RELATIONSHIPS = [
    "Jess Mariano/Rory Gilmore",
    "Jess Mariano & Rory Gilmore",
    "Lorelai Gilmore & Rory Gilmore",
    "Logan Huntzberger/Rory Gilmore",
    "Amy Pond/Rory Williams",
    "Lorelai Gilmore/Luke Danes/Rory Gilmore",
]
ADDITIONAL = [
    "Alternate Universe - Canon Divergence",
    "Alternate Universe",
    "Hurt/Comfort",
    "Road Trips",
    "Self-Harm",
    "Top Harry/Bottom Draco",
    "Fluff",
]
FANDOMS = ["Gilmore Girls", "Sherlock (TV)", "Pokémon", "Star Trek: The Original Series", "Robin Hood"]


def names(suggestions: list[Suggestion]) -> list[str]:
    return [s.canonical for s in suggestions]


def only(name: str, tag_type: str, canonicals: list[str]) -> Suggestion:
    found = suggest_synonyms(name, tag_type, canonicals)
    assert len(found) == 1, found
    return found[0]


# Same name, written differently: case, spacing, accents, punctuation.


@pytest.mark.parametrize(
    ("name", "tag_type", "expected", "reason"),
    [
        ("rory gilmore", "character", "Rory Gilmore", "same letters, different case"),
        ("RORY  GILMORE", "character", "Rory Gilmore", "same letters, different case"),
        ("Pokemon", "fandom", "Pokémon", "same letters, different accents"),
        (
            "Jess Mariano / Rory Gilmore",
            "relationship",
            "Jess Mariano/Rory Gilmore",
            "same letters, different spacing",
        ),
        (
            "Star Trek - The Original Series",
            "fandom",
            "Star Trek: The Original Series",
            "same words, different punctuation",
        ),
        ("Mr Darcy", "character", "Mr. Darcy", "same words, different punctuation"),
        ("hurt comfort", "additional", "Hurt/Comfort", "same words, different punctuation"),
        ("Self Harm", "additional", "Self-Harm", "same words, different punctuation"),
        ("Mariano, Jess", "character", "Jess Mariano", "same name, family name first"),
    ],
)
def test_the_same_name_written_differently_is_suggested_with_its_reason(name, tag_type, expected, reason):
    canonicals = {"character": GILMORE_CHARACTERS, "relationship": RELATIONSHIPS}.get(
        tag_type, ADDITIONAL + FANDOMS
    )
    found = only(name, tag_type, canonicals)
    assert (found.canonical, found.reason) == (expected, reason)
    assert 0.9 <= found.score <= 1


def test_match_key_ignores_case_spacing_accents_and_punctuation():
    assert match_key("rory  gilmore", "character") == match_key("Rory Gilmore", "character") == "rory gilmore"
    assert match_key("Pokemon", "fandom") == match_key("Pokémon", "fandom") == match_key("POKÉMON", "fandom")
    assert match_key("Mr Darcy", "character") == match_key("Mr. Darcy", "character")
    assert match_key("Rory's Diary", "additional") == match_key("Rory’s Diary", "additional")
    assert match_key("Law & Order", "fandom") == match_key("Law and Order", "fandom")


def test_match_key_keeps_letters_other_scripts_tell_apart():
    # Only Latin accents are dropped: й and и, が and か are different letters to their readers.
    assert match_key("Йорк", "character") != match_key("Иорк", "character")
    assert match_key("がっこう", "fandom") != match_key("かっこう", "fandom")
    assert match_key("Ｆｕｌｌ", "fandom") == "full"


def test_match_key_of_relationships_ignores_member_order_but_not_the_kind():
    romantic = match_key("Rory Gilmore/Jess Mariano", "relationship")
    assert romantic == match_key("Jess Mariano / Rory Gilmore", "relationship")
    assert match_key("Rory Gilmore & Lorelai Gilmore", "relationship") == match_key(
        "Lorelai Gilmore & Rory Gilmore", "relationship"
    )
    assert romantic != match_key("Jess Mariano & Rory Gilmore", "relationship")
    assert match_key("Mariano, Jess/Gilmore, Rory", "relationship") == romantic


# Relationships.


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rory Gilmore/Jess Mariano", "Jess Mariano/Rory Gilmore"),
        ("Rory Gilmore & Lorelai Gilmore", "Lorelai Gilmore & Rory Gilmore"),
        ("Rory Gilmore/Lorelai Gilmore/Luke Danes", "Lorelai Gilmore/Luke Danes/Rory Gilmore"),
        ("Luke Danes/Rory Gilmore/Lorelai Gilmore", "Lorelai Gilmore/Luke Danes/Rory Gilmore"),
    ],
)
def test_relationship_members_in_another_order(name, expected):
    found = only(name, "relationship", RELATIONSHIPS)
    assert (found.canonical, found.reason) == (expected, "same people in another order")


def test_romantic_and_platonic_relationships_of_the_same_people_never_match():
    assert names(suggest_synonyms("Rory Gilmore/Lorelai Gilmore", "relationship", RELATIONSHIPS)) == []
    assert names(suggest_synonyms("Rory Gilmore & Jess Mariano", "relationship", RELATIONSHIPS)) == [
        "Jess Mariano & Rory Gilmore"
    ]
    assert names(suggest_synonyms("Rory/Jess", "relationship", ["Jess Mariano & Rory Gilmore"])) == []
    assert names(suggest_synonyms("Rory & Jess", "relationship", ["Jess Mariano/Rory Gilmore"])) == []


@pytest.mark.parametrize("name", ["Rory/Jess", "Jess/Rory", "Rory/Jess Mariano", "rory / jess"])
def test_first_names_of_a_pairing_find_it_when_only_one_pairing_fits(name):
    found = only(name, "relationship", RELATIONSHIPS)
    assert (found.canonical, found.reason) == ("Jess Mariano/Rory Gilmore", "short names of the same people")
    assert found.score < 0.9


def test_first_names_that_fit_two_pairings_suggest_neither():
    canonicals = RELATIONSHIPS + ["Jess Day/Rory Williams"]
    assert suggest_synonyms("Rory/Jess", "relationship", canonicals) == []


def test_first_names_of_a_threesome_in_any_order():
    found = only("Rory/Luke/Lorelai", "relationship", RELATIONSHIPS)
    assert found.canonical == "Lorelai Gilmore/Luke Danes/Rory Gilmore"
    # Two of three people is another relationship, not a short form of it.
    assert names(suggest_synonyms("Rory/Luke", "relationship", RELATIONSHIPS)) == []


def test_family_names_of_a_pairing_are_not_short_forms():
    assert suggest_synonyms("Gilmore/Mariano", "relationship", RELATIONSHIPS) == []


# Characters.


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rory", "Rory Gilmore"),
        ("Sherlock", "Sherlock Holmes"),
        ("Bucky", "James 'Bucky' Barnes"),
        ("rory", "Rory Gilmore"),
    ],
)
def test_a_first_name_or_nickname_is_a_short_form_when_one_character_has_it(name, expected):
    canonicals = [c for c in GILMORE_CHARACTERS if c != "Rory Williams"]
    found = only(name, "character", canonicals)
    assert (found.canonical, found.reason, found.score) == (expected, "short form of a character name", 0.7)


@pytest.mark.parametrize("name", ["Gilmore", "Mariano", "Holmes", "Mr", "Darcy", "James Barnes", "Rory G"])
def test_family_names_titles_and_partial_names_are_not_short_forms(name):
    assert suggest_synonyms(name, "character", GILMORE_CHARACTERS) == []


def test_a_first_name_shared_by_two_or_three_characters_suggests_each_at_a_divided_score():
    found = suggest_synonyms("Lorelai", "character", GILMORE_CHARACTERS)
    assert names(found) == ["Lorelai 'Trix' Gilmore", "Lorelai Gilmore"]
    assert [s.score for s in found] == [0.35, 0.35]
    # "Rory" is Rory Gilmore in one fandom and Rory Williams in another: both, each as unsure.
    assert names(suggest_synonyms("Rory", "character", GILMORE_CHARACTERS)) == [
        "Rory Gilmore",
        "Rory Williams",
    ]


def test_a_first_name_shared_by_many_characters_suggests_none():
    johns = ["John Watson", "John Winchester", "John Sheppard", "John Constantine"]
    assert suggest_synonyms("John", "character", johns) == []
    assert len(suggest_synonyms("John", "character", johns[:3])) == 3


def test_a_name_in_another_word_order_is_the_same_character():
    found = only("Naruto Uzumaki", "character", ["Uzumaki Naruto", "Naruto"])
    assert (found.canonical, found.reason) == ("Uzumaki Naruto", "same words in another order")


def test_characters_sharing_only_a_first_or_family_name_never_match():
    assert suggest_synonyms("Rory Gilmore", "character", ["Rory Williams", "Richard Gilmore"]) == []
    assert suggest_synonyms("Rory Williams", "character", GILMORE_CHARACTERS) == []


# Additional tags.


def test_parts_of_an_additional_tag_in_another_order():
    found = only("Canon Divergence - Alternate Universe", "additional", ADDITIONAL)
    assert (found.canonical, found.reason) == (
        "Alternate Universe - Canon Divergence",
        "same words in another order",
    )
    assert found.score < 0.9


def test_words_swapped_across_parts_are_another_tag():
    assert suggest_synonyms("Bottom Harry/Top Draco", "additional", ADDITIONAL) == []
    assert suggest_synonyms("Canon Divergence Alternate Universe", "additional", ADDITIONAL) == []


def test_singular_and_plural_either_way():
    found = only("Road Trip", "additional", ADDITIONAL)
    assert (found.canonical, found.reason) == ("Road Trips", "same words, singular and plural")
    assert only("Road Trips", "additional", ["Road Trip"]).canonical == "Road Trip"


def test_singular_is_only_a_final_s_and_only_for_additional_tags():
    assert suggest_synonyms("Kis", "additional", ["Kiss"]) == []
    assert suggest_synonyms("Fluffs", "additional", ["Fluff"]) != []
    assert suggest_synonyms("Gilmore Girl", "fandom", FANDOMS) == []
    assert suggest_synonyms("Alternate Universes", "character", ["Alternate Universe"]) == []


# Fandoms.


def test_a_medium_qualifier_is_dropped_either_way():
    found = only("Gilmore Girls (TV)", "fandom", FANDOMS)
    assert (found.canonical, found.reason, found.score) == (
        "Gilmore Girls",
        "same title without its medium",
        0.7,
    )
    assert only("Sherlock", "fandom", FANDOMS).canonical == "Sherlock (TV)"
    assert only("Gilmore Girls (Anime & Manga)", "fandom", FANDOMS).canonical == "Gilmore Girls"


def test_fandoms_that_only_share_a_word_or_differ_in_adaptation_never_match():
    # "Sherlock (TV)" is one adaptation of "Sherlock Holmes": a subtag maybe, not a synonym.
    assert suggest_synonyms("Sherlock Holmes", "fandom", FANDOMS) == []
    assert suggest_synonyms("Sherlock (Movies)", "fandom", FANDOMS) == []
    # A year tells remakes apart; it is not a medium.
    assert suggest_synonyms("Robin Hood (2006)", "fandom", FANDOMS) == []


def test_an_unqualified_fandom_with_several_adaptations_suggests_each_at_a_divided_score():
    found = suggest_synonyms("Sherlock", "fandom", ["Sherlock (TV)", "Sherlock (Movies)"])
    assert names(found) == ["Sherlock (Movies)", "Sherlock (TV)"]
    assert {s.score for s in found} == {0.35}


# Everything else.


def test_the_tag_itself_is_never_suggested():
    assert suggest_synonyms("Rory Gilmore", "character", GILMORE_CHARACTERS) == []
    assert suggest_synonyms("Rory  Gilmore ", "character", ["Rory Gilmore"]) == []
    assert suggest_synonyms("Hurt/Comfort", "additional", ADDITIONAL + ADDITIONAL) == []


def test_a_same_name_match_silences_weaker_guesses():
    found = suggest_synonyms("rory", "character", ["Rory", "Rory Gilmore"])
    assert names(found) == ["Rory"]


def test_punctuation_only_names_match_only_the_same_punctuation():
    assert match_key("!!!", "additional") == "!!!"
    assert suggest_synonyms("!!!", "additional", ["???", "Fluff"]) == []


def test_results_are_sorted_by_score_then_name_and_capped():
    canonicals = ["Rory Gilmore", "rory gilmore", "Rory Gilmoré", "Rory-Gilmore", "RORY GILMORE"]
    found = suggest_synonyms("Rory gilmore", "character", canonicals)
    assert names(found) == ["RORY GILMORE", "Rory Gilmore", "rory gilmore", "Rory Gilmoré", "Rory-Gilmore"]
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert names(suggest_synonyms("Rory gilmore", "character", canonicals, limit=2)) == [
        "RORY GILMORE",
        "Rory Gilmore",
    ]
    assert suggest_synonyms("Rory gilmore", "character", canonicals, limit=0) == []


def test_canonicals_may_be_any_iterable():
    assert names(suggest_synonyms("rory", "character", iter(GILMORE_CHARACTERS[:2]))) == ["Rory Gilmore"]


def test_fifty_thousand_candidates():
    # Synthetic names sharing first names, family names and words, so every rule and the word filter work.
    characters = [f"Given{i % 700} Family{i // 700} Smith" for i in range(50_000)]
    characters += ["Rory Gilmore", "Rory Williams", "Jess Mariano"]
    assert names(suggest_synonyms("rory gilmore", "character", characters)) == ["Rory Gilmore"]
    assert names(suggest_synonyms("Jess", "character", characters)) == ["Jess Mariano"]
    assert suggest_synonyms("Given3", "character", characters) == []  # shared by 71 characters
    assert names(suggest_synonyms("smith family7 given3", "character", characters)) == [
        "Given3 Family7 Smith"
    ]

    pairings = [f"Given{i} Family{i}/Given{i + 1} Family{i + 1}" for i in range(50_000)]
    found = suggest_synonyms("Given20001/Given20000", "relationship", pairings)
    assert [(s.canonical, s.reason) for s in found] == [
        ("Given20000 Family20000/Given20001 Family20001", "short names of the same people")
    ]
