"""The annual review report (Surveillance Camera Code principle 10: regular review, published) as a
PDF: the estate, camera availability over the year, requests and disclosures, the self-assessment
and the CCTV Inspectors' spot checks. Built from what the user may see; fpdf2 through the data
pack's helpers, so every page carries the protective marking and "Page n of N", and every table
wraps its cells instead of cutting text."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from watchkeeper.cctv.cameras import queries as cameras
from watchkeeper.cctv.cameras.models import Fault
from watchkeeper.cctv.compliance import queries as compliance
from watchkeeper.cctv.compliance.models import SpotCheck
from watchkeeper.cctv.limits import limits_on
from watchkeeper.cctv.log.models import LogEntry
from watchkeeper.cctv.requests import queries as requests
from watchkeeper.cctv.retention.models import DeletionCertificate
from watchkeeper.cctv.visits.models import Visit
from watchkeeper.core.access import visible


def period(year: int) -> tuple[date, date]:
    """The review year, to today while it is still running."""
    return date(year, 1, 1), min(date(year, 12, 31), timezone.localdate())


def gather(user, year: int) -> dict:
    start, end = period(year)
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end, time.max))
    days = max(1, (end - start).days + 1)
    estate = cameras.estate(user, days=days)
    active = [r["camera"] for r in estate if r["camera"].active]
    by_kind = Counter(c.get_kind_display() for c in active)
    year_requests = [r for r in requests.listing(user, limit=5000) if start <= r["request"].received_on <= end]
    by_kind_status = Counter(
        (r["request"].get_kind_display(), r["request"].get_status_display()) for r in year_requests
    )
    clocks = [r for r in year_requests if r["on_time"] is not None]
    faults = visible(Fault, user).filter(reported_at__gte=since, reported_at__lte=until)
    target = limits_on(end).fault_response_hours
    late = sum(
        1 for f in faults if (f.notified_at or f.fixed_at or timezone.now()) - f.reported_at > timedelta(hours=target)
    )
    return {
        "year": year,
        "start": start,
        "end": end,
        "partnerships": sorted({c.partnership.name for c in active}),
        "estate": {
            "cameras": len(active),
            "by_kind": sorted(by_kind.items()),
            "by_district": sorted(Counter(c.district.name if c.district else "No district" for c in active).items()),
            "with_purpose": sum(1 for c in active if c.purpose),
            "with_dpia": sum(1 for c in active if c.dpia_reference),
            "with_signage": sum(1 for c in active if c.signage),
            "reviewed": sum(1 for c in active if c.last_review and c.last_review >= start),
            "quality_tested": sum(1 for c in active if c.last_quality_test and c.last_quality_test >= start),
        },
        "availability": cameras.by_district([r for r in estate if r["camera"].active]),
        "faults": {"reported": faults.count(), "late": late, "target_hours": target},
        "log": sorted(
            Counter(
                visible(LogEntry, user)
                .filter(occurred_at__gte=since, occurred_at__lte=until)
                .values_list("kind", flat=True)
            ).items(),
            key=lambda kv: (-kv[1], kv[0]),
        ),
        "requests": sorted((kind, status, n) for (kind, status), n in by_kind_status.items()),
        "subject_access": {"with_clock": len(clocks), "on_time": sum(1 for r in clocks if r["on_time"])},
        "viewings": visible(Visit, user)
        .filter(purpose=Visit.Purpose.VIEWING, signed_in_at__gte=since, signed_in_at__lte=until)
        .count(),
        "certificates": visible(DeletionCertificate, user).filter(issued_at__gte=since, issued_at__lte=until).count(),
        "principles": compliance.self_assessment(user),
        "spot_checks": list(visible(SpotCheck, user).filter(checked_on__gte=start, checked_on__lte=end)),
    }


def render(data: dict) -> bytes:
    from watchkeeper.intel.reports.pdf import _document, _t, _table

    title = f"CCTV annual review {data['year']}"
    pdf = _document(title)
    pdf.set_title(title)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(
        0, 8, _t(f"{title}: {', '.join(data['partnerships']) or 'no cameras'}"), new_x="LMARGIN", new_y="NEXT"
    )

    def paragraph(text, line_height=5):
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, line_height, _t(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    paragraph(
        f"{data['start']:%d %B %Y} to {data['end']:%d %B %Y}. The review the Surveillance Camera Code asks for "
        "(principle 10), filled from the control room's records; principles marked 'assess by hand' need the "
        "scheme's own evidence.",
        line_height=6,
    )

    def heading(text):
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, _t(text))
        pdf.ln(9)

    e = data["estate"]
    n = e["cameras"]
    heading("1. The camera estate")
    _table(
        pdf,
        ["Measure", "Cameras"],
        [
            ["Active cameras", n],
            *[[f"{kind} cameras", count] for kind, count in e["by_kind"]],
            ["With a recorded purpose", f"{e['with_purpose']} of {n}"],
            ["With a DPIA reference", f"{e['with_dpia']} of {n}"],
            ["With signage", f"{e['with_signage']} of {n}"],
            ["Reviewed this year", f"{e['reviewed']} of {n}"],
            ["Image quality tested this year", f"{e['quality_tested']} of {n}"],
        ],
        [110, 50],
    )
    heading("2. Camera availability")
    _table(
        pdf,
        ["District", "Cameras", "Availability over the period"],
        [[d["district"], d["cameras"], f"{d['availability']:.1%}"] for d in data["availability"]] or [["none", "", ""]],
        [80, 30, 60],
    )
    f = data["faults"]
    paragraph(
        f"{f['reported']} faults reported; {f['late']} without the maintainer told or a fix within the "
        f"{f['target_hours']}-hour response target."
    )
    heading("3. Incidents logged by the operators")
    _table(pdf, ["Type", "Entries"], [[k, v] for k, v in data["log"]] or [["none", 0]], [110, 50])
    heading("4. Viewing and disclosure requests")
    _table(
        pdf,
        ["Requester", "Outcome", "Requests"],
        [list(r) for r in data["requests"]] or [["none", "", 0]],
        [70, 60, 40],
    )
    sar = data["subject_access"]
    paragraph(
        f"Subject access: {sar['on_time']} of {sar['with_clock']} answered within the statutory period "
        f"(bank holidays and clock stops counted). {data['viewings']} viewings of footage in the control room "
        f"were signed in against an approved request; {data['certificates']} deletion certificates were issued."
    )
    heading("5. Self-assessment against the 12 guiding principles")
    _table(
        pdf,
        ["#", "Principle", "Status", "From the records", "Spot checks"],
        [[r["number"], r["principle"], r["status"], r["basis"], r["spot_checks"]] for r in data["principles"]],
        [8, 62, 24, 66, 20],
    )
    heading("6. CCTV Inspectors' spot checks")
    _table(
        pdf,
        ["Date", "Inspector", "Principle", "Findings", "Follow-up"],
        [
            [
                f"{c.checked_on:%d %b %Y}",
                c.inspector,
                c.principle,
                c.findings,
                (c.action or "none") + (f" (done {c.action_done_on:%d %b %Y})" if c.action_done_on else ""),
            ]
            for c in data["spot_checks"]
        ]
        or [["none", "", "", "", ""]],
        [22, 30, 18, 60, 50],
    )
    return bytes(pdf.output())
