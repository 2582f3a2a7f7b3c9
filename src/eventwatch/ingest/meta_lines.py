"""Read article metadata off single lines of a pasted page.

Each function looks at one line (already stripped) and returns what it states,
or ``None``: a publication date (``"Apr 16th, 2013"``, ``"16 April 2013"``,
``"2013-04-16T09:00Z"``, ``"11/19/19"``, ``"Updated 3:42 PM ET, Tue April 16,
2013"``, ``"25. September 2018"`` …), a byline (``"By Jane Doe and John Roe"``,
``"By JANE DOE, Reuters"``, ``"Jane Doe | Staff Writer"``, ``"Posted by Jane Doe
on …"``, ``"Nov 18, 2019 7:45 am by Jane Doe"``, ``"Jane Doe - Nov 19, 2019"``,
``"By Jane Doe - Staff Writer"``, ``"Von Jane Doe"``), a bare author name, a
job-title line, a syndication note
(``"First appeared in The Wall Street Journal."``), a news-agency dateline
(``"LONDON (Reuters) -"``), a copyright holder, author bio / sign-off lines, and
the time stamps of comments and teasers (``"3 hours ago"``, ``"Jo on May 2 said:"``).

The month names, role words, agency names, words that are never names, the
words a dateline may hold, the words that introduce a byline and the patterns
of comment time stamps are read from ``data/ingest/metadata_cues.tsv``.
``eventwatch.ingest.pasted`` decides *which* lines to ask; nothing here knows
about page layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from eventwatch.ingest._data import read_rows
from eventwatch.ingest.language import languages, stopwords
from eventwatch.records import Author

__all__ = [
    "Byline",
    "MetadataCues",
    "agency_dateline",
    "bare_name",
    "bio_roles",
    "clean_publisher",
    "copyright_holder",
    "credit_label",
    "cues",
    "date_in_line",
    "first_published_in",
    "is_agency",
    "is_bio_line",
    "is_date_line",
    "is_signoff",
    "is_stamp",
    "is_update_line",
    "looks_like_byline",
    "parse_byline",
    "person_name",
    "role_line",
    "split_author_field",
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
    stamps: tuple[re.Pattern[str], ...]
    date_words: frozenset[str]
    by_words: frozenset[str]
    journalist_roles: frozenset[str]
    given_names: frozenset[str] = frozenset()  # particles that are given names ("Al")
    credits: dict[str, str | None] = field(default_factory=dict)  # label -> genre
    author_links: tuple[str, ...] = ()  # lower-case, longest first
    author_labels: frozenset[str] = frozenset()
    collective: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cues() -> MetadataCues:
    """Load ``metadata_cues.tsv`` once."""
    months: dict[str, int] = {}
    roles: set[str] = set()
    agencies: dict[str, str] = {}
    not_names: set[str] = set()
    stamps: list[re.Pattern[str]] = []
    date_words: set[str] = set()
    by_words: set[str] = set()
    journalist_roles: set[str] = set()
    given_names: set[str] = set()
    credits: dict[str, str | None] = {}
    author_links: set[str] = set()
    author_labels: set[str] = set()
    collective: set[str] = set()
    for kind, value, extra in read_rows("metadata_cues.tsv", columns=3):
        if kind == "month" and extra.isdigit():
            months[value.lower()] = int(extra)
        elif kind == "role":
            roles.add(value.lower())
        elif kind == "agency":
            agencies[value.lower()] = value
        elif kind == "not_name":
            not_names.add(value.lower())
        elif kind == "date_word":
            date_words.add(value.lower())
        elif kind == "by":
            by_words.add(value.lower())
        elif kind == "journalist":
            journalist_roles.add(value.lower())
        elif kind == "given_name":
            given_names.add(value.lower())
        elif kind == "credit":
            credits[value.lower()] = None if extra in {"", "-"} else extra.lower()
        elif kind == "collective":
            collective.add(value.lower())
        elif kind == "author_label":
            author_labels.add(" ".join(value.lower().split()))
        elif kind == "author_link":
            author_links.add(" ".join(value.lower().split()))
        elif kind == "stamp":
            try:
                stamps.append(re.compile(value, re.IGNORECASE))
            except re.error:
                continue
    names = sorted(months, key=len, reverse=True)
    month_pattern = "|".join(re.escape(name) for name in names) or "(?!)"
    return MetadataCues(
        months=months,
        roles=frozenset(roles),
        agencies=agencies,
        not_names=frozenset(not_names),
        month_pattern=month_pattern,
        stamps=tuple(stamps),
        date_words=frozenset(date_words),
        by_words=frozenset(by_words or {"by"}),
        journalist_roles=frozenset(journalist_roles),
        given_names=frozenset(given_names),
        credits=credits,
        author_links=tuple(sorted(author_links, key=len, reverse=True)),
        author_labels=frozenset(author_labels),
        collective=frozenset(collective),
    )


@dataclass(frozen=True, slots=True)
class _DatePatterns:
    month_day_year: re.Pattern[str]
    day_month_year: re.Pattern[str]
    numeric: re.Pattern[str]
    dotted: re.Pattern[str]
    slashed: re.Pattern[str]
    month_day: re.Pattern[str]  # a month and a day, no year


@lru_cache(maxsize=1)
def _date_patterns() -> _DatePatterns:
    month = cues().month_pattern
    year = r"(?P<year>\d{4})(?:\b|(?=T\d|\d{1,2}:))"  # "2019", "2019-11-18T20:51", "20195:45"
    return _DatePatterns(
        month_day_year=re.compile(
            rf"\b(?P<month>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{year}",
            re.IGNORECASE,
        ),
        day_month_year=re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?(?P<month>{month})\.?,?\s+(?:de\s+)?{year}",
            re.IGNORECASE,
        ),
        numeric=re.compile(
            r"\b(?P<year>(?:19|20)\d{2})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:\b|(?=T\d))"
        ),
        dotted=re.compile(
            r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})(?!\d{3})"
        ),
        slashed=re.compile(
            r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d{2}|\d{2})(?![\d/])"
        ),
        month_day=re.compile(
            rf"\b(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?:{month})\b",
            re.IGNORECASE,
        ),
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


_CENTURY_PIVOT = 70  # two-digit years below this are read as 20xx


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
        # 19.11.2019 is day first; 11.19.2019 (a US site) can only be month first.
        day, month = int(match["day"]), int(match["month"])
        if month > 12 >= day:
            day, month = month, day
        value = _make_date(match["year"], month, str(day))
        if value is not None:
            found.append((match.start(), value))
    match = patterns.slashed.search(line)
    if match:
        # 11/20/2019 is month first; 20/11/2019 can only be day first; when both
        # readings are possible the US order is assumed.
        first, second = int(match["first"]), int(match["second"])
        month, day = (second, first) if first > 12 else (first, second)
        year = match["year"]
        if len(year) == 2:  # "11/19/19"
            year = f"{2000 + int(year) if int(year) < _CENTURY_PIVOT else 1900 + int(year)}"
        value = _make_date(year, month, str(day))
        if value is not None:
            found.append((match.start(), value))
    if not found:
        return None
    return min(found)[1]


@lru_cache(maxsize=1)
def _date_words() -> re.Pattern[str]:
    """Words a dateline may hold besides the date (``date_word`` rows of the cue file)."""
    words = sorted(cues().date_words, key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)|\d+", re.IGNORECASE)


_DATE_LINE_WORDS = 18
_DATE_FIRST = re.compile(r"^\W{0,3}(?P<date>.{6,30}?)\s*[/|·•]")


def is_date_line(line: str) -> bool:
    """True when ``line`` is a dateline of the page (a date and little else).

    The date may lack its year (``"Updated Nov 19, 6:55 AM"``); ``date_in_line``
    then finds nothing to return, but the line is still the page's time stamp.
    """
    if len(line.split()) > _DATE_LINE_WORDS:
        return False
    if date_in_line(line) is None and not _date_patterns().month_day.search(line):
        return False
    first = _DATE_FIRST.match(line)
    if first and date_in_line(first["date"]) is not None and _only_date(first["date"]):
        return True  # "October 12, 2018 / 0 Comments / in News / by admin"
    return _only_date(line)


def _only_date(line: str) -> bool:
    rest = _date_words().sub(" ", line)
    rest = re.sub(cues().month_pattern, " ", rest, flags=re.IGNORECASE)
    leftover = re.findall(r"[^\W\d_]{2,}", rest)
    return len(leftover) <= 2


_MAX_STAMP_WORDS = 15


def is_stamp(line: str) -> bool:
    """True for the time stamp of a comment or teaser ("3 hours ago", "Jo on May 2 said:")."""
    if len(line.split()) > _MAX_STAMP_WORDS or line.rstrip().endswith((".", "!", "?")):
        return False  # "The pier was built 120 years ago." is a sentence
    return any(pattern.search(line) for pattern in cues().stamps)


_UPDATED = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)


def is_update_line(line: str) -> bool:
    """True when the date on ``line`` is an update stamp, not the publication date."""
    return bool(_UPDATED.match(line))


_NAME_PUNCTUATION = frozenset("'’-.")
_INITIAL = re.compile(r"^[^\W\d_]\.$")


def _name_token(token: str) -> bool:
    """A word that can be part of a name: "Jane", "DOE", "O'Brien", "LaMotte", "J.", "Ерофеева"."""
    if token in _PARTICLES or (_INITIAL.match(token) and token[0].isupper()):
        return True
    if not token[:1].isupper() or (not token[-1:].isalpha() and token[-1:] != "."):
        return False
    if not all(char.isalpha() or char in _NAME_PUNCTUATION for char in token):
        return False
    inner_capitals = sum(1 for char in token[1:] if char.isupper())
    return token.isupper() or inner_capitals <= 2


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


def _given_particle(token: str) -> bool:
    """A capitalised particle that is also a given name ("Al Root", "Van Jones")."""
    return token[:1].isupper() and token.lower() in cues().given_names


def person_name(text: str) -> str | None:
    """``text`` as a person's name (2-5 name-shaped words), nicely cased, or ``None``."""
    tokens = text.strip().strip(",;:").split()
    if not 2 <= len(tokens) <= 5:
        return None
    table = cues()
    if tokens[0].lower() in _PARTICLES and not _given_particle(tokens[0]):
        return None
    for token in tokens:
        if not _name_token(token):
            return None
        bare = token.lower().strip(".")
        if bare in table.not_names or bare in table.roles or bare in table.months:
            return None
        if "-" in bare and set(bare.split("-")) & table.roles:
            return None  # "Editor-at-large"
        if len(bare) > 3 and bare in table.date_words:  # "Friday", "Updated"
            return None
        if bare in table.agencies:
            return None
    # Two real name words ("Ed Cara" and "Al Root" count; "J. Doe" does not).
    long_words = [
        t
        for t in tokens
        if (t.lower() not in _PARTICLES or _given_particle(t)) and len(t.strip(".")) >= 2
    ]
    if len(long_words) < 2 or max(len(t) for t in long_words) <= 2:
        return None
    if " ".join(tokens).lower() in table.agencies:  # "Associated Press"
        return None
    return " ".join(_nice_case(token) for token in tokens)


