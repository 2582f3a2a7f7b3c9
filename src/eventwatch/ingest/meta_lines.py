"""Read article metadata off single lines of a pasted page.

Each function looks at one line (already stripped) and returns what it states,
or ``None``: a publication date (``"Apr 16th, 2013"``, ``"16 April 2013"``,
``"2013-04-16"``, ``"Updated 3:42 PM ET, Tue April 16, 2013"`` …), a byline
(``"By Jane Doe and John Roe"``, ``"By JANE DOE, Reuters"``, ``"Jane Doe | Staff
Writer"``), a bare author name, a job-title line, a syndication note
(``"First appeared in The Wall Street Journal."``), a news-agency dateline
(``"LONDON (Reuters) -"``), a copyright holder, and author bio / sign-off lines.

The month names, role words, agency names and words that are never names are
read from ``data/ingest/metadata_cues.tsv``.  ``eventwatch.ingest.pasted``
decides *which* lines to ask; nothing here knows about page layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from eventwatch.ingest._data import read_rows
from eventwatch.records import Author

__all__ = [
    "Byline",
    "MetadataCues",
    "agency_dateline",
    "copyright_holder",
    "cues",
    "date_in_line",
    "first_published_in",
    "is_bio_line",
    "is_date_line",
    "is_update_line",
    "looks_like_byline",
    "parse_byline",
    "person_name",
    "role_line",
]

_MAX_META_WORDS = 25


@dataclass(frozen=True, slots=True)
class MetadataCues:
    """The tables of ``metadata_cues.tsv``, indexed for lookup."""

    months: dict[str, int]
    roles: frozenset[str]
    agencies: dict[str, str]  # lower-case name -> name as written in the table
    not_names: frozenset[str]
    month_pattern: str


@lru_cache(maxsize=1)
def cues() -> MetadataCues:
    """Load ``metadata_cues.tsv`` once."""
    months: dict[str, int] = {}
    roles: set[str] = set()
    agencies: dict[str, str] = {}
    not_names: set[str] = set()
    for kind, value, extra in read_rows("metadata_cues.tsv", columns=3):
        if kind == "month" and extra.isdigit():
            months[value.lower()] = int(extra)
        elif kind == "role":
            roles.add(value.lower())
        elif kind == "agency":
            agencies[value.lower()] = value
        elif kind == "not_name":
            not_names.add(value.lower())
    names = sorted(months, key=len, reverse=True)
    month_pattern = "|".join(re.escape(name) for name in names) or "(?!)"
    return MetadataCues(
        months=months,
        roles=frozenset(roles),
        agencies=agencies,
        not_names=frozenset(not_names),
        month_pattern=month_pattern,
    )


@dataclass(frozen=True, slots=True)
class _DatePatterns:
    month_day_year: re.Pattern[str]
    day_month_year: re.Pattern[str]
    numeric: re.Pattern[str]
    dotted: re.Pattern[str]
    slashed: re.Pattern[str]


@lru_cache(maxsize=1)
def _date_patterns() -> _DatePatterns:
    month = cues().month_pattern
    return _DatePatterns(
        month_day_year=re.compile(
            rf"\b(?P<month>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
            re.IGNORECASE,
        ),
        day_month_year=re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month})\.?,?\s+(?P<year>\d{{4}})\b",
            re.IGNORECASE,
        ),
        numeric=re.compile(
            r"\b(?P<year>(?:19|20)\d{2})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b"
        ),
        dotted=re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b"),
        slashed=re.compile(r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d{2})\b"),
    )


def _make_date(year: str, month: str | int, day: str) -> date | None:
    month_number = month if isinstance(month, int) else cues().months.get(month.lower().rstrip("."))
    if month_number is None and isinstance(month, str) and month.isdigit():
        month_number = int(month)
    if month_number is None:
        return None
    try:
        found = date(int(year), month_number, int(day))
    except ValueError:
        return None
    if not 1900 <= found.year <= 2100:
        return None
    return found


def date_in_line(line: str) -> date | None:
    """The first calendar date written in ``line`` (month names or ISO/European digits)."""
    patterns = _date_patterns()
    found: list[tuple[int, date]] = []
    for pattern in (patterns.month_day_year, patterns.day_month_year, patterns.numeric):
        match = pattern.search(line)
        if match:
            value = _make_date(match["year"], match["month"], match["day"])
            if value is not None:
                found.append((match.start(), value))
    match = patterns.dotted.search(line)
    if match:
        value = _make_date(match["year"], int(match["month"]), match["day"])
        if value is not None:
            found.append((match.start(), value))
    match = patterns.slashed.search(line)
    if match:
        # 11/20/2019 is month first; 20/11/2019 can only be day first; when both
        # readings are possible the US order is assumed.
        first, second = int(match["first"]), int(match["second"])
        month, day = (second, first) if first > 12 else (first, second)
        value = _make_date(match["year"], month, str(day))
        if value is not None:
            found.append((match.start(), value))
    if not found:
        return None
    return min(found)[1]


_DATE_WORDS = re.compile(
    r"\b(?:published|posted|updated|last updated|modified|on|at|am|pm|a\.m\.|p\.m\.|"
    r"et|edt|est|gmt|utc|bst|cet|pt|pst|pdt|ct|cdt|min|mins|minute|minutes|read|"
    r"mon|tue|tues|wed|thu|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|hours?|ago|date|time|by)\b|\d+",
    re.IGNORECASE,
)


def is_date_line(line: str) -> bool:
    """True when ``line`` is a dateline of the page (a date and little else)."""
    if len(line.split()) > 14 or date_in_line(line) is None:
        return False
    rest = _DATE_WORDS.sub(" ", line)
    rest = re.sub(cues().month_pattern, " ", rest, flags=re.IGNORECASE)
    leftover = re.findall(r"[^\W\d_]{2,}", rest)
    return len(leftover) <= 2


_UPDATED = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)


def is_update_line(line: str) -> bool:
    """True when the date on ``line`` is an update stamp, not the publication date."""
    return bool(_UPDATED.match(line))


_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|[A-Z][A-Z'’\-]+|(?:de|da|van|von|der|den|la|le|bin|al|ibn|del|di|du)|"
    r"(?:Mc|Mac|O['’])[A-Z][a-z]+|[A-Z][a-z]+-[A-Z][a-z]+)$"
)
_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "la", "le", "bin", "al", "ibn", "del", "di", "du"}
)


def _nice_case(token: str) -> str:
    if token.isupper() and len(token) > 2 and not token.endswith("."):
        return (
            token.capitalize()
            if "-" not in token
            else "-".join(p.capitalize() for p in token.split("-"))
        )
    return token


def person_name(text: str) -> str | None:
    """``text`` as a person's name (2-5 name-shaped words), nicely cased, or ``None``."""
    tokens = text.strip().strip(",;:").split()
    if not 2 <= len(tokens) <= 5:
        return None
    table = cues()
    if tokens[0].lower() in _PARTICLES:
        return None
    for token in tokens:
        if not _NAME_TOKEN.match(token):
            return None
        bare = token.lower().strip(".")
        if bare in table.not_names or bare in table.roles or bare in table.months:
            return None
        if bare in table.agencies:
            return None
    if sum(1 for token in tokens if token.lower() not in _PARTICLES and len(token) > 2) < 2:
        return None
    return " ".join(_nice_case(token) for token in tokens)


