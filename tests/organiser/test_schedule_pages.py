"""The organiser's schedule page and its forms: what is shown, what an edit does."""

import re
from dataclasses import fields

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.matching import Quality
from matchmaker.models import Meeting, MeetingTable, ScheduleRun
from matchmaker.organiser.schedule_texts import QUALITY_LABELS, SHOWN_APART
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.schedule import edit
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.synthetic import generate_attendees
from tests.support.attendees import add_attendee
from tests.support.factories import add_organiser, login, post_form
from tests.support.html import words

BASE = "/organiser/go-cluster-2027/schedule/"
QUALITY_FIELDS = [field.name for field in fields(Quality)]


@pytest.fixture
def pair(event):
    anna = add_attendee(event, "Anna", offers=["Wasserstoff"])
    bernd = add_attendee(event, "Bernd", seeks=["Wasserstoff"], industry_code="ict_software")
    return anna, bernd


def planned(event, count: int = 30) -> None:
    import_attendees(event, generate_attendees(count, seed=5, slots=10), "test", confirmed=True)
    plan_schedule(event)
    db.session.commit()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def post(client, path: str, data: dict, page: str = BASE):
    return post_form(client, path, data, token_from=page)


def test_schedule_page_without_a_run_says_so(organiser_client):
    page = text(organiser_client.get(BASE))
    assert "Es wurde noch kein Gesprächsplan erstellt" in page


def test_schedule_page_shows_draft_certificate_unmatched_and_matrix(organiser_client, event):
    add_attendee(event, "Zoe", wants_meetings=False)
    planned(event)
    page = text(organiser_client.get(BASE))
    assert "Entwurf" in page and "Anteil am bestmöglichen Gesamtwert" in page
    assert "Zoe Beispiel" in page and "möchte keine Gespräche" in page
    assert 'class="heat-map"' in page and '<th scope="row">Logistik</th>' in page


def test_first_run_does_not_speak_of_changes(organiser_client, event):
    planned(event)
    assert "gegenüber dem vorigen" not in text(organiser_client.get(BASE))


def test_second_run_says_how_many_meetings_changed(organiser_client, event, runner):
    planned(event)
    runner.invoke(args=["match"])
    assert "Der letzte Lauf hat 0 Gespräche des vorigen geändert." in text(organiser_client.get(BASE))


def certificate_text(response) -> str:
    """The words a person reads in the certificate and the two sections after it."""
    page = response.get_data(as_text=True)
    section = page[page.index("<h2>", page.index("schedule-status")):page.index('id="matrix-title"')]
    return words(section)


@pytest.mark.parametrize("language, chosen_words", [("de", "ausgewogen"), ("en", "balanced:")])
def test_certificate_has_labelled_figures_and_no_raw_keys_or_reprs(organiser_client, event, language, chosen_words):
    planned(event)
    organiser_client.get(f"/language/{language}")
    words = certificate_text(organiser_client.get(BASE))
    # In German any English key is raw; in English "meetings" and "fair level" are words too.
    keys = ([name.replace("_", " ") for name in QUALITY_FIELDS] if language == "de"
            else [name for name in QUALITY_FIELDS if "_" in name] + ["policy balanced"])
    raw = [key for key in keys if re.search(rf"\b{key}\b", words)]
    assert raw == [] and not re.search(r"[\[\]{}']", words)
    assert chosen_words in words and re.search(r"\d %", words)


def test_every_figure_of_the_engine_has_a_label_or_its_own_section():
    assert set(QUALITY_FIELDS) <= set(QUALITY_LABELS) | SHOWN_APART


def test_certificate_draws_the_meetings_histogram_with_its_table(organiser_client, event):
    planned(event)
    run = db.session.scalars(select(ScheduleRun)).one()
    run.quality = {**run.quality, "meetings_histogram": [1, 0, 3]}
    db.session.commit()
    page = text(organiser_client.get(BASE))
    chart = page[page.index('id="meetings-histogram-title"'):]
    chart = chart[:chart.index("</figure>")]
    assert chart.count("<rect") == 3
    assert "<td>0 Gespräche</td><td class=\"number\">1</td>" in chart
    assert "<td>2 Gespräche</td><td class=\"number\">3</td>" in chart


def test_certificate_names_people_below_the_fair_level_with_number_and_link(organiser_client, event):
    planned(event)
    zoe = add_attendee(event, "Zoë", last_name="Öztürk")
    run = db.session.scalars(select(ScheduleRun)).one()
    run.quality = {**run.quality, "fair_level_bound": 4, "below_fair_level": [
        {"attendee_id": zoe.id, "meetings": 2, "reason": "partners_full"}]}
    db.session.commit()
    page = text(organiser_client.get(BASE))
    assert "1 Person hat weniger als 4 Gespräche" in page
    assert (f'<td class="number">{zoe.number}</td><td><a href="{BASE[:-9]}attendees/{zoe.number}">'
            "Zoë Öztürk</a></td>") in page
    assert "alle weiteren Gesprächspartner sind an ihrer eigenen Grenze" in page