def bare_name(line: str) -> str | None:
    """A line that is only a person's name, perhaps with a handle (``"Jo Roe @jroe"``)
    or an author box's link (``"Jo RoeView More Articles"``)."""
    return person_name(_HANDLE.sub(" ", strip_author_link(line)).strip(" |/·•-–—"))


def strip_author_link(line: str) -> str:
    """``line`` without a trailing author-box link (``author_link`` rows), glued or not."""
    lowered = line.rstrip().lower()
    for link in cues().author_links:
        if lowered.endswith(link) and len(lowered) > len(link):
            head = line.rstrip()[: len(lowered) - len(link)]
            if head[-1:].isspace() or head[-1:] in "|·•-–—" or head[-1:].islower():
                return head.rstrip(" |·•-–—")
    return line


def is_label_of_other_than_author(line: str) -> bool:
    """A label line ending in ":" that does not introduce the author ("Related Tags:",
    "Topics:"; but not "Author:", "By:", "Written by:")."""
    text = line.strip()
    if not text.endswith(":"):
        return False
    label = " ".join(text.rstrip(":").lower().split())
    table = cues()
    last = label.split()[-1] if label else ""
    return label not in table.author_labels and last not in table.by_words


def handle_byline(line: str) -> str | None:
    """``"Jo Roe @jroe / 2 days"``: the name a handle follows, whatever comes after it."""
    match = _HANDLE.search(line) if line[:1].isalnum() else None  # "— Jo Roe (@jroe)" quotes
    if match is None or "@" not in match.group():
        return None
    return person_name(line[: match.start()].strip(" |/·•-–—,("))


