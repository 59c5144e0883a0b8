"""Administrators see every message (filter on dead ones to look at) and can retry dead ones;
nobody edits a message by hand. Messages are not partnership data themselves (their payloads
name records by id), so the list is not narrowed to a partnership."""

from django.contrib import admin, messages

from watchkeeper.core import audit
from watchkeeper.core.admin_audit import SHARED, ReadOnlyAdmin
from watchkeeper.core.models import AuditEntry
from watchkeeper.outbox.delivery import retry_dead
from watchkeeper.outbox.models import Message


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    partnership_path = SHARED
    list_display = ("pk", "kind", "key", "status", "attempts", "available_at", "delivered_at", "last_error")
    list_filter = ("status", "kind")
    search_fields = ("key",)
    actions = ["retry"]

    def has_retry_permission(self, request) -> bool:
        from watchkeeper.core.access import allowed

        return allowed(request.user, "admin.edit")

    @admin.action(description="Retry the selected dead messages now", permissions=["retry"])
    def retry(self, request, queryset):
        from watchkeeper.core.web import actor_of

        dead = list(queryset.filter(status=Message.Status.DEAD))
        count = retry_dead(m.pk for m in dead)
        for message in dead:
            audit.record(
                actor_of(request), AuditEntry.Kind.UPDATE, message, fields=["status"], summary=f"Retry {message}"
            )
        self.message_user(request, f"{count} dead message(s) will be tried again.", messages.SUCCESS)
