"""API shapes for surveys (no `from __future__ import annotations`: ninja needs real types)."""

from ninja import Schema


class SurveyRow(Schema):
    question: str
    ward: str
    period: str
    n: int
    positive: int
    share: float
    low: float
    high: float