def role_line(line: str) -> str | None:
    """``line`` when it reads as a job title (``"Senior Research Fellow, Northeast Asia"``)."""
    words = line.split()
    if not 1 <= len(words) <= 10 or line.rstrip().endswith((".", "?", "!", ":")):
        return None
    lowered = {part for word in words for part in word.strip(",;:()").lower().split("-")}
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
_SEGMENTS = re.compile(r"\s+[-–—/|·•]+\s+|\s*[|·•]\s*")
_GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])")
# An e-mail address or a handle.  The address may only start where a run of
# address characters starts (the look-behind): otherwise every position of a
# long word would be tried and rescanned, which is quadratic (issue 14 item 5).
_HANDLE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|@\w+")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|[A-Z][a-z]?\.?[A-Z][a-z]?\.?|Ph\.?D\.?|M\.?D\.?)$")


@lru_cache(maxsize=1)
def _by_words() -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in sorted(cues().by_words, key=len, reverse=True))
    return re.compile(
        rf"(?<!\w)(?:(?:written|posted|reported|text|words|story)\s+)?(?:{words})\s*[:\-]?\s+(?=\S)",
        re.IGNORECASE,
    )


def _agency(text: str) -> str | None:
    return cues().agencies.get(text.strip().strip(".,").lower())


