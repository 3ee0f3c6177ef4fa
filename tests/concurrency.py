"""The one concurrency harness: real threads, each on its own database connection, released together.

Races need PostgreSQL (SQLite serialises every writer), transactional tests (each thread commits on
its own connection) and, around a module of them, the rows the migrations created put back
(``migrated_rows`` in conftest.py).
"""

import threading
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import connection, connections

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="true concurrency needs PostgreSQL's row locks; SQLite serialises every writer",
)
race = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at_once(*calls: Callable, expected: tuple[type[Exception], ...] = ()) -> list[tuple[str, object]]:
    """Run each call in its own thread and connection, released together by a barrier.

    Each result is ("ok", the call's value), ("refused", the messages of a ValidationError, else the
    exception) for one of ``expected``, or ("error", its repr) for anything else: reported to the
    test, never swallowed.
    """
    barrier = threading.Barrier(len(calls))
    results: list[tuple[str, object]] = [("error", "did not run")] * len(calls)

    def run(index: int, call: Callable) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except expected as exc:
            results[index] = ("refused", getattr(exc, "messages", exc))
        except Exception as exc:  # asserted on by the caller
            results[index] = ("error", repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def reset_to_migrated_rows() -> None:
    """Leave exactly the rows the migrations created (role groups, permissions, content types).

    They were serialized when the test database was set up. A transactional test elsewhere that
    does not ask for ``serialized_rollback`` ends with a flush that drops the role groups and lets
    post_migrate recreate the content types under new ids; restoring on top of that would clash.
    """
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(contents)
