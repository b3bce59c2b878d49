"""Issue 10, finding 6 (and 7's message links): odd input is a 4xx, never a 500."""

from __future__ import annotations

import io

import pytest

from app import create_app
from app.batas import angka_ascii, angka_id, host_sah
from tests.redis_bantu import url_redis

BESAR = "9223372036854775808"  # 2^63: one past PostgreSQL's BIGINT


@pytest.mark.parametrize("teks", ["²", "٣", "１２", "-1", "0", "", " 1", "1e3", BESAR, "9" * 40])
def test_id_helper_refuses_anything_but_ascii_digits_in_range(teks):
    assert angka_id(teks) is None


def test_id_helper_accepts_ids():
    assert angka_id("1") == 1
    assert angka_id(str(2**63 - 1)) == 2**63 - 1
    assert angka_ascii("0") == 0 and angka_ascii("²") is None


@pytest.mark.parametrize("host", ["a..b", ".", "a b", "evil.example:80:80", "exa_mple.com",
                                  "bücher.example", "a" * 64 + ".example", "x:port", "-:-"])
def test_unusable_hosts_are_refused(client, host):
    for url in ("/", "/masuk", "/tidak-ada", "/hak-dan-manfaat/jkm"):
        jawab = client.get(url, headers={"Host": host})
        assert jawab.status_code == 400, (url, host, jawab.status_code)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:5000", "sigap.bekasikota.go.id"])
def test_good_hosts_pass(host):
    assert host_sah(host)


def test_only_trusted_hosts_are_served(_schema, tmp_path):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, UPLOAD_FOLDER=str(tmp_path),
                     SIGAP_HOSTS="sigap.example, www.sigap.example")
    klien = app.test_client()
    assert klien.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert klien.get("/", headers={"Host": "sigap.example"}).status_code == 200
    assert klien.get("/", headers={"Host": "www.sigap.example:443"}).status_code == 200


def test_production_trusts_only_the_base_url_host(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1:5432/x")
    monkeypatch.setenv("REDIS_URL", url_redis(2))
    monkeypatch.setenv("SIGAP_BASE_URL", "https://sigap.example")
    app = create_app("production")
    assert app.config["SIGAP_HOSTS"] == "sigap.example"
    assert app.test_client().get("/", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("url", [
    f"/staf/peserta/{BESAR}", f"/staf/peserta/{BESAR}/ubah", "/staf/peserta/²",
    "/staf/peserta/%C2%B2", f"/staf/peserta/{'9' * 30}",
])
def test_huge_or_odd_ids_in_paths_are_404(client, petugas, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [
    "/staf/klaim?halaman=²", "/staf/klaim?halaman=%C2%B2", f"/staf/klaim?halaman={BESAR}",
    "/staf/peserta?halaman=²", f"/staf/klaim/baru?peserta={BESAR}", "/staf/klaim/baru?peserta=²",
    "/staf/peserta?q=²²²²", "/staf/peserta?q=１２３４",
])
def test_superscript_and_huge_numbers_in_queries_never_500(client, petugas, url):
    assert client.get(url).status_code == 200


def test_audit_filter_with_superscript_actor(client, factory, masuk):
    masuk(factory.user(peran="admin"))
    assert client.get("/staf/audit?pelaku=²").status_code == 200
    assert client.get(f"/staf/audit?pelaku={BESAR}").status_code == 200


@pytest.mark.parametrize("data", [
    {"peserta": BESAR}, {"peserta": "²"}, {"kpj": "²" * 11}, {"kpj": "1" * 10 + "²"},
])
def test_huge_or_odd_ids_in_forms_are_not_500(client, petugas, data):
    jawab = client.post("/staf/klaim/baru", data=data)
    assert jawab.status_code in (200, 400, 404, 422), jawab.status_code


@pytest.mark.parametrize("data", [{"user_id": BESAR}, {"peserta_id": BESAR}, {"user_id": "²"}])
def test_activation_ids_in_forms_are_not_500(client, petugas, data):
    jawab = client.post("/staf/aktivasi", data=data)
    assert jawab.status_code in (200, 400, 404, 422), jawab.status_code


@pytest.mark.parametrize(("metode", "url", "data"), [
    ("get", "/cari?q=a%00b", None),
    ("get", "/berita%00", None),
    ("get", "/cek/hasil?pekerjaan=%00", None),
    ("post", "/masuk", {"identitas": "3275011506880001\x00", "sandi": "x" * 12}),
    ("post", "/aktivasi", {"nik": "\x00", "kode": "A"}),
])
def test_nul_bytes_are_400(client, metode, url, data):
    jawab = getattr(client, metode)(url, data=data) if data else getattr(client, metode)(url)
    assert jawab.status_code == 400
    assert "Permintaan tidak dapat diproses" in jawab.get_data(as_text=True)


class _BadanRusak(io.RawIOBase):
    """A request body whose reading fails half-way, like a malformed chunked body under
    gunicorn (its ChunkMissingTerminator / InvalidChunkSize are IOErrors)."""

    def readable(self):
        return True

    def readinto(self, b):
        raise OSError("Invalid chunk size")


@pytest.mark.parametrize("url", ["/masuk", "/aktivasi", "/kalkulator"])
def test_malformed_body_is_400(app, url):
    from werkzeug.test import EnvironBuilder, run_wsgi_app

    environ = EnvironBuilder(path=url, method="POST", data=b"a=1" * 30,
                             content_type="application/x-www-form-urlencoded").get_environ()
    environ["wsgi.input"] = _BadanRusak()
    _, status, _ = run_wsgi_app(app, environ, buffered=True)
    assert status.startswith("400"), status


def test_base_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SIGAP_BASE_URL", "https://sigap.example")
    assert create_app("development").config["SIGAP_BASE_URL"] == "https://sigap.example"


def test_message_links_ignore_a_forged_host(_schema, tmp_path, factory):
    from app.batas import tautan_mutlak
    from app.services.outbox import tautan_klaim

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, UPLOAD_FOLDER=str(tmp_path),
                     SIGAP_BASE_URL="https://sigap.example/")
    klaim = factory.klaim()
    with app.test_request_context("/", base_url="http://evil.example"):
        assert tautan_klaim(klaim).startswith("https://sigap.example/akun/klaim/")
        assert tautan_mutlak("/aktivasi") == "https://sigap.example/aktivasi"
