"""The printable continuity statement (fpdf2, as the intelligence data pack uses)."""

from __future__ import annotations

from watchkeeper.intel.reports.pdf import _t


def continuity_pdf(manifest: dict, entries: list[dict]) -> bytes:
    from fpdf import FPDF  # fpdf2 (fontTools, Pillow) costs half a second to import: only when printing

    pdf = FPDF()
    pdf.set_auto_page_break(True, 15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, _t(f"Continuity statement: exhibit {manifest['exhibit']}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    master = manifest["master"]
    rows = [
        ("Partnership", manifest["partnership"]),
        ("Cameras", ", ".join(manifest["cameras"])),
        ("Footage (UTC)", f"{manifest['time_range_utc']['start']} to {manifest['time_range_utc']['end']}"),
        ("Recorder clock offset", f"{manifest['recorder_clock_offset_s']} s (recorder minus UTC, at export)"),
        ("Master file", master["filename"]),
        ("Master SHA-256", master["sha256"]),
        ("Seal number", master["seal_number"]),
        ("Sealed at (UTC)", master["sealed_at"]),
        ("Public key SHA-256", manifest["public_key_sha256"]),
    ]
    for label, value in rows:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(45, 6, _t(label))
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 6, _t(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, "Continuity log", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    for e in entries:
        pdf.multi_cell(
            0,
            5,
            _t(
                f"{e['seq']}. {e['at']} UTC  from {e['from']} to {e['to']}  purpose: {e['purpose']}  seal "
                f"{e['seal_number']}  hash {e['hash'][:16]}..."
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(6)
    pdf.multi_cell(
        0,
        5,
        _t(
            "Each entry's hash chains to the one before and is signed with the partnership's Ed25519 key; "
            "the manifest lists every file's SHA-256. Check the package with `watchkeeper verify_package` "
            "or the verification page, using the partnership's published public key."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
