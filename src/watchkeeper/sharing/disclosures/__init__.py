"""The disclosure record: every disclosure of personal data to another agency or recipient, kept
append-only. Other apps record one with `sharing.disclosures.record(...)` inside their own
transaction; see services.record for the arguments."""

from __future__ import annotations


def record(*args, **kwargs):
    """sharing.disclosures.services.record (imported lazily, so importing this package loads no models)."""
    from watchkeeper.sharing.disclosures.services import record as _record

    return _record(*args, **kwargs)


__all__ = ["record"]
