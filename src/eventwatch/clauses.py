"""What a verb's own clause says of it, read alike by the events and the quotes stages.

* A past participle a verb of feeling or seeming stands before says how its subject feels,
  not what was done to it or said ("Moscow, which feels threatened by a NATO buildup":
  no threat was made, and no one said one was).  The verbs are knowledge:
  ``data/clauses/perception.tsv``.
* A verb a comparison sets the act against ("keener to meet Iranian officials than to
  support Israel") was neither done nor said.

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
    "load_perception_words",
    "perception_words",
]

PERCEPTION_FILE = "data/clauses/perception.tsv"


def load_perception_words(text: str, name: str = "perception.tsv") -> frozenset[str]:
    """The words (lemmas and forms) of a perception table, lower case."""
    return frozenset(
        row["word"].casefold()
        for _, row in read_rows(text, name=name, columns=("word",))
        if row["word"]
    )


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
