"""The ANPR module's actions. Plates are personal data: only the police and the council's analyst see
reads; only police roles see the registered keeper. Community Roadwatch sessions are entered by the
police team the volunteers work with (there is no volunteer role)."""

from watchkeeper.core.roles import Role as R

POLICE = {R.DISPATCHER, R.DUTY_OFFICER, R.INSPECTOR}

GRANTS = {
    "anpr.view": POLICE | {R.ANALYST},
    "anpr.keeper": POLICE,
    "anpr.import": {R.ANALYST, R.DUTY_OFFICER},
    "anpr.manage": {R.DUTY_OFFICER, R.INSPECTOR},
    "anpr.roadwatch": POLICE,
    "anpr.outcome": POLICE | {R.ANALYST, R.PARTNER_VIEWER},
}
