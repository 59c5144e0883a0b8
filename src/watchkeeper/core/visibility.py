"""Which rows a user may see: one rule per model, declared on the model's queryset, deny by default.

The pattern is NetBox's RestrictedQuerySet: every model holding partnership data gets its manager
from one of the querysets below (or a subclass naming its fields), and every list, search, count,
export, detail lookup and the live board narrows through `visible_to(user)`. A model whose queryset
declares no rule is refused (`record_visible` is False, `visible` raises): a new model cannot leak
by omission, and `tests/core/test_visibility_rules.py` walks every installed model to prove each
one either declares a rule or is on the reviewed REFERENCE_MODELS list below.

District partners (a user whose agency belongs to one district of a partnership) see their own
district's rows. Rows with no district are shown to them only when the setting
WATCHKEEPER_UNDISTRICTED_VISIBLE is true (default false): a row nobody placed in a district belongs
to nobody's district. The live board applies the same rule (`district_allows`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.db.models import Q, QuerySet

from watchkeeper.core.errors import NotFound

# Global reference data and plumbing with no partnership data in it, reviewed: readable by any
# signed-in user (or not readable through the app at all). Anything not here must declare a rule.
REFERENCE_MODELS = frozenset(
    {
        "core.partnership",
        "core.district",
        "core.ward",
        "core.agency",
        "core.roadnetworkversion",
        "core.roadspeed",
        # Closures change the one shared road network every partnership routes on.
        "core.roadclosure",
        "control.gradeset",
        "control.grade",
        "control.incidentcategory",
        "control.closingcode",
        "control.channel",
        "control.controlsettings",
        "control.wardprofile",
        "control.referenceversion",
        # Plumbing: reference counters, the audit chain head, Django's own tables.
        "control.dailycounter",
        "core.audithead",
        "contenttypes.contenttype",
        "auth.permission",
        "auth.group",
        "sessions.session",
        "admin.logentry",
    }
)


class NoRule(LookupError):
    """A model that holds partnership data but declares no visibility rule."""


def undistricted_visible() -> bool:
    return bool(getattr(settings, "WATCHKEEPER_UNDISTRICTED_VISIBLE", False))


def district_allows(viewer_district: int | None, item_district: int | None, undistricted: bool) -> bool:
    """The district rule as a pure function (the live board uses it on messages)."""
    if viewer_district is None:
        return True
    if item_district is None:
        return undistricted
    return item_district == viewer_district


def district_q(district_id: int | None, field: str = "district") -> Q:
    """The district rule in SQL, for a user bound to `district_id` (None: not district-bound)."""
    if district_id is None:
        return Q()
    mine = Q(**{f"{field}_id": district_id})
    return mine | Q(**{f"{field}__isnull": True}) if undistricted_visible() else mine


def is_staff_user(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active and user.role)


def user_district(user) -> int | None:
    return user.agency.district_id if getattr(user, "agency_id", None) else None


def partnership_filter(qs: QuerySet, user, field: str = "partnership", district: str | None = "district") -> QuerySet:
    """Rows of the user's partnerships; a district-bound user sees their district (district_q).
    `district` is the path to the row's district, None for rows that belong to no district."""
    if not is_staff_user(user) or not user.agency_id:
        return qs.none()
    qs = qs.filter(**{f"{field}_id__in": user.partnership_ids()})
    if district == "district" and not _has_field(qs.model, "district"):
        district = None  # callers that predate the explicit argument: a model without the field
    if district is not None:
        qs = qs.filter(district_q(user_district(user), district))
    return qs


@functools.cache
def _has_field(model, name: str) -> bool:
    return name in {f.name for f in model._meta.get_fields()}


