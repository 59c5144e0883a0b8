"""The sharing app's own actions (the `grants` extension point, merged into core.roles.GRANTS)."""

from watchkeeper.core.roles import CASEWORKERS, Role

# Reading the disclosure record: governance and the people who decide or make disclosures.
DISCLOSURE_READERS = CASEWORKERS | {
    Role.DUTY_OFFICER,
    Role.INSPECTOR,
    Role.CCTV_CONTROLLER,
    Role.ANALYST,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
}

GRANTS = {
    # Recording that personal data was disclosed: anyone whose work discloses it (not the read-only roles).
    "disclosure.record": set(Role) - {Role.PARTNER_VIEWER, Role.AUDITOR},
    "disclosure.view": DISCLOSURE_READERS,
    # Reading a sharing agreement (partnership paperwork, no personal data): those who import under
    # it (intel.import) and those who read the disclosures made under it, so each agreement named
    # in the disclosure record opens for whoever reads that record.
    "agreement.view": DISCLOSURE_READERS | {Role.ANALYST, Role.ADMINISTRATOR},
}
