"""Partnership Register: a council's partnership register built from Markdown records.

The core (load → validate → assess → render → export) lives in plain modules that
never import MkDocs; the CLI (`cli.py`) and the MkDocs plugin (`mkdocs_plugin/`) are
thin callers of it.
"""

__version__ = "0.1.0"
