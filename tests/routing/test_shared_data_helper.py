"""The shared data helper (tests/support/shared_data.py), used by tests and benchmarks: a missing
file skips the test locally but fails it under CI=true, and WATCHKEEPER_SHARED_DATA moves it."""

import pytest

from tests.support import shared_data as helper

from . import conftest

pytestmark = pytest.mark.kernel


def test_missing_shared_data_is_skipped_locally(monkeypatch, tmp_path):
    monkeypatch.setenv(helper.ENV, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not available"):
        conftest.shared_osm("camden.osm.pbf")


def test_missing_shared_data_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setenv(helper.ENV, str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        conftest.shared_osm("camden.osm.pbf")


def test_the_environment_names_another_folder(monkeypatch, tmp_path):
    (tmp_path / "osm").mkdir()
    (tmp_path / "osm" / "camden.osm.pbf").write_bytes(b"")
    monkeypatch.setenv(helper.ENV, str(tmp_path))
    assert conftest.shared_osm("camden.osm.pbf") == tmp_path / "osm" / "camden.osm.pbf"
    assert helper.locate("osm", "camden.osm.pbf") == tmp_path / "osm" / "camden.osm.pbf"
    assert helper.locate("osm", "missing.pbf") is None


def test_shared_data_is_found_beside_the_repository_by_default(monkeypatch):
    monkeypatch.delenv(helper.ENV, raising=False)
    assert helper.root().parts[-2:] == ("shared", "data")
    assert helper.root().parent.parent == conftest.REPO.parent
