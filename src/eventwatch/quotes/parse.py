"""Helpers over the dependency parse: phrases, spans, subjects, sources and dates.

Shared by the extractor, the quote records and the claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from eventwatch.actors.stage import MentionIndex as MentionIndex
from eventwatch.nlp_lines import doc_text
from eventwatch.quotes.lexicon import CueLexicon
from eventwatch.quotes.marks import QUOTE_TOKENS, CharSpan
from eventwatch.records import Actor, DateMention, EventActor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Verbs whose passive subject still speaks ("Kim was quoted as saying …")
PASSIVE_SPEAKERS = frozenset({"quote", "cite"})
#: Tags of a finite verb
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "acl"})
NOMINALS = frozenset({"NOUN", "PROPN"})
BREAKS = frozenset({"—", "–", "--", ":"})
NUMBER_SYMBOLS = frozenset({"%", "$", "€", "£", "¥"})
BRACKETS = {"(": ")", ")": "(", "[": "]", "]": "["}
OPENING_BRACKETS = frozenset({"(", "["})


def _event_actor(found: tuple[Actor, int, int]) -> EventActor:
    actor, start, end = found
    return actor.as_event_actor((start, end))


def _trim(tokens: Sequence[Token]) -> list[Token]:
    """Tokens without punctuation (other than quotation marks) at either edge.

    A bracket whose partner is inside the phrase stays ("Gov. Phil Bryant (R)"),
    and so do symbols that belong to a number ("33%", "$5").
    """
    items = list(tokens)
    while items and _edge_punct(items[0]) and not _paired(items[0], items):
        items.pop(0)
    while items and _edge_punct(items[-1]) and not _paired(items[-1], items):
        items.pop()
    return items


def _edge_punct(token: Token) -> bool:
    return (
        (token.is_punct or token.is_space)
        and token.text not in QUOTE_TOKENS
        and token.text not in NUMBER_SYMBOLS
    )


def _paired(token: Token, items: Sequence[Token]) -> bool:
    """A closing bracket whose opening one is in ``items`` (or the reverse)."""
    partner = BRACKETS.get(token.text)
    if partner is None:
        return False
    if token.text in OPENING_BRACKETS:
        return any(t.text == partner and t.i > token.i for t in items)
    return any(t.text == partner and t.i < token.i for t in items)


def _end(token: Token) -> int:
    """The token's end offset, less any trailing whitespace it holds (a no-break space)."""
    return token.idx + len(token.text.rstrip())


def _runs(tokens: Iterable[Token]) -> list[CharSpan]:
    """Contiguous runs of tokens (by index) as character spans."""
    ordered = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for token in ordered:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    spans: list[CharSpan] = []
    for run in runs:
        trimmed = _trim(run)
        if trimmed:
            spans.append((trimmed[0].idx, _end(trimmed[-1])))
    return spans


def _span_of(tokens: Sequence[Token]) -> CharSpan | None:
    trimmed = _trim(sorted(tokens, key=lambda t: t.i))
    if not trimmed:
        return None
    return (trimmed[0].idx, _end(trimmed[-1]))


def _source_span(tokens: Sequence[Token]) -> CharSpan:
    """A source's tokens as a character span, less a bullet glued to its first word."""
    first = tokens[0]
    bullet = len(first.text) - len(first.text.lstrip(BULLETS))  # "-Philip Bump"
    start = first.idx + (bullet if bullet < len(first.text) else 0)
    return (start, _end(tokens[-1]))


#: Characters a list item or a byline starts with, glued to the first word.
BULLETS = "-–—•*"


def is_break(token: Token) -> bool:
    """A dash, colon or spaced hyphen that sets off a dateline or a label ("BRUSSELS - ")."""
    if token.text in BREAKS:
        return True
    return (
        token.text == "-"
        and bool(token.whitespace_)
        and token.i > 0
        and bool(token.doc[token.i - 1].whitespace_)
    )


