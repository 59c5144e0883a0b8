from django.urls import path

from watchkeeper.intel import views, views_maps, views_more, views_partner

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
    path("partner-data/", views_partner.partner_data_page, name="partner_data"),
    path("partner-data/agreements/new/", views_partner.agreement_new, name="partner_agreement_new"),
    path("partner-data/mappings/new/", views_partner.mapping_new, name="partner_mapping_new"),
]
