"""Views of the conference day, one module per sub-domain."""
