"""The cases module's actions (the `grants` extension point, merged into core.roles.GRANTS)."""

from watchkeeper.core.roles import CASEWORKERS, Role

R = Role
ASB_TEAM = {R.ASB_OFFICER, R.ASB_MANAGER}

GRANTS = {
    "case.view": CASEWORKERS | {R.PARTNER_VIEWER},
    "case.edit": CASEWORKERS,
    # Aggregates only (counts by type and agency, times, outcomes): no names.
    "case.report": CASEWORKERS | {R.ANALYST, R.PARTNER_VIEWER},
    "asb.manage": ASB_TEAM,
    # Taking a legal step without its prerequisite on record is the ASB manager's decision alone,
    # with the reason on record (asb.services.take_step); an officer is refused.
    "asb.override": {R.ASB_MANAGER},
    "trigger.manage": ASB_TEAM,
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
