"""The suggestions page ranks and explains partners exactly as the engine scores them in
a matchmaking run: with the event's synonyms, weights and blocked pairs."""

import html
import re

from flask_babel import force_locale
from sqlalchemy import select

from matchmaker import matching
from matchmaker.attendee.routes import industry_choices
from matchmaker.extensions import db
from matchmaker.models import Attendee
from matchmaker.reasons import phrase_reasons
from matchmaker.services.schedule.blocked_pairs import block_pair
from matchmaker.services.schedule.matching_settings import set_synonyms, set_weights
from matchmaker.services.schedule.planning import planning_input, reason_json
from tests.support.attendees import add_attendee

CARD = re.compile(r'<h2 class="card-title">(.*?)</h2>.*?<ul class="reasons">(.*?)</ul>', re.S)


def shown(page: str) -> list[tuple[str, list[str]]]:
    return [(html.unescape(name), [html.unescape(s) for s in re.findall(r"<li>(.*?)</li>", why)])
            for name, why in CARD.findall(page)]


def engine_ranking(app, event, viewer) -> list[tuple[str, list[str]]]:
    """What the engine of a matchmaking run says about each partner of ``viewer``."""
    run = planning_input(event).engine_event
    people = {a.id: a for a in run.attendees}
    names = {a.id: a.full_name for a in db.session.scalars(select(Attendee))}
    scored = [(matching.pair_score(people[viewer.id], other, run.weights, run.blocked_pairs,
                                   run.synonyms), other.id)
              for other in run.attendees if other.id != viewer.id]
    ranked = sorted(((s, i) for s, i in scored if s.score > 0), key=lambda x: (-x[0].score, x[1]))
    with app.test_request_context(), force_locale("de"):
        return [(names[i], phrase_reasons([reason_json(r) for r in s.reasons], viewer.id,
                                          dict(industry_choices())))
                for s, i in ranked]


def test_suggestions_page_agrees_with_the_engine_on_synonyms_weights_and_blocks(app, client, event):
    anna = add_attendee(event, "Anna", themes=["open_innovation"], seeks=["Laserscanner"])
    add_attendee(event, "Ben", org_type="research", offers=["Lidar"], industry_code="maritime")
    add_attendee(event, "Carla", themes=["open_innovation"], keywords=["Leichtbau"])
    dora = add_attendee(event, "Dora", org_type="research", offers=["Laserscanner"],
                        themes=["open_innovation"], industry_code="maritime")
    set_synonyms(event, "Lidar = Laserscanner")
    set_weights(event, {"shared_theme": 20})
    block_pair(event, anna, dora, "organiser@example.org")
    db.session.commit()
    page = client.get(f"/me/{anna.token}/suggestions").get_data(as_text=True)
    expected = engine_ranking(app, event, anna)
    assert [name for name, _ in expected] == ["Carla Beispiel", "Ben Beispiel"]
    assert shown(page) == expected
