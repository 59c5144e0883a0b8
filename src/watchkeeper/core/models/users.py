"""Staff accounts and API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from watchkeeper.core.roles import Role


class User(AbstractUser):
    agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(max_length=20, choices=Role.choices)
    # Set by an administrator, or by too many wrong second-factor codes (core/accounts.py). Wrong
    # passwords never lock the account itself: django-axes counts them per username and address.
    # The second factor is a django-otp TOTPDevice; is_staff and is_superuser grant nothing here.
    locked_until = models.DateTimeField(null=True, blank=True)

    @property
    def district(self):
        return self.agency.district if self.agency_id else None

    def partnership_ids(self) -> set[int]:
        """The partnerships this user's agency belongs to. Remembered on this instance (one per
        request), because every visibility check asks; a changed agency is asked afresh."""
        if not self.agency_id:
            return set()
        known = getattr(self, "_partnership_ids", None)
        if known is None or known[0] != self.agency_id:
            known = (self.agency_id, frozenset(_partnership_ids_of(self.agency_id)))
            self._partnership_ids = known
        return set(known[1])

    def is_locked(self) -> bool:
        return bool(self.locked_until and self.locked_until > timezone.now())


def _partnership_ids_of(agency_id: int) -> list[int]:
    """One plain statement on the membership table: asked on every request (the ORM's join and
    compile cost more than the query)."""
    from django.db import connections, router

    from watchkeeper.core.models import Agency

    through = Agency.partnerships.through
    with connections[router.db_for_read(through)].cursor() as cursor:
        cursor.execute(f"SELECT partnership_id FROM {through._meta.db_table} WHERE agency_id = %s", [agency_id])
        return [row[0] for row in cursor.fetchall()]


class ApiToken(models.Model):
    """A bearer token for scripts and integrations. Only a SHA-256 digest of the secret is kept:
    the secret has 256 bits of entropy, so a slow hash would add nothing but latency per request."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    scopes = models.JSONField(default=list, help_text="Actions this token may perform; empty means all of the user's.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def new_secret() -> tuple[str, str]:
        prefix = secrets.token_hex(5)
        return prefix, f"wk_{prefix}_{secrets.token_urlsafe(32)}"

    def is_usable(self) -> bool:
        """Not revoked, not expired, and its user may still sign in (active and not locked)."""
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.user.is_active
            and not self.user.is_locked()
        )

    def permits(self, action: str) -> bool:
        return not self.scopes or action in self.scopes or f"{action.split('.')[0]}.*" in self.scopes
