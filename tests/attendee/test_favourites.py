"""Favourites: an attendee marks people as interesting on the participant list, the person
page or the suggestions; the engine adds a small bonus (marked by both: a one-sided
request's weight) with a reason only the one who marked reads."""

from matchmaker import matching
from matchmaker.services.attendees.participants import suggestions_for
from matchmaker.services.schedule.planning import planning_input
from tests.support.attendees import add_attendee
from tests.support.factories import post_form


def mark(client, attendee, other, back="person", favourite="1"):
    return post_form(client, f"/me/{attendee.token}/participants/{other.number}/favourite",
                     token_from=f"/me/{attendee.token}/cancel", favourite=favourite, back=back)


def score(attendee):
    [row] = suggestions_for(attendee)
    return row.score


def test_marking_a_favourite_adds_the_small_bonus(client, anna, ben):
    before = score(anna)
    assert mark(client, anna, ben).status_code == 302
    assert score(anna) == before + matching.Weights().favourite


def test_mutual_favourites_score_like_a_one_sided_request(client, anna, ben):
    before = score(anna)
    mark(client, anna, ben)
    mark(client, ben, anna)
    assert score(anna) == score(ben) == before + matching.Weights().must_meet_one_sided


def test_taking_the_mark_back_removes_the_bonus(client, anna, ben):
    before = score(anna)
    mark(client, anna, ben)
    mark(client, anna, ben, favourite="0")
    assert score(anna) == before


def test_the_one_who_marked_reads_the_reason(client, anna, ben):
    mark(client, anna, ben, back="suggestions")
    page = client.get(f"/me/{anna.token}/suggestions").get_data(as_text=True)
    assert "Sie haben diese Person als interessant markiert." in page
    assert "Als interessant markiert" in page


def test_the_marked_person_is_never_told(client, anna, ben):
    mark(client, anna, ben)
    client.get(f"/me/{anna.token}")  # takes Anna's confirmation off the shared test session
    page = client.get(f"/me/{ben.token}/suggestions").get_data(as_text=True)
    assert "marked this person" not in page and "als interessant" not in page and "Mark Anna Beispiel as interesting" in page


def test_the_button_returns_to_the_participant_list(client, anna, ben):
    response = mark(client, anna, ben, back="participants")
    assert response.headers["Location"].endswith(f"/me/{anna.token}/participants")


def test_a_marked_person_shows_as_marked_on_the_list(client, anna, ben):
    mark(client, anna, ben)
    page = client.get(f"/me/{anna.token}/participants").get_data(as_text=True)
    assert "Markierung von Ben Beispiel entfernen" in page


def test_someone_one_cannot_see_cannot_be_marked(client, anna, ben):
    response = post_form(client, f"/me/{anna.token}/participants/{anna.number}/favourite",
                         token_from=f"/me/{anna.token}/cancel", favourite="1")
    assert response.status_code == 404


def test_the_matchmaking_run_sees_the_favourites(client, anna, ben, event):
    mark(client, anna, ben)
    people = {a.id: a for a in planning_input(event).engine_event.attendees}
    assert people[anna.id].favourites == frozenset({ben.id})
    assert people[ben.id].favourites == frozenset()


def test_favourites_are_in_the_data_download(client, anna, ben):
    mark(client, anna, ben)
    data = client.get(f"/me/{anna.token}/data.json").get_json()
    assert data["favourites"] == [{"name": "Ben Beispiel", "organisation": "Ben GmbH"}]


def test_the_participant_list_shows_only_favourites_when_asked(client, event, anna, ben):
    add_attendee(event, "Carla", org_type="large")
    mark(client, anna, ben)
    page = client.get(f"/me/{anna.token}/participants?favourites=y").get_data(as_text=True)
    assert "Ben Beispiel" in page and "Carla Beispiel" not in page