def is_agency(text: str) -> bool:
    """True when ``text`` names a news agency ("AFP", "The Associated Press")."""
    bare = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return _agency(bare) is not None


def _leftover(text: str) -> list[str]:
    """The words of ``text`` that are neither date, time, month nor date words."""
    rest = _date_words().sub(" ", text)
    rest = re.sub(rf"\b(?:{cues().month_pattern})\b\.?", " ", rest, flags=re.IGNORECASE)
    return re.findall(r"[^\W\d_]{2,}", rest)


def _name_with_role(part: str) -> Author | None:
    """``"Jane Doe Staff Writer"`` (or ``"Jane DoeStaff Writer"``) as a name with a role."""
    for text in (_GLUED.sub(" ", part, count=1), part):
        tokens = text.split()
        for cut in range(len(tokens) - 1, 1, -1):
            name = person_name(" ".join(tokens[:cut]))
            if name is None:
                continue
            role = role_line(" ".join(tokens[cut:]))
            if role is not None:
                return Author(name=name, role=role)
    return None


def _authors_from(parts: list[str], *, lenient: bool = False) -> Byline | None:
    """Authors named by ``parts``; ``lenient`` stops at the first part that names nobody
    (an outlet or a credential after the names) instead of rejecting the line."""
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
        if (
            name is not None
            and lenient
            and part is parts[-1]
            and authors
            and len(cleaned.split()) > 3
        ):
            # "… and Trevor J. Mitchell Westmere Gazette": a name with an initial
            # has three words; capitalised words after them are an outlet.
            name = _name_before_outlet(cleaned) or name
        if name is not None:
            authors.append(Author(name=name, role=None))
            continue
        role = role_line(cleaned)
        if role is not None and authors and authors[-1].role is None:
            authors[-1] = Author(name=authors[-1].name, role=role)
            continue
        with_role = _name_with_role(cleaned)
        if with_role is not None:
            authors.append(with_role)
            continue
        if lenient and (authors or agency):
            ahead = _name_before_outlet(cleaned) if part is parts[-1] else None
            if ahead is not None:  # "… and Trevor J. Mitchell Sioux Falls Argus Leader"
                authors.append(Author(name=ahead, role=None))
            break
        return None
    if not authors and agency is None:
        return None
    return Byline(authors=tuple(authors), agency=agency)


def is_collective_credit(text: str) -> bool:
    """``"Gazette Editorial Staff"``, ``"News Nation Bureau"``: an outlet's desk, no person.

    The credit ends in ``collective`` words (at least one of them "staff",
    "desk", "bureau" … rather than only "news" or "editorial") after at least
    one other word, and holds no joined second name.
    """
    if re.search(r"[,;|/·•]|\s[-–—]\s", text):
        return False  # "Eric Song, IGN Staff": a name and its role
    words = [word.lower() for word in re.findall(r"[^\W\d_]+", text)]
    table = cues()
    tail = 0
    while tail < len(words) and words[len(words) - 1 - tail] in table.collective:
        tail += 1
    qualifiers = {"news", "editorial", "wire", "web", "digital", "online"}
    core = set(words[len(words) - tail :]) - qualifiers
    return 0 < tail < len(words) and bool(core) and "and" not in words


