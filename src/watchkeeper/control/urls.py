"""Control-room pages. The live board's routes come from control/board.py (owned with the board)
when it exposes `urlpatterns`; until then "Control room" in the menu opens the incident list."""

from django.urls import path

from watchkeeper.control import views
from watchkeeper.control.queue import views as queue

app_name = "control"

urlpatterns = [
    path("new/", views.intake, name="intake"),
    path("new/places/", views.place_search, name="place_search"),
    path("new/context/", views.intake_context, name="intake_context"),
    path("incidents/", queue.incidents, name="incidents"),
    path("incidents/saved/", queue.save_view, name="save_view"),
    path("incidents/<int:pk>/", views.incident, name="incident"),
    path("incidents/<int:pk>/<slug:action>/", views.incident_action, name="incident_action"),
    path("units/", views.units, name="units"),
    path("my-unit/", views.my_unit, name="my_unit"),
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
