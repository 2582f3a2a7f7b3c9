"""Export coded events in the layouts other event-data tools read.

Five formats (``docs/export.md`` has the column mapping)::

    gdelt    tab-separated, the GDELT 2.0 codebook's 61 event columns, no header row
    icews    tab-separated, the ICEWS event-file columns, header row first
    plover   JSON lines, PLOVER 2.0 records (schema/plover.schema.json)
    jsonl    JSON lines, ``Event.to_dict()`` plus the article and consolidated ids
    parquet  the flat event table (:data:`TABLE_COLUMNS`), optionally one folder per month

Only asserted events are exported unless asked otherwise.  An event reported
by several articles is written once with its mention counts when the caller
passes the store's consolidation (``counts``).  Row builders take an
:class:`ExportItem` and the :class:`ExportTables` they look codes up in.

Modules: ``select`` (which events), ``gdelt``, ``icews``, ``plover``, ``flat``
(the flat table), ``tables`` (code tables), ``write`` (files and reports).
"""

from eventwatch.exports.flat import TABLE_COLUMNS, ExportDependencyError, to_row
from eventwatch.exports.gdelt import GDELT_COLUMNS, fraction_date, to_gdelt
from eventwatch.exports.icews import ICEWS_COLUMNS, ICEWS_DTYPES, to_icews
from eventwatch.exports.plover import plover_problem, plover_schema, to_plover
from eventwatch.exports.select import (
    DEFAULT_MODALITIES,
    ExportItem,
    event_number,
    event_rows,
    export_items,
)
from eventwatch.exports.tables import ExportTables, load_export_tables
from eventwatch.exports.write import EXPORT_FORMATS, ExportReport, events_frame, write_export

__all__ = [
    "DEFAULT_MODALITIES",
    "EXPORT_FORMATS",
    "GDELT_COLUMNS",
    "ICEWS_COLUMNS",
    "ICEWS_DTYPES",
    "TABLE_COLUMNS",
    "ExportDependencyError",
    "ExportItem",
    "ExportReport",
    "ExportTables",
    "event_number",
    "event_rows",
    "events_frame",
    "export_items",
    "fraction_date",
    "load_export_tables",
    "plover_problem",
    "plover_schema",
    "to_gdelt",
    "to_icews",
    "to_plover",
    "to_row",
    "write_export",
]
