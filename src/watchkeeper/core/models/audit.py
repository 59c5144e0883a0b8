"""The audit trail: append-only entries chained by SHA-256, so an edit, deletion or reordering of any
entry is detectable (`watchkeeper verify_audit`)."""

from django.db import models


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        CREATE = "create", "Create"
        UPDATE = "update", "Update"
        READ = "read", "Read"
        SEARCH = "search", "Search"
        EXPORT = "export", "Export"
        DELETE = "delete", "Delete"
        LOGIN = "login", "Login"
        LOGIN_FAILED = "login_failed", "Failed login"
        LOGOUT = "logout", "Logout"
        TOKEN = "token", "Token"
        MERGE = "merge", "Merge"
        DENIED = "denied", "Access denied"

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    object_type = models.CharField(max_length=60, blank=True, db_index=True)
    object_id = models.CharField(max_length=40, blank=True, db_index=True)
    fields = models.JSONField(default=list, blank=True)
    # {"field": [before, after]} for creates, changes and deletions (secrets shown as "(hidden)").
    changes = models.JSONField(default=dict, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=80, blank=True, help_text="IP address or process")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "audit entries"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted.")


class AuditHead(models.Model):
    """One row: the last sequence number and hash. Appending locks it, which serialises writers
    (and lets verify_audit notice entries removed from the end of the chain)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
