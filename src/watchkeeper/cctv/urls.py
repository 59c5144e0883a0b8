from django.urls import path

from watchkeeper.cctv.cameras import views as cameras
from watchkeeper.cctv.compliance import views as compliance
from watchkeeper.cctv.dashboards import views as dashboards
from watchkeeper.cctv.deployments import views as deployments
from watchkeeper.cctv.evidence import views as evidence
from watchkeeper.cctv.log import views as log
from watchkeeper.cctv.requests import views as requests
from watchkeeper.cctv.retention import views as retention
from watchkeeper.cctv.surveys import views as surveys
from watchkeeper.cctv.visits import views as visits

app_name = "cctv"

urlpatterns = [
    path("", cameras.cameras_page, name="cameras"),
    path("cameras.geojson", cameras.camera_layer, name="camera_layer"),
    path("cameras/<int:pk>/", cameras.camera_page, name="camera"),
    path("faults/", cameras.faults_page, name="faults"),
    path("log/", log.log_page, name="log"),
    path("log/<int:pk>/", log.entry_page, name="log_entry"),
    path("handover/", log.handover_page, name="handover"),
    path("requests/", requests.requests_page, name="requests"),
    path("requests/<int:pk>/", requests.request_page, name="request"),
    path("evidence/", evidence.evidence_page, name="evidence"),
    path("evidence/<int:pk>/", evidence.exhibit_page, name="exhibit"),
    path("verify/", evidence.verify_page, name="verify"),
    path("download/<str:token>/", evidence.download, name="download"),
    path("keys/<slug:slug>.pem", evidence.public_key, name="public_key"),
    path("deployments/", deployments.deployments_page, name="deployments"),
    path("deployments/<int:pk>/", deployments.bid_page, name="bid"),
    path("deployments/history.geojson", deployments.history_layer, name="deployment_layer"),
    path("visits/", visits.visits_page, name="visits"),
    path("survey/", surveys.survey_page, name="survey"),
    path("survey/<slug:slug>/", surveys.public_survey_page, name="public_survey"),
    path("retention/", retention.retention_page, name="retention"),
    path("compliance/", compliance.compliance_page, name="compliance"),
    path("compliance/review.pdf", compliance.review_pdf, name="review_pdf"),
    path("dashboard/", dashboards.dashboard_page, name="dashboard"),
    path("dashboard/export.csv", dashboards.dashboard_csv, name="dashboard_csv"),
]
