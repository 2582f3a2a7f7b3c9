"""The knowledge tables a run is configured with: shipped data plus ``settings.data_dirs``.

Each loader is cached per set of folders by its own module; these helpers only
turn the setting into those folders, so the CLI, the settings file and the
library reach the same tables (``DIR/actors`` for the knowledge base,
``DIR/events`` for the ontology and the verb patterns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwatch.settings import Settings

if TYPE_CHECKING:
    from eventwatch.actors.kb import KnowledgeBase
    from eventwatch.events.ontology import Ontology
    from eventwatch.events.patterns import PatternBook

__all__ = ["associates_for", "knowledge_base_for", "ontology_for", "patterns_for"]


def knowledge_base_for(settings: Settings) -> KnowledgeBase:
    """The actor knowledge base: shipped tables plus ``DIR/actors`` of each data dir."""
    from eventwatch.actors.kb import knowledge_base

    return knowledge_base(settings.data_folders("actors"))


def associates_for(settings: Settings) -> frozenset[str]:
    """The nouns for the people around an actor ("Trump's supporters"), from the same
    tables as :func:`knowledge_base_for`."""
    from eventwatch.actors.kb import associate_words

    return associate_words(settings.data_folders("actors"))


def ontology_for(settings: Settings) -> Ontology:
    """The CAMEO/PLOVER ontology: shipped tables plus ``DIR/events`` of each data dir."""
    from eventwatch.events.ontology import ontology

    return ontology(settings.data_folders("events"))


def patterns_for(settings: Settings) -> PatternBook:
    """The verb patterns: shipped tables plus ``DIR/events`` of each data dir."""
    from eventwatch.events.patterns import pattern_book

    return pattern_book(settings.data_folders("events"))
