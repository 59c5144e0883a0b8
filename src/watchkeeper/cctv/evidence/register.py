"""The register form of the evidence page: an uploaded master (streamed, hashed on the way) or the
hash of a file that stays on the recorder."""

from __future__ import annotations

from ninja import Field

from watchkeeper.cctv.evidence import services
from watchkeeper.cctv.evidence.schemas import SHA256, MasterIn
from watchkeeper.core.input import parse
from watchkeeper.core.web import actor_of


class RegisterForm(MasterIn):
    """The page's form: the file may be uploaded instead of its hash given."""

    clock_offset_s: int = Field(0, ge=-86400, le=86400)
    filename: str = Field("", max_length=200)
    sha256: str = Field("", pattern=r"^$|" + SHA256[1:])


def register_from_form(request):
    body = parse(RegisterForm, request.POST).model_dump()
    upload = request.FILES.get("file")
    if upload is not None and not body["filename"]:
        body["filename"] = upload.name
    return services.register_master(
        actor_of(request), body.pop("partnership"), body.pop("district"), upload=upload, **body
    )