def restricted_filter(qs: QuerySet, user) -> QuerySet:
    """Rows of a Restricted model (core.models.restriction) the user may see: partnership and district
    as above, then partnership-wide, or named agencies (owner or shared with), or named people."""
    from watchkeeper.core.models import Restriction

    qs = partnership_filter(qs, user)
    if not user or not getattr(user, "agency_id", None):
        return qs
    agency = user.agency
    model = qs.model
    shared_with_agency = model._default_manager.filter(shared_agencies=agency).values("pk")
    shared_with_user = model._default_manager.filter(shared_users=user).values("pk")
    return qs.filter(
        Q(restriction=Restriction.PARTNERSHIP)
        | Q(restriction=Restriction.AGENCIES, owner_agency=agency)
        | Q(restriction=Restriction.AGENCIES, pk__in=shared_with_agency)
        | Q(restriction=Restriction.PEOPLE, pk__in=shared_with_user)
    )


class PartnershipQuerySet(QuerySet):
    """Rows scoped to a partnership, and to a district when the row has one. Subclasses name the
    fields: `district_field = None` for rows not tied to a district, or a path such as
    "ward__district" for rows placed by their ward."""

    partnership_field = "partnership"
    district_field: str | None = "district"

    def visible_to(self, user):
        return partnership_filter(self, user, self.partnership_field, self.district_field)


class UndistrictedQuerySet(PartnershipQuerySet):
    """Partnership-wide rows that belong to no district (agreements, mappings, import runs)."""

    district_field = None


class ThroughQuerySet(QuerySet):
    """Rows visible exactly when their parent is: `parent` names the foreign key to follow."""

    parent: str = ""

    def visible_to(self, user):
        related = self.model._meta.get_field(self.parent).related_model
        return self.filter(**{f"{self.parent}__in": related._default_manager.visible_to(user)})


def through(parent: str) -> type[ThroughQuerySet]:
    """A ThroughQuerySet for the foreign key `parent` (declared on the model as its manager)."""
    return type(f"Through{parent.title()}QuerySet", (ThroughQuerySet,), {"parent": parent})


# Rules for models whose manager cannot carry one (Django's user manager, the audit trail's
# append-only model): label -> fn(queryset, user) -> queryset. Declared once, below.
RULES: dict[str, Callable] = {}


def rule(label: str):
    def register(fn):
        RULES[label] = fn
        return fn

    return register


def rule_of(model) -> Callable | None:
    """The model's declared rule as fn(queryset, user), or None."""
    if model._meta.label_lower in RULES:
        return RULES[model._meta.label_lower]
    if hasattr(model._default_manager.all(), "visible_to"):
        return lambda qs, user: qs.visible_to(user)
    return None


@rule("core.user")
def _users(qs, user):
    """Staff of agencies in the user's partnerships (the directory, assignment pickers)."""
    if not is_staff_user(user) or not user.agency_id:
        return qs.none()
    return qs.filter(agency__partnerships__in=user.partnership_ids()).distinct()


@rule("core.apitoken")
def _tokens(qs, user):
    """A token is its owner's business alone; administrators act on them through the admin."""
    return qs.filter(user_id=user.pk) if is_staff_user(user) else qs.none()


@rule("otp_totp.totpdevice")
def _second_factors(qs, user):
    """A TOTP device (its secret) is its owner's alone."""
    return qs.filter(user_id=user.pk) if is_staff_user(user) else qs.none()


def _nobody(qs, user):
    """Sign-in attempt logs (usernames tried, addresses): read by no app route; they name no
    partnership, and an unknown username must not be shown to anyone's administrator."""
    return qs.none()


for _label in ("axes.accessattempt", "axes.accessattemptexpiration", "axes.accessfailurelog", "axes.accesslog"):
    RULES[_label] = _nobody
# Side effects waiting for the worker: payloads of any partnership, read by no app route (the admin
# shows them to administrators through its own partnership-scoped pages).
RULES["outbox.message"] = _nobody


