"""The CCTV satisfaction survey's questions, pure. Answers go into the intel surveys' model
(SurveyResponse) with these question texts, so the survey page, its Wilson intervals and the
district dashboards read them like any other survey."""

from __future__ import annotations

# (form field, question text stored with each answer, scale)
QUESTIONS = [
    ("satisfied", "CCTV: satisfied with the control room's service (1-5)", "five"),
    ("feel_safer", "CCTV: the cameras make the area feel safer (1-5)", "five"),
    ("requests_on_time", "CCTV: footage and requests handled in good time", "yes_no"),
]

# The public form needs no account, so one address could flood the results: at most this many
# answers an hour from one address (a household or an office shares one), then a 429.
PUBLIC_ANSWERS_PER_HOUR = 5

SCALE = [(1, "1: strongly disagree"), (2, "2"), (3, "3: neither"), (4, "4"), (5, "5: strongly agree")]


def answers(values: dict) -> list[tuple[str, str]]:
    """(question text, answer as the intel surveys store it) for each question answered."""
    found = []
    for field, question, _scale in QUESTIONS:
        value = values.get(field)
        if value is None or value == "":
            continue
        found.append((question, str(value)))
    return found
