"""The register's fixtures: the throw-away CAs of the signing tests (tests/registry/signing_support.py)."""

from tests.registry.signing_support import demo_ca, foreign_ca, signing_settings

__all__ = ["demo_ca", "foreign_ca", "signing_settings"]
