"""`python -m watchkeeper.checks postgres URL` / `redis URL`: exit 0 when the service answers.
Used by the Makefile and the test suite to decide whether to run (or, under CI=true, demand) them."""

import sys


def postgres(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception:  # any failure means "not available here"
        return False
    return True


def redis(url: str) -> bool:
    import redis as redis_client

    try:
        return bool(redis_client.Redis.from_url(url, socket_connect_timeout=3).ping())
    except Exception:
        return False


if __name__ == "__main__":
    kind, url = sys.argv[1], sys.argv[2]
    sys.exit(0 if {"postgres": postgres, "redis": redis}[kind](url) else 1)
