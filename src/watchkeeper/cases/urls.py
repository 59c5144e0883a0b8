from django.urls import path

from watchkeeper.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<int:pk>/", views.case_page, name="case"),
    path("reports/", views.reports_page, name="reports"),
    path("reports/caseload.csv", views.reports_csv, name="reports_csv"),
]
