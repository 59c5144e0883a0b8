"""`watchkeeper erlang`, run as anyone checking a figure would run it: a real process, the issue's
flags, the published vector printed back; bad input ends with one plain line, never a traceback."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.kernel
VECTOR = ["--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180", "--answer-seconds", "20"]


def run(*args, tmp_path):
    env = {**os.environ, "WATCHKEEPER_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "watchkeeper", "erlang", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_prints_the_published_vector(tmp_path):
    result = run(*VECTOR, "--service-level", "0.8", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "agents         14" in out
    assert "P(wait)        0.1741319" in out
    assert "service level  0.8883500" in out
    assert "ASA            7.836 s" in out
    assert "occupancy      0.7143" in out


def test_json_has_the_keys_the_issue_names_and_erlang_a_adds_abandonment(tmp_path):
    plain = json.loads(run(*VECTOR, "--service-level", "80", "--json", tmp_path=tmp_path).stdout)
    assert set(plain) == {"agents", "p_wait", "service_level", "asa_seconds", "occupancy"}
    assert plain["agents"] == 14
    patient = json.loads(
        run(*VECTOR, "--service-level", "0.8", "--patience-seconds", "120", "--json", tmp_path=tmp_path).stdout
    )
    assert patient["agents"] == 12 and 0 < patient["abandon"] < 0.1


@pytest.mark.parametrize(
    "args,message",
    [
        (["--service-level", "150"], "service level"),
        (["--service-level", "0"], "service level"),
        (["--service-level", "abc"], "is not a number"),
        (["--service-level", "nan"], "not a finite number"),
        (["--service-level", "0.8", "--patience-seconds", "-3"], "patience"),
    ],
)
def test_bad_input_is_one_plain_line(tmp_path, args, message):
    result = run(*VECTOR, *args, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_missing_flag_is_a_usage_error(tmp_path):
    result = run("--calls", "10", tmp_path=tmp_path)
    assert result.returncode == 2 and "required" in result.stderr and "Traceback" not in result.stderr
