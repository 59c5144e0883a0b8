"""The CCTV module's actions and the roles granted each (merged into core.roles.GRANTS at start-up).

Operators run the room (estate, faults, log, evidence registration); data controllers decide on
viewing and disclosure and release evidence; the control room's police supervisors read the estate
and the log; district partners see their own district's dashboard only (aggregates)."""

from watchkeeper.core.roles import Role as R

ROOM = {R.CCTV_OPERATOR, R.CCTV_CONTROLLER}
POLICE_SUPERVISORS = {R.DUTY_OFFICER, R.INSPECTOR}

GRANTS: dict[str, set[str]] = {
    "cctv.camera.view": ROOM | POLICE_SUPERVISORS,
    "cctv.camera.edit": ROOM,
    "cctv.fault.record": ROOM,
    "cctv.log.view": ROOM | POLICE_SUPERVISORS,
    "cctv.log.write": {R.CCTV_OPERATOR},
    "cctv.request.view": ROOM,
    "cctv.request.create": ROOM,
    "cctv.request.decide": {R.CCTV_CONTROLLER},
    "cctv.evidence.view": ROOM,
    "cctv.evidence.register": ROOM,
    "cctv.evidence.release": {R.CCTV_CONTROLLER},
    # Anyone signed in may check a package they were given (it reads nothing stored but a public key).
    "cctv.evidence.verify": set(R),
    "cctv.deployment.view": ROOM | POLICE_SUPERVISORS | {R.ASB_OFFICER, R.ANALYST},
    "cctv.deployment.bid": ROOM | {R.ASB_OFFICER, R.ANALYST},
    "cctv.deployment.decide": {R.CCTV_CONTROLLER},
    "cctv.retention.view": ROOM | {R.AUDITOR},
    "cctv.retention.hold": {R.CCTV_CONTROLLER},
    "cctv.compliance.view": ROOM | {R.AUDITOR},
    "cctv.compliance.record": {R.CCTV_CONTROLLER, R.AUDITOR},
    "cctv.dashboard.view": ROOM | {R.PARTNER_VIEWER, R.ANALYST},
    # The control room's visitor and viewing log (names of visitors: the room and the auditor).
    "cctv.visit.view": ROOM | {R.AUDITOR},
    "cctv.visit.record": ROOM,
    # The satisfaction survey for partners (the public answer on the open page, without an account).
    "cctv.survey.answer": ROOM | POLICE_SUPERVISORS | {R.PARTNER_VIEWER, R.ASB_OFFICER, R.ANALYST},
}