def _name_before_outlet(text: str) -> str | None:
    """The name opening ``text`` when an outlet runs on from it without a separator:
    two words, or three with a middle initial ("Trevor J. Mitchell Sioux Falls …")."""
    tokens = text.split()
    size = 3 if len(tokens) > 3 and _INITIAL.match(tokens[1]) else 2
    rest = tokens[size:]
    if not rest or not all(token[:1].isupper() for token in rest):
        return None
    # A title-cased headline runs on with function words ("Kate Henshaw Is
    # Looking Stunning In New Photos"); an outlet's name holds none but "The",
    # "of", "and" or a particle ("The Times of India").
    if not outlet_words(" ".join(rest)):
        return None
    return person_name(" ".join(tokens[:size]))


def outlet_words(text: str) -> bool:
    """Whether the words of ``text`` can name an outlet: no function words but
    "The", "of", "and" or a name particle."""
    words = [word.lower() for word in re.findall(r"[^\W\d_]+", text)]
    function_words = _function_words()
    return not any(word in function_words and word not in _OUTLET_JOINERS for word in words)


_OUTLET_JOINERS = _PARTICLES | {"of", "and", "the"}


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """The function words of every language with a word list."""
    return frozenset(word for code in languages() for word in stopwords(code))


def _cut_date(text: str) -> str:
    """``text`` up to the first date, time stamp or "on <date>" (bylines often end so)."""
    patterns = _date_patterns()
    cut = len(text)
    for pattern in (
        patterns.month_day_year,
        patterns.day_month_year,
        patterns.numeric,
        patterns.dotted,
        patterns.slashed,
        patterns.month_day,
        _TIME,
    ):
        match = pattern.search(text)
        if match:
            cut = min(cut, match.start())
    text = text[:cut]
    while True:
        stripped = re.sub(r"[\s,;|\-–—:/]+$", "", text)
        words = stripped.split()
        if not words or _date_words().fullmatch(words[-1]) is None:
            return stripped
        text = stripped[: stripped.rfind(words[-1])]


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)


def _strip_date(text: str) -> str:
    """``text`` without a trailing date / time stamp (bylines often end with one)."""
    return _cut_date(text).strip(" ,;|-–—:")


def looks_like_byline(line: str) -> bool:
    """True for a short "By …" line even when it names no person ("By Staff")."""
    return len(line.split()) <= 10 and bool(_BY.match(line)) and not line.endswith((".", "?", "!"))


def _after_by(line: str) -> str | None:
    """What follows "By" in ``line``, when only a date or nothing precedes it.

    ``"By Jane Doe"``, ``"Posted by Jane Doe on …"``, ``"Nov 18, 2019 7:45 am by Jane Doe"``.
    """
    for match in _by_words().finditer(line):
        before = line[: match.start()]
        if _leftover(before) and _credit(before) is None:
            continue  # "Analysis by Jo Roe" passes: a credit label
        return line[match.end() :]
    return None


def _names_in(rest: str) -> Byline | None:
    """Authors in the text after "By": names, then perhaps roles, an agency, an outlet."""
    segments = [segment for segment in _SEGMENTS.split(_HANDLE.sub(" ", rest)) if segment]
    if not segments:
        return None
    first = _strip_date(segments[0])
    parts = _SPLIT_NAMES.split(first)
    if is_collective_credit(parts[0]):
        # "By Gazette Editorial Staff, Reuters": a desk, no person; the wire stays.
        wires = [_agency(part) for part in [*parts[1:], *segments[1:]]]
        return Byline(authors=(), agency=next((wire for wire in wires if wire), None))
    byline = _authors_from(parts, lenient=True)
    if byline is None:
        byline = _leading_name(first)
    if byline is None or not byline.authors:
        return byline
    authors = list(byline.authors)
    agency = byline.agency
    for segment in segments[1:]:  # "… - Staff Writer", "… | Reuters"
        cleaned = _strip_date(segment)
        role = role_line(cleaned) if cleaned else None
        if role is not None and authors[-1].role is None:
            authors[-1] = Author(name=authors[-1].name, role=role)
        elif cleaned and _agency(cleaned) is not None:
            agency = agency or _agency(cleaned)
        break
    return Byline(authors=tuple(authors), agency=agency)


