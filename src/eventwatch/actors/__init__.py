"""Actors: the knowledge base, the mention resolver and coreference, and the stage.

* :mod:`~eventwatch.actors.kb` — data files → indexes (countries, organisations,
  roles, people with dated offices)
* :mod:`~eventwatch.actors.resolve` — a parsed Doc → resolved mentions
* :mod:`~eventwatch.actors.people` — which known person a name is, and what that
  person was on the article date (office, candidacy, former office, stated role)
* :mod:`~eventwatch.actors.coref` — later mentions joined to earlier actors
* :mod:`~eventwatch.actors.mentions` — the resolved-mention record
* :mod:`~eventwatch.actors.stage` — mentions grouped into :class:`Actor` records
"""
