"""Bad input never causes a 500: every form (and the CSV import) answers with a message."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from matchmaker.exchange.attendee_csv import COLUMNS, CsvErrors, parse_attendee_csv
from matchmaker.extensions import db
from matchmaker.models import Attendee
from tests.support.factories import add_organiser, csrf_token, post_form, valid_sign_up

EXAMPLES = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
# Every POST form of the public and attendee pages, by path ("{link}" is a private link).
FORMS = ["/go-cluster-2027/register", "/go-cluster-2027/link", "{link}/profile", "{link}/interests", "{link}/meetings",
         "{link}/cancel", "{link}/erase", "/organiser/login"]
SIGN_UP_FIELDS = sorted(valid_sign_up())
FORM_FIELDS = SIGN_UP_FIELDS + ["email", "password", "matching_consent", "website", "started"]
random_text = st.text(st.characters(codec="utf-8"), max_size=300)
random_form = st.dictionaries(
    st.sampled_from(FORM_FIELDS),
    st.one_of(random_text, st.lists(random_text, max_size=3),
              st.integers(min_value=-10**500, max_value=10**500).map(str)),
    max_size=len(FORM_FIELDS),
)


def form_path(template: str, link: str) -> str:
    return template.format(link=link)


def post(client, path: str, data: dict, **kwargs):
    """POST with the session's CSRF token (one per session, valid for every form)."""
    return post_form(client, path, data, token_from="/go-cluster-2027/register", **kwargs)


@pytest.mark.parametrize("template", FORMS)
def test_file_part_in_every_text_field_is_no_server_error(client, link, template):
    add_organiser("juergen.mueller@example.org")
    path = form_path(template, link)
    files = {name: (io.BytesIO(b"%PDF-1.4"), "x.pdf") for name in FORM_FIELDS}
    response = post(client, path, files, content_type="multipart/form-data")
    assert response.status_code < 500


def test_sign_up_with_file_in_name_is_refused_with_a_message_and_stores_nothing(client, event):
    data = {**valid_sign_up(), "first_name": (io.BytesIO(b"x"), "x.txt")}
    response = post(client, "/go-cluster-2027/register", data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "zum Beispiel mit einer angehängten Datei" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Attendee)) == 0


@pytest.mark.parametrize("template", ["/go-cluster-2027/register", "{link}/meetings"])
def test_max_meetings_with_400_digits_gets_a_message(client, link, template):
    response = post(client, form_path(template, link),
                    valid_sign_up(email="anna@example.org", max_meetings="9" * 400))
    assert response.status_code == 200
    assert "Bitte geben Sie eine ganze Zahl ein, z. B. 5." in response.get_data(as_text=True)


@pytest.mark.parametrize("template", ["/go-cluster-2027/register", "{link}/profile"])
def test_json_body_with_csrf_header_is_no_server_error(client, link, template):
    path = form_path(template, link)
    token = csrf_token(client, "/go-cluster-2027/register")
    response = client.post(path, json=[1, 2, 3], headers={"X-CSRFToken": token})
    assert response.status_code < 500


@pytest.mark.parametrize("template", FORMS)
def test_random_form_data_never_causes_a_server_error(client, link, template):
    path = form_path(template, link)

    @EXAMPLES
    @given(data=random_form)
    def post_random(data: dict) -> None:
        assert post(client, path, data).status_code < 500

    post_random()


csv_cell = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)


@EXAMPLES
@given(header=st.lists(st.sampled_from(COLUMNS + ("bogus",)), max_size=20),
       rows=st.lists(st.lists(csv_cell, max_size=20), max_size=5))
def test_random_csv_is_read_or_refused_with_line_and_column(header, rows):
    text = "\n".join(",".join(cells) for cells in [header, *rows])
    try:
        parse_attendee_csv(text, slots=10)
    except CsvErrors as errors:
        assert errors.errors and all(str(error).startswith("line ") for error in errors.errors)


@EXAMPLES
@given(data=st.binary(max_size=400))
def test_random_bytes_as_csv_are_read_or_refused_with_a_message(data):
    try:
        parse_attendee_csv(data, slots=10)
    except CsvErrors as errors:
        assert errors.errors


def test_file_as_password_of_a_known_organiser_is_no_server_error(client, event):
    add_organiser("team@example.org")
    data = {"email": "team@example.org", "password": (io.BytesIO(b"x"), "x.txt")}
    response = post(client, "/organiser/login", data, content_type="multipart/form-data")
    assert response.status_code < 500
