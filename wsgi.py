"""WSGI entry point for gunicorn and the flask CLI: ``gunicorn wsgi:app``."""

import sys

from app import ConfigError, create_app

try:
    app = create_app()
except ConfigError as error:
    # A missing secret is an operator's mistake: say what to set, without a traceback.
    sys.exit(f"SIGAP tidak dapat dijalankan: {error}")
