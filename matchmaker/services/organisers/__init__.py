"""Organiser accounts: passwords and log-in (``accounts``), sessions, log-in limits,
invitations, and giving an organiser access to an event (``access``)."""
