"""Load and validate: strict YAML, the JSON Schema, located problems, the whole register read at once."""
