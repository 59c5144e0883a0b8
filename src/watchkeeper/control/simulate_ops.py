"""How `watchkeeper simulate` acts: through the control-room services in its own process (LocalOps),
or through a running server's REST API with a bearer token, as an integration would (ApiOps). Both
answer the same small questions in plain dicts, so control/simulate.py does not know which it has.
A refusal (a service's Refused, or a 4xx from the API) raises OpRefused naming its kind."""

from __future__ import annotations

from watchkeeper.control import services
from watchkeeper.control.models import Incident, Unit
from watchkeeper.control.services import Refused


class OpRefused(Exception):
    def __init__(self, kind: str, message: str = ""):
        super().__init__(message or kind)
        self.kind = kind


class LocalOps:
    def __init__(self, actor, partnership):
        self.actor, self.partnership = actor, partnership

    def _run(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Refused as exc:
            raise OpRefused(type(exc).__name__, exc.message) from None

    def create(self, fields: dict) -> dict:
        incident = self._run(services.create_incident, self.actor, self.partnership, **fields)
        suggestion = services.grading.suggestion_for(incident)
        code = suggestion.code if suggestion else incident.category.default_grade or "S"
        return {"id": incident.pk, "suggested": code}

    def grade(self, incident_id: int, code: str, rationale: str) -> bool:
        incident = Incident.objects.get(pk=incident_id)
        graded = self._run(services.grade_incident, self.actor, incident, code, rationale)
        return bool(graded.grade and graded.grade.attend)

    def recommendations(self, incident_id: int) -> list[dict]:
        incident = Incident.objects.select_related("grade", "category").get(pk=incident_id)
        return [vars(r) for r in services.recommendations(self.actor.user, incident)]

    def assign(self, incident_id: int, option: dict) -> None:
        incident, unit = Incident.objects.get(pk=incident_id), Unit.objects.get(pk=option["unit_id"])
        self._run(services.assign_unit, self.actor, incident, unit, (option["seconds"], option["method"]))

    def incident(self, incident_id: int) -> dict:
        found = Incident.objects.get(pk=incident_id)
        return {"open": found.is_open, "lat": found.lat, "lon": found.lon}

    def unit(self, unit_id: int) -> dict:
        found = Unit.objects.get(pk=unit_id)
        return {"status": found.status, "lat": found.lat, "lon": found.lon}

    def status(self, unit_id: int, status: str, lat=None, lon=None) -> None:
        self._run(services.set_unit_status, self.actor, Unit.objects.get(pk=unit_id), status, lat=lat, lon=lon)

    def close(self, incident_id: int, code: str, result: str) -> None:
        self._run(services.close_incident, self.actor, Incident.objects.get(pk=incident_id), code, result=result)


class ApiOps:
    """The same through a running server's API (`simulate --server URL --token TOKEN`)."""

    def __init__(self, server: str, token: str, partnership_slug: str, client=None):
        import httpx

        self.partnership = partnership_slug
        self.http = client or httpx.Client(
            base_url=server.rstrip("/"), headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        response = self.http.request(method, "/api" + path, json=body)
        if response.status_code >= 400:
            kinds = {400: "Invalid", 403: "Denied", 404: "NotFound", 409: "Conflict"}
            detail = response.json().get("detail", "") if "json" in response.headers.get("content-type", "") else ""
            raise OpRefused(kinds.get(response.status_code, f"HTTP{response.status_code}"), str(detail))
        return response.json()

    def create(self, fields: dict) -> dict:
        made = self._call("POST", "/incidents", {"partnership": self.partnership, **fields})
        return {"id": made["id"], "suggested": made.get("suggested_grade") or "S"}

    def grade(self, incident_id: int, code: str, rationale: str) -> bool:
        graded = self._call("POST", f"/incidents/{incident_id}/grade", {"grade": code, "rationale": rationale})
        return bool(graded.get("attend", True))

    def recommendations(self, incident_id: int) -> list[dict]:
        return self._call("GET", f"/incidents/{incident_id}/recommendations")["items"]

    def assign(self, incident_id: int, option: dict) -> None:
        self._call("POST", f"/incidents/{incident_id}/assignments", {"unit": option["unit_id"]})

    def incident(self, incident_id: int) -> dict:
        found = self._call("GET", f"/incidents/{incident_id}")
        return {"open": found["status"] == "open", "lat": found["lat"], "lon": found["lon"]}

    def unit(self, unit_id: int) -> dict:
        offset = 0
        while True:
            items = self._call("GET", f"/units?limit=500&offset={offset}")["items"]
            for item in items:
                if item["id"] == unit_id:
                    return {"status": item["status"], "lat": item.get("lat"), "lon": item.get("lon")}
            if len(items) < 500:
                raise OpRefused("NotFound", f"unit {unit_id}")
            offset += 500

    def status(self, unit_id: int, status: str, lat=None, lon=None) -> None:
        body = {"status": status} | ({"lat": lat, "lon": lon} if lat is not None else {})
        self._call("POST", f"/units/{unit_id}/status", body)

    def close(self, incident_id: int, code: str, result: str) -> None:
        self._call("POST", f"/incidents/{incident_id}/close", {"closing_code": code, "result": result})
