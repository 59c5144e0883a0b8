"""The contract report as PDF (fpdf2, as intel's data pack) and CSV (formula-safe writer)."""

from __future__ import annotations

import io
from datetime import date

from watchkeeper.core.input import csv_writer
from watchkeeper.intel.reports.pdf import _t

HEADER = ["Indicator", "Value", "Target", "Status"]
POWERS_HEADER = ["Power", "Officer", "Powers used", "Notices issued"]
POWERS_NOTE = (
    "Powers used (names and addresses required, alcohol confiscated) and fixed penalty notices, per power "
    "and officer: reported for transparency, never a target (Defra statutory guidance, April 2026)."
)


def _cells(f) -> list[str]:
    value = "-" if f.value is None else f"{f.value:g}"
    target = "-" if f.target is None else f"{f.target:g}"
    return [f.label, value, target, f.status]


def _power_cells(row) -> list[str]:
    return [row.power, row.officer or "All officers", str(row.uses), str(row.notices)]


def render_pdf(contract, month: date, figures, powers=()) -> bytes:
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
    pdf.ln(4)
    pdf.multi_cell(0, 5, _t(POWERS_NOTE), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    widths = [70, 60, 25, 25]
    pdf.set_font("Helvetica", "B", 9)
    for h, w in zip(POWERS_HEADER, widths, strict=True):
        pdf.cell(w, 6, h, border=1)
    pdf.ln()
    for row in powers:
        pdf.set_font("Helvetica", "" if row.officer else "B", 9)
        for value, w in zip(_power_cells(row), widths, strict=True):
            pdf.cell(w, 6, _t(value)[:40], border=1)
        pdf.ln()
    if not powers:
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 6, "No powers used and no notices issued this month.")
    return bytes(pdf.output())


def render_csv(figures, powers=()) -> str:
    """The indicators, a blank line, then the powers table (its own header row)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["code", *HEADER])
    for f in figures:
        writer.writerow([f.code, *_cells(f)])
    writer.writerow([])
    writer.writerow(["powers", *POWERS_HEADER])
    for row in powers:
        writer.writerow(["power_total" if not row.officer else "power_officer", *_power_cells(row)])
    return out.getvalue()
