"""Evidence pages: the exhibits and the register form (upload or hash), an exhibit with its
continuity, copies and releases; the recipient's download link, the public key, and the page
where a recipient drops a package to verify it."""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.evidence import keys, services, verify
from watchkeeper.cctv.evidence.models import Master, Release
from watchkeeper.cctv.evidence.schemas import ContinuityIn, CopyIn, OutcomeIn, ReleaseIn
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.core.access import allowed, get_visible_or_404, require, visible
from watchkeeper.core.errors import Invalid, NotFound
from watchkeeper.core.input import id_or_none, parse, refusal_page
from watchkeeper.core.models import Partnership
from watchkeeper.core.web import actor_of, client_address, page, public
from watchkeeper.sharing.disclosures import queries as disclosure_queries

from .register import register_from_form


@page("cctv.evidence.view")
def evidence_page(request):
    if request.method == "POST":
        master = register_from_form(request)
        return redirect("cctv:exhibit", pk=master.pk)
    context = {
        "masters": visible(Master, request.user)[:200],
        "can_register": allowed(request.user, "cctv.evidence.register"),
        "cameras": visible(Camera, request.user),
        "requests": visible(ViewingRequest, request.user).filter(status__in=["received", "approved"]),
        "partnerships": request.user.agency.partnerships.all() if request.user.agency_id else [],
    }
    return render(request, "cctv/evidence.html", context)


@page("cctv.evidence.view")
def exhibit_page(request, pk: int):
    master = get_visible_or_404(
        Master.objects.select_related("partnership", "sealed_by"), request.user, f"No exhibit {pk}.", pk=pk
    )
    if request.method == "POST":
        return _exhibit_post(request, master)
    context = {
        "master": master,
        "entries": master.continuity.order_by("seq"),
        "copies": master.copies.all(),
        "releases": master.releases.select_related("request"),
        "approved": visible(ViewingRequest, request.user).filter(
            partnership=master.partnership, status=ViewingRequest.Status.APPROVED
        ),
        "can_register": allowed(request.user, "cctv.evidence.register"),
        "can_release": allowed(request.user, "cctv.evidence.release"),
        "intact": services.verify_master(master) if request.GET.get("check") else "unchecked",
        "fingerprint": services.key_fingerprint(master.partnership.slug),
        "link": request.session.pop("cctv_link", None),
        "disclosures": disclosure_queries.for_source(request.user, master),
    }
    return render(request, "cctv/exhibit.html", context)


def _exhibit_post(request, master: Master):
    form, actor = request.POST.get("form"), actor_of(request)
    if form == "continuity":
        require(request.user, "cctv.evidence.register", master)
        with transaction.atomic():
            services.append_continuity(actor, master, **parse(ContinuityIn, request.POST).model_dump())
    elif form == "copy":
        upload = request.FILES.get("file")
        if upload is None:
            raise Invalid("Choose the working copy's file.")
        body = parse(CopyIn, request.POST, redacted=request.POST.get("redacted") == "on")
        services.derive_copy(actor, master, upload, body.name, body.purpose, body.parent_sha256, body.redacted)
    elif form == "release":
        body = parse(ReleaseIn, request.POST)
        item = get_visible_or_404(ViewingRequest, request.user, "No such request.", pk=body.request_id)
        _released, token = services.release(actor, master, item, body.recipient, body.recipient_email, body.seal_number)
        # Shown once on the next page (the token itself is never stored, only its digest).
        request.session["cctv_link"] = request.build_absolute_uri(reverse("cctv:download", args=[token]))
    elif form == "outcome":
        found = get_visible_or_404(
            Release, request.user, "No such release.", pk=id_or_none(request.POST.get("release")), master=master
        )
        services.record_outcome(actor, found, parse(OutcomeIn, request.POST).outcome)
    else:
        raise Invalid("Unknown action.")
    return redirect("cctv:exhibit", pk=master.pk)


@public
def download(request, token: str):
    """The expiring link that replaces the disc: no account needed, the token is the key; every
    download is audited, an expired or unknown link is refused."""
    try:
        item, path = services.open_link(token[:100], client_address(request))
    except (NotFound, services.Conflict) as exc:
        return refusal_page(request, exc.message, exc.status)
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{item.master.exhibit}.zip")


@public
def public_key(request, slug: str):
    """A partnership's Ed25519 public key (PEM), to verify its packages offline."""
    if not Partnership.objects.filter(slug=slug).exists():
        return refusal_page(request, "No such partnership.", 404)
    return HttpResponse(keys.public_pem(slug), content_type="application/x-pem-file")


@page("cctv.evidence.verify")
def verify_page(request):
    report = None
    if request.method == "POST":
        upload = request.FILES.get("package")
        if upload is None:
            return refusal_page(request, "Choose the package (ZIP) to verify.", 400)
        pem = request.FILES.get("public_key")
        report = verify.verify(upload, pem.read(4096) if pem else None)
    return render(request, "cctv/verify.html", {"report": report})
