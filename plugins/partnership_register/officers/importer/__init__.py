"""Turn an existing spreadsheet register (CSV or XLSX) into records.

A mapping (data/import-mapping.yml, extended with --mapping) says which column headings fill
which fields and which words mean which allowed value; a column headed with a field's own
path (`sponsoring_officer.name`, `documents.exit_strategy.state`, `partners.name`) maps to
it without any mapping, so the register's own downloads import back. Every value is read
tolerantly (council date formats, £25k, yes/no, 'Joint Committee'), every value that cannot
be used is reported by row and column, and every record is validated by the project's own
loader before it is written. Nothing here imports MkDocs or click.

`read` reads the file, `mapping` is the mapping language, `values` the value parsers,
`convert` turns a row into a record, `run` is the import over a file, `report` what it says.
"""

from .mapping import MappingError, default_mapping, load_mapping, match_heading
from .read import UnreadableFile, read_table
from .report import ImportReport, Issue, RowResult
from .run import import_register
from .values import Unusable, find_values, parse_amount, parse_bool, parse_date

__all__ = ["ImportReport", "Issue", "MappingError", "RowResult", "UnreadableFile", "Unusable", "default_mapping",
           "find_values", "import_register", "load_mapping", "match_heading", "parse_amount", "parse_bool",
           "parse_date", "read_table"]
