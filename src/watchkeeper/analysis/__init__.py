"""Numeric kernels for hotspots and forecasts (no Django): grids, Gi*, KDE, BJP, SEPP, back-tests."""

from .density import kde
from .gistar import GiStar, benjamini_hochberg, gistar
from .grid import Grid, build_grid, to_lonlat, to_metres
from .prospective import (
    BjpParams,
    bjp,
    last_period,
    retrospective_kde,
    select_coverage,
    top_cells,
)
from .sepp import SeppFit, SeppParams, fit_sepp, forecast_sepp, sepp

# The back-tests and the file readers need polars (about 0.3 s to import); the web process uses only
# the surfaces above, so those names are imported on first use (PEP 562).
_LAZY = {
    "Evaluation": "evaluate",
    "PeriodScore": "evaluate",
    "Settings": "evaluate",
    "run_evaluation": "evaluate",
    "DataFormatError": "readers",
    "Events": "readers",
    "read_events": "readers",
    "read_police_uk": "readers",
    "read_portland": "readers",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_LAZY[name]}", __name__), name)


__all__ = [
    "BjpParams",
    "DataFormatError",
    "Evaluation",
    "Events",
    "GiStar",
    "Grid",
    "PeriodScore",
    "SeppFit",
    "SeppParams",
    "Settings",
    "benjamini_hochberg",
    "bjp",
    "build_grid",
    "fit_sepp",
    "forecast_sepp",
    "gistar",
    "kde",
    "last_period",
    "read_events",
    "read_police_uk",
    "read_portland",
    "retrospective_kde",
    "run_evaluation",
    "select_coverage",
    "sepp",
    "to_lonlat",
    "to_metres",
    "top_cells",
]
