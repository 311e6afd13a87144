"""The shape of the private tokens in links (the attendee's page, the calendar feed):
anything else is refused before a query is made."""

import re

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,64}")
