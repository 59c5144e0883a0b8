"""Pure gazetteer matching: how a typed location ("1 Camden High St", "NW1 7", "Euston") is read
and scored against addresses, streets and landmarks. No database: the index hands in `Entry` rows.

Reading a query: a leading house number ("1", "12a", "3-5"), a UK postcode or the start of one
(outward code "NW1", optionally the start of the inward code "NW1 7" / "NW17"), and the rest as
street or landmark words, with common abbreviations expanded (St -> street, Rd -> road).

Scoring: rapidfuzz WRatio on the normalised words, so typos and partial words still match; a
postcode prefix filters; a house number keeps only that number on the matching street (the street
itself stays as a fall-back when the number is unknown). Streets and landmarks rank just above the
addresses on them when the query has no number, so "Euston" offers the station and the road first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

ABBREVIATIONS = {
    "st": "street",
    "rd": "road",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "pl": "place",
    "sq": "square",
    "gdns": "gardens",
    "gdn": "garden",
    "cres": "crescent",
    "cresc": "crescent",
    "ct": "court",
    "dr": "drive",
    "tce": "terrace",
    "terr": "terrace",
    "hl": "hill",
    "pk": "park",
    "grn": "green",
    "mkt": "market",
    "stn": "station",
    "ch": "church",
    "nth": "north",
    "sth": "south",
    "gt": "great",
}
KIND_RANK = {"landmark": 0, "street": 1, "address": 2, "point": 3}
MIN_SCORE = 72.0  # below this a fuzzy hit is noise ("no match" is the honest answer)

_OUTWARD = re.compile(r"^[a-z]{1,2}\d[a-z\d]?$")
_INWARD_START = re.compile(r"^\d[a-z]{0,2}$")
_JOINED = re.compile(r"^([a-z]{1,2}\d[a-z\d]?)(\d[a-z]{0,2})$")  # "nw17jr" typed without the space
_NUMBER = re.compile(r"^\d{1,4}[a-z]?(?:-\d{1,4}[a-z]?)?$")
_NON_WORD = re.compile(r"[^a-z0-9\- ]+")


@dataclass(frozen=True)
class Entry:
    """One searchable place. `street` is the street an address is on (blank for others)."""

    id: int
    kind: str
    name: str
    number: str = ""
    street: str = ""
    postcode: str = ""
    district_id: int | None = None
    key: str = field(default="", compare=False)  # normalised name, filled by `entry()`


@dataclass(frozen=True)
class Query:
    number: str = ""
    postcode: str = ""  # upper case, no spaces; may be a prefix
    text: str = ""  # normalised street / landmark words


def normalise(text: str) -> str:
    """Lower case, punctuation dropped ("King's" -> "kings"), abbreviations expanded, one space."""
    words = _NON_WORD.sub(" ", (text or "").lower().replace("'", "").replace("&", " and ")).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def postcode_key(text: str) -> str:
    return re.sub(r"\s+", "", (text or "").upper())


def entry(id: int, kind: str, name: str, number="", street="", postcode="", district_id=None) -> Entry:
    base = name.split(",")[0] if kind == "address" else name
    return Entry(id, kind, name, number, normalise(street), postcode_key(postcode), district_id, normalise(base))


def parse(raw: str) -> Query:
    """Split a typed location into house number, postcode (or its start) and words."""
    words = normalise(raw).split()
    postcode = ""
    # A postcode is looked for at the end: "camden high street nw1 7", "nw1", "nw17jr".
    if len(words) >= 2 and _OUTWARD.match(words[-2]) and _INWARD_START.match(words[-1]) and _has_letter(words[-2]):
        postcode, words = (words[-2] + words[-1]).upper(), words[:-2]
    elif words and _has_letter(words[-1]) and (_OUTWARD.match(words[-1]) or _JOINED.match(words[-1])):
        if not (len(words) > 1 and words[-1] in ABBREVIATIONS.values()):
            postcode, words = words[-1].upper(), words[:-1]
    number = ""
    if words and _NUMBER.match(words[0]):
        number, words = words[0], words[1:]
    return Query(number=number, postcode=postcode, text=" ".join(words))


def _has_letter(word: str) -> bool:
    return word[:1].isalpha() and any(c.isdigit() for c in word)


def rank(raw: str, entries: Sequence[Entry], limit: int = 10) -> list[tuple[Entry, float]]:
    """Best matches first as (entry, score 0-100). Empty when nothing matches well enough."""
    query = parse(raw)
    pool: Iterable[Entry] = entries
    if query.postcode:
        pool = [e for e in pool if e.postcode.startswith(query.postcode)]
    if query.number:
        pool = [e for e in pool if e.kind != "address" or e.number.lower() == query.number]
    pool = list(pool)
    if not query.text:
        if not (query.postcode or query.number):
            return []
        if not query.postcode:  # a bare number is not a location
            return []
        found = sorted(pool, key=lambda e: (KIND_RANK.get(e.kind, 9), e.postcode, _house_order(e.number), e.name))
        return [(e, 100.0) for e in found[:limit]]
    keys = [e.street if (query.number and e.kind == "address") else e.key for e in pool]
    hits = process.extract(
        query.text,
        keys,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=max(limit * 20, 200),
        score_cutoff=MIN_SCORE,
    )
    scored = []
    for _, score, index in hits:
        found = pool[index]
        if query.number and found.kind != "address":
            score -= 5  # the street itself: offered after the exact house
        elif not query.number:
            score -= 2 * KIND_RANK.get(found.kind, 3)
        if found.key.startswith(query.text) or (found.street and found.street.startswith(query.text)):
            score += 3
        scored.append((found, score))
    scored.sort(key=lambda pair: (-pair[1], KIND_RANK.get(pair[0].kind, 9), _house_order(pair[0].number), pair[0].name))
    return [(e, round(min(s, 100.0), 1)) for e, s in scored[:limit]]


def _house_order(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number or "")
    return (int(digits.group()) if digits else 10**6, number or "")


def nearest(points: Iterable[tuple[int, float, float]], easting: float, northing: float) -> tuple[int, float] | None:
    """(id, metres) of the point nearest (easting, northing) among (id, easting, northing) rows."""
    best = None
    for pid, e, n in points:
        d = math.hypot(e - easting, n - northing)
        if best is None or d < best[1]:
            best = (pid, d)
    return best


def address_name(number: str, street: str, postcode: str) -> str:
    """The displayed address: "1 Camden High Street, NW1 7JE"."""
    text = f"{number} {street}".strip()
    return f"{text}, {postcode}" if postcode else text
