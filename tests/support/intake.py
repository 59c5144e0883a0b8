"""One complete incident through the API, as a dispatcher's tools drive it (create, grade,
recommend, assign the first free suitable unit, clear it again), counting the queries of each
request. Used by the query-count test and by benchmarks/intake.py's in-process figures."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

REQUESTS = ("create", "grade", "recommend", "assign", "clear")


def complete_incident(client, headers: dict, lat: float, lon: float) -> tuple[dict, dict]:
    """Returns ({request: queries}, {"incident": id, "unit": id}); raises on any refusal."""
    counts: dict[str, int] = {}

    def request(kind, method, path, body=None):
        with CaptureQueriesContext(connection) as queries:
            if method == "GET":
                response = client.get(path, **headers)
            else:
                response = client.post(path, body, content_type="application/json", **headers)
        if response.status_code >= 300:
            raise AssertionError(f"{kind}: {response.status_code} {response.content[:300]!r}")
        counts[kind] = len(queries)
        return response.json()

    body = {
        "partnership": "safer-camden",
        "channel": "999",
        "category": "violence",
        "description": "Youths fighting outside the shop",
        "lat": lat,
        "lon": lon,
    }
    incident = request("create", "POST", "/api/incidents", body)["id"]
    request("grade", "POST", f"/api/incidents/{incident}/grade", {"grade": "I", "rationale": "Fight in progress"})
    ranked = request("recommend", "GET", f"/api/incidents/{incident}/recommendations")
    unit = next(
        u["unit_id"]
        for u in ranked["items"]
        if u["available"] and u.get("suitable", True) and not any("authorisation" in f for f in u["flags"])
    )
    request("assign", "POST", f"/api/incidents/{incident}/assignments", {"unit": unit})
    request("clear", "POST", f"/api/units/{unit}/status", {"status": "available"})
    return counts, {"incident": incident, "unit": unit}
