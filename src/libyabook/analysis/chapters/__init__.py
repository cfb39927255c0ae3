"""One module per chapter: the facts a chapter states, computed from the tables in one call."""
