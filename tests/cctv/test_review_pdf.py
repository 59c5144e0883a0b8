"""The annual review report PDF, as Helen (controller): protective marking at the head and foot of
every page, "Page n of N", no text drawn past the page edge, and the estate, requests and
principles in it; the export is audited; a partner may not have it; a silly year is refused."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.call.test_data_pack_pdf import A4_WIDTH_PT, page_streams
from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_annual_review_pdf_is_marked_numbered_and_fits(as_user):
    helen = as_user("controller")
    year = timezone.localdate().year
    response = helen.get("/cctv/compliance/review.pdf", {"year": year})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = page_streams(response.content)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert text.count("(OFFICIAL-SENSITIVE)") == 2, f"page {number} lacks its marking"
        assert f"(Page {number} of ) Tj ({len(pages)})" in text
        for x in re.findall(r"BT ([\d.]+) [\d.]+ Td", text):
            assert float(x) < A4_WIDTH_PT - 20
    text = "".join(pages)
    cameras = Camera.objects.filter(partnership__slug="safer-camden", active=True).count()
    assert "(Active cameras)" in text and f"({cameras})" in text
    for heading in ("1. The camera estate", "2. Camera availability", "4. Viewing and disclosure requests"):
        assert f"({heading})" in text
    assert "Use for a specified purpose" in text  # principle 1, wrapped in its cell
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.EXPORT, summary=f"CCTV annual review {year} (PDF)").exists()
    assert helen.get("/cctv/compliance/review.pdf", {"year": "1999"}).status_code == 400
    assert helen.get("/cctv/compliance/review.pdf", {"year": "x"}).status_code == 400
    assert as_user("stevenage").get("/cctv/compliance/review.pdf").status_code == 403
    # Hertfordshire's operator gets Hertfordshire's review, with none of Camden's cameras in it.
    herts = "".join(page_streams(as_user("herts-cctv").get("/cctv/compliance/review.pdf").content))
    assert "Camden" not in herts