#: Focus adverbs in front of a source that PolNeAR leaves out ("Even China",
#: "even some of his admirers"); quantity words ("about half", "only 49
#: percent", "Both ...") stay in the source.
LEADING_ADVERBS = frozenset({"even", "perhaps", "maybe"})


def construction(verb: Token) -> str:
    """How a verb (or noun) takes its complement, as the learned cue table keys it.

    For a verb: ``agent`` (a passive with its "by" phrase: "was endorsed by
    ..."), ``ccomp`` (a clause: "said that ..."), ``to`` ("refused to ..."),
    ``dobj`` ("criticized Trump"), ``prep:<word>`` ("called for ...",
    "referred to ...") or ``none`` ("Trump said."), tried in that order.  For
    a noun: ``poss`` when it has a possessor ("Trump's opposition to ..."),
    else ``noun``.
    """
    children = list(verb.children)
    if verb.pos_ == "NOUN":
        return "poss" if any(c.dep_ == "poss" for c in children) else "noun"
    if _agent(verb) is not None:
        return "agent"
    if any(c.dep_ == "ccomp" for c in children):
        return "ccomp"
    if _to_complement(verb) is not None:
        return "to"
    if any(c.dep_ == "dobj" and c.i > verb.i for c in children):
        return "dobj"
    for child in children:
        if (
            child.dep_ == "prep"
            and child.i > verb.i
            and any(g.dep_ in {"pobj", "pcomp"} for g in child.children)
        ):
            return f"prep:{child.lower_}"
    return "none"


