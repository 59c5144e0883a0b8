"""The data pack PDF: protective marking on every page, page numbers, charts, and no text past the
page edge (every text-drawing operator's x stays inside the page width)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
A4_WIDTH_PT = 595.28


def page_streams(pdf: bytes) -> list[str]:
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return [s for s in out if " Tf" in s]


def test_the_pdf_pack_is_marked_numbered_charted_and_fits_the_page(as_user, tmp_path):
    response = as_user("analyst").get("/intel/pack/", {"start": "2019-01", "end": "2019-06", "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    pages = page_streams(pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert text.count("(OFFICIAL-SENSITIVE)") == 2, f"page {number} lacks its marking"
        assert f"(Page {number} of ) Tj ({len(pages)})" in text
        for x in re.findall(r"BT ([\d.]+) [\d.]+ Td", text):
            assert float(x) < A4_WIDTH_PT - 20
    first = pages[0]
    assert " re f" in first or "re\nf" in first or " re" in first  # bars are drawn rectangles
    assert "(no data)" in first  # January to May 2019 have no data in the demo: gaps, not zero
    if shutil.which("pdftoppm"):
        path = tmp_path / "pack.pdf"
        path.write_bytes(pdf)
        out = Path("var/screenshots")
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(out / "data-pack")], check=True)
