"""The dashboard's test constants (the logged-in organiser is ``organiser_client`` in
tests/conftest.py)."""

PASSWORD = "richtig-geheim"
EVENT_URL = "/organiser/go-cluster-2027"
