from django.urls import path

from watchkeeper.patrol.reports.views import report_page
from watchkeeper.patrol.shifts import views

app_name = "patrol"
urlpatterns = [
    path("", views.home, name="home"),
    path("shifts/<int:pk>/", views.shift_detail, name="shift"),
    path("my-shift/", views.my_shift, name="my_shift"),
    path("report/", report_page, name="report"),
]
