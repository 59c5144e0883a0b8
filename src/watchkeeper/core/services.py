"""The only place core state changes: people, places and API tokens. Each function runs in one
transaction and writes its audit entry inside it."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from watchkeeper.core import audit, changes, geo
from watchkeeper.core.access import Denied, allowed, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import ApiToken, AuditEntry, Partnership, Person, Place, Restriction, User
from watchkeeper.core.visibility import user_district, widens

PERSON_EDITABLE = (
    "given_name",
    "family_name",
    "date_of_birth",
    "phone",
    "address",
    "postcode",
    "risk_markers",
    "notes",
)


def _check_partnership(actor: Actor, partnership: Partnership) -> None:
    require_member(actor.user, partnership)


@transaction.atomic
def create_person(
    actor: Actor,
    partnership: Partnership,
    restriction: str = Restriction.PARTNERSHIP,
    shared_users=(),
    shared_agencies=(),
    **fields,
) -> Person:
    require(actor.user, "person.edit")
    _check_partnership(actor, partnership)
    unknown = set(fields) - set(PERSON_EDITABLE)
    if unknown:
        raise ValidationError(f"Unknown person fields: {', '.join(sorted(unknown))}")
    person = Person(partnership=partnership, restriction=restriction, owner_agency=actor.user.agency, **fields)
    person.full_clean()
    person.save()
    person.shared_users.set(shared_users)
    person.shared_agencies.set(shared_agencies)
    audit.record(actor, AuditEntry.Kind.CREATE, person, changes=changes.created(changes.of_fields(person, fields)))
    return person


@transaction.atomic
def update_person(actor: Actor, person: Person, **updates) -> Person:
    require(actor.user, "person.edit", person)
    unknown = set(updates) - set(PERSON_EDITABLE)
    if unknown:
        raise ValidationError(f"Unknown person fields: {', '.join(sorted(unknown))}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = [k for k, v in updates.items() if getattr(person, k) != v]
    before = changes.of_fields(person, changed)
    for key in changed:
        setattr(person, key, updates[key])
    person.full_clean()
    person.save()
    audit.record(
        actor, AuditEntry.Kind.UPDATE, person, changes=changes.diff(before, changes.of_fields(person, changed))
    )
    return person


@transaction.atomic
def merge_people(actor: Actor, keep: Person, duplicate: Person) -> Person:
    """Fold `duplicate` into `keep`: every reference moves to `keep`, blank fields are filled from the
    duplicate, and the duplicate stays as a pointer (merged_into) so old links still resolve."""
    require(actor.user, "person.merge", keep)
    require(actor.user, "person.merge", duplicate)
    if keep.pk == duplicate.pk:
        raise ValidationError("A person cannot be merged into themselves.")
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError("One of these records was already merged; merge into the surviving record.")
    if keep.partnership_id != duplicate.partnership_id:
        raise ValidationError("People from different partnerships cannot be merged.")
    problem = widens(duplicate, keep)
    if problem:
        raise ValidationError(problem)
    moved = []
    for relation in Person._meta.related_objects:
        if relation.remote_field.name == "merged_into":
            continue
        if relation.one_to_many or relation.one_to_one:
            count = relation.related_model._base_manager.filter(**{relation.field.name: duplicate}).update(
                **{relation.field.name: keep}
            )
            moved.append(f"{relation.related_model._meta.label_lower}:{count}")
        elif relation.many_to_many:
            for obj in relation.related_model._base_manager.filter(**{relation.field.name: duplicate}):
                getattr(obj, relation.field.name).remove(duplicate)
                getattr(obj, relation.field.name).add(keep)
    before = changes.of_fields(keep, PERSON_EDITABLE)
    filled = []
    for key in PERSON_EDITABLE:
        if not getattr(keep, key) and getattr(duplicate, key):
            setattr(keep, key, getattr(duplicate, key))
            filled.append(key)
    keep.risk_markers = sorted(set(keep.risk_markers) | set(duplicate.risk_markers))
    keep.save()
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    audit.record(
        actor,
        AuditEntry.Kind.MERGE,
        keep,
        fields=filled,
        changes=changes.diff(before, changes.of_fields(keep, PERSON_EDITABLE)),
        summary=f"merged person {duplicate.pk} into {keep.pk}; moved {', '.join(moved) or 'no links'}",
    )
    return keep


def read_person(actor: Actor, person: Person, fields=Person.PERSONAL_FIELDS) -> Person:
    """Show a person: checks access, requires a reason where the role needs one, audits the read."""
    require(actor.user, "person.view", person)
    if not actor.reason and not allowed(actor.user, "person.view.routine"):
        raise ValidationError("Your role must state a reason to view personal data.")
    audit.record_read(actor, person, fields)
    return person


@transaction.atomic
def create_place(
    actor: Actor,
    partnership: Partnership,
    name: str,
    lat: float,
    lon: float,
    kind: str = Place.Kind.ADDRESS,
    postcode: str = "",
) -> Place:
    require(actor.user, "place.edit")
    _check_partnership(actor, partnership)
    if not geo.valid_latlon(lat, lon):
        raise ValidationError("Latitude and longitude must be real WGS84 coordinates.")
    index = geo.ward_index(partnership.id)
    ward_id = index.ward_at(lat, lon)
    if ward_id is None:
        raise ValidationError(f"{lat:.5f}, {lon:.5f} is outside {partnership.name}'s area.")
    own_district = user_district(actor.user)
    if own_district is not None and index.district_of(ward_id) != own_district:
        raise Denied("That place is outside your district: you can add places in your own district only.")
    place = Place.at(
        lat, lon, partnership=partnership, name=name.strip(), kind=kind, postcode=postcode, ward_id=ward_id
    )
    place.full_clean()
    place.save()
    audit.record(
        actor,
        AuditEntry.Kind.CREATE,
        place,
        changes=changes.created(changes.of_fields(place, ["name", "lat", "lon", "kind", "postcode", "ward_id"])),
    )
    return place


@transaction.atomic
def issue_token(actor: Actor, user: User, scopes: list[str], days: int, name: str = "") -> tuple[ApiToken, str]:
    from watchkeeper.core.roles import GRANTS

    if days < 1 or days > 366:
        raise ValidationError("A token must expire within 1 to 366 days.")
    unknown = [
        s for s in scopes if s not in GRANTS and not (s.endswith(".*") and any(a.startswith(s[:-1]) for a in GRANTS))
    ]
    if unknown:
        raise ValidationError(f"Unknown scopes: {', '.join(unknown)}")
    if not user.is_active or not user.role:
        raise ValidationError(f"{user.username} has no active role; a token for them could do nothing.")
    beyond = [s for s in scopes if not _role_has_scope(user.role, s)]
    if beyond:
        raise ValidationError(
            f"{user.username}'s role ({user.get_role_display()}) does not allow {', '.join(beyond)}; "
            "a token can only narrow what its user may do."
        )
    prefix, secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=ApiToken.digest_of(secret),
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(
        actor,
        AuditEntry.Kind.TOKEN,
        token,
        changes=changes.created(changes.of_fields(token, ["user_id", "name", "scopes", "expires_at"])),
        summary=f"issued token {prefix} for {user.username}",
    )
    return token, secret


def _role_has_scope(role: str, scope: str) -> bool:
    """An action scope needs the role to hold it; "area.*" needs the role to hold some area action
    (the token then carries only those: allowed() still asks the role first)."""
    from watchkeeper.core.roles import GRANTS, role_may

    if scope.endswith(".*"):
        return any(role_may(role, a) for a in GRANTS if a.startswith(scope[:-1]))
    return role_may(role, scope)


@transaction.atomic
def revoke_token(actor: Actor, token: ApiToken) -> None:
    own = token.user_id == actor.user.pk
    same_partnership = bool(token.user.partnership_ids() & actor.user.partnership_ids())
    if not own and not (allowed(actor.user, "token.revoke") and same_partnership):
        raise ValidationError("You can only revoke your own tokens.")
    now = timezone.now()
    if not ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now):
        return  # already revoked: nothing changed, nothing to record
    audit.record(
        actor,
        AuditEntry.Kind.TOKEN,
        token,
        changes={"revoked_at": [None, changes.plain(now)]},
        summary=f"revoked token {token.prefix}",
    )


def search_people(user, text: str) -> models.QuerySet:
    qs = Person.objects.visible_to(user).filter(merged_into__isnull=True)
    for word in text.split():
        qs = qs.filter(
            models.Q(family_name__icontains=word)
            | models.Q(given_name__icontains=word)
            | models.Q(phone__icontains=word)
            | models.Q(postcode__iexact=word)
        )
    return qs


def searched_people(actor: Actor, summary: str) -> None:
    """A people search returns names: a read of personal data, so it is audited (page and API alike)."""
    audit.record(
        actor, AuditEntry.Kind.SEARCH, ("core.person", ""), fields=["family_name", "given_name"], summary=summary
    )
