"""A reaction to an act named again takes the act's doer as its target
(eventwatch.events.antecedents).  The stories are invented."""

from __future__ import annotations

import pytest

from eventwatch.api import extract_text
from eventwatch.errors import ConfigError
from eventwatch.events.antecedents import _stem, act_nouns, load_act_nouns
from eventwatch.settings import Settings

HEAD = "World news\n\nBy Ann Lee\n\nMarch 3, 2021\n\n"
TAIL = "\n\nThe talks lasted an hour, and more were planned for the spring in the capital."


def targets(text: str, settings: Settings, coder: str) -> dict[str, str | None]:
    chosen = settings.with_overrides(coder=coder, progress="never")
    article = extract_text(HEAD + text + TAIL, id="case", settings=chosen)
    return {e.trigger: e.target.code if e.target else None for e in article.events}


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        (  # the sanctions are the EU's, told two sentences before
            "The European Union imposed new sanctions on Belarus on Monday. The measures"
            " freeze the assets of twelve officials. Belarus rejected the sanctions on"
            " Tuesday.",
            "rejected",
            "IGOEEC",
        ),
        (  # "the arrests": the act of the same stem, whatever its root
            "Iranian police arrested dozens of students in Tehran on Sunday. German"
            " Foreign Minister Annalena Baerbock condemned the arrests.",
            "condemned",
            "IRNCOP",
        ),
        (  # a meeting named again: its host
            "French President Emmanuel Macron hosted Chancellor Olaf Scholz in Paris on"
            " Tuesday. Russia dismissed the summit as theatre.",
            "dismissed",
            "FRAGOV",
        ),
    ],
)
def test_a_reaction_to_an_act_named_again_targets_its_doer(
    settings: Settings, coder: str, text: str, trigger: str, target: str
) -> None:
    found = targets(text, settings, coder)
    assert found.get(trigger) == target, found


@pytest.mark.slow
def test_a_clause_that_only_describes_the_act_still_points_back() -> None:
    """ "the sanctions, which list three firms" is still the EU's sanctions (the patterns
    alone: the encoder's tagger reads a target into the clause)."""
    from eventwatch.settings import load_settings

    chosen = load_settings(use_environment=False, progress="never")
    text = (
        "The European Union imposed sanctions on Russia on Monday. China criticized the"
        " sanctions, which also list three Chinese firms."
    )
    assert targets(text, chosen, "rules").get("criticized") == "IGOEEC"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # no act told before that the noun can name: a threat is no "decision"
        (
            "Belarus threatened to close the border with Lithuania. Lithuania welcomed the"
            " decision.",
            "welcomed",
            None,
        ),
        # an indefinite noun points back to nothing
        (
            "The European Union imposed sanctions on Belarus. Russia rejected any sanctions.",
            "rejected",
            None,
        ),
        # the reaction's own target stays
        (
            "The European Union imposed sanctions on Belarus. Russia condemned the European Union.",
            "condemned",
            "IGOEEC",
        ),
    ],
)
def test_no_act_to_point_back_to_leaves_the_target_as_it_was(
    settings: Settings, text: str, trigger: str, target: str | None
) -> None:
    found = targets(text, settings, "rules")
    assert trigger in found and found[trigger] == target, found


def test_the_act_nouns_table_loads_and_checks_its_roots() -> None:
    nouns = act_nouns()
    assert nouns.roots["sanction"] == {"16"} and "17" in nouns.roots["arrest"]
    assert load_act_nouns("noun\troots\nban\t16,12\n").roots == {"ban": {"16", "12"}}
    with pytest.raises(ConfigError, match=r"act_nouns\.tsv:2: roots must be"):
        load_act_nouns("noun\troots\nban\t16,21\n")
    with pytest.raises(ConfigError, match="roots must be"):
        load_act_nouns("noun\troots\nban\tany\n")


def test_a_verb_and_its_act_noun_share_a_stem() -> None:
    assert _stem("arrested") == _stem("arrests") == "arrest"
    assert _stem("bombed") != _stem("attacks")
