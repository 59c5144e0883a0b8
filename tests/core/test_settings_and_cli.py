"""Start-up configuration and the watchkeeper command, run as an IT officer would run them."""

import os
import subprocess
import sys

import pytest

from watchkeeper.core.models import ApiToken


def run(args, env_extra=None, tmp_path=None):
    env = {**os.environ, **(env_extra or {})}
    env.pop("DATABASE_URL", None) if env_extra and env_extra.get("DATABASE_URL") == "" else None
    return subprocess.run(
        [sys.executable, "-m", "watchkeeper", *args], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_URL", "mysql://x", "DATABASE_URL must be a sqlite:// or postgres:// URL"),
        ("WATCHKEEPER_SESSION_MINUTES", "soon", "WATCHKEEPER_SESSION_MINUTES must be a whole number"),
        ("REDIS_URL", "http://redis", "REDIS_URL must be a redis:// URL"),
        ("WATCHKEEPER_SECRET_KEY", "short", "WATCHKEEPER_SECRET_KEY must be at least 32 characters"),
    ],
)
def test_a_malformed_setting_stops_start_up_with_one_line(tmp_path, name, value, message):
    result = run(["check"], {name: value, "WATCHKEEPER_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"watchkeeper: configuration error: {message}" + result.stderr.strip().split(message, 1)[1]
    ]


def test_secret_key_is_generated_once_into_the_data_dir(tmp_path):
    env = {"WATCHKEEPER_DATA_DIR": str(tmp_path)}
    assert run(["check"], env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 40 and oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    run(["check"], env)
    assert (tmp_path / "secret_key").read_text() == key


def test_issue_token_prints_a_working_token(db, client, capsys):
    from django.core.management import call_command

    call_command("issue_token", "analyst", "--scope", "home.view", "--expires", "7")
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("wk_")
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["username"] == "analyst"
    assert ApiToken.objects.get(prefix=secret.split("_")[1]).scopes == ["home.view"]


def test_issue_token_errors_are_plain(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user called 'nobody'"):
        call_command("issue_token", "nobody")
    with pytest.raises(CommandError, match="Unknown scopes: launch.missiles"):
        call_command("issue_token", "analyst", "--scope", "launch.missiles")
    with pytest.raises(CommandError, match="expire within 1 to 366 days"):
        call_command("issue_token", "analyst", "--expires", "0")
