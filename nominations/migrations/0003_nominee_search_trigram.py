"""Indexes for province-scale lists (docs/performance.md).

- ``nominee_sort_key_idx`` (every database, declared on the model): the list's order, nominee__sort_key then id.
- ``nominee_search_text_trgm`` (PostgreSQL only): a pg_trgm GIN index on the folded
  ``search_text``, which serves the diacritic-free search's ``search_text LIKE '%word%'``
  (the ``contains`` lookup on the list and in the admin). It needs the pg_trgm extension:
  this migration creates it (``CREATE EXTENSION IF NOT EXISTS pg_trgm``), which takes a
  superuser or the database owner on PostgreSQL 13+ (pg_trgm is a trusted extension); where
  the application's role may not, a superuser runs that statement once in the database
  before ``migrate``. On SQLite both functions do nothing.
"""

from django.db import migrations


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS nominee_search_text_trgm ON nominations_nominee USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS nominee_search_text_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
