"""Case core API: open, read, restrict, parties, consent, actions, notes, documents, links, close,
hand over, and duplicate-person proposals. Every lookup goes through the visibility rule."""

from datetime import datetime

from django.http import FileResponse
from ninja import File, Query, Router, UploadedFile

from watchkeeper.api import listing, operation
from watchkeeper.cases.core import disclosures, documents, duplicates, queries
from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core.models import Action, Document
from watchkeeper.cases.core.schemas import (
    ActionIn,
    ActionUpdateIn,
    CaseDetail,
    CaseIn,
    CaseRow,
    CloseIn,
    ConsentIn,
    Created,
    DisclosureIn,
    DuplicateRow,
    HandOverIn,
    LinkIn,
    NoteIn,
    PartyIn,
    RestrictionIn,
)
from watchkeeper.cases.reports.paging import BoundedPaged
from watchkeeper.cases.reports.queries import caseload
from watchkeeper.core import audit
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import MAX_ID, PK
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.web import actor_of

router = Router(tags=["cases"])


@listing(router, "/cases", CaseRow, "case.view", "Open cases you may see", pager=BoundedPaged)
def list_cases(
    request,
    kind: str = "",
    before_opened: datetime | None = None,
    before_id: int | None = Query(None, ge=1, le=MAX_ID),
):
    """Newest first; `count` is exact up to 1,000 (`more` says there are more). For the next page
    by keyset pass the last row's opened_at and id as before_opened and before_id (offset 0): no
    row is skipped or repeated when cases open meanwhile."""
    if (before_opened is None) != (before_id is None):
        raise Invalid("Give both before_opened and before_id, or neither.")
    before = (before_opened, before_id) if before_id is not None else None
    return caseload(request.auth, kind=kind[:10] or None, before=before)


@router.post("/cases", response={201: Created}, summary="Open a case")
@operation("case.edit")
def open_case(request, body: CaseIn):
    partnership = member_partnership(request.auth, body.partnership)
    case = case_services.open_case(
        actor_of(request),
        partnership,
        body.kind,
        body.title,
        body.summary,
        body.restriction,
        body.shared_users,
        body.shared_agencies,
    )
    return 201, {"id": case.pk, "reference": case.reference}


@router.get("/cases/duplicates", response=list[DuplicateRow], summary="Likely duplicate people to merge")
@operation("person.merge")
def duplicate_people(request, partnership: str):
    found = member_partnership(request.auth, partnership[:50])
    return duplicates.proposals(request.auth, found.pk)


@router.get("/cases/{case_id}", response=CaseDetail, summary="A case with its parties, actions, notes and timeline")
@operation("case.view")
def case_detail(request, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    audit.record_read(actor_of(request), case, ["parties", "notes", "timeline"])
    return queries.detail(request.auth, case)


@router.post("/cases/{case_id}/restriction", response=Created, summary="Change who may see a case")
@operation("case.edit")
def restrict(request, body: RestrictionIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    case_services.set_restriction(
        actor_of(request), case, body.restriction, body.shared_users, body.shared_agencies, body.reason
    )
    return {"id": case.pk, "reference": case.reference}


@router.post("/cases/{case_id}/parties", response={201: Created}, summary="Add a party (person or place)")
@operation("case.edit")
def add_party(request, body: PartyIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    party = case_services.add_party(actor_of(request), case, body.role, body.person, body.place)
    return 201, {"id": party.pk}


@router.post("/cases/{case_id}/consent", response=Created, summary="Record consent on the case")
@operation("case.edit")
def consent(request, body: ConsentIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    case_services.record_consent(actor_of(request), case, body.status, body.given_by, body.on, body.child)
    return {"id": case.pk}


@router.post("/cases/{case_id}/actions", response={201: Created}, summary="Agree an action")
@operation("case.edit")
def add_action(request, body: ActionIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    action = case_services.add_action(actor_of(request), case, body.agency, body.text, body.due, body.owner)
    return 201, {"id": action.pk}


@router.post("/case-actions/{action_id}", response=Created, summary="Mark an action done, cancelled or open")
@operation("case.edit")
def update_action(request, body: ActionUpdateIn, action_id: int = PK):
    action = queries.visible_in_case(Action, request.auth, action_id)
    case_services.update_action(actor_of(request), action, body.status, body.outcome)
    return {"id": action.pk}


@router.post("/cases/{case_id}/notes", response={201: Created}, summary="Write a note (with its own restriction)")
@operation("case.edit")
def add_note(request, body: NoteIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    note = case_services.add_note(actor_of(request), case, body.text, body.restriction, body.shared_users)
    return 201, {"id": note.pk}


@router.post("/cases/{case_id}/documents", response={201: Created}, summary="Upload a document")
@operation("case.edit")
def upload(request, case_id: int = PK, file: UploadedFile = File(...)):
    case = queries.visible_case(request.auth, case_id)
    document = documents.add_document(actor_of(request), case, file.name, file.chunks())
    return 201, {"id": document.pk, "reference": document.sha256}


@router.get("/case-documents/{document_id}", summary="Download a document", response={200: None})
@operation("case.view")
def download(request, document_id: int = PK):
    document = queries.visible_in_case(Document, request.auth, document_id)
    audit.record_read(actor_of(request), document, ["content"])
    response = FileResponse(documents.open_document(document), as_attachment=True, filename=document.name)
    response["X-Content-SHA256"] = document.sha256
    return response


@router.post("/cases/{case_id}/links", response={201: Created}, summary="Link an incident, crime or CCTV entry")
@operation("case.edit")
def add_link(request, body: LinkIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    found = case_services.link(actor_of(request), case, body.kind, body.target, body.cctv_reference)
    return 201, {"id": found.pk}


@router.post("/cases/{case_id}/close", response=Created, summary="Close a case with its outcome")
@operation("case.edit")
def close(request, body: CloseIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    case_services.close_case(actor_of(request), case, body.outcome)
    return {"id": case.pk}


@router.post("/cases/{case_id}/handover", response=Created, summary="Hand a case to another officer")
@operation("case.edit")
def hand_over(request, body: HandOverIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    case_services.hand_over(actor_of(request), case, body.officer)
    return {"id": case.pk}


@router.post("/cases/{case_id}/disclosures", response={201: Created}, summary="Record a disclosure of the case")
@operation("case.edit")
def disclose(request, body: DisclosureIn, case_id: int = PK):
    case = queries.visible_case(request.auth, case_id)
    found = disclosures.disclose(
        actor_of(request),
        case,
        body.agency,
        body.purpose,
        body.lawful_basis,
        body.method,
        body.agreement,
        body.recipient_name,
        body.reference,
    )
    return 201, {"id": found.pk}


__all__ = ["router"]
