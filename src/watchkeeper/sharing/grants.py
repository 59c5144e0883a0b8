"""The sharing app's own actions (the `grants` extension point, merged into core.roles.GRANTS)."""

from watchkeeper.core.roles import CASEWORKERS, Role

GRANTS = {
    # Recording that personal data was disclosed: anyone whose work discloses it (not the read-only roles).
    "disclosure.record": set(Role) - {Role.PARTNER_VIEWER, Role.AUDITOR},
    # Reading the disclosure record: governance and the people who decide or make disclosures.
    "disclosure.view": CASEWORKERS
    | {Role.DUTY_OFFICER, Role.INSPECTOR, Role.CCTV_CONTROLLER, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR},
}
