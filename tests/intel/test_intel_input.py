"""Intelligence inputs follow the one convention (core.input): strict API bodies, finite numbers,
plausible dates in the API and in the page forms."""

from __future__ import annotations

import json

from watchkeeper.intel.models import PatrolTasking, PatrolVisit, Target


def post_json(client, url, body, **headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def test_cell_nan_on_the_hotspot_pages_is_a_400_not_a_500(as_user):
    client = as_user("analyst")
    for url in ("/intel/hotspots/", "/intel/hotspots/cells.geojson", "/intel/hotspots/export.csv"):
        for cell in ("nan", "inf", "-inf"):
            answer = client.get(url, {"start": "2019-06", "end": "2019-06", "cell": cell})
            assert answer.status_code == 400, (url, cell)
    assert client.get("/intel/hotspots/", {"start": "2019-06", "end": "2019-06", "cell": "250"}).status_code == 200


def test_a_misspelt_target_field_is_a_422_naming_it(token_for, client):
    count = Target.objects.count()
    body = {
        "partnership": "safer-camden",
        "category": "burglary",
        "reduction_percent": 10,
        "period_start": "2019-07",
        "period_end": "2019-12",
        "baseline_id": 1,
    }
    answer = post_json(client, "/api/intel/targets", body, **token_for("analyst"))
    assert answer.status_code == 422 and "baseline_id" in json.dumps(answer.json()["detail"])
    del body["baseline_id"]
    far = post_json(client, "/api/intel/targets", {**body, "period_end": "9999-12"}, **token_for("analyst"))
    assert far.status_code == 422 and "period_end" in json.dumps(far.json()["detail"])
    assert Target.objects.count() == count


def test_visit_and_tasking_dates_must_be_plausible_in_the_api_and_the_forms(as_user, token_for, client):
    tasking = PatrolTasking.objects.get(name="Demo: first week of July 2019")
    cell = tasking.cells.get(rank=1)
    visits = PatrolVisit.objects.count()
    body = {"cell": cell.pk, "arrived_at": "1970-01-01T21:00:00Z", "left_at": "1970-01-01T21:20:00Z"}
    answer = post_json(client, "/api/intel/visits", body, **token_for("patrol"))
    assert answer.status_code == 422 and "arrived_at" in json.dumps(answer.json()["detail"])
    page = as_user("patrol").post(
        "/intel/my-taskings/", {"cell": cell.pk, "arrived_at": "9999-07-02T21:00", "left_at": "9999-07-02T21:20"}
    )
    assert page.status_code == 400
    assert PatrolVisit.objects.count() == visits
    taskings = PatrolTasking.objects.count()
    form = {"name": "Far", "method": "bjp", "period_start": "9999-01-01", "period_end": "9999-01-07", "cells": "5"}
    assert as_user("analyst").post("/intel/tasking/", form).status_code == 400
    assert PatrolTasking.objects.count() == taskings
