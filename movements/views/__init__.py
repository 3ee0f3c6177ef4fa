"""Browser views of the movement reports, one module per concern."""
