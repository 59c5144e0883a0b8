"""The partnership data pack: one dict of sections used by the HTML report and the PDF."""

from __future__ import annotations

import importlib
from datetime import datetime, time
from zoneinfo import ZoneInfo

import numpy as np

from watchkeeper.intel.crime import queries, rules
from watchkeeper.intel.hotspots import surfaces as hotspots
from watchkeeper.intel.surveys import queries as surveys
from watchkeeper.intel.targets.queries import targets_for

LONDON = ZoneInfo("Europe/London")


def hotspot_svg(surface: hotspots.Surface, width: int = 520) -> str:
    """An SVG of the hotspot cells drawn server-side in grid metres (north up), no map tiles needed."""
    grid = surface.grid
    if not len(surface.ids):
        return ""
    mask_rows, mask_cols = np.nonzero(grid.mask)
    r0, r1, c0, c1 = mask_rows.min(), mask_rows.max() + 1, mask_cols.min(), mask_cols.max() + 1
    scale = width / max(c1 - c0, 1)
    height = int((r1 - r0) * scale) + 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="Hotspot map">',
        f'<rect width="{width}" height="{height}" fill="#f7f7f7"/>',
    ]
    area_rows, area_cols = mask_rows, mask_cols
    for r, c in zip(
        area_rows[:: max(1, len(area_rows) // 20000)], area_cols[:: max(1, len(area_cols) // 20000)], strict=True
    ):
        parts.append(
            f'<rect x="{(c - c0) * scale:.1f}" y="{(r1 - 1 - r) * scale:.1f}" width="{scale:.2f}" '
            f'height="{scale:.2f}" fill="#e3e7ee"/>'
        )
    for cid, colour in zip(surface.ids, surface.colours, strict=True):
        r, c = divmod(int(cid), grid.nx)
        parts.append(
            f'<rect x="{(c - c0) * scale:.1f}" y="{(r1 - 1 - r) * scale:.1f}" width="{scale:.2f}" '
            f'height="{scale:.2f}" fill="{colour}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def control_figures(user, scope) -> dict | None:
    """Control-room response figures when the control app provides them (guarded import)."""
    try:
        kpis = importlib.import_module("watchkeeper.control.kpis")
    except ImportError:
        return None
    start = datetime.combine(scope.start, time(), LONDON)
    end = datetime.combine(rules.add_months(scope.end, 1), time(), LONDON)
    try:
        return kpis.kpi_report(user, start, end, district=scope.district.pk if scope.district else None)
    except Exception:  # a pack still prints when the control room's figures cannot be produced
        return None


def build(user, scope) -> dict:
    series = queries.monthly_counts(user, scope)
    pack = {
        "scope": scope,
        "series": series,
        "total": rules.total_known(series["total"]),
        "missing": series["missing"],
        "targets": targets_for(user, scope.partnership),
        "categories": [(k, rules.total_known(v)) for k, v in series["by_category"].items()],
        "repeats": queries.repeat_locations(user, scope, limit=10),
        "survey": surveys.results(user, scope.partnership, start=scope.start, end=rules.add_months(scope.end, 1)),
        "control": control_figures(user, scope),
        "svg": "",
        "hotspot_note": "",
    }
    try:
        surface = hotspots.kde_surface(scope.partnership, queries.crimes_in(user, scope), cell=150, top=150)
        pack["svg"], pack["hotspot_note"] = hotspot_svg(surface), f"{surface.label}; densest {len(surface.ids)} cells"
    except hotspots.HotspotError as exc:
        pack["hotspot_note"] = str(exc)
    return pack
