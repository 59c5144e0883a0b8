"""Numeric kernels for hotspots and forecasts (no Django): grids, Gi*, KDE, BJP, SEPP, back-tests."""

from .density import kde
from .evaluate import Evaluation, PeriodScore, Settings, run_evaluation
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
from .readers import DataFormatError, Events, read_events, read_police_uk, read_portland
from .sepp import SeppFit, SeppParams, fit_sepp, forecast_sepp, sepp

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
