from django.urls import path

from watchkeeper.patrol.powers import views as powers
from watchkeeper.patrol.reports.views import report_page
from watchkeeper.patrol.shifts import views

app_name = "patrol"
urlpatterns = [
    path("", views.home, name="home"),
    path("shifts/<int:pk>/", views.shift_detail, name="shift"),
    path("shifts/open/", views.open_shift, name="open_shift"),
    path("shifts/<int:pk>/roster/", views.roster, name="roster"),
    path("shifts/<int:pk>/plan/", views.plan, name="plan"),
    path("my-shift/", views.my_shift, name="my_shift"),
    path("my-shift/incident/", powers.log_incident, name="log_incident"),
    path("my-shift/notice/", powers.issue_notice, name="issue_notice"),
    path("my-shift/power/", powers.use_power, name="use_power"),
    path("my-shift/track/", powers.upload_track, name="upload_track"),
    path("report/", report_page, name="report"),
]
