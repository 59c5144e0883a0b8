"""`watchkeeper erlang`, run as anyone checking a figure would run it: the issue's flags, the
published vector printed back; bad input ends with one plain line and a failing exit status, never
a traceback. The first test runs a real process; the others run the same entry point
(`watchkeeper.cli.main`, argv to exit status) in this one, which saves a Python start-up each."""

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from watchkeeper import cli

pytestmark = pytest.mark.kernel
VECTOR = ["--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180", "--answer-seconds", "20"]


@pytest.fixture
def run(capsys):
    """run(*args) -> (returncode, stdout, stderr) of `watchkeeper erlang ARGS`. An exception other
    than the command's own exit escapes and fails the test, as a traceback would."""

    def erlang(*args):
        try:
            cli.main(["erlang", *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return erlang


def test_prints_the_published_vector(tmp_path):
    env = {**os.environ, "WATCHKEEPER_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "watchkeeper", "erlang", *VECTOR, "--service-level", "0.8"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "agents         14" in out
    assert "P(wait)        0.1741319" in out
    assert "service level  0.8883500" in out
    assert "ASA            7.836 s" in out
    assert "occupancy      0.7143" in out


def test_json_has_the_keys_the_issue_names_and_erlang_a_adds_abandonment(run):
    plain = json.loads(run(*VECTOR, "--service-level", "80", "--json").stdout)
    assert set(plain) == {"agents", "p_wait", "service_level", "asa_seconds", "occupancy"}
    assert plain["agents"] == 14
    patient = json.loads(run(*VECTOR, "--service-level", "0.8", "--patience-seconds", "120", "--json").stdout)
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
def test_bad_input_is_one_plain_line(run, args, message):
    result = run(*VECTOR, *args)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_missing_flag_is_a_usage_error(run):
    result = run("--calls", "10")
    assert result.returncode == 2 and "required" in result.stderr and "Traceback" not in result.stderr
