"""The ../shared/data helper: a missing extract skips the test locally but fails it under CI=true."""

import pytest

from . import conftest

pytestmark = pytest.mark.kernel


def test_missing_shared_data_is_skipped_locally(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "SHARED_OSM", tmp_path)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not available"):
        conftest.shared_osm("camden.osm.pbf")


def test_missing_shared_data_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "SHARED_OSM", tmp_path)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        conftest.shared_osm("camden.osm.pbf")


def test_shared_data_is_found_beside_the_repository():
    assert conftest.SHARED_OSM.parts[-3:] == ("shared", "data", "osm")
