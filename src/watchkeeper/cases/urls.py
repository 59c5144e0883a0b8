from django.urls import path

from watchkeeper.cases import views
from watchkeeper.cases.asb import views as asb
from watchkeeper.cases.channel import views as channel
from watchkeeper.cases.core import views as core
from watchkeeper.cases.iom import views as iom_views
from watchkeeper.cases.marac import views as marac
from watchkeeper.cases.meetings import views as meetings
from watchkeeper.cases.trigger import views as trigger

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", core.open_case, name="open"),
    path("<int:pk>/", views.case_page, name="case"),
    path("<int:pk>/parties/", core.add_party, name="add_party"),
    path("<int:pk>/consent/", core.consent, name="consent"),
    path("<int:pk>/actions/", core.add_action, name="add_action"),
    path("<int:pk>/actions/<int:action_id>/", core.update_action, name="update_action"),
    path("<int:pk>/notes/", core.add_note, name="add_note"),
    path("<int:pk>/documents/", core.upload, name="upload"),
    path("<int:pk>/links/", core.add_link, name="add_link"),
    path("<int:pk>/close/", core.close, name="close"),
    path("<int:pk>/restriction/", core.restrict, name="restrict"),
    path("<int:pk>/handover/", core.hand_over, name="hand_over"),
    path("<int:pk>/channel-stage/", channel.move, name="channel_stage"),
    path("<int:pk>/referrals/<int:referral_id>/idva/", marac.assign_idva, name="assign_idva"),
    path("idva/", marac.caseload, name="idva_caseload"),
    path("<int:pk>/complaints/", asb.complaint, name="complaint"),
    path("<int:pk>/vulnerability/", asb.vulnerability, name="vulnerability"),
    path("<int:pk>/legal-steps/", asb.legal_step, name="legal_step"),
    path("<int:pk>/dash/", marac.dash, name="dash"),
    path("<int:pk>/marac-referral/", marac.refer, name="refer"),
    path("<int:pk>/review/contact/", trigger.contact, name="review_contact"),
    path("<int:pk>/review/step/", trigger.step, name="review_step"),
    path("reviews/apply/", trigger.apply, name="review_apply"),
    path("pspos/", asb.pspos, name="pspos"),
    path("pspos.geojson", asb.pspo_layer, name="pspo_layer"),
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_page, name="meeting"),
    path("meetings/<int:pk>/agenda/", meetings.build_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/minutes/", meetings.minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/actions/", meetings.minute_action, name="meeting_action"),
    path("meetings/<int:pk>/pack/<int:agency_id>/", meetings.research_pack, name="research_pack"),
    path("reports/", views.reports_page, name="reports"),
    path("reports/caseload.csv", views.reports_csv, name="reports_csv"),
    path("iom/", iom_views.cohort_page, name="iom_cohort"),
]
