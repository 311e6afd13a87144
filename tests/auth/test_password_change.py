"""A logged-in organiser changes their password: current one first, the new one twice."""

import pytest

from tests.auth.conftest import PASSWORD
from tests.support.factories import login, post_form

NEW = "ein ganz neues Passwort"
PATH = "/organiser/account/password"


def change(client, current: str = PASSWORD, new: str = NEW, again: str | None = None):
    return post_form(client, PATH, current_password=current, new_password=new,
                     new_password_again=NEW if again is None else again)


def test_changed_password_logs_in_and_old_one_does_not(logged_in, new_client, organiser):
    response = change(logged_in)
    assert response.status_code == 302 and response.location == "/organiser/account"
    assert "Ihr Passwort ist geändert" in logged_in.get("/organiser/account").get_data(as_text=True)
    assert login(new_client(), organiser.email, NEW).status_code == 302
    assert login(new_client(), organiser.email, PASSWORD).status_code == 200


def test_wrong_current_password_is_refused_at_its_field(logged_in, new_client, organiser):
    page = change(logged_in, current="falsch").get_data(as_text=True)
    assert "Bisheriges Passwort: Das ist nicht Ihr bisheriges Passwort." in page
    assert login(new_client(), organiser.email, PASSWORD).status_code == 302


def test_wrong_current_passwords_count_toward_the_account_limit(logged_in, organiser):
    for _ in range(5):
        change(logged_in, current="falsch")
    response = change(logged_in)
    assert response.status_code == 429 and "in 15 Minuten" in response.get_data(as_text=True)


@pytest.mark.parametrize(("new", "again", "message"), [
    ("kurz", "kurz", "Neues Passwort: Bitte verwenden Sie zwischen 10 und 200 Zeichen."),
    (NEW, "ein anderes Passwort", "Neues Passwort wiederholen: Die beiden neuen Passwörter stimmen nicht überein."),
    ("", "", "Neues Passwort: Bitte geben Sie ein neues Passwort ein."),
], ids=["too short", "not the same", "empty"])
def test_bad_new_password_is_refused_with_message(logged_in, new_client, organiser, new, again, message):
    response = change(logged_in, new=new, again=again)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert login(new_client(), organiser.email, PASSWORD).status_code == 302


def test_password_page_lists_current_password_first(logged_in):
    page = logged_in.get(PATH).get_data(as_text=True)
    assert page.index('name="current_password"') < page.index('name="new_password"')


@pytest.mark.parametrize(("new", "reason"), [
    ("aaaaaaaaaaaa", "Wiederholte Zeichen oder Wörter wie „aaa“ oder „abcabc“ sind leicht zu erraten."),
    ("abcdefghijkl", "Folgen wie „abc“ oder „6543“ sind leicht zu erraten."),
    ("password1234", "Es ist eines der häufigsten Passwörter oder ähnelt einem davon."),
    ("team@example.org", "Es enthält die E-Mail-Adresse oder den Namen dieser Anwendung."),
], ids=["repeat", "sequence", "common", "own address"])
def test_guessable_new_password_is_refused_saying_why(logged_in, new_client, organiser, new, reason):
    page = change(logged_in, new=new, again=new).get_data(as_text=True)
    assert f"Neues Passwort: Dieses Passwort ist zu leicht zu erraten. {reason}" in page
    assert login(new_client(), organiser.email, PASSWORD).status_code == 302


def test_guessable_new_password_is_refused_in_english(logged_in, organiser):
    logged_in.get("/language/en")
    page = change(logged_in, new="aaaaaaaaaaaa", again="aaaaaaaaaaaa").get_data(as_text=True)
    assert ("This password is too easy to guess. Repeated characters or words, like “aaa” "
            "or “abcabc”, are easy to guess.") in page
