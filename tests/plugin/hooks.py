REFERRED: list[tuple[int, str]] = []

# The plug-in's own action, added to core.roles.GRANTS at start-up (the `grants` point).
GRANTS = {"plugin.ping": {"analyst"}}


def panel(user):
    return {"title": "Plugged-in panel", "value": 42, "url": "/plugin/", "note": "From tests.plugin"}


def load_demo(partnerships) -> dict:
    return {"plugin": len(partnerships)}


def on_referral(incident, agency) -> None:
    REFERRED.append((incident.pk, agency.slug))
