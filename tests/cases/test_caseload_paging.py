"""The caseload by keyset: the next page starts after the last row seen (opened_at, id), so it
neither skips nor repeats a case when cases are opened meanwhile; half a cursor is a 400."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_keyset_pages_walk_the_caseload_without_gaps_or_repeats(as_user):
    asb = as_user("asb")
    for n in range(5):
        body = {"partnership": "safer-camden", "kind": "asb", "title": f"Paging case {n}"}
        assert post(asb, "/api/cases", body).status_code == 201
    everything = [row["id"] for row in asb.get("/api/cases?limit=500").json()["items"]]
    assert len(everything) >= 5
    seen, url = [], "/api/cases?limit=2"
    while True:
        rows = asb.get(url).json()["items"]
        if not rows:
            break
        seen += [row["id"] for row in rows]
        last = rows[-1]
        if len(seen) == 2:  # a case opened between pages is newer: it belongs before, not in, the next page
            assert (
                post(asb, "/api/cases", {"partnership": "safer-camden", "kind": "asb", "title": "Late"}).status_code
                == 201
            )
        url = f"/api/cases?limit=2&before_id={last['id']}&before_opened={last['opened_at'].replace('+', '%2B')}"
    assert seen == everything


def test_half_a_cursor_or_a_bad_one_is_refused(as_user):
    asb = as_user("asb")
    assert asb.get("/api/cases?before_id=3").status_code == 400
    assert asb.get("/api/cases?before_opened=yesterday&before_id=3").status_code == 422
    assert asb.get("/api/cases?before_opened=2026-01-01T00:00:00Z&before_id=0").status_code == 422
