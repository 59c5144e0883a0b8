"""Sign-in, second-factor and account posts, validated as Django forms (never read field by field
from request.POST). A malformed post (a field missing or too long) is a form error with status
400, decided before any account is looked at, so it says nothing about which accounts exist."""

from __future__ import annotations

from django import forms

MALFORMED_SIGN_IN = "Enter a username (at most 150 characters) and a password."
MALFORMED_CODE = "Enter the six-digit code from your authenticator app."


class SignInForm(forms.Form):
    username = forms.CharField(max_length=150)  # User.username's own bound
    password = forms.CharField(max_length=1024, strip=False)
    next = forms.CharField(max_length=2000, required=False)


class CodeForm(forms.Form):
    """A second-factor code as typed (spaces allowed around it); whether it is right is the device's
    business (accounts.check_totp), so a well-formed wrong code is counted as a wrong code."""

    code = forms.CharField(max_length=16)


class AccountStepForm(forms.Form):
    step = forms.ChoiceField(choices=[("password", ""), ("start_totp", ""), ("confirm_totp", "")])
