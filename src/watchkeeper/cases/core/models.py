"""The case core every case type shares: the case (with its restriction and consent), parties
linked to core's Person and Place, risk assessments, actions, notes (each with its own
restriction), documents, links to incidents and crimes, and the append-only timeline."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from watchkeeper.core.models import Restricted
from watchkeeper.core.models.restriction import RestrictedQuerySet


class Kind(models.TextChoices):
    ASB = "asb", "Anti-social behaviour"
    TRIGGER = "trigger", "ASB case review (Community Trigger)"
    MARAC = "marac", "MARAC"
    CHANNEL = "channel", "Channel"
    IOM = "iom", "Integrated Offender Management"


# Where need-to-know reads a case's audience. A case holds it itself; an action holds a copy
# (ACTION_COPIES), so the overdue view filters a million actions on their own index, no join.
CASE_FIELDS = {
    "partnership": "partnership_id",
    "district": "district",
    "restriction": "restriction",
    "owner_agency": "owner_agency_id",
    "case": "pk",
    "kind": "kind",
}
# The case's fields an action copies (action_copies): a save naming any of them syncs the actions.
COPIED_TO_ACTIONS = {"partnership", "district", "restriction", "owner_agency", "kind"}
ACTION_FIELDS = {
    "partnership": "case_partnership_id",
    "district": "case_district",
    "restriction": "case_restriction",
    "owner_agency": "case_owner_agency_id",
    "case": "case_id",
    "kind": "case_kind",
}


def case_rule(user, prefix: str = "", fields: dict[str, str] | None = None) -> Q:
    """Need-to-know for cases as one Q, with `prefix` the path to the case ("case__" from a party,
    a note) or `fields` naming where a row keeps its own copy of the case's audience
    (ACTION_FIELDS): core's restriction rule (partnership, district, then partnership-wide, named
    agencies or named people, as core.visibility.restricted_filter states it), and Channel cases
    only to their named panel members who hold the Channel role. A join (or the copy) rather than
    an `IN (visible cases)` list, so a query over a million actions can walk its own index in order
    and stop at the page's last row."""
    from watchkeeper.core.models import Restriction
    from watchkeeper.core.roles import role_may
    from watchkeeper.core.visibility import district_q, is_staff_user, user_district

    if not is_staff_user(user) or not getattr(user, "agency_id", None):
        return Q(pk__in=[])
    f = {key: prefix + path for key, path in (fields or CASE_FIELDS).items()}
    agency = user.agency_id
    shared_agency = Case.shared_agencies.through.objects.filter(agency_id=agency).values("case_id")
    shared_user = Case.shared_users.through.objects.filter(user_id=user.pk).values("case_id")
    rule = Q(**{f"{f['partnership']}__in": user.partnership_ids()}) & district_q(user_district(user), f["district"])
    rule &= (
        Q(**{f["restriction"]: Restriction.PARTNERSHIP})
        | Q(**{f["restriction"]: Restriction.AGENCIES, f["owner_agency"]: agency})
        | Q(**{f["restriction"]: Restriction.AGENCIES, f"{f['case']}__in": shared_agency})
        | Q(**{f["restriction"]: Restriction.PEOPLE, f"{f['case']}__in": shared_user})
    )
    if not role_may(getattr(user, "role", ""), "channel.view"):
        rule &= ~Q(**{f["kind"]: Kind.CHANNEL})
    return rule


class CaseQuerySet(RestrictedQuerySet):
    def visible_to(self, user):
        return self.filter(case_rule(user))

    def open(self):
        return self.filter(closed_at__isnull=True)


class CasePartQuerySet(models.QuerySet):
    """Rows of a case (parties, actions, assessments, documents, links, timeline, and the typed
    records of each module): visible exactly when their case is. `case_path` is the path to the
    case (a subclass names a longer one for rows of a row of the case)."""

    case_path = "case__"

    def visible_to(self, user):
        return self.filter(case_rule(user, self.case_path))


class ActionQuerySet(models.QuerySet):
    """Actions: visible exactly when their case is, read from the copy each action holds."""

    def visible_to(self, user):
        return self.filter(case_rule(user, fields=ACTION_FIELDS))


