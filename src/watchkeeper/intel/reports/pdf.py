"""The data pack as PDF (fpdf2, pure Python): the same sections as the HTML report."""

from __future__ import annotations

import io


def available() -> bool:
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return False
    return True


def _t(text) -> str:
    # Core PDF fonts are Latin-1: replace what they cannot show rather than fail.
    return (
        str(text)
        .replace("\u2013", "-")
        .replace("\u2014", "-")
        .replace("\u2212", "-")
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def _table(pdf, header: list[str], rows: list[list], widths: list[int]) -> None:
    pdf.set_font("Helvetica", "B", 9)
    for h, w in zip(header, widths, strict=True):
        pdf.cell(w, 6, _t(h), border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for row in rows:
        for value, w in zip(row, widths, strict=True):
            pdf.cell(w, 5, _t(value)[: int(w / 1.7)], border=1)
        pdf.ln()
    pdf.ln(3)


def render(pack: dict) -> bytes:
    from fpdf import FPDF

    scope = pack["scope"]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, 15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    title = f"Data pack: {scope.partnership.name}" + (f" - {scope.district.name}" if scope.district else "")
    pdf.multi_cell(0, 8, _t(title))
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, _t(f"{scope.start:%B %Y} to {scope.end:%B %Y}; {pack['total']} crimes recorded in the area."))
    pdf.ln(8)

    def heading(text):
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, _t(text))
        pdf.ln(9)

    heading("Crime trends")
    months = pack["series"]["months"]
    _table(pdf, ["Month", "Crimes"], [[m, n] for m, n in zip(months, pack["series"]["total"], strict=True)], [40, 30])
    _table(pdf, ["Category", "Crimes"], [[c, n] for c, n in pack["categories"]], [110, 30])
    heading("Targets")
    _table(
        pdf,
        ["Target", "Baseline /month", "Observed /month", "Status"],
        [
            [
                f"{r['category']} -{r['target'].reduction_percent:g}%",
                f"{r['status'].baseline_rate:.1f}",
                f"{r['status'].observed_rate:.1f}",
                r["status"].label,
            ]
            for r in pack["targets"]
        ]
        or [["none", "", "", ""]],
        [60, 30, 30, 70],
    )
    heading("Hotspots")
    if pack["svg"]:
        try:
            pdf.image(io.BytesIO(pack["svg"].encode()), w=150)
        except Exception:  # an SVG fpdf2 cannot draw must not cost the rest of the pack
            pdf.cell(0, 6, "(map could not be drawn in the PDF; see the HTML pack)")
            pdf.ln(6)
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, _t(pack["hotspot_note"]))
    _table(pdf, ["Repeat location", "Crimes"], [[r["location"], r["count"]] for r in pack["repeats"]], [120, 30])
    heading("Community survey")
    if pack["survey"]["synthetic"]:
        pdf.set_font("Helvetica", "I", 9)
        pdf.cell(0, 5, "Includes synthetic demo data.")
        pdf.ln(6)
    _table(
        pdf,
        ["Ward", "Period", "Answers", "Positive (95% CI)"],
        [
            [p["ward"], p["period"], p["n"], f"{p['share']:.0%} ({p['low']:.0%}-{p['high']:.0%})"]
            for p in pack["survey"]["points"][:60]
        ],
        [60, 30, 25, 60],
    )
    heading("Control-room response")
    pdf.set_font("Helvetica", "", 9)
    control = pack["control"]
    if control:
        _table(
            pdf,
            ["Grade", "Incidents", "Attended", "Within target"],
            [
                [
                    f"{g.get('grade')} {g.get('label', '')}",
                    g.get("incidents"),
                    g.get("attended"),
                    g.get("within_target"),
                ]
                for g in control.get("by_grade", [])
            ],
            [60, 30, 30, 30],
        )
    else:
        pdf.cell(0, 5, "Control-room response figures are not available in this installation.")
        pdf.ln(6)
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(0, 4, "Contains public sector information licensed under the Open Government Licence v3.0.")
    return bytes(pdf.output())
