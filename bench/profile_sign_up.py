"""Where a sign-up spends its time: many sign-ups through the real form, under pyinstrument.

    pip install -e '.[bench]' && python bench/profile_sign_up.py [--sign-ups 200]

In-process (Flask's test client, a migrated SQLite file, mails to the outbox folder), so
the figures are the app's own work without the network. Prints wall and CPU time per
sign-up and the profile's call tree.
"""

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from pyinstrument import Profiler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from matchmaker import create_app
from matchmaker.extensions import db
from tests.support.factories import CSRF_FIELD, make_event, valid_sign_up

WARM_UP = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sign-ups", type=int, default=200, help="how many are profiled")
    measured = parser.parse_args().sign_ups
    folder = tempfile.mkdtemp(prefix="matchmaker-profile-")
    app = create_app({"TESTING": True, "SECRET_KEY": secrets.token_hex(32),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/profile.sqlite",
                      "MAIL_OUTBOX_DIR": f"{folder}/outbox", "RATELIMIT_ENABLED": False,
                      "BOT_MIN_FILL_SECONDS": 0})
    with app.app_context():
        upgrade()
        make_event(capacity=measured)
        db.session.remove()
    client = app.test_client()
    token = CSRF_FIELD.search(client.get("/go-cluster-2027/register").get_data(as_text=True)).group(1)

    def sign_up(number: int) -> None:
        data = {**valid_sign_up(email=f"person{number}@example.org"), "csrf_token": token}
        client.post("/go-cluster-2027/register", data=data).close()  # closing sends the mail, as a server does

    for number in range(WARM_UP):
        sign_up(number)
    profiler = Profiler(interval=0.0005)
    wall, cpu = time.perf_counter(), time.process_time()
    with profiler:
        for number in range(WARM_UP, WARM_UP + measured):
            sign_up(number)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{measured} sign-ups: {1000 * wall / measured:.1f} ms wall, "
          f"{1000 * cpu / measured:.1f} ms CPU each (with the profiler's overhead)")
    print(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main()