class Case(Restricted):
    class Consent(models.TextChoices):
        UNKNOWN = "unknown", "Not yet asked"
        GIVEN = "given", "Given"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrawn"
        NOT_REQUIRED = "not_required", "Not required (lawful basis without consent)"

    class Risk(models.TextChoices):
        UNASSESSED = "unassessed", "Not assessed"
        STANDARD = "standard", "Standard"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    reference = models.CharField(max_length=30, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    stage = models.CharField(max_length=30, default="open")
    risk = models.CharField(max_length=12, choices=Risk.choices, default=Risk.UNASSESSED)
    # Consent travels with the case: it is the case's, not the officer's, so it survives a handover.
    consent = models.CharField(max_length=14, choices=Consent.choices, default=Consent.UNKNOWN)
    consent_by = models.CharField(max_length=120, blank=True, help_text="Who gave it (the subject, a parent)")
    consent_on = models.DateField(null=True, blank=True)
    officer = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)
    source_incident = models.ForeignKey(
        "control.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["restriction", "owner_agency"], name="cases_restriction"),
            # The open caseload with every column need-to-know reads: the page walks it newest
            # first and stops at the page's end; its count and the counts by type and agency never
            # touch the table. (It replaced cases_caseload and cases_caseload_recent: with those
            # beside it SQLite's planner chose them and sorted every open case for each page.)
            # closed_at comes last: PostgreSQL uses an index's order only after columns fixed by
            # equality, and `closed_at IS NULL` is not one, so with closed_at second it sorted
            # every open case per page (cases_caseload_open); SQLite still needs the column in the
            # index to read it as covering.
            models.Index(
                fields=[
                    "partnership",
                    "-opened_at",
                    "-id",
                    "restriction",
                    "owner_agency",
                    "kind",
                    "district",
                    "closed_at",
                ],
                condition=Q(closed_at__isnull=True),
                name="cases_open_newest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_incident", "owner_agency"],
                condition=Q(source_incident__isnull=False),
                name="cases_one_case_per_referral",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def save(self, *args, **kwargs):
        """Saving what decides who sees the case brings its actions' copies in step, inside the
        caller's transaction (every service's), so no path changes one without the other."""
        adding = self._state.adding
        super().save(*args, **kwargs)
        changed = kwargs.get("update_fields")
        if not adding and (changed is None or set(changed) & COPIED_TO_ACTIONS):
            sync_actions(self)


class Party(models.Model):
    class Role(models.TextChoices):
        VICTIM = "victim", "Victim"
        PERPETRATOR = "perpetrator", "Perpetrator"
        WITNESS = "witness", "Witness"
        HOUSEHOLD = "household", "Household member"
        LANDLORD = "landlord", "Landlord"
        SUBJECT = "subject", "Subject"
        COMPLAINANT = "complainant", "Complainant"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=12, choices=Role.choices)
    person = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(place__isnull=False), name="cases_party_names_someone"
            )
        ]


class RiskAssessment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    form = models.CharField(max_length=30)  # "dash-24", "dara", "asb-vulnerability"
    form_version = models.PositiveSmallIntegerField(default=1)
    answers = models.JSONField()
    score = models.IntegerField()
    level = models.CharField(max_length=12, choices=Case.Risk.choices)
    judgement_raised = models.BooleanField(default=False)
    judgement_reason = models.CharField(max_length=500, blank=True)
    # A high-risk ASB victim: first contact and regular updates are due (rule data, working days).
    contact_due = models.DateField(null=True, blank=True)
    update_due = models.DateField(null=True, blank=True)
    assessed_by = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()

    objects = CasePartQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_at"]


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=500)
    due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=500, blank=True)
    meeting = models.ForeignKey(
        "cases.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    # Copies of the case's audience (ACTION_COPIES), so need-to-know on a million actions needs no
    # join to cases. Filled from the case when the action is created; the services that change a
    # case's restriction or owner agency update them in the same transaction (sync_actions).
    case_partnership = models.ForeignKey("core.Partnership", on_delete=models.PROTECT, related_name="+")
    case_district = models.ForeignKey(
        "core.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case_restriction = models.CharField(max_length=12)
    case_owner_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case_kind = models.CharField(max_length=10, choices=Kind.choices)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        indexes = [
            # The overdue view: open actions in due order, carrying every column need-to-know
            # reads, so both the page and its count are read from this index alone. (It replaced
            # cases_overdue: beside it PostgreSQL chose a bitmap scan of the table instead.)
            models.Index(
                fields=[
                    "due",
                    "id",
                    "case_partnership",
                    "case_restriction",
                    "case_owner_agency",
                    "case_kind",
                    "case_district",
                    "case",
                    "agency",
                    "status",  # SQLite reads a partial index as covering only if it holds the condition's column
                ],
                condition=Q(status="open"),
                name="cases_overdue_open",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is None and self.case_id is not None:
            for name, value in action_copies(self.case).items():
                setattr(self, name, value)
        super().save(*args, **kwargs)


def action_copies(case: Case) -> dict:
    """The case's audience as an action holds it (ACTION_FIELDS)."""
    return {
        "case_partnership_id": case.partnership_id,
        "case_district_id": case.district_id,
        "case_restriction": case.restriction,
        "case_owner_agency_id": case.owner_agency_id,
        "case_kind": case.kind,
    }


def sync_actions(case: Case) -> int:
    """Bring the case's actions' copies in step with the case (call inside the change's
    transaction, after saving the case)."""
    return Action.objects.filter(case=case).update(**action_copies(case))


class NoteQuerySet(RestrictedQuerySet):
    def visible_to(self, user):
        """A note has its own restriction, inside its case's: both must admit the user."""
        return super().visible_to(user).filter(case_rule(user, "case__"))


class Note(Restricted):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at"]


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(max_length=200)
    file_type = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    objects = CasePartQuerySet.as_manager()


class Link(models.Model):
    class Kind(models.TextChoices):
        INCIDENT = "incident", "Control-room incident"
        CRIME = "crime", "Crime"
        CCTV = "cctv", "CCTV log entry"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    incident = models.ForeignKey("control.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    crime = models.ForeignKey("intel.Crime", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cctv_reference = models.CharField(max_length=60, blank=True)
    linked_at = models.DateTimeField()

    objects = CasePartQuerySet.as_manager()


class AppendOnly(Exception):
    pass


class Event(models.Model):
    """One line of a case's timeline. Append-only: saving an existing row or deleting one refuses."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey("core.User", null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=150)
    data = models.JSONField(default=dict)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Timeline entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Timeline entries cannot be deleted.")
