"""Lawful bases and processing conditions: the choices agreements and disclosures are made under."""

from django.db import models


class LawfulBasis(models.TextChoices):
    PUBLIC_TASK = "art6_1e", "UK GDPR Art 6(1)(e): public task"
    LEGAL_OBLIGATION = "art6_1c", "UK GDPR Art 6(1)(c): legal obligation"
    LEGITIMATE_INTERESTS = "art6_1f", "UK GDPR Art 6(1)(f): legitimate interests"
    VITAL_INTERESTS = "art6_1d", "UK GDPR Art 6(1)(d): vital interests"
    CONSENT = "art6_1a", "UK GDPR Art 6(1)(a): consent"
    LAW_ENFORCEMENT = "dpa_part3", "DPA 2018 Part 3: law enforcement processing"
    NOT_PERSONAL = "none", "No personal data (anonymised or aggregate)"


class ProcessingCondition(models.TextChoices):
    """DPA 2018 Schedule 1 conditions, for special category or criminal offence data."""

    NONE = "", "None needed"
    STATUTORY = "sch1_p6", "DPA 2018 Sch. 1 para 6: statutory and government purposes"
    CRIME = "sch1_p10", "DPA 2018 Sch. 1 para 10: preventing or detecting unlawful acts"
    SAFEGUARDING = "sch1_p18", "DPA 2018 Sch. 1 para 18: safeguarding of children and individuals at risk"
    SUBSTANTIAL_PUBLIC_INTEREST = "sch1_p36", "DPA 2018 Sch. 1 para 36: extension of conditions (criminal offence data)"


# A disclosure of personal data: the agreement bases that concern personal data, and the DPA 2018
# routes that let a controller disclose to a requester (exemptions, subject access).
DisclosureBasis = models.TextChoices(
    "DisclosureBasis",
    [(m.name, (m.value, m.label)) for m in LawfulBasis if m != LawfulBasis.NOT_PERSONAL]
    + [
        ("CRIME_EXEMPTION", ("dpa_s2_p2", "DPA 2018 Sch. 2 para 2: crime and taxation")),
        ("LEGAL_PROCEEDINGS", ("dpa_s2_p5", "DPA 2018 Sch. 2 para 5: legal proceedings and advice")),
        ("SUBJECT_ACCESS", ("art15", "UK GDPR Art 15: subject access (to the data subject)")),
    ],
)
