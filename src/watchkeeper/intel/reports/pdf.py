"""The data pack as PDF (fpdf2, pure Python): the same sections as the HTML report, with the
protective marking in every page's header and footer, page numbers ("Page 2 of 5"), charts drawn
as vectors (monthly trend with months without data shown as gaps, category bars), and tables whose
cells wrap instead of running off the page."""

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


MARKING = "OFFICIAL-SENSITIVE"


def _table(pdf, header: list[str], rows: list[list], widths: list[int]) -> None:
    """A table whose cells wrap (fpdf2's table), so no text is cut at a cell or page edge."""
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=tuple(widths), width=sum(widths), align="LEFT", line_height=4.5) as table:
        head = table.row()
        for h in header:
            head.cell(_t(h))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(_t("" if value is None else value))
    pdf.ln(3)


def _bars(pdf, labels: list[str], values: list, title: str, height: float = 45.0) -> None:
    """A vertical bar chart; a None value (no data that month) is a hatched gap labelled "no data"."""
    known = [v for v in values if v is not None]
    if not labels:
        return
    if pdf.will_page_break(height + 20):
        pdf.add_page()
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, _t(title))
    pdf.ln(7)
    left, top = pdf.l_margin + 10, pdf.get_y()
    width = pdf.epw - 10
    step = width / len(labels)
    top_value = max(known) if known and max(known) > 0 else 1
    pdf.set_draw_color(120)
    pdf.line(left, top + height, left + width, top + height)
    pdf.set_font("Helvetica", "", 6)
    pdf.text(pdf.l_margin, top + 3, str(top_value))
    pdf.text(pdf.l_margin, top + height, "0")
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + i * step + step * 0.15
        if value is None:
            pdf.set_fill_color(235)
            pdf.rect(x, top, step * 0.7, height, style="F")
            pdf.text(x, top + height / 2, "no data")
        else:
            h = height * value / top_value
            pdf.set_fill_color(29, 78, 137)
            pdf.rect(x, top + height - h, step * 0.7, h, style="F")
        if len(labels) <= 24 or i % 2 == 0:
            pdf.text(x, top + height + 4, _t(label[2:] if len(label) == 7 else label[:12]))
    pdf.set_y(top + height + 8)


def _hbars(pdf, rows: list[tuple[str, int]], title: str) -> None:
    """Horizontal bars, one per category, the label wrapped to its column."""
    if not rows:
        return
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, _t(title))
    pdf.ln(7)
    top_value = max(n for _, n in rows) or 1
    bar_width = pdf.epw - 75
    pdf.set_font("Helvetica", "", 8)
    for label, n in rows[:15]:
        if pdf.will_page_break(6):
            pdf.add_page()
        y = pdf.get_y()
        pdf.multi_cell(70, 4, _t(label), new_x="RIGHT", new_y="TOP")
        pdf.set_fill_color(29, 78, 137)
        pdf.rect(pdf.l_margin + 72, y + 0.5, bar_width * n / top_value, 3, style="F")
        pdf.text(pdf.l_margin + 73 + bar_width * n / top_value, y + 3.2, str(n))
        pdf.set_y(max(pdf.get_y(), y + 5))
    pdf.ln(3)


def _document(title: str):
    from fpdf import FPDF

    class Pack(FPDF):
        def header(self):
            self.set_font("Helvetica", "B", 9)
            self.set_text_color(160, 0, 0)
            self.cell(0, 5, MARKING, align="C")
            self.set_text_color(0)
            self.ln(8)

        def footer(self):
            self.set_y(-12)
            self.set_font("Helvetica", "", 8)
            self.cell(self.epw / 3, 5, _t(title)[:60])
            self.set_font("Helvetica", "B", 9)
            self.set_text_color(160, 0, 0)
            self.cell(self.epw / 3, 5, MARKING, align="C")
            self.set_text_color(0)
            self.set_font("Helvetica", "", 8)
            self.cell(self.epw / 3, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    return Pack(format="A4")


def render(pack: dict) -> bytes:
    scope = pack["scope"]
    short = f"Data pack: {scope.partnership.name}, {scope.start:%b %Y} to {scope.end:%b %Y}"
    pdf = _document(short)
    pdf.set_title(short)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    title = f"Data pack: {scope.partnership.name}" + (f" - {scope.district.name}" if scope.district else "")
    pdf.multi_cell(0, 8, _t(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        6,
        _t(f"{scope.start:%B %Y} to {scope.end:%B %Y}; {pack['total']} crimes recorded in the area."),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    missing = pack.get("missing") or []
    if missing:
        pdf.multi_cell(
            0,
            5,
            _t(f"No data for {len(missing)} month(s): {', '.join(missing)}. They are gaps, not zero."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(3)

    def heading(text):
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, _t(text))
        pdf.ln(9)

    heading("Crime trends")
    months = pack["series"]["months"]
    totals = pack["series"]["total"]
    _bars(pdf, months, totals, "Crimes a month (grey: no data)")
    rows = [[m, "no data" if n is None else n] for m, n in zip(months, totals, strict=True)]
    _table(pdf, ["Month", "Crimes"], rows, [40, 30])
    _hbars(pdf, list(pack["categories"]), "By category, whole period")
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
    pdf.multi_cell(0, 5, _t(pack["hotspot_note"]), new_x="LMARGIN", new_y="NEXT")
    _table(pdf, ["Repeat location", "Crimes"], [[r["location"], r["count"]] for r in pack["repeats"]], [120, 30])
    if pdf.will_page_break(40):
        pdf.add_page()
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
    pdf.multi_cell(
        0,
        4,
        "Contains public sector information licensed under the Open Government Licence v3.0.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
