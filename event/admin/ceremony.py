"""Admin pages of this sub-domain (filled in by its owner)."""
