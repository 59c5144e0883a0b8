"""Gi* hotspots over the Hertfordshire year: watchkeeper.analysis.gistar against esda G_Local.

Input: every in-county street crime of 2021 (../shared/data/police-uk/hertfordshire/street,
rows kept when their LSOA lies in one of the ten Hertfordshire districts, as the data README
advises), counted into 100 m cells over the convex hull of those events (+50 m), the same study
area the forecast evaluation uses. Weights: binary distance band of 200 m between cell centres
(13 cells), self included (Gi*).

Timed: only the statistic, both sides the same way: one untimed warm-up call, then the best of
HOTSPOTS_REPEATS (default 5) calls. Ours is one ``gistar`` call (two small convolutions and the
FDR step); esda is one ``G_Local(y, w, transform='B', star=True, permutations=0)`` call, which
includes its own diagonal filling and transform of the weights it is handed. Building the
libpysal weights is done beforehand and not timed (it is printed separately). Permutations are
off: the analytical z-scores (``Zs``) are what we compare.

Without the shared data (WATCHKEEPER_SHARED_DATA, or ../shared/data) it prints why and stops
without failing, so `make bench` still runs the other benchmarks.

Last line: ``RESULT max_abs_diff=<n> vs_esda=<ratio>`` (esda time / ours; above 1 means faster).
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from tests.support.shared_data import locate  # noqa: E402
from watchkeeper.analysis.evaluate import study_area  # noqa: E402
from watchkeeper.analysis.gistar import gistar  # noqa: E402
from watchkeeper.analysis.grid import build_grid  # noqa: E402
from watchkeeper.analysis.readers import read_police_uk  # noqa: E402

CELL = 100.0
BAND = 200.0
REPEATS = int(os.environ.get("HOTSPOTS_REPEATS", "5"))


def best_of(fn, repeats: int) -> tuple[float, object]:
    """Best wall time of `repeats` calls after one untimed warm-up call (caches, lazy imports)."""
    times, result = [], fn()
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    import libpysal
    from esda.getisord import G_Local

    data = locate("police-uk", "hertfordshire", "street")
    if data is None:
        print("SKIPPED: police-uk/hertfordshire/street is not in the shared data folder (WATCHKEEPER_SHARED_DATA)")
        return 0
    events = read_police_uk(data)
    grid = build_grid(None, None, events.crs, CELL, area=study_area(events, CELL))
    counts = grid.counts(events.x, events.y)
    ids = grid.cell_ids
    print(
        f"Hertfordshire 2021: {events.frame.height:,} in-county events ({events.dropped}); "
        f"{grid.nx} x {grid.ny} raster, {ids.size:,} study-area cells of {CELL:g} m; band {BAND:g} m"
    )

    ours_s, ours = best_of(lambda: gistar(grid, counts, band_m=BAND), REPEATS)

    start = time.perf_counter()
    cx, cy = grid.centres(ids)
    w = libpysal.weights.DistanceBand(np.column_stack([cx, cy]), threshold=BAND, binary=True, silence_warnings=True)
    build_s = time.perf_counter() - start
    y = counts.ravel()[ids]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esda_s, theirs = best_of(lambda: G_Local(y, w, transform="B", star=True, permutations=0), REPEATS)

    z = ours.z.ravel()[ids]
    both = np.isfinite(z) & np.isfinite(theirs.Zs)
    if not np.array_equal(np.isfinite(z), np.isfinite(theirs.Zs)):
        print("WARNING: NaN patterns differ")
    diff = float(np.max(np.abs(z[both] - theirs.Zs[both])))
    print(
        f"ours  gistar:          {ours_s * 1000:9.1f} ms (best of {REPEATS}); "
        f"{int(ours.hot.sum())} hot, {int(ours.cold.sum())} cold cells at FDR 5%"
    )
    print(
        f"esda  G_Local:         {esda_s * 1000:9.1f} ms (best of {REPEATS}; "
        f"weights built beforehand in {build_s:.1f} s)"
    )
    print(f"max |z_ours - Zs_esda| = {diff:.3g}")
    print(f"RESULT max_abs_diff={diff:.3g} vs_esda={esda_s / ours_s:.1f}")
    return 0 if diff <= 1e-9 else 1


if __name__ == "__main__":
    raise SystemExit(main())
