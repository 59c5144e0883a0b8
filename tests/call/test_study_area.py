"""The Hertfordshire forecast evaluation's study area is the county outline (ONS), not the convex
hull of the events: two events alone would otherwise make a sliver of a study area."""

from __future__ import annotations

import pytest
import shapely

from tests.analysis.test_readers_and_evaluation import GOOD, write_month
from watchkeeper.analysis import evaluate, readers
from watchkeeper.analysis.grid import to_metres

pytestmark = pytest.mark.kernel


def test_hertfordshire_events_get_the_county_outline_as_their_study_area(tmp_path):
    write_month(tmp_path, "2021-03", GOOD + GOOD.replace("-0.2,51.9", "-0.21,51.91"))
    events = readers.read_police_uk(tmp_path)
    area = evaluate.study_area(events, 150.0)
    assert 1600e6 < area.area < 1690e6  # the county is 1,643 km2 (ONS); a hull of two points is ~0
    for lon, lat in [(-0.2026, 51.9025), (-0.0777, 51.7957), (-0.2795, 51.9475)]:  # Stevenage, Hertford, Hitchin
        x, y = to_metres([lon], [lat])
        assert shapely.contains_xy(area, x[0], y[0])
    x, y = to_metres([-0.1278], [51.5074])  # Trafalgar Square is not in Hertfordshire
    assert not shapely.contains_xy(area, x[0], y[0])
