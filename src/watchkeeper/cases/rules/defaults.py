"""The seeded rule rows (migration 0002). Each is (name, value, unit, effective_from, source).
Figures marked (verify) in shared/DOMAIN.md keep that mark in their source, so an administrator
knows which to check against the legislation."""

ACT_2014 = "2014-10-20"  # Anti-social Behaviour, Crime and Policing Act 2014, Parts 1-4 in force
# Crime and Policing Act 2026: commencement of the raised fine cap and Respect Orders (verify).
ACT_2026 = "2026-07-01"
A14 = "ASB, Crime and Policing Act 2014"
A26 = "Crime and Policing Act 2026 (commencement date: verify)"

DEFAULTS = [
    # Community protection
    ("cpn-min-age", 16, "years", ACT_2014, f"{A14} s.43"),
    ("cpn-appeal-days", 21, "days", ACT_2014, f"{A14} s.46 (verify)"),
    ("fpn-payment-days", 14, "days", ACT_2014, f"{A14} s.52"),
    ("cpn-fine-cap", 100, "GBP", ACT_2014, f"{A14} s.52"),
    ("cpn-fine-cap", 500, "GBP", ACT_2026, A26),
    ("pspo-fine-cap", 100, "GBP", ACT_2014, f"{A14} s.68"),
    ("pspo-fine-cap", 500, "GBP", ACT_2026, A26),
    ("pspo-max-years", 3, "years", ACT_2014, f"{A14} s.60"),
    # Injunctions and orders
    ("injunction-min-age", 10, "years", ACT_2014, f"{A14} s.1"),
    ("injunction-under18-max-months", 12, "months", ACT_2014, f"{A14} s.1(6)"),
    ("respect-order-available", False, "", ACT_2014, "Not in force before the 2026 Act"),
    ("respect-order-available", True, "", ACT_2026, A26),
    ("respect-order-min-age", 16, "years", ACT_2026, A26),
    # Closure
    ("closure-notice-hours", 24, "hours", ACT_2014, f"{A14} s.77"),
    ("closure-notice-senior-hours", 48, "hours", ACT_2014, f"{A14} s.77 (senior sign-off)"),
    ("closure-hearing-hours", 48, "hours", ACT_2014, f"{A14} s.80"),
    ("closure-hearing-excluded-days", ["12-25"], "MM-DD", ACT_2014, f"{A14} s.80(3): Christmas Day not counted"),
    ("closure-order-max-months", 3, "months", ACT_2014, f"{A14} s.80"),
    ("closure-order-total-max-months", 6, "months", ACT_2014, f"{A14} s.82 (verify)"),
    ("dispersal-max-hours", 48, "hours", ACT_2014, f"{A14} s.35"),
    # Victims and repeats (config)
    ("victim-high-contact-working-days", 1, "working days", ACT_2014, "Local policy (config)"),
    ("victim-high-update-working-days", 10, "working days", ACT_2014, "Local policy (config)"),
    ("asb-repeat-reports", 3, "reports", ACT_2014, "Local policy (config)"),
    ("asb-repeat-window-days", 91, "days", ACT_2014, "Local policy (config): 3 months"),
    (
        "asb-vulnerability-matrix",
        {
            "version": 1,
            "high": 12,
            "medium": 7,
            "questions": {
                "personal-disability": 3,
                "personal-mental-health": 3,
                "personal-age": 2,
                "situational-lives-alone": 2,
                "situational-repeat-victim": 3,
                "situational-targeted": 3,
                "incidental-impact-sleep-work": 2,
                "incidental-fear-leaving-home": 3,
            },
        },
        "points",
        ACT_2014,
        "Local vulnerability matrix (config): personal / situational / incidental",
    ),
    # Community Trigger (ASB case review)
    ("trigger-complaints", 3, "complaints", ACT_2014, f"{A14} s.104 (local threshold, config)"),
    ("trigger-window-months", 6, "months", ACT_2014, f"{A14} s.104 (config)"),
    ("trigger-report-within-days", 31, "days", ACT_2014, "Home Office guidance: within 1 month of the behaviour"),
    ("trigger-decision-working-days", 10, "working days", ACT_2014, "Local procedure (config)"),
    ("trigger-review-working-days", 20, "working days", ACT_2014, "Local procedure (config)"),
    ("trigger-appeal-days", 28, "days", ACT_2014, "Local procedure (config)"),
    # MARAC and DASH
    ("dash-questions", 24, "answers", "2009-01-01", "SafeLives DASH-24"),
    ("dash-high", 14, "ticks", "2009-01-01", "SafeLives: 14+ high risk"),
    ("dash-medium", 10, "ticks", "2009-01-01", "SafeLives: 10-13 medium risk"),
    ("marac-repeat-months", 12, "months", "2009-01-01", "SafeLives repeat definition"),
    ("marac-escalation-incidents", 3, "incidents", "2009-01-01", "SafeLives potential escalation (config)"),
    ("marac-escalation-months", 12, "months", "2009-01-01", "SafeLives potential escalation (config)"),
    # Channel
    ("channel-exit-review-months", [6, 12], "months", "2015-07-01", "Channel duty guidance (verify)"),
    ("channel-review-months", 3, "months", "2015-07-01", "Local panel procedure (config)"),
    # Documents and retention (config)
    ("document-max-bytes", 10 * 1024 * 1024, "bytes", "2000-01-01", "Local configuration"),
    ("document-types", ["pdf", "png", "jpeg", "docx", "txt"], "", "2000-01-01", "Local configuration"),
    ("retention-years", 6, "years", "2000-01-01", "MoPI (config)"),
    # IOM (local configuration): the fixed baseline window before joining, and harm weights by
    # what the linked record is (a crime by its police.uk category, an incident by its grade's
    # category code), "default" for anything not listed.
    ("iom-baseline-days", 365, "days", "2000-01-01", "Local IOM framework (config)"),
    (
        "iom-harm-weights",
        {
            "crime": {
                "violence-and-sexual-offences": 10,
                "robbery": 8,
                "possession-of-weapons": 6,
                "burglary": 6,
                "vehicle-crime": 3,
                "theft-from-the-person": 3,
                "criminal-damage-arson": 2,
                "drugs": 2,
                "other-theft": 1,
                "shoplifting": 1,
                "default": 1,
            },
            "incident": {"default": 1},
        },
        "weight",
        "2000-01-01",
        "Local IOM framework (config): relative harm by offence type",
    ),
    # Meetings
    ("meeting-reminder-days", 2, "days", "2000-01-01", "Local configuration"),
]
