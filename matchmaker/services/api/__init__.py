"""The read-only JSON API for machines: its tokens (``tokens``) and what it reads
(``reads``). The web side is ``matchmaker/api``."""
