"""Actors: the knowledge base, the mention resolver and coreference, and the stage.

* :mod:`~eventwatch.actors.kb` — data files → indexes (countries, organisations,
  roles, people with dated offices)
* :mod:`~eventwatch.actors.resolve` — a parsed Doc → resolved mentions
* :mod:`~eventwatch.actors.stage` — mentions grouped into :class:`Actor` records
"""
