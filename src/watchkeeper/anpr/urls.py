from django.urls import path

from watchkeeper.anpr import views
from watchkeeper.anpr.keepers.views import keepers_page
from watchkeeper.anpr.sites import views as sites

app_name = "anpr"
urlpatterns = [
    path("", views.home, name="home"),
    path("keepers/", keepers_page, name="keepers"),
    path("sections/", sites.sections, name="sections"),
    path("sections/<int:pk>/", sites.section, name="section"),
]
