"""The session engine (``SESSION_ENGINE``): Django's database sessions, read with one prepared statement.

Every request of a logged-in user reads its session. Django's ``db`` engine reads it through the
ORM (``Session.objects.get(session_key=…, expire_date__gt=now)``), whose query compilation costs
about 0.3 ms of CPU per request, more than the database's own work for this primary-key lookup.
Here the same statement is written once and executed directly; everything else (storage, expiry,
``clearsessions``, cycling the key at login, logout) is the ``db`` engine's own.
docs/performance.md ("Check-in: CPU per request") has the measurement.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        """The stored session if it exists and has not expired; else forget the key (as Django does)."""
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        meta = model._meta
        sql = (
            f"SELECT {quote(meta.get_field('session_data').column)} FROM {quote(meta.db_table)} "  # noqa: S608  # nosec B608  names from the model
            f"WHERE {quote(meta.pk.column)} = %s AND {quote(meta.get_field('expire_date').column)} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
