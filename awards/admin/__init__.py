"""Admin for the council and awards, one module per sub-domain."""

from awards.admin import ballots, council, decisions, printing  # noqa: F401
