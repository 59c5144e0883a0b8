"""Administrators see every message (dead ones first to look at) and can retry dead ones; nobody
edits a message by hand."""

from django.contrib import admin, messages

from watchkeeper.outbox.delivery import retry_dead
from watchkeeper.outbox.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "key", "status", "attempts", "available_at", "delivered_at", "last_error")
    list_filter = ("status", "kind")
    search_fields = ("key",)
    readonly_fields = [f.name for f in Message._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the selected dead messages now")
    def retry(self, request, queryset):
        count = retry_dead(queryset.values_list("pk", flat=True))
        self.message_user(request, f"{count} dead message(s) will be tried again.", messages.SUCCESS)
