"""The Surveillance Camera Code's 12 principles, and which can be assessed from the estate data.
Pure: takes counts, gives each principle a status (met, partly, not met, or to assess by hand)."""

from __future__ import annotations

PRINCIPLES = [
    (1, "Use for a specified purpose, in pursuit of a legitimate aim and a pressing need"),
    (2, "Take into account the effect on individuals and their privacy (impact reviewed)"),
    (3, "As much transparency as possible, with a published contact point"),
    (4, "Clear responsibility and accountability"),
    (5, "Clear rules, policies and procedures in place before use"),
    (6, "No more images kept than strictly required, no longer than needed"),
    (7, "Restricted access to images, and disclosure only with a clear reason"),
    (8, "Operators meet approved operational, technical and competency standards"),
    (9, "Images and information kept secure"),
    (10, "Regular review and audit, with published reports"),
    (11, "Images of evidential value, processed to support prosecutions"),
    (12, "Reference databases (e.g. ANPR hot-lists) accurate and up to date"),
]


def share_status(done: int, total: int) -> str:
    if total == 0:
        return "no cameras"
    if done == total:
        return "met"
    return "partly" if done else "not met"


def assess(facts: dict) -> list[dict]:
    """`facts`: cameras, with_purpose, with_dpia, with_signage, reviewed_in_year, retention_days_ok,
    decisions_with_reasons, decisions, masters, masters_with_continuity, spot_checks (per principle)."""
    n = facts["cameras"]
    auto = {
        1: (share_status(facts["with_purpose"], n), f"{facts['with_purpose']} of {n} cameras have a recorded purpose"),
        2: (share_status(facts["with_dpia"], n), f"{facts['with_dpia']} of {n} cameras have a DPIA reference"),
        3: (share_status(facts["with_signage"], n), f"{facts['with_signage']} of {n} cameras have signage"),
        6: (
            "met" if facts["retention_days_ok"] else "not met",
            "retention limits in force and the overwrite job's certificates",
        ),
        7: (
            share_status(facts["decisions_with_reasons"], facts["decisions"])
            if facts["decisions"]
            else "no decisions yet",
            f"{facts['decisions_with_reasons']} of {facts['decisions']} request decisions by a data controller "
            f"with reasons",
        ),
        10: (
            share_status(facts["reviewed_in_year"], n),
            f"{facts['reviewed_in_year']} of {n} cameras reviewed in the last year",
        ),
        11: (
            share_status(facts["masters_with_continuity"], facts["masters"]) if facts["masters"] else "no exhibits yet",
            f"{facts['masters_with_continuity']} of {facts['masters']} exhibits sealed with a continuity log",
        ),
    }
    rows = []
    for number, text in PRINCIPLES:
        status, basis = auto.get(number, ("assess by hand", "not in the estate data"))
        rows.append(
            {
                "number": number,
                "principle": text,
                "status": status,
                "basis": basis,
                "spot_checks": facts["spot_checks"].get(number, 0),
            }
        )
    return rows
