"""The quotes stage: who said (or thinks) what, over the dependency parse.

Needs: ``doc`` (the parse of ``article.text``), ``article.actors``,
``article.dates``, ``article.events``.  Adds: ``article.quotes`` and
``article.claims``.

A quote has three parts, as in the PolNeAR attribution corpus: the **source**
(the speaker's noun phrase), the **cue** (the verb or phrase that attributes)
and the **content** (the attributed material).  They are found by these rules,
in this order:

1. **quotation marks** — curly (“ ”), straight (") and TeX-style (`` '') marks
   are paired within a paragraph; a quotation left open at the end of a
   paragraph goes on when the next paragraph opens with a mark (the news
   convention for quotes over several paragraphs), else ends there.
2. **cue verbs** — every verb whose lemma is a ``verb`` cue of
   ``data/quotes/cues.tsv`` and that stands outside quotation marks.  Its
   source is its subject's phrase (the ``by`` phrase of a passive; the subject
   of the verb it hangs on for "..., saying ...", "... and said ..."), its
   content its clausal complement (``ccomp``; an open ``to`` complement for
   "vowed to ...").  A quotation in the same sentence (before or after the
   verb; "Name said: “...”"; "“...,” Name said") is the content when the
   complement lies inside it: a **direct** quote.  A complement that only
   contains a quotation ("asserted that the danger was "for a mistake ..."")
   is one **indirect** quote whose content runs over the partial quotation
   (``direct=False``).
3. **"according to X"** — X is the source, the rest of the clause the content.
   Then attitudes: an ``adj`` cue after a copula with a clause or a
   prepositional object ("are concerned that ...", "is critical of ..."); a
   ``raising`` verb ("seemed to be shrinking": subject and complement are the
   content, no source unless "to X"); a headline "Name: content" at a
   paragraph start.  An ``object`` cue followed by a preposition takes it into
   the cue ("voted for" Clinton).
4. **cue nouns** — "his desire to ...", "Kerry's claim that ...": the
   possessor is the source, the clause the content.
5. **quotations left over** — a quotation that opens the sentence right after
   a quote goes on that quote ("“...,” she said. “...”": one quote, two
   content spans); "“...” —Name" takes the name after the dash as its source.
   Other quotations of eight words or more are kept without a speaker;
   shorter ones (scare quotes, titles) are not quotes.

A cue inside another quote's content is part of that content, not a quote of
its own (PolNeAR's attributions do not nest either).

The speaker is the actor the actors stage resolved at the source phrase (its
head first, then any word of it), so pronouns and "the secretary" come out as
the person.  A quote's date is a date expression attached to the cue; its
location is the sentence's, from ``locate``; ``event_ids`` are the events
whose trigger lies in the content or is the cue.

:func:`extract_claims` reads the narrower case of an actor's belief that
another actor will act ("Kerry is hopeful that Beijing ... enough to turn the
screws on its ally"): a cue of ``data/quotes/claims.tsv`` whose complement has
an actor for its subject (not the claimant) and a modal, future or
infinitival verb.

The parts:

* :mod:`~eventwatch.quotes.lexicon` — the cue lexicon and the claim cues
  (``data/quotes/cues.tsv``, ``data/quotes/claims.tsv``), loaded once
* :mod:`~eventwatch.quotes.marks` — quotation marks paired into quotations
  (:func:`find_quotations`)
* :mod:`~eventwatch.quotes.parse` — helpers over the parse: phrases as spans,
  a verb's subject, a source's tokens, a cue's date
* :mod:`~eventwatch.quotes.extractor` — the rules above, as quote drafts
* :mod:`~eventwatch.quotes.build` — drafts into ``Quote`` records
  (:func:`extract_quotes`)
* :mod:`~eventwatch.quotes.claims` — :func:`extract_claims`
"""

from eventwatch.quotes.build import CONTENT_SEPARATOR as CONTENT_SEPARATOR
from eventwatch.quotes.build import RELATIVE_TAGS as RELATIVE_TAGS
from eventwatch.quotes.build import Locate as Locate
from eventwatch.quotes.build import _events_in as _events_in
from eventwatch.quotes.build import _speaker as _speaker
from eventwatch.quotes.build import extract_quotes
from eventwatch.quotes.claims import MODALS as MODALS
from eventwatch.quotes.claims import _actor_at as _actor_at
from eventwatch.quotes.claims import _acts as _acts
from eventwatch.quotes.claims import _claim_complement as _claim_complement
from eventwatch.quotes.claims import extract_claims
from eventwatch.quotes.extractor import ADJ_PREPS as ADJ_PREPS
from eventwatch.quotes.extractor import COPULAS as COPULAS
from eventwatch.quotes.extractor import CUE_MODIFIERS as CUE_MODIFIERS
from eventwatch.quotes.extractor import DASH_RE as DASH_RE
from eventwatch.quotes.extractor import HEADLINE_WORDS as HEADLINE_WORDS
from eventwatch.quotes.extractor import LINK_DEPS as LINK_DEPS
from eventwatch.quotes.extractor import MIN_UNATTRIBUTED_WORDS as MIN_UNATTRIBUTED_WORDS
from eventwatch.quotes.extractor import OBJECT_PREPS as OBJECT_PREPS
from eventwatch.quotes.extractor import RAISING_COMPLEMENTS as RAISING_COMPLEMENTS
from eventwatch.quotes.extractor import _Draft as _Draft
from eventwatch.quotes.extractor import _Extractor as _Extractor
from eventwatch.quotes.extractor import _linked as _linked
from eventwatch.quotes.extractor import _outermost as _outermost
from eventwatch.quotes.extractor import _sentence_end as _sentence_end
from eventwatch.quotes.extractor import doc_sentence_before as doc_sentence_before
from eventwatch.quotes.lexicon import (
    ClaimCues,
    CueLexicon,
    claim_cues,
    cue_lexicon,
    load_claim_cues,
    load_cue_lexicon,
)
from eventwatch.quotes.lexicon import _rows as _rows
from eventwatch.quotes.marks import MARK_RE as MARK_RE
from eventwatch.quotes.marks import OPENING as OPENING
from eventwatch.quotes.marks import QUOTE_TOKENS as QUOTE_TOKENS
from eventwatch.quotes.marks import TAG_RE as TAG_RE
from eventwatch.quotes.marks import CharSpan as CharSpan
from eventwatch.quotes.marks import find_quotations
from eventwatch.quotes.parse import BREAKS as BREAKS
from eventwatch.quotes.parse import CLIMB_DEPS as CLIMB_DEPS
from eventwatch.quotes.parse import SUBJECTS as SUBJECTS
from eventwatch.quotes.parse import MentionIndex as MentionIndex
from eventwatch.quotes.parse import _date_for as _date_for
from eventwatch.quotes.parse import _edge_punct as _edge_punct
from eventwatch.quotes.parse import _event_actor as _event_actor
from eventwatch.quotes.parse import _runs as _runs
from eventwatch.quotes.parse import _source_tokens as _source_tokens
from eventwatch.quotes.parse import _span_of as _span_of
from eventwatch.quotes.parse import _subject as _subject
from eventwatch.quotes.parse import _trim as _trim

__all__ = [
    "ClaimCues",
    "CueLexicon",
    "claim_cues",
    "cue_lexicon",
    "extract_claims",
    "extract_quotes",
    "find_quotations",
    "load_claim_cues",
    "load_cue_lexicon",
]
