"""``matchmaker match`` inside an installation, and ``export-schedule``."""

import csv
import io
import json
from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from matchmaker.exchange.attendee_csv import AttendeeRow
from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting, MeetingRequest, ScheduleRun
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.synthetic import generate_attendees
from tests.support.factories import add_organiser, login, make_event


def seed(event, count: int = 40, confirmed: bool = True) -> None:
    import_attendees(event, generate_attendees(count, seed=5, slots=10), "test", confirmed=confirmed)
    db.session.commit()


def meetings() -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).order_by(Meeting.id)))


def test_match_stores_draft_schedule_with_certificate(runner, event):
    seed(event)
    result = runner.invoke(args=["match"])
    assert result.exit_code == 0, result.output
    assert "Schedule stored as a draft" in result.output and "ratio" in result.output
    run = db.session.scalars(select(ScheduleRun)).one()
    assert run.published_at is None
    assert run.quality["meetings"] == len(meetings()) > 0
    assert run.quality["total_score"] == sum(m.score for m in meetings())
    assert run.quality["upper_bound"] >= run.quality["total_score"]


@pytest.mark.both_databases
def test_match_never_double_books_an_attendee_or_a_table(runner, app):
    event = make_event(tables=8)
    seed(event)
    runner.invoke(args=["match"])
    per_slot = Counter()
    for meeting in meetings():
        per_slot[(meeting.slot_id, meeting.attendee_a_id)] += 1
        per_slot[(meeting.slot_id, meeting.attendee_b_id)] += 1
    tables = Counter((m.slot_id, m.table_id) for m in meetings())
    assert max(per_slot.values()) == 1 and max(tables.values()) == 1
    assert max(Counter(m.slot_id for m in meetings()).values()) == 8  # the tables were scarce
    assert all(m.attendee_a_id < m.attendee_b_id and m.reasons for m in meetings())


def test_match_leaves_out_unconfirmed_attendees(runner, event):
    seed(event, confirmed=False)
    result = runner.invoke(args=["match"])
    assert result.exit_code == 1 and "nobody to match yet" in result.output
    assert meetings() == []


def test_rematch_keeps_locked_meeting_and_reports_no_change(runner, event):
    seed(event)
    runner.invoke(args=["match"])
    locked = meetings()[3]
    locked.locked = True
    kept = (locked.slot_id, locked.table_id, locked.attendee_a_id, locked.attendee_b_id)
    before = {(m.slot_id, m.table_id, m.attendee_a_id, m.attendee_b_id) for m in meetings()}
    db.session.commit()
    result = runner.invoke(args=["match"])
    after = {(m.slot_id, m.table_id, m.attendee_a_id, m.attendee_b_id) for m in meetings()}
    assert kept in after and after == before
    assert "changed 0" in result.output
    assert db.session.scalar(select(func.count()).select_from(ScheduleRun)) == 2


def test_export_schedule_json_names_attendees_by_email(runner, event):
    seed(event)
    runner.invoke(args=["match"])
    document = json.loads(runner.invoke(args=["export-schedule", "--format", "json"]).output)
    assert set(document) >= {"slots", "tables", "meetings", "quality"}
    assert document["slots"][0] == {"number": 1, "start": "2027-06-16T10:30:00",
                                    "end": "2027-06-16T10:50:00"}
    emails = set(db.session.scalars(select(Attendee.email)))
    first = document["meetings"][0]
    assert set(first) >= {"slot", "table", "attendees", "score", "reasons"}
    assert set(first["attendees"]) <= emails
    assert len(document["meetings"]) == document["quality"]["meetings"]


