"""The Django admin as one more part of the app: it signs in through /login/ (lockout, second factor,
audit), and who may use it is the role's `admin.view` / `admin.edit` actions, never Django's
superuser or staff flags."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from watchkeeper.core.access import allowed


class WatchkeeperAdminSite(admin.AdminSite):
    site_header = "Watchkeeper administration"
    site_title = "Watchkeeper administration"
    index_title = "Reference data and accounts"
    site_url = "/"

    def has_permission(self, request) -> bool:
        return allowed(request.user, "admin.view")

    def login(self, request, extra_context=None):
        """Never signs anyone in (GET or POST): the app's own sign-in page does, with its lockout,
        second factor and audit entry, then comes back here."""
        if request.user.is_authenticated:
            from watchkeeper.core.web import forbidden

            return forbidden(request, "Your role does not give access to the administration pages.")
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target, reverse("login"))

    def logout(self, request, extra_context=None):
        from watchkeeper.core.views import sign_out

        return sign_out(request)  # POST only, audited, like the navigation's sign-out button

    def password_change(self, request, extra_context=None):
        return redirect("account")  # the account page applies the password rules and audits the change

    def password_change_done(self, request, extra_context=None):
        return redirect("account")
