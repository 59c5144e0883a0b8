"""The PostgreSQL side of the test database cache: each saved state is a database on the server,
copied with CREATE DATABASE ... TEMPLATE, which needs no other session on the database copied
(the caller closes its own connection first; the states are used by no one else)."""

from __future__ import annotations

_DATABASE: dict[str, str] = {}


def remember_database(connection) -> None:
    """The configured database's name (before pytest-django renames it test_..._gwN), which every
    worker shares and every state's name starts with."""
    _DATABASE.setdefault(connection.alias, connection.settings_dict["NAME"])


def state_name(connection, fingerprint: str) -> str:
    return f"wkcache_{_DATABASE[connection.alias]}_{fingerprint}"[:63]


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _copy(connection, source: str, target: str) -> bool:
    """Make `target` a copy of `source` (replacing it); False when there is no `source`."""
    quote = connection.ops.quote_name
    connection.close()
    with connection.creation._nodb_cursor() as cursor:
        if not _exists(cursor, source):
            return False
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")
    return True


def copy_in(connection, state: str, test_database: str) -> bool:
    """The saved state as the test database; False when there is none."""
    return _copy(connection, state, test_database)


def restore(connection, state: str) -> bool:
    """The saved state in place of the connection's test database; False when there is none."""
    return _copy(connection, state, connection.settings_dict["NAME"])


def save(connection, state: str) -> None:
    """Keep the connection's test database as this stage's state, dropping the stage's older ones."""
    _copy(connection, connection.settings_dict["NAME"], state)
    quote = connection.ops.quote_name
    prefix = state.rsplit("-", 1)[0] + "-"
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix.replace("_", r"\_") + "%"])
        for (old,) in cursor.fetchall():
            if old != state:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
