"""Control-room pages. The live board's routes come from control/board.py (owned with the board)
when it exposes `urlpatterns`; until then "Control room" in the menu opens the incident list."""

from django.urls import path

from watchkeeper.control import field_views, intake_views, views
from watchkeeper.control.commands import views as commands
from watchkeeper.control.queue import views as queue

app_name = "control"

urlpatterns = [
    path("new/", intake_views.intake, name="intake"),
    path("new/places/", intake_views.place_search, name="place_search"),
    path("new/nearest/", intake_views.nearest_place, name="nearest_place"),
    path("new/context/", intake_views.intake_context, name="intake_context"),
    path("incidents/", queue.incidents, name="incidents"),
    path("incidents/saved/", queue.save_view, name="save_view"),
    path("incidents/<int:pk>/", views.incident, name="incident"),
    path("incidents/<int:pk>/<slug:action>/", views.incident_action, name="incident_action"),
    path("command/", commands.command, name="command"),
    path("units/", views.units, name="units"),
    path("my-unit/", field_views.my_unit, name="my_unit"),
    path("kpis/", views.kpi_page, name="kpis"),
    path("kpis/export.csv", views.kpi_csv, name="kpi_csv"),
    path("misuse/", views.misuse, name="misuse"),
    path("reviews/", views.reviews, name="reviews"),
]

try:
    from watchkeeper.control import board as _board
except ImportError:
    _board = None
if _board is not None and hasattr(_board, "urlpatterns"):
    urlpatterns += _board.urlpatterns
else:
    urlpatterns.append(path("", queue.incidents, name="board"))
