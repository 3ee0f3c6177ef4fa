"""Browser views of the council and awards stage: office pages and documents."""