def role_line(line: str) -> str | None:
    """``line`` when it reads as a job title (``"Senior Research Fellow, Northeast Asia"``)."""
    words = line.split()
    if not 1 <= len(words) <= 10 or line.rstrip().endswith((".", "?", "!", ":")):
        return None
    lowered = {word.strip(",;:()").lower() for word in words}
    if not lowered & cues().roles:
        return None
    capitalised = sum(1 for word in words if word[:1].isupper())
    if capitalised < len(words) / 2:
        return None
    return line.strip()


@dataclass(frozen=True, slots=True)
class Byline:
    """Authors (with roles where the byline gives them) and an agency it names."""

    authors: tuple[Author, ...]
    agency: str | None = None


_BY = re.compile(r"^\W{0,3}(?:written\s+)?by\s*[:\-]?\s+(?P<rest>.+)$", re.IGNORECASE)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\|)\s*", re.IGNORECASE)


def _agency(text: str) -> str | None:
    return cues().agencies.get(text.strip().strip(".,").lower())


def _authors_from(parts: list[str]) -> Byline | None:
    authors: list[Author] = []
    agency: str | None = None
    for part in parts:
        cleaned = part.strip()
        if not cleaned:
            continue
        found_agency = _agency(cleaned)
        if found_agency is not None:
            agency = agency or found_agency
            continue
        name = person_name(cleaned)
        if name is not None:
            authors.append(Author(name=name, role=None))
            continue
        role = role_line(cleaned)
        if role is not None and authors and authors[-1].role is None:
            authors[-1] = Author(name=authors[-1].name, role=role)
            continue
        return None
    if not authors and agency is None:
        return None
    return Byline(authors=tuple(authors), agency=agency)


def _strip_date(text: str) -> str:
    """``text`` without a trailing date / time stamp (bylines often end with one)."""
    patterns = _date_patterns()
    for pattern in (patterns.month_day_year, patterns.day_month_year, patterns.numeric):
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    text = re.sub(r"\b(?:updated|published|posted|on)\s*:?\s*$", "", text, flags=re.IGNORECASE)
    return text.strip(" ,;|-–—:")


def looks_like_byline(line: str) -> bool:
    """True for a short "By …" line even when it names no person ("By Staff")."""
    return len(line.split()) <= 10 and bool(_BY.match(line)) and not line.endswith((".", "?", "!"))


