"""The planning module's actions (the `grants` extension point). Planning is the borough's and the
control room's supervisors' work, with the analysts who prepare it; administrators keep its rule
data (targets, roster rules) in the admin, which the core `admin.*` actions already cover."""

from watchkeeper.core.roles import Role as R

PLANNERS = {R.DUTY_OFFICER, R.INSPECTOR, R.ANALYST}

GRANTS = {
    "planning.view": PLANNERS,
    "planning.roster": PLANNERS,  # build and save a roster
    "planning.calls": PLANNERS,  # load call records (waits and abandonment) from the phone system
    "planning.rules": {R.ADMINISTRATOR},  # targets and roster rules (through the admin)
}