@rule("core.auditentry")
def _audit_entries(qs, user):
    """Entries about the user's partnerships: those whose actor works for a member agency. Entries
    with no actor (commands, failed sign-ins by unknown names) name no partnership: not shown."""
    from watchkeeper.core.models import User

    if not is_staff_user(user) or not user.agency_id:
        return qs.none()
    staff = User.objects.filter(agency__partnerships__in=user.partnership_ids()).values("pk")
    return qs.filter(actor_id__in=staff)


def is_reference(model) -> bool:
    return model._meta.label_lower in REFERENCE_MODELS


def visible(qs_or_model, user) -> QuerySet:
    """Rows the user may see; NoRule for a model that declares none (and is not reference data)."""
    qs = qs_or_model if isinstance(qs_or_model, QuerySet) else qs_or_model._default_manager.all()
    found = rule_of(qs.model)
    if found is not None:
        return found(qs, user)
    if is_reference(qs.model):
        return qs if is_staff_user(user) else qs.none()
    raise NoRule(f"{qs.model._meta.label} declares no visibility rule")


def record_visible(user, obj) -> bool:
    """Whether `obj` is among the rows the user may see. A model with no rule is refused."""
    if getattr(obj, "_visible_to", None) is user:  # fetched through visible_to(user): see visible_get
        return True
    try:
        return visible(type(obj)._default_manager.all(), user).filter(pk=obj.pk).exists()
    except NoRule:
        return False


def visible_get(qs: QuerySet, user, /, **lookup):
    """The record matching `lookup` among those `user` may see, or None. The instance remembers it
    came through visible_to(user), so checking it again for this same user asks nothing more."""
    found = visible(qs, user).filter(**lookup).first()
    if found is not None:
        found._visible_to = user
    return found


def get_visible_or_404(qs_or_model, user, missing: str = "", /, **lookup):
    """As visible_get, but a record that does not exist or that `user` may not see is refused with
    NotFound(`missing`), one answer for both so ids cannot be probed. Raised inside a page or an API
    operation, the wrapper (core.web.page, api.operation) puts that 404 on the audit trail as a
    denied read, as it does for every NotFound. Positional-only, so a lookup may name a field `user`."""
    qs = qs_or_model if isinstance(qs_or_model, QuerySet) else qs_or_model._default_manager.all()
    # pk=None (an id that failed its bound, core.input.id_or_none) matches no row: no query needed.
    found = None if "pk" in lookup and lookup["pk"] is None else visible_get(qs, user, **lookup)
    if found is None:
        raise NotFound(missing or f"No such {qs.model._meta.verbose_name} that you can see.")
    return found


def _audience(record) -> tuple[str, frozenset]:
    """Who a Restricted record is shown to, beyond partnership and district."""
    from watchkeeper.core.models import Restriction

    if record.restriction == Restriction.AGENCIES:
        agencies = set(record.shared_agencies.values_list("pk", flat=True))
        return "agencies", frozenset(agencies | ({record.owner_agency_id} if record.owner_agency_id else set()))
    if record.restriction == Restriction.PEOPLE:
        return "people", frozenset(record.shared_users.values_list("pk", flat=True))
    return "partnership", frozenset()


def _district_widens(source: int | None, target: int | None) -> bool:
    """Whether some district partner sees a row in `target` district but not one in `source`."""
    if source == target:
        return False
    if target is None:
        return undistricted_visible()  # everyone sees target; source is in one district only
    return not (source is None and undistricted_visible())


def widens(source, target) -> str | None:
    """Why copying `source`'s details into `target` (a person merge) would show them to someone who
    may not see `source`, or None. The rule chosen: refuse, rather than silently narrowing the
    surviving record's audience, so nobody loses sight of a record they were working from."""
    if _district_widens(source.district_id, target.district_id):
        return "The records belong to different districts: merge within one district."
    kind, audience = _audience(source)
    if kind == "partnership":
        return None
    target_kind, target_audience = _audience(target)
    if target_kind != kind or not target_audience <= audience:
        return (
            "The duplicate is more restricted than the record it would merge into, so its details would "
            "reach people who may not see them. Restrict the surviving record the same way first."
        )
    return None
