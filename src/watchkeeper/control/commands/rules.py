"""Reading one command line (pure: no database). The grammar, after an optional incident reference:

    G <grade> [rationale]   grade (a grade code such as I, or its rank: G1 is the most urgent grade)
    D [n]                   despatch the n-th suitable available unit offered (the first by default)
    S <call sign> ...       send the named units (several at once: all sent, or none)
    C <closing code> <result>   close (a code, a result, and a second Enter to confirm)
    N <text>                add a note
    ? or H                  the help overlay (handled by the page; never posted)

A verb and its first argument may be run together (G1, D2, SEK11 is not: call signs need a space).
The reference is the incident's number (0042, 42 or 0042/22NOV) and comes first; the incident page
supplies its own incident, so there it is optional."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REFERENCE = re.compile(r"^#?(\d{1,4})(?:/(\d{2}[A-Za-z]{3}))?$")
VERBS = {"G": "grade", "D": "despatch", "S": "send", "C": "close", "N": "note"}
HELP = ("?", "H", "HELP")


class CommandError(ValueError):
    """The line cannot be read: the message says what is expected."""


@dataclass(frozen=True)
class Command:
    verb: str  # grade, despatch, send, close, note
    reference: str = ""  # "0042" or "0042/22NOV" when given
    grade: str = ""
    rank: int | None = None  # G1: the grade of this urgency rank
    index: int = 1  # D2: the second unit offered
    call_signs: tuple[str, ...] = field(default_factory=tuple)
    code: str = ""
    text: str = ""


def parse(line: str) -> Command:
    """The command on one line, or CommandError saying what was expected."""
    words = (line or "").strip().split()
    if not words:
        raise CommandError("Type a command: G (grade), D (despatch), S (send), C (close), N (note); ? for help.")
    reference = ""
    match = REFERENCE.match(words[0])
    if match and len(words) > 1:
        number, day = match.groups()
        reference = f"{int(number):04d}" + (f"/{day.upper()}" if day else "")
        words = words[1:]
    head, rest = words[0], words[1:]
    if head.upper() in HELP:
        raise CommandError("Help is shown on the page: press ? outside the command line.")
    verb = VERBS.get(head[0].upper())
    if verb is None:
        raise CommandError(f"Unknown command {head!r}: use G, D, S, C or N (? for help).")
    attached = head[1:]
    if attached:
        rest = [attached, *rest]
    if verb == "grade":
        if not rest:
            raise CommandError("Say which grade: G I (or G1 for the most urgent grade), then the rationale.")
        grade, text = rest[0], " ".join(rest[1:])
        if grade.isdigit() and len(grade) == 1:
            # A digit is a code in a numbered grade set (Grade 1-5) and a rank in a lettered one
            # (Met I/S/E/R): the view resolves it against the active set.
            return Command(verb, reference, grade=grade.upper(), rank=int(grade), text=text)
        return Command(verb, reference, grade=grade.upper(), text=text)
    if verb == "despatch":
        if not rest:
            return Command(verb, reference)
        if len(rest) == 1 and rest[0].isdigit() and 1 <= int(rest[0]) <= 99:
            return Command(verb, reference, index=int(rest[0]))
        raise CommandError("D alone sends the first unit offered; D2 the second. To name a unit: S EK11.")
    if verb == "send":
        if not rest:
            raise CommandError("Name the unit to send: S EK11 (several: S EK11 EK12).")
        if len(rest) > 10:
            raise CommandError("Send at most 10 units in one command.")
        return Command(verb, reference, call_signs=tuple(dict.fromkeys(w.upper() for w in rest)))
    if verb == "close":
        if len(rest) < 2:
            raise CommandError("Close needs a closing code and the result: C no-trace Area searched, nothing found.")
        return Command(verb, reference, code=rest[0].lower(), text=" ".join(rest[1:]))
    if not rest:
        raise CommandError("Write the note after N: N Caller rang back.")
    return Command(verb, reference, text=" ".join(rest))


def resolve_grade(command: Command, grades: list[tuple[str, int]]) -> str | None:
    """The grade code a G command means in the active set of (code, rank): a code first, then a rank."""
    codes = {code.upper(): code for code, _ in grades}
    if command.grade in codes:
        return codes[command.grade]
    if command.rank is not None:
        return next((code for code, rank in grades if rank == command.rank), None)
    return None


def resolve_code(typed: str, codes: list[str]) -> str | None:
    """A closing code from what was typed: the exact code, else the one code it begins (no-t -> no-trace).
    An ambiguous beginning resolves to nothing, so a close is never made with a guessed code."""
    typed = typed.lower()
    if typed in codes:
        return typed
    starts = [c for c in codes if c.startswith(typed)]
    return starts[0] if len(starts) == 1 else None
