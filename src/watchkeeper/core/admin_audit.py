"""The one ModelAdmin every admin page uses: permission from the role (`admin.view`, `admin.edit`),
rows narrowed to the signed-in user's partnerships, and an audit entry with before and after
values for every create, change and delete (inline rows and bulk actions included)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from watchkeeper.core import audit, changes
from watchkeeper.core.access import allowed
from watchkeeper.core.models import AuditEntry

UNDECLARED = "<undeclared>"
SHARED = None  # reference data every partnership uses (grades, road speeds): no narrowing


def partnership_scoped(qs, path: str | None, user):
    """Rows of `qs` that belong to one of `user`'s partnerships through the lookup `path` (a path
    to Partnership ids, "pk" for Partnership itself). A model must declare its path: an admin
    without one shows nothing rather than everything."""
    if path == UNDECLARED:
        raise ImproperlyConfigured(f"{qs.model.__name__}'s admin does not declare partnership_path.")
    if path is SHARED:
        return qs
    owned = qs.model._base_manager.filter(**{f"{path}__in": user.partnership_ids()}).values("pk")
    return qs.filter(pk__in=owned)  # a subquery rather than distinct(): bulk delete refuses distinct


class RolePermissions:
    """Who may do what in the admin, for pages and inline rows alike: the role's actions
    (`admin.view`, `admin.edit`), never Django's model permissions or superuser flag."""

    def has_module_permission(self, request) -> bool:
        return allowed(request.user, "admin.view")

    def has_view_permission(self, request, obj=None) -> bool:
        return allowed(request.user, "admin.view")

    def has_add_permission(self, request, obj=None) -> bool:  # an inline's is asked with its parent
        return allowed(request.user, "admin.edit")

    def has_change_permission(self, request, obj=None) -> bool:
        return allowed(request.user, "admin.edit")

    def has_delete_permission(self, request, obj=None) -> bool:
        return allowed(request.user, "admin.edit")


class AuditedAdmin(RolePermissions, admin.ModelAdmin):
    partnership_path: str | None = UNDECLARED

    # --- which rows: the user's partnerships, in lists, detail pages and every choice list
    def get_queryset(self, request):
        return partnership_scoped(super().get_queryset(request), self.partnership_path, request.user)

    def _scoped_choices(self, db_field, request, kwargs):
        related = self.admin_site._registry.get(db_field.related_model)
        if related is not None and "queryset" not in kwargs:
            kwargs["queryset"] = related.get_queryset(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- the audit entry, inside the admin's own transaction
    def _record(self, request, kind, obj, values: dict, verb: str) -> None:
        from watchkeeper.core.web import actor_of

        audit.record(actor_of(request), kind, obj, changes=values, summary=f"admin: {verb} {obj}"[:300])

    def save_model(self, request, obj, form, change):
        obj._audit_before = changes.snapshot(type(obj)._base_manager.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # many-to-many and inline rows first
        obj = form.instance
        values = changes.diff(getattr(obj, "_audit_before", {}), changes.snapshot(obj))
        if values or not change:
            kind = AuditEntry.Kind.UPDATE if change else AuditEntry.Kind.CREATE
            self._record(request, kind, obj, values, "changed" if change else "added")

    def save_formset(self, request, form, formset, change):
        rows = formset.save(commit=False)
        for obj in formset.deleted_objects:
            before = changes.snapshot(obj)
            self._record(request, AuditEntry.Kind.DELETE, obj, changes.deleted(before), "deleted")
            obj.delete()
        for obj in rows:
            stored = type(obj)._base_manager.filter(pk=obj.pk).first() if obj.pk else None
            before = changes.snapshot(stored) if stored else {}
            obj.save()
            kind = AuditEntry.Kind.UPDATE if stored else AuditEntry.Kind.CREATE
            self._record(request, kind, obj, changes.diff(before, changes.snapshot(obj)), "saved")
        formset.save_m2m()

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record(request, AuditEntry.Kind.DELETE, obj, changes.deleted(changes.snapshot(obj)), "deleted")
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():  # the bulk action is not atomic by itself
            for obj in queryset:
                self._record(request, AuditEntry.Kind.DELETE, obj, changes.deleted(changes.snapshot(obj)), "deleted")
            super().delete_queryset(request, queryset)


class AuditedInlineMixin(RolePermissions):
    """For inline rows: the same role permissions (their saves are audited by the parent's
    AuditedAdmin.save_formset)."""


class ReadOnlyAdmin(AuditedAdmin):
    """An AuditedAdmin for records nobody edits by hand (the audit trail, API tokens, disclosures,
    worker messages): no add, change or delete, so Django shows each record read-only. Actions a
    subclass declares (revoke, retry) keep their own permission."""

    def get_readonly_fields(self, request, obj=None):
        """Every field (those Django would not put on a form too), except any the admin excludes."""
        return [f.name for f in self.model._meta.fields if f.name not in (self.exclude or ())]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
