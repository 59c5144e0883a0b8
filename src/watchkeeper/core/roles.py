"""Roles and what each may do. Roles are policy, so they live in code and are reviewed like code;
which records a role may see is narrowed further by each record's restriction (see access.py)."""

from django.db import models


class Role(models.TextChoices):
    CALL_HANDLER = "call_handler", "Call handler"
    DISPATCHER = "dispatcher", "Dispatcher"
    DUTY_OFFICER = "duty_officer", "Duty officer"
    INSPECTOR = "inspector", "Control-room inspector"
    PATROL_OFFICER = "patrol_officer", "Patrol officer"
    CCTV_OPERATOR = "cctv_operator", "CCTV operator"
    CCTV_CONTROLLER = "cctv_controller", "CCTV data controller"
    ASB_OFFICER = "asb_officer", "ASB officer"
    ASB_MANAGER = "asb_manager", "ASB manager"
    IDVA = "idva", "IDVA"
    CHANNEL_PANEL = "channel_panel", "Channel panel member"
    IOM_OFFICER = "iom_officer", "IOM officer"
    ANALYST = "analyst", "Analyst"
    PARTNER_VIEWER = "partner_viewer", "Partner viewer"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"


R = Role
CONTROL_ROOM = {R.CALL_HANDLER, R.DISPATCHER, R.DUTY_OFFICER, R.INSPECTOR}
CASEWORKERS = {R.ASB_OFFICER, R.ASB_MANAGER, R.IDVA, R.CHANNEL_PANEL, R.IOM_OFFICER}
PERSON_VIEWERS = CONTROL_ROOM | CASEWORKERS | {R.PATROL_OFFICER, R.CCTV_OPERATOR, R.CCTV_CONTROLLER, R.AUDITOR}

# Reading personal data with these roles needs a stated reason, kept in the audit entry: their work
# does not normally involve the individual, so each look must be justified afterwards.
REASON_REQUIRED = {R.AUDITOR, R.ANALYST, R.ADMINISTRATOR, R.CCTV_CONTROLLER}

# action -> roles granted it. An action is "<area>.<verb>"; views and API operations declare one.
GRANTS: dict[str, set[str]] = {
    "home.view": set(R),
    "account.manage": set(R),
    "map.view": set(R),
    "person.view": PERSON_VIEWERS,
    # Reading personal data without stating a reason (everyone else must give one, audited).
    "person.view.routine": PERSON_VIEWERS - REASON_REQUIRED,
    "person.search": CONTROL_ROOM | CASEWORKERS | {R.CCTV_CONTROLLER},
    "person.edit": CONTROL_ROOM | CASEWORKERS,
    "person.merge": {R.DUTY_OFFICER, R.INSPECTOR, R.ASB_OFFICER, R.ASB_MANAGER, R.ADMINISTRATOR},
    "place.view": set(R) - {R.AUDITOR},
    "place.edit": CONTROL_ROOM | CASEWORKERS | {R.ADMINISTRATOR},
    "reference.view": set(R),
    "audit.view": {R.AUDITOR},
    "audit.export": {R.AUDITOR},
    "token.issue": {R.ADMINISTRATOR},
    "directory.view": set(R),
    # Control room
    "incident.view": CONTROL_ROOM | {R.PATROL_OFFICER, R.CCTV_OPERATOR, R.ANALYST},
    "incident.create": CONTROL_ROOM | {R.CCTV_OPERATOR, R.PATROL_OFFICER},
    "incident.grade": CONTROL_ROOM,
    "incident.despatch": {R.DISPATCHER, R.DUTY_OFFICER, R.INSPECTOR},
    "incident.command": {R.DUTY_OFFICER, R.INSPECTOR},  # escalate, supervision reviews
    "incident.command.take": {R.INSPECTOR},  # from the borough, with a rationale
    "incident.command.return": {R.DUTY_OFFICER},  # the borough accepts command back
    # The caller's details on any incident the user may see. Other person.view roles (a patrol
    # contractor's officer, a CCTV operator) see them only on incidents their unit is assigned to,
    # or after stating a reason (audited).
    "incident.caller": CONTROL_ROOM,
    "incident.close": CONTROL_ROOM,
    "incident.import": {R.ANALYST, R.ADMINISTRATOR, R.INSPECTOR},
    "unit.view": CONTROL_ROOM | {R.PATROL_OFFICER, R.CCTV_OPERATOR, R.ANALYST},
    "unit.status": CONTROL_ROOM | {R.PATROL_OFFICER},
    "unit.status.any": CONTROL_ROOM,  # others change only the unit they are signed in to
    "unit.field": {R.PATROL_OFFICER},  # works from a unit in the field (the "my unit" panel)
    "unit.edit": {R.DUTY_OFFICER, R.INSPECTOR, R.ADMINISTRATOR},
    "snt.authorise": {R.DUTY_OFFICER},
    "kpi.view": CONTROL_ROOM | {R.ANALYST, R.PARTNER_VIEWER},
    "network.view": CONTROL_ROOM | {R.ANALYST, R.ADMINISTRATOR},
    "network.import": {R.ADMINISTRATOR},
    "road.close": {R.DISPATCHER, R.DUTY_OFFICER, R.INSPECTOR, R.ADMINISTRATOR},
    # Intelligence
    "intel.view": {R.ANALYST, R.PARTNER_VIEWER, R.DUTY_OFFICER, R.INSPECTOR, R.PATROL_OFFICER},
    "intel.import": {R.ANALYST, R.ADMINISTRATOR},
    "intel.manage": {R.ANALYST},
    "tasking.view": {R.ANALYST, R.PATROL_OFFICER, R.DUTY_OFFICER, R.INSPECTOR},
    "tasking.record": {R.PATROL_OFFICER, R.ANALYST},
    # Administration (Django admin and token management). Administrators are not Django superusers:
    # these actions are all the admin grants, and every admin page narrows to the user's partnership.
    "admin.view": {R.ADMINISTRATOR},
    "admin.edit": {R.ADMINISTRATOR},
    "token.revoke": {R.ADMINISTRATOR},  # revoke another user's token (anyone may revoke their own)
}

HOME_TITLES = {
    R.CALL_HANDLER: "Call intake",
    R.DISPATCHER: "Despatch",
    R.DUTY_OFFICER: "Borough command",
    R.INSPECTOR: "Control-room command",
    R.PATROL_OFFICER: "My patrol",
    R.CCTV_OPERATOR: "CCTV operator log",
    R.CCTV_CONTROLLER: "Disclosure decisions",
    R.ASB_OFFICER: "ASB caseload",
    R.ASB_MANAGER: "ASB team caseload",
    R.IDVA: "IDVA caseload",
    R.CHANNEL_PANEL: "Channel panel",
    R.IOM_OFFICER: "IOM cohort",
    R.ANALYST: "Intelligence and performance",
    R.PARTNER_VIEWER: "Partner dashboard",
    R.AUDITOR: "Audit trail",
    R.ADMINISTRATOR: "Administration",
}


def role_may(role: str, action: str) -> bool:
    return role in GRANTS.get(action, set())
