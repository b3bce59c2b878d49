"""Services: plain functions that change records, taking the SQLAlchemy session first.

They add and flush but never commit: the caller (a view or a CLI command) commits once, so a
change, its history event, its audit row and its outbox message land in one transaction.
"""
