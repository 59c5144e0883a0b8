"""The patrol module's actions (merged into core.roles.GRANTS at start-up, the `grants` point).

The contractor's officers (PATROL_OFFICER) record; the council's security team manages the contract.
There is no council-security role: the council's ANALYST (camden-council, the performance and
intelligence team) manages the contract, reads the report and processes notices; the police see
the service and receive hand-overs through the control room's own actions."""

from watchkeeper.core.roles import Role as R

POLICE = {R.DISPATCHER, R.DUTY_OFFICER, R.INSPECTOR}

GRANTS = {
    # Contract, shifts, tasks, visits, missed tasks, the log (council, contractor and police).
    "patrol.view": {R.PATROL_OFFICER, R.ANALYST} | POLICE,
    # The contract, its officers, their powers and shifts, and planning a shift's tasks.
    "patrol.manage": {R.ANALYST},
    # What an officer does on shift: positions, tracks, incidents, notices, video clips, hand-overs.
    "patrol.record": {R.PATROL_OFFICER},
    # A notice's later steps (paid, appealed, cancelled, prosecuted): the council's processing.
    "patrol.notice.process": {R.ANALYST},
    # The monthly contract report (PDF, CSV).
    "patrol.report": {R.ANALYST},
}
