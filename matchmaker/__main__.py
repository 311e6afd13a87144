"""``python -m matchmaker`` is the same as the ``matchmaker`` command."""

from .cli import main

main()