def test_grid_shows_pair_with_lock_state(organiser_client, event, pair):
    edit.add_meeting(event, (pair[0].id, pair[1].id), 2, 3, actor="organiser@example.org")
    db.session.commit()
    page = text(organiser_client.get(BASE))
    cell = re.search(r'<td id="meeting-\d+" class="cell-meeting cell-locked">(.*?)</td>', page).group(1)
    assert "Anna Beispiel" in cell and "Bernd GmbH" in cell and "Fixiert" in cell


def test_move_through_the_form_moves_and_locks(organiser_client, event, pair):
    meeting = edit.add_meeting(event, (pair[0].id, pair[1].id), 1, 1, actor="organiser@example.org")
    edit.set_locked(event, meeting.id, False, actor="organiser@example.org")
    db.session.commit()
    response = post(organiser_client, f"{BASE}meetings/{meeting.id}/move", {"slot": "4", "table": "12"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (meeting.slot.number, meeting.table.number, meeting.locked) == (4, 12, True)


def test_refused_move_names_the_conflict_and_keeps_the_input(organiser_client, event, pair):
    carla = add_attendee(event, "Carla", unavailable_slots=[5])
    dora = add_attendee(event, "Dora")
    meeting = edit.add_meeting(event, (carla.id, dora.id), 1, 1, actor="organiser@example.org")
    db.session.commit()
    response = post(organiser_client, f"{BASE}meetings/{meeting.id}/move", {"slot": "5", "table": "17"})
    page = text(response)
    assert response.status_code == 409
    assert "Carla Beispiel ist im Zeitfenster 5 nicht verfügbar." in page
    assert '<option selected value="5">' in page and 'value="17"' in page


def test_refused_add_in_english_names_the_conflict(organiser_client, event, pair):
    edit.add_meeting(event, (pair[0].id, pair[1].id), 1, 1, actor="organiser@example.org")
    dora = add_attendee(event, "Dora")
    organiser_client.get("/language/en")
    response = post(organiser_client, f"{BASE}add", {"first": pair[0].id, "second": dora.id, "slot": "1", "table": "2"},
                    page=f"{BASE}add")
    assert response.status_code == 409
    assert "Anna Beispiel already has a meeting in slot 1." in text(response)


def test_add_through_the_form_adds_a_locked_meeting(organiser_client, event, pair):
    response = post(organiser_client, f"{BASE}add", {"first": pair[0].id, "second": pair[1].id, "slot": "3", "table": "5"},
                    page=f"{BASE}add")
    assert response.status_code == 302
    meeting = db.session.scalars(select(Meeting)).one()
    assert (meeting.slot.number, meeting.table.number, meeting.locked) == (3, 5, True)


def test_add_form_offers_only_matchable_attendees(organiser_client, event, pair):
    add_attendee(event, "Zoe", wants_meetings=False)
    page = text(organiser_client.get(f"{BASE}add?slot=2&table=4"))
    assert "Beispiel, Anna" in page and "Zoe" not in page
    assert 'value="4"' in page


def test_lock_button_unlocks_and_locks(organiser_client, event, pair):
    meeting = edit.add_meeting(event, (pair[0].id, pair[1].id), 1, 1, actor="organiser@example.org")
    db.session.commit()
    post(organiser_client, f"{BASE}meetings/{meeting.id}/lock", {"locked": "0"})
    db.session.expire_all()
    assert meeting.locked is False
    post(organiser_client, f"{BASE}meetings/{meeting.id}/lock", {"locked": "1"})
    db.session.expire_all()
    assert meeting.locked is True


def test_cancel_asks_first_then_deletes(organiser_client, event, pair):
    meeting = edit.add_meeting(event, (pair[0].id, pair[1].id), 1, 1, actor="organiser@example.org")
    db.session.commit()
    question = text(organiser_client.get(f"{BASE}meetings/{meeting.id}/cancel"))
    assert "Dieses Gespräch absagen?" in question and "Anna Beispiel" in question
    post(organiser_client, f"{BASE}meetings/{meeting.id}/cancel", {}, page=f"{BASE}meetings/{meeting.id}/cancel")
    assert db.session.scalars(select(Meeting)).all() == []


def test_unknown_meeting_is_not_found(organiser_client):
    assert organiser_client.get(f"{BASE}meetings/999").status_code == 404


def test_publish_confirmation_says_how_many_attendees_are_told(organiser_client, event, pair):
    edit.add_meeting(event, (pair[0].id, pair[1].id), 1, 1, actor="organiser@example.org")
    import_attendees(event, generate_attendees(10, seed=5, slots=10), "test", confirmed=True)
    plan_schedule(event)
    db.session.commit()
    told = len({i for m in db.session.scalars(select(Meeting)) for i in (m.attendee_a_id, m.attendee_b_id)})
    page = text(organiser_client.get(f"{BASE}publish"))
    assert f"{told} Teilnehmende werden über ihre Gespräche informiert" in page


def test_publish_publishes_the_draft(organiser_client, event):
    planned(event)
    response = post(organiser_client, f"{BASE}publish", {}, page=f"{BASE}publish")
    assert response.status_code == 302
    assert db.session.scalars(select(ScheduleRun)).one().published_at is not None


def count_queries(client, path: str) -> int:
    statements = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])
    sa_event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa_event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def test_schedule_page_queries_do_not_grow_with_attendees(organiser_client, event):
    # Both pages on one event: planning 550 attendees is most of this test's CPU.
    paths = [BASE, f"{BASE}publish"]
    event.capacity = 1000
    event.tables += [MeetingTable(number=n, name=str(n)) for n in range(61, 301)]
    planned(event, 50)
    small = {path: count_queries(organiser_client, path) for path in paths}
    import_attendees(event, generate_attendees(500, seed=6, slots=10), "test", confirmed=True)
    plan_schedule(event)
    db.session.commit()
    assert len(db.session.scalars(select(Meeting)).all()) > 2000
    assert {path: count_queries(organiser_client, path) for path in paths} == small


