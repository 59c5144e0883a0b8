from django.http import HttpResponse
from django.urls import path

app_name = "plugin"
urlpatterns = [path("", lambda request: HttpResponse("plugged in"), name="home")]
