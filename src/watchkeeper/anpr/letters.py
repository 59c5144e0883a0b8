"""The warning letter (PDF) and its outbox handler. It states plainly that it is not a Notice of
Intended Prosecution (a NIP is a different document, due within 14 days if prosecution is intended)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from watchkeeper import outbox
from watchkeeper.intel.reports.pdf import _t
from watchkeeper.outbox.email import message_id

NOT_A_NIP = (
    "This letter is a warning. It is not a Notice of Intended Prosecution and no prosecution will follow "
    "from this record."
)


def text(offence) -> str:
    """The letter's words (the PDF sets them out; tests read them here, the PDF being compressed)."""
    read = offence.read
    seen = timezone.localtime(read.seen_at)
    speed = offence.speed_mph if offence.speed_mph is not None else read.speed_mph
    over = "an average speed of " if read.site.enforces == read.site.Enforces.AVERAGE else ""
    return (
        f"The vehicle {offence.plate} was recorded at {over}{speed:.0f} mph on {read.site.road} "
        f"({read.site.name}), where the limit is {read.site.speed_limit_mph} mph, "
        f"at {seen:%H:%M %Z} on {seen:%d %B %Y}.\n\n"
        "Speeding puts the people who live here at risk. If the vehicle is recorded speeding again within six "
        "months it will be added to the police watch-list.\n\n" + NOT_A_NIP
    )


def render(offence, keeper=None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    if keeper is not None:
        pdf.multi_cell(0, 6, _t(f"{keeper.name}\n{keeper.address}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, "Speed warning", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    body = text(offence)
    pdf.multi_cell(0, 6, _t(body), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@outbox.handles("anpr.warning_letter")
def deliver(payload: dict, key: str) -> None:
    """Send the letter to the print room (WATCHKEEPER_LETTER_PRINT_EMAIL) for posting to the keeper."""
    from watchkeeper.anpr.ladder.models import Keeper, Offence

    offence = Offence.objects.select_related("read__site").get(pk=payload["offence"])
    keeper = Keeper.objects.filter(partnership=offence.partnership, plate=offence.plate).first()
    to = getattr(settings, "WATCHKEEPER_LETTER_PRINT_EMAIL", "")
    if not to:
        return
    message = EmailMessage(
        subject=f"Speed warning letter {offence.pk} to print and post",
        body="The letter is attached.",
        to=[to],
        headers={"Message-ID": message_id(key), "X-Watchkeeper-Key": key},
    )
    message.attach(f"speed-warning-{offence.pk}.pdf", render(offence, keeper), "application/pdf")
    message.send(fail_silently=False)