def _leading_name(text: str) -> Byline | None:
    """The name that opens ``text`` after "By" when junk follows it ("By Jo Roe (509) 555")."""
    tokens = text.split()
    for size in range(min(4, len(tokens) - 1), 1, -1):
        name = person_name(" ".join(tokens[:size]))
        if name is not None:
            agency = _agency(" ".join(tokens[size:]))
            return Byline(authors=(Author(name=name, role=None),), agency=agency)
    return None


def _date_span(line: str) -> tuple[int, int] | None:
    """Where the first full date of ``line`` (with a time right after it) is written."""
    patterns = _date_patterns()
    spans = [
        match.span()
        for pattern in (
            patterns.month_day_year,
            patterns.day_month_year,
            patterns.numeric,
            patterns.dotted,
            patterns.slashed,
        )
        if (match := pattern.search(line)) is not None
    ]
    if not spans:
        return None
    start, end = min(spans)
    time = _TIME.match(line, end + 1) if end < len(line) else None
    return start, time.end() if time is not None else end


def name_by_date(line: str) -> str | None:
    """The name written right next to the date of ``line``, whatever else the line holds.

    ``"Carlos Nadalim 27/09/2018 Comente! Alfabetização, Música"`` and
    ``"21/06/2014 Tony Carter All, Books, Kit Reviews"`` (a byline with the
    post's categories): the name ends where the date starts, or starts where
    it ends.  The caller decides where such a line may stand (below a headline).
    """
    if len(line.split()) > _MAX_META_WORDS or not line[:1].isalnum():
        return None
    span = _date_span(line)
    if span is None:
        return None
    before = _HANDLE.sub(" ", line[: span[0]]).strip(" ,;|/·•-–—(")
    after = _HANDLE.sub(" ", line[span[1] :]).strip(" ,;|/·•-–—)")
    if before:
        rest = _after_by(before)
        return person_name(rest if rest is not None else before)
    found = _leading_name(after)
    return found.authors[0].name if found is not None and found.authors else None


def _dated_name(line: str) -> Byline | None:
    """``"Jane Doe - Nov 19, 2019, 10:31 pm"`` or ``"2019-11-20 Jane Doe"``: a name and a date.

    A line opening with a dash ("— Jane Doe (@jdoe) November 20, 2019") signs a
    quoted post, not the article.
    """
    if not line[:1].isalnum() or date_in_line(line) is None:
        return None
    patterns = _date_patterns()
    rest = _HANDLE.sub(" ", line)
    for pattern in (
        patterns.month_day_year,
        patterns.day_month_year,
        patterns.numeric,
        patterns.dotted,
        patterns.slashed,
        _TIME,
    ):
        rest = pattern.sub(" ", rest)
    rest = _date_words().sub(" ", rest)
    parts = [part for part in re.split(r"\s*[,|/·•–—]\s*|\s+-\s+", rest) if part.strip()]
    if not parts:
        return None
    name = person_name(parts[0])
    if name is None:
        return None
    for extra in parts[1:]:  # "Jane Doe, MS, RD on …"
        if not (_CREDENTIAL.match(extra.strip()) or _agency(extra) or role_line(extra.strip())):
            return None
    return Byline(authors=(Author(name=name, role=None),))


def _with_agency(line: str) -> Byline | None:
    """``"Jane Doe Associated Press"``: a name followed by a news agency."""
    lowered = line.lower().rstrip(" .,")
    for key, agency in cues().agencies.items():
        if lowered.endswith(" " + key):
            name = person_name(line[: len(line) - len(key) - 1].rstrip(" ,-|"))
            if name is not None:
                return Byline(authors=(Author(name=name, role=None),), agency=agency)
    return None


