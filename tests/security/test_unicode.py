"""Unicode: stored text is NFC without invisible formatting; one address, one registration."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from matchmaker.exchange.attendee_csv import parse_attendee_csv
from matchmaker.extensions import db
from matchmaker.models import Attendee
from matchmaker.text import INVISIBLE, clean_email, collapse_whitespace, email_key, normalise_email
from tests.support.factories import submit_sign_up

pytestmark = pytest.mark.both_databases

SPOOFING = ["\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\x85", "\x9b", "\x07"]


def only_attendee() -> Attendee:
    return db.session.scalars(select(Attendee)).one()


@pytest.mark.parametrize("character", SPOOFING)
def test_invisible_formatting_in_a_name_is_not_stored(client, event, character):
    submit_sign_up(client, first_name=f"Admin{character}gnp", organisation=f"Müller{character} GmbH")
    attendee = only_attendee()
    assert (attendee.first_name, attendee.organisation) == ("Admingnp", "Müller GmbH")


def test_decomposed_name_is_stored_composed(client, event):
    submit_sign_up(client, last_name=unicodedata.normalize("NFD", "Müller"))
    assert only_attendee().last_name == "Müller"


@pytest.mark.parametrize("spelling", [
    unicodedata.normalize("NFD", "jürgen@example.org"),
    "ｊüｒｇｅｎ＠ｅｘａｍｐｌｅ．ｏｒｇ",
    "JÜRGEN@EXAMPLE.ORG",
])
def test_other_spelling_of_a_registered_address_is_the_same_registration(client, event, spelling):
    submit_sign_up(client, email="jürgen@example.org")
    submit_sign_up(client, email=spelling)
    assert db.session.scalar(select(func.count()).select_from(Attendee)) == 1


def test_csv_import_normalises_like_the_form():
    csv = ("email,first_name,last_name,organisation,org_type,industry\n"
           "ＡＮＮＡ@Example.org,An\u202ena,Mu\u0308ller,Fraunhofer\u200b IPT,research,ict_software\n")
    row = parse_attendee_csv(csv, slots=10)[0]
    assert (row.email, row.first_name, row.last_name, row.organisation) == (
        "ＡＮＮＡ@example.org", "Anna", "Müller", "Fraunhofer IPT")  # the address as typed
    assert email_key(row.email) == "anna@example.org"


@given(st.text())
def test_cleaned_text_is_nfc_without_invisible_characters(value):
    cleaned = collapse_whitespace(value)
    assert unicodedata.is_normalized("NFC", cleaned) and not INVISIBLE.search(cleaned)


@given(st.text())
def test_email_key_is_stable_and_lower_case(value):
    key = email_key(value)
    assert email_key(key) == key and key == key.lower()


def test_email_key_folds_case_and_width():
    assert normalise_email(" ＳＴＲＡßＥ@Example.ORG ") == "strasse@example.org"


@given(st.text())
def test_typed_address_has_the_key_of_what_was_typed(value):
    cleaned = clean_email(value)
    assert email_key(cleaned) == normalise_email(value) and clean_email(cleaned) == cleaned


def test_typed_address_keeps_its_local_part_and_lowers_its_domain():
    assert clean_email(" Friederike.Weiß@Example.DE\u200b") == "Friederike.Weiß@example.de"
