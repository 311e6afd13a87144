"""``matchmaker match`` inside an installation, and ``export-schedule``."""

import csv
import io
import json
from collections import Counter

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting, ScheduleRun
from matchmaker.services.attendee_import import import_attendees
from matchmaker.synthetic import generate_attendees
from tests.support.factories import add_organiser, login


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


def test_match_never_double_books_an_attendee_or_a_table(runner, event):
    seed(event)
    runner.invoke(args=["match"])
    per_slot = Counter()
    for meeting in meetings():
        per_slot[(meeting.slot_id, meeting.attendee_a_id)] += 1
        per_slot[(meeting.slot_id, meeting.attendee_b_id)] += 1
    assert max(per_slot.values()) == 1
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
    from matchmaker.services.self_service import MeetingPreferences, update_meetings

    attendee = planned_attendee(runner, event)
    slot = meetings_of(attendee)[0][0]
    update_meetings(attendee, MeetingPreferences(True, [slot], None), True, "test")
    assert slot not in [s for s, _ in meetings_of(attendee)] and meetings_of(attendee)


def test_lower_maximum_keeps_best_meetings(runner, event):
    from matchmaker.services.self_service import MeetingPreferences, update_meetings

    attendee = planned_attendee(runner, event)
    best = sorted((score for _, score in meetings_of(attendee)), reverse=True)[:2]
    update_meetings(attendee, MeetingPreferences(True, attendee.unavailable_slots, 2), True, "test")
    assert sorted((score for _, score in meetings_of(attendee)), reverse=True) == best


def test_withdrawn_consent_removes_all_meetings(runner, event):
    from matchmaker.services.self_service import MeetingPreferences, update_meetings

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
    from matchmaker.services.self_service import Profile, update_details

    attendee = planned_attendee(runner, event)
    meeting = next(m for m in meetings() if attendee.id in (m.attendee_a_id, m.attendee_b_id))
    partner = meeting.attendee_b if meeting.attendee_a_id == attendee.id else meeting.attendee_a
    before = len(meetings_of(attendee))
    update_details(attendee, Profile(attendee.first_name, attendee.last_name, partner.organisation,
                                     attendee.position, attendee.org_type, attendee.industry_code,
                                     attendee.cluster))
    assert len(meetings_of(attendee)) == before - 1


def test_changed_interests_rescore_remaining_meetings(runner, event):
    from matchmaker.services.self_service import Interests, update_details

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


def test_attendee_who_cancels_while_engine_runs_gets_no_meeting(event):
    from matchmaker.services.scheduling import planning_input, solve, store_schedule
    from matchmaker.services.self_service import cancel

    seed(event)
    inputs = planning_input(event)
    result = solve(inputs)
    leaver = db.session.get(Attendee, result.meetings[0].meeting.pair[0])
    cancel(leaver)
    store_schedule(event, result)
    assert all(leaver.id not in (m.attendee_a_id, m.attendee_b_id) for m in meetings())
    assert meetings()
