"""Tables -> facts: what each chapter states, computed from the published tables."""
