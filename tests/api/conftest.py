"""Fixtures of the API and webhook tests."""

from tests.support.webhook_receiver import receiver  # noqa: F401  (a fixture)
