"""Events: what an actor did to whom, coded in CAMEO and PLOVER.

* :mod:`~eventwatch.events.ontology` — the code tables: every CAMEO event code
  with its Goldstein score and quad class, the 16 PLOVER event types with their
  modes and contexts, and the CAMEO → PLOVER mapping

Still to come in this package: a verb-pattern dictionary (phrases → CAMEO
codes), the coder that applies it to parsed sentences, and modality (negated,
hypothetical or future events).
"""

from eventwatch.events.ontology import (
    QUAD_CLASSES,
    CameoCode,
    Ontology,
    PloverMapping,
    PloverType,
    load_ontology,
    ontology,
)

__all__ = [
    "QUAD_CLASSES",
    "CameoCode",
    "Ontology",
    "PloverMapping",
    "PloverType",
    "load_ontology",
    "ontology",
]
