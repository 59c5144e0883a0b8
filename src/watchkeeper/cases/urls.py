from django.urls import path

from watchkeeper.cases import views
from watchkeeper.cases.iom import views as iom_views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<int:pk>/", views.case_page, name="case"),
    path("reports/", views.reports_page, name="reports"),
    path("reports/caseload.csv", views.reports_csv, name="reports_csv"),
    path("iom/", iom_views.cohort_page, name="iom_cohort"),
]
