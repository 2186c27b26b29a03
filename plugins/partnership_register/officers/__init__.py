"""Officers' tools: new records, importing an old register, and the records' git history."""
