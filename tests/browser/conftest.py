"""Browser tests: one live server per test module, on a migrated SQLite copy with an event
(the fixtures ``live_app``, ``live_url``, ``page``, ``phone_page`` and ``chromium`` are
registered in tests/conftest.py).

They run on SQLite only: what the browser sees does not depend on the database, and the
PostgreSQL paths are covered by the tests in tests/public.
"""