def test_move_with_a_table_that_is_no_number_is_refused_with_a_message(organiser_client, event, pair):
    meeting = edit.add_meeting(event, (pair[0].id, pair[1].id), 1, 1, actor="organiser@example.org")
    db.session.commit()
    response = post(organiser_client, f"{BASE}meetings/{meeting.id}/move", {"slot": "2", "table": "zwei"})
    assert response.status_code == 422
    assert "Bitte geben Sie die Tischnummer ein." in text(response) and "zwei" in text(response)


def test_edits_by_hand_are_in_the_audit_log_of_both_attendees(app, client, event):
    from sqlalchemy import select as select_

    from matchmaker.extensions import db as db_
    from matchmaker.models import AuditEntry
    from tests.support.attendees import add_attendee

    ada, bea = add_attendee(event, "Ada", organisation="A GmbH"), add_attendee(event, "Bea", organisation="B AG")
    add_organiser()
    login(client, "team@example.org", "richtig-geheim")
    post(client, "/organiser/go-cluster-2027/schedule/add",
         {"first": str(ada.id), "second": str(bea.id), "slot": "3", "table": "7"}, page="/organiser/")
    entries = db_.session.scalars(select_(AuditEntry).where(AuditEntry.action == "meeting_added")).all()
    assert sorted(e.attendee_id for e in entries) == sorted([ada.id, bea.id])
    assert entries[0].actor == "team@example.org" and entries[0].changes["slot"] == 3


@pytest.fixture
def mueller_meets(event):
    """Jürgen Müller meets Dora at table 3 in slot 2, Nüßlein meets Emil elsewhere."""
    juergen = add_attendee(event, "Jürgen", last_name="Müller", email="jm@example.org")
    dora = add_attendee(event, "Dora")
    edit.add_meeting(event, (juergen.id, dora.id), 2, 3, actor="organiser@example.org")
    edit.add_meeting(event, (add_attendee(event, "Ute", last_name="Nüßlein").id,
                             add_attendee(event, "Emil").id), 4, 25, actor="organiser@example.org")
    db.session.commit()


@pytest.mark.parametrize("typed", ["müller", "MUELLER", "muller", "Jürgen Mü"])
def test_grid_finder_lists_and_marks_a_persons_meetings_however_umlauts_are_typed(organiser_client, mueller_meets, typed):
    page = text(organiser_client.get(BASE, query_string={"who": typed}))
    assert "1 Gespräch von Personen" in page
    assert re.search(r"<td>Jürgen Müller</td><td>Dora Beispiel", page)
    cell = re.search(r'<td id="meeting-\d+" class="cell-meeting cell-locked cell-found">(.*?)</td>', page).group(1)
    assert "Jürgen Müller" in cell and page.count("cell-found") == 1


def test_grid_finder_links_a_meeting_on_another_page_of_the_grid(organiser_client, mueller_meets):
    page = text(organiser_client.get(BASE, query_string={"who": "nusslein"}))
    assert re.search(r'href="/organiser/go-cluster-2027/schedule/\?page=2&amp;who=nusslein#meeting-\d+">Tisch 25</a>', page)


def test_grid_finder_without_a_match_says_so(organiser_client, mueller_meets):
    page = text(organiser_client.get(BASE, query_string={"who": "Zacharias"}))
    assert "Niemand, dessen Name „Zacharias“ enthält, hat ein Gespräch." in page
    assert "cell-found" not in page


def test_add_meeting_menu_lists_names_in_phone_book_order(organiser_client, event):
    for first, last in [("Max", "Muff"), ("Ute", "Müller"), ("Eva", "von der Heide"), ("Ali", "Mahler")]:
        add_attendee(event, first, last_name=last)
    page = text(organiser_client.get(f"{BASE}add"))
    menu = page[page.index('name="first"'):page.index("</select>", page.index('name="first"'))]
    names = re.findall(r">([^<(]+), [^<]+\(", menu)
    assert names == ["von der Heide", "Mahler", "Müller", "Muff"]
