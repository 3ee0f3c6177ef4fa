"""Admin for the council and awards, one module per sub-domain."""

from awards.admin import ballots, carried, council, decisions, printing  # noqa: F401
