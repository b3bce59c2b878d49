"""Views of the staf blueprint."""
