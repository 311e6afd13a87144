"""Another worker process of the app, for limits that every worker must share: it builds
its own app on the same database (and its own Flask-Limiter memory), posts the forms it
is given and prints their status codes as JSON.

    python -m tests.support.other_worker DATABASE_URL INSTANCE SETTINGS_JSON POSTS_JSON

``POSTS_JSON`` is a list of ``[path, form fields]``; each post carries its page's CSRF token.
"""

import json
import subprocess  # nosec B404  # runs this module with the test's own interpreter
import sys
from pathlib import Path

from matchmaker import create_app
from tests.conftest import app_config
from tests.support.factories import csrf_token

ROOT = Path(__file__).resolve().parents[2]


def post_in_other_worker(database_url: str, instance: Path, settings: dict,
                         posts: list[tuple[str, dict]]) -> list[int]:
    """The status codes of ``posts`` sent by another process's app."""
    done = subprocess.run(  # nosec B603  # fixed command, the test's own arguments
        [sys.executable, "-m", "tests.support.other_worker", database_url, str(instance),
         json.dumps(settings), json.dumps(posts)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(database_url: str, instance: str, settings: str, posts: str) -> None:
    app = create_app({**app_config(database_url, Path(instance)), "RATELIMIT_ENABLED": True,
                      **json.loads(settings)})
    client = app.test_client()
    codes = [client.post(path, data={**data, "csrf_token": csrf_token(client, path)}).status_code
             for path, data in json.loads(posts)]
    print(json.dumps(codes))


if __name__ == "__main__":
    main(*sys.argv[1:5])