def test_export_schedule_csv_has_one_row_per_meeting(runner, event, tmp_path):
    seed(event)
    runner.invoke(args=["match"])
    target = tmp_path / "schedule.csv"
    assert runner.invoke(args=["export-schedule", "--format", "csv", "--output", str(target)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == len(meetings())
    assert rows[0]["slot"] == "1" and rows[0]["start"] == "2027-06-16T10:30:00"
    assert {"email_1", "name_1", "organisation_1", "email_2", "score", "reasons"} <= set(rows[0])


def test_export_without_schedule_says_what_to_do(runner, event):
    result = runner.invoke(args=["export-schedule"])
    assert result.exit_code == 1 and "run 'matchmaker match' first" in result.output


def test_match_without_event_says_what_to_do(runner, app):
    result = runner.invoke(args=["match"])
    assert result.exit_code == 1 and "create-event" in result.output


def test_attendee_sees_meetings_only_after_publishing(runner, client, event):
    seed(event)
    runner.invoke(args=["match"])
    meeting = meetings()[0]
    partner = db.session.get(Attendee, meeting.attendee_b_id).full_name
    viewer = db.session.get(Attendee, meeting.attendee_a_id)
    viewer.language = "de"
    link = f"/me/{viewer.token}"
    assert partner not in client.get(link).get_data(as_text=True)
    result = runner.invoke(args=["publish-schedule"])
    assert result.exit_code == 0 and "published" in result.output
    page = client.get(link).get_data(as_text=True)
    assert partner in page and "Warum wir dieses Gespräch vorschlagen" in page
    assert "Gemeinsame Themen" in page or "Branchenübergreifend" in page


def test_publish_without_schedule_says_what_to_do(runner, event):
    result = runner.invoke(args=["publish-schedule"])
    assert result.exit_code == 1 and "run 'matchmaker match' first" in result.output


def planned_attendee(runner, event) -> Attendee:
    seed(event)
    runner.invoke(args=["match"])
    counts = Counter(m.attendee_a_id for m in meetings()) + Counter(m.attendee_b_id for m in meetings())
    return db.session.get(Attendee, counts.most_common(1)[0][0])


def meetings_of(attendee: Attendee) -> list[tuple[int, int]]:
    return sorted((m.slot.number, m.score) for m in meetings()
                  if attendee.id in (m.attendee_a_id, m.attendee_b_id))


def test_new_unavailable_slot_removes_meeting_there(runner, event):
    from matchmaker.services.attendees.self_service import MeetingPreferences, update_meetings

    attendee = planned_attendee(runner, event)
    slot = meetings_of(attendee)[0][0]
    update_meetings(attendee, MeetingPreferences(True, [slot], None), True, "test")
    assert slot not in [s for s, _ in meetings_of(attendee)] and meetings_of(attendee)


def test_lower_maximum_keeps_best_meetings(runner, event):
    from matchmaker.services.attendees.self_service import MeetingPreferences, update_meetings

    attendee = planned_attendee(runner, event)
    best = sorted((score for _, score in meetings_of(attendee)), reverse=True)[:2]
    update_meetings(attendee, MeetingPreferences(True, attendee.unavailable_slots, 2), True, "test")
    assert sorted((score for _, score in meetings_of(attendee)), reverse=True) == best


@pytest.mark.both_databases
def test_withdrawn_consent_removes_all_meetings(runner, event):
    from matchmaker.services.attendees.self_service import MeetingPreferences, update_meetings

    attendee = planned_attendee(runner, event)
    update_meetings(attendee, MeetingPreferences(True, [], None), False, "test")
    assert meetings_of(attendee) == []


def test_dashboard_shows_schedule_certificate(runner, client, event):
    seed(event)
    add_organiser()
    login(client, "team@example.org", "richtig-geheim")
    assert "Es wurde noch kein Gesprächsplan erstellt" in client.get("/organiser/go-cluster-2027/").get_data(as_text=True)
    runner.invoke(args=["match"])
    page = client.get("/organiser/go-cluster-2027/").get_data(as_text=True)
    run = db.session.scalars(select(ScheduleRun)).one()
    assert "Entwurf vom" in page and f"<dd>{run.quality['meetings']}</dd>" in page
    assert "Anteil am bestmöglichen Gesamtwert" in page


def test_schedule_csv_defuses_spreadsheet_formulas(runner, event):
    seed(event)
    runner.invoke(args=["match"])
    attendee = db.session.get(Attendee, meetings()[0].attendee_a_id)
    attendee.organisation = '=HYPERLINK("http://evil.example","x")'
    db.session.commit()
    text = runner.invoke(args=["export-schedule", "--format", "csv"]).output
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_moving_to_partners_organisation_removes_that_meeting(runner, event):
    from matchmaker.services.attendees.self_service import Profile, update_details

    attendee = planned_attendee(runner, event)
    meeting = next(m for m in meetings() if attendee.id in (m.attendee_a_id, m.attendee_b_id))
    partner = meeting.attendee_b if meeting.attendee_a_id == attendee.id else meeting.attendee_a
    before = len(meetings_of(attendee))
    update_details(attendee, Profile(attendee.first_name, attendee.last_name, partner.organisation,
                                     attendee.position, attendee.org_type, attendee.industry_code,
                                     attendee.cluster))
    assert len(meetings_of(attendee)) == before - 1


def test_changed_interests_rescore_remaining_meetings(runner, event):
    from matchmaker.services.attendees.self_service import Interests, update_details

    attendee = planned_attendee(runner, event)
    update_details(attendee, Interests(themes=[], keywords=[], offers=[], seeks=[]))
    for meeting in meetings():
        if attendee.id in (meeting.attendee_a_id, meeting.attendee_b_id):
            codes = {reason["code"] for reason in meeting.reasons}
            assert not codes & {"shared_themes", "shared_keywords"}


def test_replan_after_publishing_stays_visible_to_attendees(runner, client, event):
    seed(event)
    runner.invoke(args=["match"])
    runner.invoke(args=["publish-schedule"])
    result = runner.invoke(args=["match"])
    assert "published (re-plan" in result.output
    latest = db.session.scalars(select(ScheduleRun).order_by(ScheduleRun.id.desc())).first()
    assert latest.published_at is not None


@pytest.mark.both_databases
def test_attendee_who_cancels_while_engine_runs_gets_no_meeting(event):
    from matchmaker.services.attendees.self_service import cancel
    from matchmaker.services.schedule.planning import planning_input, solve, store_schedule

    seed(event)
    inputs = planning_input(event)
    result = solve(inputs)
    leaver = db.session.get(Attendee, result.meetings[0].meeting.pair[0])
    cancel(leaver)
    store_schedule(event, result)
    assert all(leaver.id not in (m.attendee_a_id, m.attendee_b_id) for m in meetings())
    assert meetings()


def test_attendee_who_withdraws_consent_while_engine_runs_gets_no_meeting(event):
    from matchmaker.services.attendees.self_service import MeetingPreferences, update_meetings
    from matchmaker.services.schedule.planning import planning_input, solve, store_schedule

    seed(event)
    result = solve(planning_input(event))
    leaver = db.session.get(Attendee, result.meetings[0].meeting.pair[0])
    update_meetings(leaver, MeetingPreferences(True, [], None), False, "test")
    store_schedule(event, result)
    assert all(leaver.id not in (m.attendee_a_id, m.attendee_b_id) for m in meetings())
    assert meetings()


def person(email: str, organisation: str, org_type: str, **fields) -> AttendeeRow:
    first, last = email.split("@")[0].split(".")
    return AttendeeRow(email=email, first_name=first.title(), last_name=last.title(),
                       organisation=organisation, org_type=org_type,
                       industry=fields.pop("industry", "ict_software"), **fields)


def pairs_by_email() -> set[tuple[str, str]]:
    emails = dict(db.session.execute(select(Attendee.id, Attendee.email)).all())
    return {tuple(sorted((emails[m.attendee_a_id], emails[m.attendee_b_id]))) for m in meetings()}


def test_match_plans_only_registered_confirmed_consenting_attendees(runner, app):
    event = make_event(capacity=4)
    rows = [
        person("ada.sme@a.de", "A GmbH", "sme", must_meet=("ben.large@b.de",)),
        person("ben.large@b.de", "B AG", "large"),
        person("cem.start@c.de", "C GmbH", "startup"),
        person("dora.research@d.de", "D Institut", "research"),
        person("eva.wait@e.de", "E AG", "large"),  # the fifth: on the waiting list
    ]
    import_attendees(event, rows, "test", confirmed=True)
    import_attendees(event, [person("finn.new@f.de", "F AG", "large")], "test", confirmed=False)
    db.session.get(Attendee, attendee_id("dora.research@d.de")).matching_consent_at = None
    db.session.commit()
    assert runner.invoke(args=["match"]).exit_code == 0
    # Ben (large) would suit everybody; the waiting, non-consenting and unconfirmed
    # attendees (Eva, Dora, Finn) would suit Ada and Cem: only the three may meet.
    assert pairs_by_email() == {("ada.sme@a.de", "ben.large@b.de"),
                                ("ben.large@b.de", "cem.start@c.de")}


def attendee_id(email: str) -> int:
    return db.session.scalar(select(Attendee.id).where(Attendee.email == email))


@pytest.mark.both_databases
def test_database_mode_hands_every_must_meet_wish_to_the_engine(runner, event):
    from matchmaker.services.schedule.planning import planning_input

    rows = generate_attendees(30, seed=5, slots=10)
    wishes = {0: (1, 2), 1: (0,), 5: (9,)}  # a mutual pair and two one-sided wishes
    rows = [replace(row, must_meet=tuple(rows[j].email for j in wishes.get(i, ())))
            for i, row in enumerate(rows)]
    import_attendees(event, rows, "test", confirmed=True)
    db.session.commit()
    requests = set(db.session.execute(
        select(MeetingRequest.requester_id, MeetingRequest.target_id)).all())
    engine_event = planning_input(event).engine_event
    handed = {(a.id, target) for a in engine_event.attendees for target in a.must_meet}
    assert len(requests) == 4 and handed == requests


def test_schedule_favours_cross_industry_pairs(runner, app):
    event = make_event(tables=1)
    # Ada has time for one meeting. Ben shares a theme and a keyword with her, Cem only
    # the theme, but Cem comes from another industry: the conference's thesis says Cem.
    rows = [
        person("ada.sme@a.de", "A GmbH", "sme", industry="logistics", themes=("skills",),
               keywords=("Lager",), max_meetings=1),
        person("ben.same@b.de", "B GmbH", "sme", industry="logistics", themes=("skills",),
               keywords=("Lager",)),
        person("cem.other@c.de", "C GmbH", "sme", industry="energy_environment",
               themes=("skills",)),
    ]
    import_attendees(event, rows, "test", confirmed=True)
    db.session.commit()
    runner.invoke(args=["match"])
    assert ("ada.sme@a.de", "cem.other@c.de") in pairs_by_email()
    assert ("ada.sme@a.de", "ben.same@b.de") not in pairs_by_email()


def test_match_policy_option_overrides_the_events_setting_for_one_run(runner, event):
    seed(event)
    result = runner.invoke(args=["match", "--policy", "total"])
    run = db.session.scalars(select(ScheduleRun)).one()
    assert "policy total" in result.output and run.quality["policy"] == "total"
    assert event.matching_policy == "balanced"


def test_match_summary_reports_distribution_and_clusters(runner, event):
    seed(event)
    output = runner.invoke(args=["match"]).output
    assert "policy balanced" in output and "10th percentile" in output
    assert "fair level" in output and "cross-cluster" in output
    run = db.session.scalars(select(ScheduleRun)).one()
    assert {"meetings_histogram", "fair_level_bound", "below_fair_level",
            "cluster_manager_pairs"} <= set(run.quality)


def test_event_policy_set_by_service_applies_to_the_next_run(runner, event):
    from matchmaker.services.schedule.matching_settings import set_matching_policy

    seed(event)
    set_matching_policy(event, "total")
    db.session.commit()
    runner.invoke(args=["match"])
    assert db.session.scalars(select(ScheduleRun)).one().quality["policy"] == "total"


def test_unknown_policy_is_a_domain_error(event):
    from matchmaker.services import DomainError
    from matchmaker.services.schedule.matching_settings import set_matching_policy

    with pytest.raises(DomainError) as error:
        set_matching_policy(event, "greedy")
    assert error.value.code == "unknown_matching_policy" and event.matching_policy == "balanced"


def test_new_event_uses_the_starter_synonym_list(runner, event):
    output = runner.invoke(args=["synonyms"]).output
    assert "KI = Künstliche Intelligenz = AI" in output


def test_synonyms_command_replaces_the_list_from_a_file(runner, event, tmp_path):
    source = tmp_path / "synonyms.txt"
    source.write_text("Wasserstoff = H2\n", encoding="utf-8")
    result = runner.invoke(args=["synonyms", "--file", str(source)])
    assert result.exit_code == 0 and "replaced" in result.output
    assert runner.invoke(args=["synonyms"]).output == "Wasserstoff = H2\n"


def test_synonyms_command_rejects_a_malformed_line_and_keeps_the_list(runner, event, tmp_path):
    source = tmp_path / "synonyms.txt"
    source.write_text("Wasserstoff = H2\nKI\n", encoding="utf-8")
    result = runner.invoke(args=["synonyms", "--file", str(source)])
    assert result.exit_code == 1 and "line 2" in result.output
    assert "KI = Künstliche Intelligenz = AI" in runner.invoke(args=["synonyms"]).output


def test_set_synonyms_raises_domain_error_with_line(event):
    from matchmaker.services import DomainError
    from matchmaker.services.schedule.matching_settings import set_synonyms, synonym_text

    with pytest.raises(DomainError) as error:
        set_synonyms(event, "KI = AI\nAI = Artificial Intelligence\n")
    assert (error.value.code, error.value.params) == ("synonym_in_two_groups", {"line": 2})
    set_synonyms(event, "KI = AI\n")
    assert synonym_text(event) == "KI = AI\n"


def test_match_uses_the_events_synonyms(runner, app):
    event = make_event(tables=1)
    rows = [person("ada.sme@a.de", "A GmbH", "sme", seeks=("AI",)),
            person("ben.sme@b.de", "B GmbH", "sme", offers=("Künstliche Intelligenz",))]
    import_attendees(event, rows, "test", confirmed=True)
    db.session.commit()
    runner.invoke(args=["match"])
    (meeting,) = meetings()
    assert meeting.reasons == [{"code": "offer_matches_seek", "params": {
        "tag": "Künstliche Intelligenz", "offered_by": attendee_id("ben.sme@b.de"),
        "sought_by": attendee_id("ada.sme@a.de"), "sought_tag": "AI"}}]
