from django.urls import path

from watchkeeper.sharing.disclosures import views

app_name = "disclosures"

# Mounted at sharing/.
urlpatterns = [
    path("disclosures/", views.disclosures_page, name="list"),
    path("disclosures/export.csv", views.disclosures_csv, name="csv"),
    path("agreements/<int:pk>/", views.agreement_page, name="agreement"),
]
