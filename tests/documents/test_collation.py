"""German phone-book order (DIN 5007-2) of last names, and finding names however umlauts are typed."""

from types import SimpleNamespace

import pytest

from matchmaker.documents.collation import (
    by_name,
    name_key,
    name_matches,
    phonebook,
    split_particles,
)


def ordered(*names: str) -> list[str]:
    return sorted(names, key=lambda name: name_key(name, ""))


def test_umlaut_sorts_as_its_two_letter_spelling():
    assert phonebook("Müller") == phonebook("Mueller") == "mueller"


def test_a_umlaut_sorts_as_ae_beside_its_two_letter_spelling():
    assert ordered("Bäcker", "Backhaus", "Baecker", "Bach") == ["Bach", "Backhaus", "Baecker", "Bäcker"]


def test_mueller_and_muller_do_not_mix():
    assert ordered("Muller", "Müller", "Mulder", "Mueller", "Muff") == \
        ["Mueller", "Müller", "Muff", "Mulder", "Muller"]


def test_sharp_s_sorts_as_double_s():
    assert phonebook("Strauß") == phonebook("Strauss")


def test_particles_are_read_after_the_name():
    assert ordered("Hahn", "von der Heide", "Hoffmann", "van Dijk", "de Vries", "zu Guttenberg") \
        == ["van Dijk", "zu Guttenberg", "Hahn", "von der Heide", "Hoffmann", "de Vries"]


def test_a_particle_alone_is_the_name():
    assert split_particles("Van") == ("", "Van")
    assert split_particles("von der Heide") == ("von der", "Heide")


def test_accents_and_other_latin_letters_sort_with_their_base_letter():
    assert ordered("Zapata", "Łukasiewicz", "Özdemir", "Øberg", "Ibáñez", "Ćosić") == \
        ["Ćosić", "Ibáñez", "Łukasiewicz", "Øberg", "Özdemir", "Zapata"]


def test_equal_names_are_ordered_by_first_name():
    people = [("Müller", "Jürgen"), ("Mueller", "Anna"), ("Müller", "Ben")]
    assert sorted(people, key=lambda p: name_key(*p)) == \
        [("Mueller", "Anna"), ("Müller", "Ben"), ("Müller", "Jürgen")]


@pytest.mark.parametrize("typed", ["müller", "MUELLER", "muller", "Müll"])
def test_name_matches_umlauts_however_typed(typed):
    assert name_matches(typed, "Jürgen Müller")


@pytest.mark.parametrize("typed", ["nuesslein", "NÜSSLEIN", "nusslein", "Nüß"])
def test_name_matches_sharp_s_however_typed(typed):
    assert name_matches(typed, "Ute Nüßlein")


def test_name_matches_not_another_name():
    assert not name_matches("mahler", "Jürgen Müller")


def test_by_name_sorts_people_in_phone_book_order():
    people = [SimpleNamespace(last_name=last, first_name="A") for last in ("Muff", "Müller", "von der Heide", "Mahler")]
    assert [p.last_name for p in by_name(people)] == ["von der Heide", "Mahler", "Müller", "Muff"]
