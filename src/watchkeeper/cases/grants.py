"""The cases module's actions (the `grants` extension point, merged into core.roles.GRANTS)."""

from watchkeeper.core.roles import CASEWORKERS, Role

R = Role

GRANTS = {
    "case.view": CASEWORKERS | {R.PARTNER_VIEWER},
    "case.edit": CASEWORKERS,
    # Aggregates only (counts by type and agency, times, outcomes): no names.
    "case.report": CASEWORKERS | {R.ANALYST, R.PARTNER_VIEWER},
    "asb.manage": {R.ASB_OFFICER},
    # No ASB-manager role exists yet: an override is taken by an ASB officer who is not the case's
    # own officer (four eyes, enforced in asb.services.take_step), with the reason on record.
    "asb.override": {R.ASB_OFFICER},
    "trigger.manage": {R.ASB_OFFICER},
    "marac.manage": {R.IDVA},
    "idva.caseload": {R.IDVA},
    "channel.view": {R.CHANNEL_PANEL},
    "channel.manage": {R.CHANNEL_PANEL},
    "iom.manage": {R.IOM_OFFICER},
    # The cohort with its offenders and outcomes: IOM officers, whichever agency employs them
    # (probation or police), and only on the IOM cases the case rule lets them see.
    "iom.view": {R.IOM_OFFICER},
    "meeting.view": CASEWORKERS,
    "meeting.manage": CASEWORKERS,
    "rule.view": CASEWORKERS | {R.ANALYST, R.ADMINISTRATOR},
}
