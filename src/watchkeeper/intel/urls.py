from django.urls import path

from watchkeeper.intel import views, views_maps, views_more

app_name = "intel"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("targets/", views.targets_page, name="targets"),
    path("import/", views.import_page, name="import"),
    path("hotspots/", views_maps.hotspots_page, name="hotspots"),
    path("hotspots/cells.geojson", views_maps.hotspot_layer, name="hotspot_layer"),
    path("hotspots/export.<slug:fmt>", views_maps.hotspot_export, name="hotspot_export"),
    path("tasking/", views_maps.tasking_list, name="tasking"),
    path("tasking/<int:pk>/", views_maps.tasking_detail, name="tasking_detail"),
    path("tasking/<int:pk>/cells.geojson", views_maps.tasking_layer, name="tasking_layer"),
    path("my-taskings/", views_maps.my_taskings, name="my_taskings"),
    path("surveys/", views_more.survey_page, name="surveys"),
    path("pack/", views_more.pack_page, name="pack"),
]
