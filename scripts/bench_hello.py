"""The bare Flask app `make bench` measures SIGAP against: one route, one string."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """Hello."""
    return "hello"
