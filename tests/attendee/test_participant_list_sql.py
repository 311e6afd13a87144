"""The participant list is filtered, counted, ordered and paged in SQL (for 5,000
attendees), and shows exactly what the list filtered in Python showed: phone-book order
(umlauts, name particles), the keyword in a tag, the organisation or the name whatever
its case, a theme among the themes."""

import pytest

from matchmaker.documents.collation import by_name
from matchmaker.services.attendees import participants
from matchmaker.services.attendees.participants import Filters, participant_page
from tests.support.attendees import add_attendee


def python_list(viewer, everybody, filters: Filters) -> list[str]:
    """The list as it was computed before it moved to SQL (``participants.matches``)."""
    keyword = filters.keyword.strip().casefold()

    def matches(a) -> bool:
        words = [*a.keywords, *a.offers, *a.seeks, a.organisation, a.full_name]
        return ((not filters.org_type or a.org_type == filters.org_type)
                and (not filters.industry or a.industry_code == filters.industry)
                and (not filters.theme or filters.theme in a.themes)
                and (not filters.cluster or (a.cluster or "") == filters.cluster)
                and (not keyword or any(keyword in word.casefold() for word in words)))
    return [a.full_name for a in by_name(sorted(everybody, key=lambda a: a.id))
            if a.id != viewer.id and a.is_matchable and matches(a)]


@pytest.fixture
def people(event):
    made = [add_attendee(event, first, last_name=last, **extra) for first, last, extra in (
        ("Anna", "Zander", {"themes": ["open_innovation"]}),
        ("Jörg", "Müller", {"keywords": ["Straßenbau"], "org_type": "research"}),
        ("Jens", "Mueller", {"offers": ["LIDAR"], "cluster": "Cluster Nord"}),
        ("Heinz", "von der Heide", {"seeks": ["Wärmepumpe"], "themes": ["skills"]}),
        ("Ömer", "Öztürk", {"organisation": "Großhandel AG", "cluster": "cluster nord"}),
        ("Ida", "Abel", {"themes": ["open_innovation", "skills"], "industry_code": "maritime"}),
        ("Kai", "abel", {"matching_consent": False}),
        ("Zoe", "Müller", {"keywords": ["100%_sicher"]}),
    )]
    return made


@pytest.mark.parametrize("filters", [
    Filters(), Filters(keyword="STRASSE"), Filters(keyword="müller"), Filters(keyword="lidar"),
    Filters(keyword="grosshandel"), Filters(keyword="%"), Filters(keyword="_"), Filters(keyword="jens mu"),
    Filters(theme="skills"), Filters(theme="open"), Filters(org_type="research"),
    Filters(industry="maritime"), Filters(cluster="Cluster Nord"),
])
def test_sql_list_shows_what_the_python_list_showed(people, filters):
    viewer = people[0]
    page = participant_page(viewer, filters)
    expected = python_list(viewer, people, filters)
    assert [p.name for p in page.people] == expected and page.total == len(expected)


@pytest.mark.both_databases  # the order is the database's, whatever its collation
def test_list_pages_in_phone_book_order(people, monkeypatch):
    monkeypatch.setattr(participants, "PAGE_SIZE", 2)
    shown = [p.name for number in (1, 2, 3) for p in participant_page(people[0], Filters(), number).people]
    assert shown == ["Ida Abel", "Heinz von der Heide", "Jens Mueller", "Jörg Müller", "Zoe Müller",
                     "Ömer Öztürk"]
