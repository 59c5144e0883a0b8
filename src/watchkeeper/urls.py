from django.contrib import admin
from django.urls import include, path

from watchkeeper.api import api
from watchkeeper.core import admin as core_admin  # noqa: F401  (registers the admin pages)
from watchkeeper.core import audit_views, people_views, views

# Each app's urls module is listed once here.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("login/", views.sign_in, name="login"),
    path("login/code/", views.second_factor, name="second_factor"),
    path("logout/", views.sign_out, name="logout"),
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("map/", views.map_page, name="map"),
    path("map/layers/wards.geojson", views.ward_layer, name="ward_layer"),
    path("map/layers/roads.geojson", views.road_layer, name="road_layer"),
    path("people/", people_views.people, name="people"),
    path("people/<int:pk>/", people_views.person, name="person"),
    path("audit/", audit_views.audit_list, name="audit"),
    path("audit/export.csv", audit_views.audit_csv, name="audit_csv"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

APP_URLS = [
    ("control/coverage/", "watchkeeper.control.coverage.urls"),
    ("control/repeats/", "watchkeeper.control.repeats.urls"),
    ("control/", "watchkeeper.control.urls"),
    ("intel/partner-data/", "watchkeeper.sharing.urls"),
    ("intel/", "watchkeeper.intel.urls"),
]
urlpatterns += [path(prefix, include(module)) for prefix, module in APP_URLS]
