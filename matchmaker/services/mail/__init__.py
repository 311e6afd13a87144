"""Mails to attendees, recorded in the outbox: notifications and organisers' messages."""
