"""The label spaces the shared encoder's heads predict.

These are facts of CAMEO, not tunable knowledge: the twenty root codes, the
five-class grouping of roots that the ConfliBERT CAMEO set and our evaluation
use, and the BIO tags of the source/target tagger.  The trained model stores
its own copy of its label lists (``model.json``); :func:`check_labels` refuses a
model whose lists differ from these.
"""

from __future__ import annotations

from collections.abc import Sequence

NONE = "none"
ROOTS: tuple[str, ...] = tuple(f"{n:02d}" for n in range(1, 21))
ROOT_LABELS: tuple[str, ...] = (*ROOTS, NONE)

# The five classes by CAMEO root (ConfliBERT's cameo_class grouping)
FIVE_CLASS_NAMES: tuple[str, ...] = (
    "statement/appeal (01-02)",
    "verbal cooperation (03-05)",
    "material cooperation (06-08)",
    "verbal conflict (09-13, 16)",
    "material conflict (14-15, 17-20)",
)
_FIVE = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}

# source/target tagger: B/I of the event's source (S) and target (T)
TAG_LABELS: tuple[str, ...] = ("O", "B-S", "I-S", "B-T", "I-T")


def five_class(root: str) -> int:
    """The five-class group (0–4) of a CAMEO root ("01".."20")."""
    try:
        return _FIVE[root[:2]]
    except KeyError:
        raise ValueError(f"not a CAMEO root: {root!r}") from None


def check_labels(name: str, found: Sequence[str], expected: Sequence[str]) -> None:
    """Refuse a model whose label list for ``name`` is not the one this code reads."""
    if tuple(found) != tuple(expected):
        raise ValueError(f"model head '{name}' has labels {list(found)}, expected {list(expected)}")


# attribution tagger (PolNeAR's roles): B/I of the source (SRC), cue (CUE) and content (CON)
QUOTE_LABELS: tuple[str, ...] = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