def parse_byline(line: str) -> Byline | None:
    """Authors named by a byline line, or ``None`` when ``line`` is not a byline."""
    if len(line.split()) > _MAX_META_WORDS:
        return None
    match = _BY.match(line)
    if match:
        rest = _strip_date(match["rest"])
        return _authors_from(_SPLIT_NAMES.split(rest))
    if "|" in line:
        # "Jane Doe | Staff Writer"
        name_part, _, role_part = line.partition("|")
        name = person_name(name_part)
        role = role_line(role_part.strip())
        if name is not None and role is not None:
            return Byline(authors=(Author(name=name, role=role),))
        return None
    if "," in line:
        # "Jane Doe, Staff Writer"
        name_part, _, role_part = line.partition(",")
        name = person_name(name_part)
        role = role_line(role_part.strip())
        if name is not None and role is not None:
            return Byline(authors=(Author(name=name, role=role),))
    return None


_FIRST_PUBLISHED = re.compile(
    r"(?:^|\b)(?:this\s+(?:article|piece|op-?ed|column|essay|commentary|story|post)\s+)?"
    r"(?:was\s+|is\s+)?(?:first|originally)\s+(?:appeared|published|ran|posted|printed|run)"
    r"(?:\s+(?:in|at|on|by))?\s+(?P<outlet>[^.!?]+)",
    re.IGNORECASE,
)
_VERSION_APPEARED = re.compile(
    r"^an?\s+version\s+of\s+this\s+[\w-]+\s+(?:first\s+|originally\s+)?"
    r"(?:appeared|was published|ran)\s+(?:in|on|at)\s+(?P<outlet>[^.!?]+)",
    re.IGNORECASE,
)
_REPUBLISHED = re.compile(
    r"\b(?:re-?published|reprinted|re-?posted)\s+(?:here\s+)?"
    r"(?:from|with permission (?:from|of))\s+(?P<outlet>[^.!?]+?)(?:\s+under\b|\s+with\b|$|[.!?])",
    re.IGNORECASE,
)


def _clean_outlet(text: str) -> str | None:
    outlet = re.split(r"\s+(?:on|dated)\s+(?=\w+\s+\d|\d)", text, maxsplit=1)[0]
    outlet = re.split(r",\s*(?=\w+\.?\s+\d{1,2}\b|\d)", outlet, maxsplit=1)[0]
    outlet = _strip_date(outlet)
    outlet = outlet.strip(" \"'“”‘’()[]")
    words = outlet.split()
    if not 1 <= len(words) <= 8 or not outlet[:1].isupper():
        return None
    return outlet


def first_published_in(line: str) -> str | None:
    """The outlet a syndication note names (``"First appeared in X."`` -> ``"X"``)."""
    if len(line.split()) > 30:
        return None
    for pattern in (_VERSION_APPEARED, _FIRST_PUBLISHED, _REPUBLISHED):
        match = pattern.search(line)
        if match:
            outlet = _clean_outlet(match["outlet"])
            if outlet is not None:
                return outlet
    return None


_DATELINE = re.compile(r"^[^()]{0,60}?\((?P<agency>[A-Za-z][A-Za-z .\-]{0,30})\)\s*[-–—:]")


def agency_dateline(line: str) -> str | None:
    """The agency of a dateline opening ``line`` (``"LONDON (Reuters) - …"`` -> ``"Reuters"``)."""
    match = _DATELINE.match(line)
    if not match:
        return None
    return _agency(match["agency"])


_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<holder>[A-Z][\w&'’.\- ]{1,60}?)\s*(?:[.,|]|\ball rights\b|$)",
    re.IGNORECASE,
)


def copyright_holder(line: str) -> str | None:
    """The holder a copyright line names (``"© 2019 Example News Ltd."``)."""
    if len(line.split()) > 20:
        return None
    match = _COPYRIGHT.search(line)
    if not match:
        return None
    holder = match["holder"].strip()
    if not holder[:1].isupper() or holder.lower().startswith(("all rights", "copyright")):
        return None
    return holder


_HONORIFIC = r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Sir|Dame)\.?\s+)"
_BIO_VERBS = (
    r"(?:is|was|specializes|specialises|writes|wrote|served|serves|teaches|taught|covers|"
    r"has\s+been|heads|leads|directs|holds|works|joined|edits|reports)"
)
_SIGNOFF = re.compile(
    rf"^[-–—*_]+\s*{_HONORIFIC}?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){{0,3}},?\s+{_BIO_VERBS}\b"
)


def is_bio_line(line: str, *, surnames: frozenset[str]) -> bool:
    """True when ``line`` is an author bio or sign-off rather than article text.

    ``"-Mr. Klingner is senior research fellow at …"`` is one whatever the author;
    ``"Bruce Klingner specializes in …"`` is one when its subject is a known author
    (``surnames`` holds the lower-cased surnames of the page's authors).
    """
    if len(line.split()) > 60:
        return False
    if _SIGNOFF.match(line):
        return True
    if not surnames:
        return False
    match = re.match(
        rf"^[-–—*_]*\s*{_HONORIFIC}?((?:[A-Z][\w'’\-]+\s+){{0,3}}[A-Z][\w'’\-]+),?\s+{_BIO_VERBS}\b",
        line,
    )
    return bool(match and match.group(1).split()[-1].lower() in surnames)
