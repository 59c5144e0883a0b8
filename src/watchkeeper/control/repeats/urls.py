from django.urls import path

from watchkeeper.control.repeats.views import repeats_csv, repeats_page

app_name = "repeats"
urlpatterns = [
    path("", repeats_page, name="page"),
    path("export.csv", repeats_csv, name="csv"),
]
