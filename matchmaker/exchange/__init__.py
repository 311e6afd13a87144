"""File formats of the matchmaker (pure: no Flask, no SQLAlchemy): attendee CSV, schedule
JSON and graph JSON."""
