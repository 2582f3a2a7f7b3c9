"""The code tables exports read, loaded once and passed in (no cached globals).

:class:`ExportTables` holds everything a row builder looks up: country names
(from the knowledge base it is given), ISO3 → FIPS 10-4 codes for GDELT's geo
columns (``data/export/fips_countries.tsv``), ICEWS sector names
(``data/export/icews_sectors.tsv``), PLOVER auxiliary modes per modality
(``data/export/plover_modes.tsv``) and the PLOVER event types with the reason
a CAMEO code has none (from the ontology it is given).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwatch.tables import packaged, read_table

if TYPE_CHECKING:
    from eventwatch.actors.kb import KnowledgeBase
    from eventwatch.events.ontology import Ontology

__all__ = ["ExportTables", "load_export_tables"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportTables:
    """Lookups for the row builders; build with :func:`load_export_tables`."""

    country_names: Mapping[str, str]  # ISO3 -> display name
    fips: Mapping[str, str]  # ISO3 -> FIPS 10-4 ("" when the country has none)
    sector_names: Mapping[str, str]  # eventwatch sector code -> its name
    icews_sectors: Mapping[str, tuple[str, ...]]  # sector code -> ICEWS sector names
    plover_aux: Mapping[str, str]  # modality -> PLOVER auxiliary mode ("" for none)
    plover_missing: Mapping[str, str]  # CAMEO code -> why it has no PLOVER type

    def country_name(self, iso3: str | None) -> str | None:
        """The display name of an ISO3 code, the code itself when unknown, None for none."""
        if not iso3:
            return None
        return self.country_names.get(iso3, iso3)

    def fips_of(self, iso3: str | None) -> str:
        """The FIPS 10-4 code of an ISO3 country ("" when unknown or none)."""
        return self.fips.get(iso3 or "", "")

    def icews_sector(self, code: str | None) -> str:
        """ICEWS's sector names for a sector code, comma-joined ("" for none)."""
        if not code:
            return ""
        names = self.icews_sectors.get(code)
        if names is None:
            return self.sector_names.get(code, code).capitalize()
        return ",".join(names)


def _two_columns(relative: str, key: str, value: str) -> dict[str, str]:
    return {
        row[key]: row[value]
        for _, row in read_table(packaged(relative), columns=(key, value), label=relative)
    }


def load_export_tables(
    *, knowledge_base: KnowledgeBase | None = None, ontology: Ontology | None = None
) -> ExportTables:
    """Read the export tables; ``knowledge_base`` and ``ontology`` default to the shipped ones.

    Pass the ones a run was configured with (``settings.data_dirs``) so that
    user-added countries, sectors and codes reach the exports too.
    """
    if knowledge_base is None:
        from eventwatch.actors.kb import load_knowledge_base

        knowledge_base = load_knowledge_base()
    if ontology is None:
        from eventwatch.events.ontology import load_ontology

        ontology = load_ontology()
    missing = {
        code: (
            f"CAMEO {code} ({ontology.cameo(code).name}) has no PLOVER event type:"
            " the PLOVER manual drops public statements"
        )
        for code in ontology.codes()
        if ontology.plover_for(code) is None
    }
    return ExportTables(
        country_names={code: country.name for code, country in knowledge_base.countries.items()},
        fips=_two_columns("data/export/fips_countries.tsv", "iso3", "fips"),
        sector_names=dict(knowledge_base.sectors),
        icews_sectors={
            code: tuple(name for name in names.split("|") if name)
            for code, names in _two_columns(
                "data/export/icews_sectors.tsv", "code", "names"
            ).items()
        },
        plover_aux=_two_columns("data/export/plover_modes.tsv", "modality", "auxiliary_mode"),
        plover_missing=missing,
    )
