"""Browser tests: one live server per test module, on a migrated SQLite copy with an event.

They run on SQLite only: what the browser sees does not depend on the database, and the
PostgreSQL paths are covered by the tests in tests/public.
"""

from tests.support.browser import chromium, page, phone_page  # noqa: F401  (fixtures)
from tests.support.live_server import live_app, live_url  # noqa: F401  (fixtures)
