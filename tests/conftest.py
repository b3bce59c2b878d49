"""Shared fixtures: app, client, db, factories, page checker, live server, browser, axe."""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from app import create_app
from app.config import normalise_database_url
from app.extensions import db as _db
from tests.pages import PageChecker

PROJECT_ROOT = Path(__file__).resolve().parent.parent


# --- speed ------------------------------------------------------------------------------------

@pytest.fixture(autouse=True, scope="session")
def _cheap_hashing():
    """Argon2id with the smallest cost in tests: same algorithm and code path, a fraction of the
    CPU. Production keeps argon2-cffi's defaults (app/domain/sandi.py, aktivasi.py)."""
    from argon2 import PasswordHasher, Type

    from app.domain import aktivasi, sandi

    fast = PasswordHasher(type=Type.ID, time_cost=1, memory_cost=1024, parallelism=1)
    saved = sandi._hasher, aktivasi._hasher
    sandi._hasher = aktivasi._hasher = fast
    yield
    sandi._hasher, aktivasi._hasher = saved


# --- database -------------------------------------------------------------------------------

def _fresh_postgres_database(base_url: str) -> tuple[str, callable]:
    """Create a uniquely named database beside ``base_url`` so parallel runs never collide."""
    url = make_url(normalise_database_url(base_url))
    name = f"sigap_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """SQLite in a temp folder, or a fresh PostgreSQL database (SIGAP_TEST_DATABASE_URL set)."""
    yield from database_baru(tmp_path_factory.mktemp("db") / "sigap-test.sqlite3")


def database_baru(sqlite_path: Path) -> Iterator[str]:
    """A new empty database of the run's kind: a fresh PostgreSQL database beside
    SIGAP_TEST_DATABASE_URL (dropped afterwards), else a SQLite file at ``sqlite_path``."""
    base = os.environ.get("SIGAP_TEST_DATABASE_URL")
    if base:
        url, drop = _fresh_postgres_database(base)
        yield url
        drop()
    else:
        yield "sqlite:///" + str(sqlite_path)


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory) -> str:
    """Create the schema once per run, from the migrations (as production does)."""
    from flask_migrate import upgrade

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        upgrade()
    return database_url


@pytest.fixture
def app(_schema, tmp_path) -> Iterator:
    """A fresh app on the shared test database; every table is emptied afterwards."""
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=_schema,
        UPLOAD_FOLDER=str(tmp_path / "unggahan"),
    )
    yield app
    kosongkan(app)


def kosongkan(app) -> None:
    """After a test: every table emptied (children first), connections closed."""
    with app.app_context():
        _db.session.remove()
        for table in reversed(_db.metadata.sorted_tables):
            _db.session.execute(table.delete())
        _db.session.commit()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database, inside an app context."""
    with app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def factory(db):
    """Data factories bound to the test database."""
    from tests.factories import Factory

    return Factory(db)


@pytest.fixture
def page_checker() -> PageChecker:
    """Checks every HTML page: HTML5, one <h1>, title starts with it, unique ids, lang=id."""
    return PageChecker()


@pytest.fixture
def get_page(client, page_checker):
    """GET a URL, assert the status, check the page, return the parsed soup."""

    def get(url: str, status: int = 200, **kwargs):
        response = client.get(url, **kwargs)
        assert response.status_code == status, (url, response.status_code)
        return page_checker.check(response.get_data(as_text=True))

    return get


# --- live server and browser ----------------------------------------------------------------

class LiveServer:
    """The app served on a free loopback port in a background thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def live_server(app) -> Iterator[LiveServer]:
    """Serve the test app over real HTTP."""
    with LiveServer(app) as server:
        yield server


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (Playwright's own browsers are not downloadable)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages with or without JavaScript: ``new_page(javascript=False)``."""
    contexts = []

    def make(javascript: bool = True, **options):
        context = browser.new_context(
            java_script_enabled=javascript, base_url=live_server.url, locale="id-ID", **options
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A browser page with JavaScript on."""
    return new_page()


AXE_SOURCE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, the level the project promises (target size is wcag22aa).
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


@pytest.fixture
def axe():
    """Run axe-core in the page; fail with a readable list on any violation."""
    source = AXE_SOURCE.read_text(encoding="utf-8")

    def check(page, context: str | None = None) -> None:
        # Evaluated through the DevTools protocol, so the page's strict CSP stays untouched.
        page.evaluate(source + "\n;true")
        result = page.evaluate(
            "async (tags) => await axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            list(AXE_TAGS),
        )
        violations = result["violations"]
        report = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
            for v in violations
        ]
        assert not violations, f"axe violations on {context or page.url}:\n" + "\n".join(report)

    return check


def pytest_collection_modifyitems(items):
    """The Nu HTML Checker test runs last: it checks every page the other tests rendered."""
    akhir = [i for i in items if i.nodeid.endswith("test_every_checked_page_is_valid_html")]
    items[:] = [i for i in items if i not in akhir] + akhir