def parse_byline(line: str) -> Byline | None:
    """Authors named by a byline line, or ``None`` when ``line`` is not a byline."""
    if len(line.split()) > _MAX_META_WORDS:
        return None
    line = _GLUED_BY.sub("By ", line)  # "ByJane Doe"
    rest = _after_by(line)
    if rest is not None:
        return _names_in(rest)
    if "|" in line:
        # "Jane Doe | Staff Writer"
        name_part, _, role_part = line.partition("|")
        name = person_name(name_part)
        role = role_line(role_part.strip())
        if name is not None and role is not None:
            return Byline(authors=(Author(name=name, role=role),))
    if "," in line:
        # "Jane Doe, Staff Writer"
        name_part, _, role_part = line.partition(",")
        name = person_name(name_part)
        role = role_line(role_part.strip())
        if name is not None and role is not None:
            return Byline(authors=(Author(name=name, role=role),))
    return _dated_name(line) or _with_agency(line)


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
_MAX_BIO_WORDS = 60
_BIO_ROLE_WORDS = 25  # a bio names the role early
_HONORIFIC_BIO = re.compile(
    rf"^[-–—*_]*\s*{_HONORIFIC}[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){{0,3}},?\s+{_BIO_VERBS}\b"
)
_NAMED_BIO = re.compile(
    rf"^[-–—*_]*\s*{_HONORIFIC}?((?:[A-Z][\w'’\-]+\s+){{0,3}}[A-Z][\w'’\-]+),?\s+{_BIO_VERBS}\b"
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
    if len(line.split()) > _MAX_BIO_WORDS:
        return False
    if _SIGNOFF.match(line):
        return True
    if _HONORIFIC_BIO.match(line) and bio_roles(line):
        return True  # "Mr. Doe is a senior fellow at …"
    if not surnames:
        return False
    match = _NAMED_BIO.match(line)
    return bool(match and match.group(1).split()[-1].lower() in surnames)


def is_signoff(line: str) -> bool:
    """True for an op-ed sign-off: ``"-Mr. Doe is …"``, or a bio naming an outside role.

    A bio that calls the author a fellow, professor, director or minister marks a
    contributed piece; one that calls them a reporter or staff writer does not
    (see the ``journalist`` rows of ``metadata_cues.tsv``).
    """
    if len(line.split()) > _MAX_BIO_WORDS:
        return False
    if _SIGNOFF.match(line):
        return True
    return bool(bio_roles(line) - cues().journalist_roles)


def bio_roles(line: str) -> frozenset[str]:
    """The job-title words a bio line gives its subject (``{"fellow", "senior"}``)."""
    words = {word.strip(",;:.()").lower() for word in line.split()[:_BIO_ROLE_WORDS]}
    return frozenset(words & cues().roles)


_FIELD_SPLIT = re.compile(r"\s*(?:;|\band\b|&|\n)\s*")
_BIO_CUT = re.compile(r"\s+(?:is|was|has been)\s+(?:an?|the)\s.*$", re.IGNORECASE)
_CREDIT_TEXT = re.compile(r"^\W{0,3}(?P<label>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s*$")
_CREDIT_OPENING = re.compile(r"^\W{0,3}(?P<label>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+by\s+\S", re.I)


def _credit(text: str) -> str | None:
    """The credit label ``text`` is ("Analysis", "Story"), lower-case, or ``None``."""
    match = _CREDIT_TEXT.match(text)
    if match is None:
        return None
    label = " ".join(match["label"].lower().split())
    return label if label in cues().credits else None


def _drop_credit(text: str) -> str:
    """``"Analysis by Jo Roe"`` -> ``"Jo Roe"``; other text unchanged."""
    match = _CREDIT_OPENING.match(text)
    if match is None or _credit(match["label"]) is None:
        return text
    return text[match.end() - 1 :]


def credit_label(line: str) -> str | None:
    """``"analysis"`` or ``"opinion"`` for a byline that names its genre ("Analysis by Jo Roe")."""
    if len(line.split()) > _MAX_META_WORDS:
        return None
    match = _CREDIT_OPENING.match(line)
    if match is None:
        return None
    label = _credit(match["label"])
    return cues().credits.get(label) if label is not None else None


_NOT_AUTHOR = re.compile(r"https?\b|\bwww\b|[/@\d]|\.(?:com|org|net)\b", re.IGNORECASE)


def _trim_trailing_date_words(text: str) -> str:
    """``"Carrie Arnold November"`` -> ``"Carrie Arnold"``: drop month and date words at the end."""
    words = text.split()
    table = cues()
    while words and (
        words[-1].lower().strip(".,") in table.months
        or words[-1].lower().strip(".,") in table.date_words
    ):
        words.pop()
    return " ".join(words)


def split_author_field(text: str, *, site: str | None = None) -> Byline:
    """Authors in an author field of page metadata (``"Jane Doe; Staff Writer"``).

    Markup author fields mix names with what is no person: a wire credit
    ("AFP", which becomes the byline's agency), a role ("Ap Auto Writer", kept as
    the previous name's role), a date ("Updated Dec"), a URL fragment, a bio
    ("Jo Roe is a reporter …"), the site's or company's name.  Only names are
    kept, nicely cased; a single capitalised word stays when nothing better is
    given (blogs sign with a first name).
    """
    authors: list[Author] = []
    agency: str | None = None
    site_words = {word.lower() for word in re.findall(r"\w+", site or "")}
    singles: list[str] = []
    for raw in _FIELD_SPLIT.split(text):
        part = _BIO_CUT.sub("", _drop_credit(raw.strip(" ,|-–—")))
        rest = _after_by(part)
        part = rest if rest is not None else part
        part = _trim_trailing_date_words(part.strip(" ,|-–—"))
        if not part:
            continue
        found_agency = _agency(part)
        if found_agency is not None:
            agency = agency or found_agency  # "AFP"
            continue
        if _NOT_AUTHOR.search(part) or _CREDENTIAL.match(part):
            continue  # a URL fragment, a date left over, "MS", "RDN"
        words = {word.lower() for word in re.findall(r"\w+", part)}
        if site_words and words <= site_words:
            continue  # the site's own name
        named = person_name(part) or _name_with_role(part) or _with_agency(part)
        if isinstance(named, str):
            authors.append(Author(name=named, role=None))
            continue
        if isinstance(named, Author):  # "Tom Gillespie News reporter"
            authors.append(named)
            continue
        if isinstance(named, Byline):  # "Eric Tucker Associated Press"
            authors.extend(named.authors)
            agency = agency or named.agency
            continue
        role = role_line(part)
        if role is not None:  # "Ap Auto Writer", "Staff writer", "CNN Editor-at-large"
            agency = agency or _agency(part.split()[0])
            if authors and authors[-1].role is None:
                authors[-1] = Author(name=authors[-1].name, role=role)
            continue
        if _agency(part.split()[0]) is not None:
            agency = agency or _agency(part.split()[0])  # "CNN Business"
            continue
        if len(part.split()) == 1 and _name_token(part) and part.lower() not in cues().not_names:
            singles.append(part)
    if not authors and singles:
        authors = [Author(name=singles[0], role=None)]
    return Byline(authors=tuple(authors), agency=agency)


_MAX_PUBLISHER_WORDS = 6
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<domain>[\w-]+(?:\.[\w-]+)+)/?$", re.IGNORECASE)


def clean_publisher(text: str | None) -> str | None:
    """``text`` as a site or wire name, or ``None`` when it is no name.

    A publisher is a short name: ``"Autoracing | F1 | Indy"`` keeps its first part,
    ``"https://www.example.com"`` becomes ``"example.com"``, and a sentence
    ("Story federal agency quashes georgias plan …"), a copyright line or a
    slogan is refused.
    """
    if not text:
        return None
    value = re.split(r"\s+[|–—·•]\s+|\s*\|\s*", text.strip())[0].strip(" .,:;")
    domain = _DOMAIN.match(value)
    if domain:
        return domain["domain"]
    words = value.split()
    if not 1 <= len(words) <= _MAX_PUBLISHER_WORDS or value.lower().startswith(
        ("copyright", "©", "all rights")
    ):
        return None
    if re.search(r"[.!?]\s|\d{4}", value):
        return None  # a sentence or a year
    lower = [word for word in words if word[:1].isalpha() and word[:1].islower()]
    small = {"of", "the", "and", "de", "la", "du", "des", "der", "die", "el", "for", "on", "in"}
    if sum(1 for word in lower if word not in small) > 0 and len(words) > 1:
        return None  # "Story federal agency quashes …": a headline, not a name
    return value
