from django.urls import path

from watchkeeper.anpr import views

app_name = "anpr"
urlpatterns = [path("", views.home, name="home")]
