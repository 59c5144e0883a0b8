from django.urls import path

from watchkeeper.control.coverage.views import closures_page, coverage_page

app_name = "coverage"
urlpatterns = [
    path("", coverage_page, name="coverage"),
    path("closures/", closures_page, name="closures"),
]
