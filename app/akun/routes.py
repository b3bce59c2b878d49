"""Views of the akun blueprint."""
