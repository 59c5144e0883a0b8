from django.urls import path

from watchkeeper.sharing import views

app_name = "sharing"

# Mounted at intel/partner-data/: the analysts' pages keep the addresses they had inside intel.
urlpatterns = [
    path("", views.partner_data_page, name="partner_data"),
    path("agreements/new/", views.agreement_new, name="agreement_new"),
    path("mappings/new/", views.mapping_new, name="mapping_new"),
]
