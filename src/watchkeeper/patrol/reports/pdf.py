"""The contract report as PDF (fpdf2, as intel's data pack) and CSV (formula-safe writer)."""

from __future__ import annotations

import io
from datetime import date

from watchkeeper.core.input import csv_writer
from watchkeeper.intel.reports.pdf import _t

HEADER = ["Indicator", "Value", "Target", "Status"]


def _cells(f) -> list[str]:
    value = "-" if f.value is None else f"{f.value:g}"
    target = "-" if f.target is None else f"{f.target:g}"
    return [f.label, value, target, f.status]


def render_pdf(contract, month: date, figures) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, _t(f"{contract.name}: contract report, {month:%B %Y}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(
        0,
        5,
        _t(
            "The number of fixed penalty notices is reported for transparency only: it is not a target and "
            "no payment or reward depends on it (Defra statutory guidance, April 2026)."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    widths = [100, 25, 25, 30]
    pdf.set_font("Helvetica", "B", 9)
    for h, w in zip(HEADER, widths, strict=True):
        pdf.cell(w, 6, h, border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for f in figures:
        for value, w in zip(_cells(f), widths, strict=True):
            pdf.cell(w, 6, _t(value)[:60], border=1)
        pdf.ln()
    return bytes(pdf.output())


def render_csv(figures) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["code", *HEADER])
    for f in figures:
        writer.writerow([f.code, *_cells(f)])
    return out.getvalue()
