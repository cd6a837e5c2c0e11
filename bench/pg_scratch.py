"""Scratch PostgreSQL databases for the benchmarks: made empty, dropped afterwards."""

from __future__ import annotations

import uuid

import psycopg
from sqlalchemy.engine import make_url


def fresh_database(admin_url: str) -> str:
    """URL of a new, empty database on the server of ``admin_url``."""
    name = f"counter_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
