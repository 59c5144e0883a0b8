"""Road network fixtures for the Django side: a private DATA_DIR per test (so imports never touch
the developer's var/), and the granary-square extract from ../shared/data."""

import pytest

from tests.conftest import shared_data


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def granary():
    return shared_data("osm", "granary-square.osm.pbf")
