"""What a verb's own clause says of it, read alike by the events and the quotes stages.

* A past participle a verb of feeling or seeming stands before says how its subject feels,
  not what was done to it or said ("Moscow, which feels threatened by a NATO buildup":
  no threat was made, and no one said one was).  The verbs are knowledge:
  ``data/clauses/perception.tsv``.
* A verb a comparison sets the act against ("keener to meet Iranian officials than to
  support Israel") was neither done nor said.
* A verb in a relative clause whose noun is what its subject said ("everything the
  minister said") names words and reports none; and a finite verb with no subject the
  parser hung on such a verb is the predicate of the phrase, not what was said
  ("everything the minister said | was false").

Needs a parsed :class:`spacy.tokens.Token`; adds nothing to it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from eventwatch.tables import packaged, read_rows, read_text

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "compared",
    "feeling_auxiliary",
    "feeling_complement",
    "generic_deed",
    "load_perception_words",
    "perception_words",
    "relative_object",
    "said_thing",
    "saying_words",
    "stranded",
]

PERCEPTION_FILE = "data/clauses/perception.tsv"
SAYING_FILE = "data/clauses/saying.tsv"


def load_perception_words(text: str, name: str = "perception.tsv") -> frozenset[str]:
    """The words (lemmas and forms) of a perception table, lower case."""
    return frozenset(
        row["word"].casefold()
        for _, row in read_rows(text, name=name, columns=("word",))
        if row["word"]
    )


@lru_cache(maxsize=1)
def saying_words() -> frozenset[str]:
    """Verbs of saying (``data/clauses/saying.tsv``), lemmas, lower case."""
    return load_perception_words(read_text(packaged(SAYING_FILE)), name="saying.tsv")


@lru_cache(maxsize=1)
def perception_words() -> frozenset[str]:
    """The shipped verbs of feeling and seeming, read once."""
    return load_perception_words(read_text(packaged(PERCEPTION_FILE), label=PERCEPTION_FILE))


def feeling_auxiliary(verb: Token) -> bool:
    """Is ``verb`` a past participle with a verb of feeling or seeming as its auxiliary
    ("feels threatened", "felt betrayed": how the parser reads them)?"""
    words = perception_words()
    return verb.tag_ == "VBN" and any(
        child.dep_ in {"aux", "auxpass"}
        and (child.lemma_.casefold() in words or child.lower_ in words)
        for child in verb.children
    )


def feeling_complement(verb: Token) -> bool:
    """Is ``verb`` a past participle that complements a verb of feeling or seeming
    ("Beijing looks isolated")?"""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in {"acomp", "oprd", "xcomp"}
        and verb.head.lemma_.casefold() in perception_words()
    )


def compared(verb: Token) -> bool:
    """Is ``verb`` what a comparison sets the act against ("than to support Israel")?"""
    return any(child.dep_ == "mark" and child.lower_ == "than" for child in verb.children)


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def relative_object(verb: Token) -> Token | None:
    """The noun of a relative clause that is the object of ``verb``, which has no
    content of its own ("everything the minister said", "the things he said", "nothing
    Trump has done or said"), else None.  Not a clause whose relative word is the
    verb's subject ("officials who said …") or an adverb or a preposition's object
    ("Washington, where lawmakers expressed outrage", "an ad in which he declares"),
    nor one whose verb reports a clause or a quotation, or says what its object is
    ("the report, which officials said was leaked", "a campaign Khan has called
    bigoted", "which Obama declared a monument")."""
    head = verb
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ != "relcl":
        return None
    relative = [c for c in (*verb.children, *head.children) if _relative_word(c)]
    if any(c.dep_ != "dobj" for c in relative):
        return None  # the speaker ("who said"), or where, when or in which it happened
    if any(
        (c.dep_ == "ccomp" and not stranded(c))
        or c.dep_ in {"oprd", "xcomp", "acomp", "attr"}
        or (c.dep_ == "dobj" and not _relative_word(c) and not stranded(c))
        or (c.dep_ == "prep" and c.lower_ == "as")
        for c in verb.children
    ):
        return None  # what was said, or what the object is called
    if any(t.is_quote for t in verb.sent):
        return None  # a quotation the verb may tag ("“…” that …, Lewis wrote")
    subjects = [c for c in (*verb.children, *head.children) if c.dep_ in {"nsubj", "nsubjpass"}]
    return head.head if subjects else None


def _relative_word(token: Token) -> bool:
    return token.tag_ in {"WP", "WDT", "WRB", "WP$"} or (
        token.lower_ == "that" and token.dep_ != "mark" and token.head.dep_ == "relcl"
    )


# a relative clause on one of these names no particular act ("nothing Trump has done")
QUANTIFIERS = frozenset({"nothing", "anything", "everything", "whatever"})


def said_thing(verb: Token) -> bool:
    """Is ``verb`` a verb of saying (``saying.tsv``) heading a relative clause that names
    what its subject said (:func:`relative_object`): words, no statement?  Not a verb
    joined to such a clause's verb, whose clause the parser may have hung elsewhere
    ("a tax, which he favors but says would never pass")."""
    return (
        verb.dep_ == "relcl"
        and verb.lemma_.casefold() in saying_words()
        and relative_object(verb) is not None
    )


def generic_deed(verb: Token) -> bool:
    """Does a relative clause name no particular act of ``verb``'s subject ("nothing
    Trump has done", "everything she tried")?"""
    noun = relative_object(verb)
    return noun is not None and noun.lower_ in QUANTIFIERS


def stranded(clause: Token) -> bool:
    """A finite verb with no subject of its own and no quotation mark: the predicate of
    the phrase the cue verb sits in, which the parser hung on the cue ("Everything the
    minister said | was false", "nothing Trump has done or said | amounts to bribery"),
    never what was said."""
    # only a verb that is finite by its own form: with an auxiliary ("countries he said
    # had sent", "a tax he says would never pass") the clause's subject is the relative
    # noun, and the clause is what was said
    return (
        clause.tag_ in {"VBZ", "VBD"}
        and clause.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in SUBJECT_DEPS for c in clause.children)
        and not any(t.is_quote for t in clause.subtree)
    )
