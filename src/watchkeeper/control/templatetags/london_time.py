"""Times as the control room reads them: Europe/London wall clock with GMT or BST marked.
`{{ t|london }}` -> "14:05 BST"; `{{ t|london:"d M Y H:i" }}` -> "03 Jun 2026 14:05 BST"."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def london(value, fmt: str = "H:i"):
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    zone = "BST" if local.dst() else "GMT"
    return f"{date_format(local, fmt)} {zone}"
