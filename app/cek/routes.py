"""Views of the cek blueprint."""
