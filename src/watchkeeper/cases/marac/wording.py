"""The seeded wording of the domestic-abuse risk assessment forms, version 1 of each: what
migration 0006 writes into the form records (rule rows "form-dash-24" and "form-dara"), and what
the API's schema description quotes. The records are the truth once seeded: an administrator adds
a new version as a new row (a new effective date and version number); old assessments keep the
version they were made on. Nothing reads these lists at run time except the schema description.

DASH-24 is the SafeLives DASH risk identification checklist (2009; "the abuser" stands for the
name the form asks for). The DARA wording is a summary of the College of Policing's tool's
question areas (coercive control, stalking, threats, strangulation) and must be checked against
the force's DARA form before live use: the rule row's note says so."""

DASH_24_V1 = (
    "Has the current incident resulted in injury? (Say what, and whether this is the first injury.)",
    "Are you very frightened?",
    "What are you afraid of? Is it further injury or violence? (What might the abuser do, and to whom,"
    " including the children?)",
    "Do you feel isolated from family or friends, that is, does the abuser try to stop you from seeing"
    " friends, family, your doctor or others?",
    "Are you feeling depressed or having suicidal thoughts?",
    "Have you separated or tried to separate from the abuser within the past year?",
    "Is there conflict over child contact?",
    "Does the abuser constantly text, call, contact, follow, stalk or harass you?",
    "Are you pregnant, or have you recently had a baby (within the last 18 months)?",
    "Is the abuse happening more often?",
    "Is the abuse getting worse?",
    "Does the abuser try to control everything you do, and/or are they excessively jealous?",
    "Has the abuser ever used weapons or objects to hurt you?",
    "Has the abuser ever threatened to kill you or someone else, and you believed them?",
    "Has the abuser ever attempted to strangle, choke, suffocate or drown you?",
    "Does the abuser do or say things of a sexual nature that make you feel bad or that physically"
    " hurt you or someone else?",
    "Is there any other person who has threatened you or whom you are afraid of?",
    "Do you know if the abuser has hurt anyone else (children, siblings, an elderly relative, a"
    " stranger, a previous partner)?",
    "Has the abuser ever mistreated an animal or the family pet?",
    "Are there any financial issues? For example, are you dependent on the abuser for money, or have"
    " they recently lost their job?",
    "Has the abuser had problems in the past year with drugs (prescription or other), alcohol or"
    " mental health, leading to problems in leading a normal life?",
    "Has the abuser ever threatened or attempted suicide?",
    "Has the abuser ever broken bail, an injunction or a formal agreement about when they can see you or the children?",
    "Do you know if the abuser has ever been in trouble with the police or has a criminal history?",
)

DARA_V1 = (
    "Has the abuser ever tried to strangle, choke or suffocate you?",
    "Has the abuser ever used or threatened to use a weapon against you?",
    "Has the abuser threatened to kill you, the children or anyone else?",
    "Has the abuser hurt or threatened to hurt the children?",
    "Has the abuser threatened or attempted suicide?",
    "Does the abuser stop you from seeing or contacting family or friends?",
    "Does the abuser control your money or what you can buy?",
    "Does the abuser check your phone, messages or social media, or track where you are?",
    "Does the abuser make you ask permission to go out, or limit where you go?",
    "Does the abuser put you down, humiliate you or call you names?",
    "Does the abuser blame you for the abuse or say it is your fault?",
    "Does the abuser follow you, wait for you or turn up uninvited?",
    "Does the abuser keep contacting you when you have asked them not to?",
    "Has the abuser forced or pressured you into sexual activity?",
    "Is the abuse happening more often or getting worse?",
    "Are you frightened of what the abuser will do next?",
    "Have you separated, or are you planning to separate, from the abuser?",
    "Has the abuser broken a court order, bail condition or agreement?",
)

# Migration 0006 writes these (name, effective_from, value, source, note).
RECORDS = (
    (
        "form-dash-24",
        "2009-01-01",
        {
            "version": 1,
            "title": "SafeLives DASH risk identification checklist",
            "scored": True,
            "questions": DASH_24_V1,
        },
        "SafeLives DASH RIC (2009)",
        "Scored: each yes counts one; the thresholds are the dash-high and dash-medium rules.",
    ),
    (
        "form-dara",
        "2022-11-26",
        {"version": 1, "title": "Domestic Abuse Risk Assessment (DARA)", "scored": False, "questions": DARA_V1},
        "College of Policing DARA (2022)",
        "Question areas summarised: check the wording against the force's DARA form before live use.",
    ),
)
