"""A database of its own for a test that runs the portal in other processes (a server, an old
checkout of the code): a SQLite file, or a new database on the test run's PostgreSQL server."""

import shutil
import uuid
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

from .slow import require_slow


def sqlite_database(path):
    return {"url": f"sqlite:///{path}", "vendor": "sqlite", "path": str(path)}


def postgres_database(settings_dict, purpose="own", *, template=None):
    """A new database on the test connection's server, named after the test run's: empty, or a
    copy of the database named `template` (which nobody may be connected to meanwhile)."""
    name = f"{settings_dict['NAME']}_{purpose}_{uuid.uuid4().hex[:8]}"[-63:]
    params = {
        key: settings_dict[option]
        for key, option in (("host", "HOST"), ("port", "PORT"), ("user", "USER"), ("password", "PASSWORD"))
        if settings_dict.get(option)
    }
    copy = f' TEMPLATE "{template}"' if template else ""
    _postgres_admin(params, f'CREATE DATABASE "{name}"{copy}')
    auth = quote(params.get("user", ""), safe="")
    if params.get("password"):
        auth += ":" + quote(params["password"], safe="")
    host = f"{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}"
    return {"url": f"postgres://{auth}@{host}/{name}", "vendor": "postgresql", "name": name, "params": params}


def postgres_drop(database):
    # FORCE: a subprocess killed by its timeout may have left a session behind.
    _postgres_admin(database["params"], f'DROP DATABASE IF EXISTS "{database["name"]}" WITH (FORCE)')


def _postgres_admin(params, statement):
    import psycopg2

    # CREATE and DROP DATABASE cannot run inside a transaction, hence autocommit.
    with closing(psycopg2.connect(dbname="postgres", **params)) as conn:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(statement)


@contextmanager
def own_database(directory, purpose, *, copy_of=None):
    """A new database of the test run's own kind for other processes: on PostgreSQL a database
    on the same server, dropped afterwards; on SQLite a file in `directory`. Empty, or a copy of
    `copy_of` (a database this module made, of the same kind)."""
    from django.db import connection

    require_slow("the portal in other processes, on a database of their own")
    if connection.vendor == "postgresql":
        template = copy_of["name"] if copy_of else None
        database = postgres_database(connection.settings_dict, purpose, template=template)
        try:
            yield database
        finally:
            postgres_drop(database)
    else:
        database = sqlite_database(Path(directory) / f"{purpose}.sqlite3")
        if copy_of:
            shutil.copyfile(copy_of["path"], database["path"])
        yield database