def _to_complement(verb: Token) -> Token | None:
    """The verb's open "to" complement ("vowed to fight on"), if any."""
    for child in verb.children:
        if child.dep_ == "xcomp" and any(a.tag_ == "TO" for a in child.children):
            return child
    return None


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase ("endorsed by the Times"), if any."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def spoken_of(verb: Token) -> list[Token]:
    """A passive cue verb's subjects: the ones spoken of or to, never its speaker ("He is
    accused of …", "they were told …"); none for a verb whose passive subject still
    speaks (``PASSIVE_SPEAKERS``: "Kim was quoted as saying …")."""
    if verb.lemma_.casefold() in PASSIVE_SPEAKERS:
        return []
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it hangs on ("..., saying ...").

    Also the noun a participle modifies ("a group backing Bush") and the subject
    over "by saying ..." and "likely to say ...".
    """
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in SUBJECTS]
        if node == verb and subjects and len(spoken_of(verb)) == len(subjects):
            # "He is accused of …", "they were told …": the one spoken of or to; the
            # speaker is the "by" agent, if any
            return _agent(node)
        if subjects:  # the nearest, when a misparse gives two
            return min(subjects, key=lambda c: abs(c.i - verb.i))
        agent = _agent(node)
        if agent is not None:
            return agent
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in NOMINALS:
            return node.head  # "a group backing Bush", "voters saying ..."
        if (
            node.dep_ == "acl"
            and node.tag_ in FINITE_TAGS
            and node.head.pos_ in NOMINALS
            and node.head.dep_ == "ROOT"
            and node.head.i < node.i
        ):
            # a finite verb the parser hung on its subject, left as the sentence's root
            # noun: the company, which is expected to lay off staff, confirmed that ...
            return node.head
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head != node.head:
            node = node.head.head  # "began by saying ..."
            continue
        if node.dep_ == "acomp":  # "were more likely to say ..."
            node = node.head
            continue
        if node.dep_ not in CLIMB_DEPS or node.head == node:
            return None
        node = node.head
    return None


def _source_tokens(
    subject: Token,
    lexicon: CueLexicon | None = None,
    cue: Token | None = None,
    text: str | None = None,
) -> list[Token]:
    """The subject's phrase as PolNeAR marks it.

    Less quotation marks, a relative clause that is itself
    an attribution ("Barkley, who said ..."), and anything before a line break
    or dash (a dateline: "RENO, Nev. (AP) — Donald Trump"); with the comma that
    closes an appositive ("Jeff Weaver, his campaign manager, said").  Also
    less the clause holding the cue itself and the modifiers of
    :func:`_loose_modifier`.
    """
    dropped: set[int] = set()
    for child in subject.children:
        if (
            child.dep_ == "relcl"
            and lexicon is not None
            and any(t.lemma_.casefold() in lexicon.verbs for t in child.subtree)
        ):
            dropped.update(t.i for t in child.subtree)
        elif cue is not None and child.left_edge.i <= cue.i <= child.right_edge.i:
            dropped.update(
                t.i for t in child.subtree
            )  # "a group backing ...": the cue's own clause
        elif _loose_modifier(subject, child):
            dropped.update(t.i for t in child.subtree)
    tokens = [t for t in subject.subtree if t.text not in QUOTE_TOKENS and t.i not in dropped]
    if cue is not None:  # the cue's paragraph only
        text = text if text is not None else doc_text(cue.doc)
        low = text.rfind("\n", 0, cue.idx) + 1
        high = text.find("\n", cue.idx)
        high = len(text) if high < 0 else high
        tokens = [t for t in tokens if low <= t.idx < high]
    if not tokens:
        return []
    heads = [t for t in tokens if t.i <= subject.i] or tokens
    anchor = heads[-1].i if subject not in tokens else subject.i
    cut = [n for n, t in enumerate(tokens) if t.i < anchor and is_break(t)]
    tokens = tokens[cut[-1] + 1 :] if cut else _after_dateline(tokens, anchor)
    while len(tokens) > 1 and tokens[0].lower_ in LEADING_ADVERBS and tokens[0].dep_ == "advmod":
        edge = tokens[0].right_edge.i  # "Even China", "even some of his admirers"
        rest = [t for t in tokens if t.i > edge]
        if not rest:
            break
        tokens = rest
    tokens = _trim(tokens)
    if tokens and any(t.text == "," for t in tokens):
        last = tokens[-1]
        if last.i + 1 < len(last.doc) and last.doc[last.i + 1].text == ",":
            tokens.append(last.doc[last.i + 1])
    return tokens


def _after_dateline(tokens: list[Token], anchor: int) -> list[Token]:
    """The phrase after a dateline the parser made the subject.

    "Philadelphia (AFP) – US President Barack Obama will ...": the subject is
    the place, the person is its appositive.  A break within the first tokens
    of a paragraph, after the subject and after a bracketed agency, a date or an
    upper-case place, leaves the words after it.
    """
    if not tokens:
        return tokens
    first = tokens[0]
    if first.i > 0 and "\n" not in first.doc[first.i - 1].text_with_ws:
        return tokens
    for n, token in enumerate(tokens[:10]):
        if token.i > anchor and is_break(token):
            before, after = tokens[:n], tokens[n + 1 :]
            dateline = (
                any(t.text == ")" for t in before)
                or any(t.ent_type_ in TIME_ENTS for t in before)
                or (first.is_upper and len(first.text) > 2)
            )
            if dateline and any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in after):
                return after
            return tokens
    return tokens


TIME_ENTS = frozenset({"DATE", "TIME"})


def _loose_modifier(subject: Token, child: Token) -> bool:
    """A modifier after the source's head that PolNeAR leaves out of the source.

    A clause set off by a comma ("Marco Rubio, speaking at a rally, said") and a
    time phrase ("the report on Wednesday", "an arbitration panel in 2001").
    """
    if child.i < subject.i:
        return False
    if child.dep_ == "acl":
        start = child.left_edge.i
        return start > 0 and subject.doc[start - 1].text == ","
    return child.dep_ == "prep" and any(t.ent_type_ in TIME_ENTS for t in child.children)


def _date_for(
    cue: Token | None, sentence: Span, content: Sequence[CharSpan], dates: Sequence[DateMention]
) -> DateMention | None:
    """A date expression attached to the cue (not inside the content), if any."""
    if cue is None:
        return None
    doc = sentence.doc
    for mention in dates:
        if not (sentence.start_char <= mention.start < sentence.end_char):
            continue
        if any(s <= mention.start < e for s, e in content):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        if cue in span.root.ancestors:
            return mention
    return None
