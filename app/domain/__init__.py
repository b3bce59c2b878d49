"""Plain-Python domain logic: rules, calculations, state machines. No Flask imports here."""
