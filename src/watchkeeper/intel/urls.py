from django.urls import path

from watchkeeper.intel.crime import views as crime
from watchkeeper.intel.hotspots import views as hotspots
from watchkeeper.intel.reports import views as reports
from watchkeeper.intel.surveys import views as surveys
from watchkeeper.intel.targets import views as targets
from watchkeeper.intel.tasking import views as tasking

app_name = "intel"

urlpatterns = [
    path("", reports.overview, name="overview"),
    path("targets/", targets.targets_page, name="targets"),
    path("import/", crime.import_page, name="import"),
    path("hotspots/", hotspots.hotspots_page, name="hotspots"),
    path("hotspots/cells.geojson", hotspots.hotspot_layer, name="hotspot_layer"),
    path("hotspots/export.<slug:fmt>", hotspots.hotspot_export, name="hotspot_export"),
    path("tasking/", tasking.tasking_list, name="tasking"),
    path("tasking/<int:pk>/", tasking.tasking_detail, name="tasking_detail"),
    path("tasking/<int:pk>/cells.geojson", tasking.tasking_layer, name="tasking_layer"),
    path("my-taskings/", tasking.my_taskings, name="my_taskings"),
    path("surveys/", surveys.survey_page, name="surveys"),
    path("pack/", reports.pack_page, name="pack"),
]
