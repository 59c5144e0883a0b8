"""A partner analyst maps hotspots: grids over a study area, Gi* with FDR, and KDE surfaces."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import shapely

from watchkeeper.analysis.density import kde
from watchkeeper.analysis.gistar import benjamini_hochberg, gistar
from watchkeeper.analysis.grid import build_grid, native_to_metres, to_lonlat, to_metres

pytestmark = pytest.mark.kernel


def disc_grid(cell: float = 100.0):
    """A round study area 1 km across: edge cells are clipped, the corners of the box are not in it."""
    return build_grid(None, None, "EPSG:27700", cell, area=shapely.Point(530_500, 181_500).buffer(480))


@pytest.mark.parametrize("band_m", [None, 100.0, 250.0])
def test_gistar_z_scores_match_esda_on_a_clipped_random_grid(band_m):
    import libpysal  # with esda, about 2 s of imports (scikit-learn, pandas): only for this test
    from esda.getisord import G_Local

    grid = disc_grid()
    values = np.random.default_rng(7).poisson(2.0, grid.shape).astype(float)
    ids = grid.cell_ids
    centres = np.column_stack(grid.centres(ids))
    # Queen contiguity is the distance band that reaches the diagonal neighbours.
    threshold = 100 * np.sqrt(2) + 1e-6 if band_m is None else band_m
    w = libpysal.weights.DistanceBand(centres, threshold=threshold, binary=True, silence_warnings=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = G_Local(values.ravel()[ids], w, transform="B", star=True, permutations=0)

    ours = gistar(grid, values, band_m=band_m)

    assert np.max(np.abs(ours.z.ravel()[ids] - theirs.Zs)) < 1e-9
    assert np.isnan(ours.z[~grid.mask]).all(), "cells outside the study area get no score"


def test_gistar_finds_a_planted_hotspot_and_nothing_in_flat_noise():
    grid = build_grid(np.array([0.0, 3_999.0]), np.array([0.0, 3_999.0]), "EPSG:27700", 100.0)
    values = np.random.default_rng(3).poisson(1.0, grid.shape).astype(float)
    values[20:23, 20:23] += 12

    result = gistar(grid, values, band_m=150.0)

    assert result.hot[21, 21]
    assert result.hot.sum() < 40
    assert not result.hot[:10, :10].any()


def test_gistar_with_no_variance_reports_nothing():
    grid = disc_grid()
    result = gistar(grid, np.zeros(grid.shape))
    assert not result.hot.any() and not result.cold.any()


def test_benjamini_hochberg_matches_a_hand_worked_example():
    # m = 4, alpha 0.05: thresholds 0.0125, 0.025, 0.0375, 0.05. 0.02 fails its own rank-1
    # threshold but 0.021 passes rank 2, so the step-up rule keeps both; 0.5 and 0.6 fail.
    p = np.array([0.5, 0.021, 0.6, 0.02])
    assert benjamini_hochberg(p, 0.05).tolist() == [False, True, False, True]
    # Five p-values, thresholds 0.01..0.05: ranks 1-4 pass (0.04 <= 0.04 exactly), 0.3 fails.
    p = np.array([0.04, 0.001, 0.3, 0.02, 0.013])
    assert benjamini_hochberg(p, 0.05).tolist() == [True, True, False, True, True]
    assert benjamini_hochberg(np.array([0.2, 0.3]), 0.05).tolist() == [False, False]


@pytest.mark.parametrize("kernel", ["quartic", "gaussian"])
def test_kde_keeps_each_events_mass_and_is_symmetric(kernel):
    grid = build_grid(np.array([0.0, 5_099.0]), np.array([0.0, 5_099.0]), "EPSG:27700", 100.0)  # 51 x 51
    x, y = np.array([2_550.0, 2_550.0]), np.array([2_550.0, 2_550.0])

    surface = kde(grid, x, y, bandwidth_m=300.0, kernel=kernel)

    cell_km2 = 0.01
    assert np.nansum(surface) * cell_km2 == pytest.approx(2.0, rel=1e-12)
    assert np.allclose(surface, surface[::-1, :]) and np.allclose(surface, surface.T)
    assert np.nanargmax(surface) == 25 * grid.nx + 25


def test_grid_area_share_counts_only_the_study_area():
    grid = disc_grid()
    assert grid.study_area_m2 == pytest.approx(shapely.Point(0, 0).buffer(480).area, rel=1e-9)
    assert grid.area.max() == pytest.approx(10_000.0)
    assert (grid.area[grid.mask] < 10_000.0).any(), "edge cells are clipped, not counted whole"


def test_grid_round_trips_to_wgs84_and_converts_feet():
    x, y = to_metres(np.array([-0.0915]), np.array([51.5155]))
    lon, lat = to_lonlat(x, y, "EPSG:27700")
    assert lon[0] == pytest.approx(-0.0915, abs=1e-7) and lat[0] == pytest.approx(51.5155, abs=1e-7)
    xm, _ = native_to_metres(np.array([1000.0]), np.array([0.0]), "EPSG:2913")
    assert xm[0] == pytest.approx(304.8)
    # Portland city hall, given in EPSG:2913 feet scaled to metres, comes back near 45.515 N.
    lon, lat = to_lonlat(*native_to_metres(np.array([7_645_000.0]), np.array([683_000.0]), "EPSG:2913"), "EPSG:2913")
    assert 45.4 < lat[0] < 45.6 and -122.8 < lon[0] < -122.6


def test_grid_geojson_is_wgs84_polygons_with_values():
    grid = disc_grid()
    ids = grid.cell_ids[:3]
    doc = grid.geojson({"z": np.arange(grid.nx * grid.ny, dtype=float).reshape(grid.shape)}, ids=ids)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3
    feature = doc["features"][0]
    assert feature["properties"]["z"] == float(ids[0])
    lon, lat = feature["geometry"]["coordinates"][0][0]
    assert -0.2 < lon < 0.0 and 51.4 < lat < 51.6
