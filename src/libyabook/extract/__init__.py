"""Page -> tables: read the page, find names, quotations, numbers and events; write data/processed."""
