from django.urls import path

from watchkeeper.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("week.csv", views.staffing_csv, name="week_csv"),
    path("what-if/", views.whatif, name="whatif"),
    path("calls/", views.call_records, name="calls"),
    path("patrols/", views.patrols, name="patrols"),
    path("rosters/", views.rosters, name="rosters"),
    path("rosters/<int:pk>/", views.roster, name="roster"),
    path("rosters/<int:pk>/shifts.csv", views.roster_csv, name="roster_csv"),
]
