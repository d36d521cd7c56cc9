"""Placeholder: the Case API lands here."""

Case = Chronology = Event = Person = Statement = None
