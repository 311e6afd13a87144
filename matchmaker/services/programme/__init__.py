"""The event's programme: its sessions (kept by the organisers, imported from a file) and
the attendees' choices of them, with a waiting list per full session."""
