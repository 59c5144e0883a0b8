from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "watchkeeper.cases"
    label = "cases"
    verbose_name = "Partnership case management"

    # Extension points (core/extensions.py).
    api_routers = (
        "watchkeeper.cases.core.api",
        "watchkeeper.cases.asb.api",
        "watchkeeper.cases.trigger.api",
        "watchkeeper.cases.marac.api",
        "watchkeeper.cases.channel.api",
        "watchkeeper.cases.iom.api",
        "watchkeeper.cases.reports.api",
    )
    urls = (("cases/", "watchkeeper.cases.urls"),)
    home_panels = ("watchkeeper.cases.reports.panels.caseload_panel",)
    demo_loaders = ("watchkeeper.cases.demo.load",)
    referral_hooks = ("watchkeeper.cases.core.referrals.open_referred_case",)
    nav_links = (("Cases", "cases:caseload", "case.view"), ("IOM cohort", "cases:iom_cohort", "iom.view"))
    grants = ("watchkeeper.cases.grants.GRANTS",)

    def ready(self):
        from watchkeeper.cases.meetings import reminders  # noqa: F401 - registers the outbox handler
