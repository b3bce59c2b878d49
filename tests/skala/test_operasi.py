"""Operations: `flask periksa`, and the deploy/ recipe (env file, systemd units, nginx)."""

from __future__ import annotations

import ast
import configparser
import re
from pathlib import Path

import pytest

from app import create_app
from app.config import Config
from app.extensions import db as _db
from app.services.impor import MAKS_UKURAN
from app.staf.berita import MAKS_UNGGAH
from tests.conftest import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
# Commands from branches merged after this one (the registri worker); see the report.
PERINTAH_CABANG_LAIN: set[str] = set()


def _jalankan(app, *args):
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def test_periksa_passes_a_sound_configuration_with_warnings(app):
    hasil = _jalankan(app, "periksa")
    assert hasil.exit_code == 0, hasil.output
    assert "OK         database:" in hasil.output and "skema terbaru" in hasil.output
    assert "OK         penyimpanan:" in hasil.output
    assert "PERINGATAN REDIS_URL:" in hasil.output  # testing runs without Redis
    assert "Konfigurasi siap." in hasil.output


def test_periksa_names_every_problem_and_exits_1(_schema, tmp_path):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, SECRET_KEY="pendek",
                     SIGAP_BASE_URL="sigap.example.go.id/awal", REDIS_URL="redis://127.0.0.1:1/0",
                     UPLOAD_FOLDER=str(tmp_path / "unggahan"))
    hasil = _jalankan(app, "periksa")
    assert hasil.exit_code == 1
    for baris in ("MASALAH    SECRET_KEY: hanya 6 karakter; minimal 32",
                  "MASALAH    REDIS_URL: tidak bisa dihubungi",
                  "MASALAH    SIGAP_BASE_URL: 'sigap.example.go.id/awal' bukan alamat"):
        assert baris in hasil.output
    assert "3 masalah" in hasil.output


def test_periksa_finds_a_database_behind_the_code_and_unwritable_storage(tmp_path):
    dilarang = tmp_path / "berkas"
    dilarang.write_text("bukan folder")  # the storage folder is a file: nothing can be written
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'kosong.db'}",
                     UPLOAD_FOLDER=str(dilarang))
    hasil = _jalankan(app, "periksa")
    assert hasil.exit_code == 1
    assert "skema di revisi None" in hasil.output and "flask db upgrade" in hasil.output
    assert "MASALAH    penyimpanan:" in hasil.output
    with app.app_context():
        _db.engine.dispose()


def test_periksa_checks_s3_storage(_schema, tmp_path, s3_alamat):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, SIGAP_STORAGE=s3_alamat,
                     UPLOAD_FOLDER=str(tmp_path))
    hasil = _jalankan(app, "periksa")
    assert f"OK         penyimpanan: {s3_alamat}" in hasil.output.replace("/berkas/", "/berkas")
    with app.app_context():
        from app.penyimpanan import penyimpanan

        assert penyimpanan().kosong()  # the probe file is removed again


# --- deploy/ ---------------------------------------------------------------------------------

def variabel_konfigurasi() -> set[str]:
    """Every environment variable app/config.py and app/penyimpanan.py read."""
    pohon = ast.parse((PROJECT_ROOT / "app" / "config.py").read_text())
    nama = set()
    for fungsi in ast.walk(pohon):
        if (isinstance(fungsi, ast.FunctionDef) and fungsi.name.endswith("from_environment")) or (
                isinstance(fungsi, ast.FunctionDef) and fungsi.name == "config_class"):
            nama |= {n.value for n in ast.walk(fungsi) if isinstance(n, ast.Constant)
                     and isinstance(n.value, str) and re.fullmatch(r"[A-Z][A-Z0-9_]+", n.value)}
    nama -= {"SQLALCHEMY_DATABASE_URI"}  # a Flask setting filled from DATABASE_URL
    nama |= set(re.findall(r"\b(AWS_[A-Z_]+)\b",
                           (PROJECT_ROOT / "app" / "penyimpanan.py").read_text()))
    return nama


def test_env_file_lists_every_variable_and_readme_documents_them():
    nama = variabel_konfigurasi()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SIGAP_STORAGE", "SMTP_HOST",
            "AWS_ENDPOINT_URL", "SIGAP_CONFIG"} <= nama
    env = (DEPLOY / "sigap.env.example").read_text()
    ditulis = {b.split("=", 1)[0] for b in env.splitlines() if b and not b.startswith("#")}
    assert nama - ditulis == set()
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert {n for n in nama if f"`{n}`" not in readme} == set()


@pytest.mark.parametrize("berkas", sorted(p.name for p in (DEPLOY / "systemd").iterdir()))
def test_systemd_units_parse_and_run_existing_commands(app, berkas):
    teks = (DEPLOY / "systemd" / berkas).read_text()
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read_string(teks)
    assert unit["Unit"]["Description"]
    if berkas.endswith(".timer"):
        assert (DEPLOY / "systemd" / berkas.replace(".timer", ".service")).is_file()
        assert "OnCalendar" in unit["Timer"] or "OnUnitActiveSec" in unit["Timer"]
        return
    assert unit["Service"]["EnvironmentFile"] == "/etc/sigap/sigap.env"
    perintah = set(re.findall(r"/bin/flask ([a-z-]+)", teks))
    assert perintah or "gunicorn" in teks
    terdaftar = set(app.cli.list_commands(None)) | {"db"}
    assert perintah - terdaftar <= PERINTAH_CABANG_LAIN


def _mb(nilai: str) -> int:
    return int(nilai.rstrip("m")) * 1024 * 1024


def test_nginx_config_has_tls_forwarded_headers_static_cache_and_the_apps_upload_limits():
    teks = (DEPLOY / "nginx" / "sigap.conf").read_text()
    tanpa_komentar = re.sub(r"#.*", "", teks)
    assert tanpa_komentar.count("{") == tanpa_komentar.count("}")
    assert all(b.strip().endswith((";", "{", "}")) for b in tanpa_komentar.splitlines()
               if b.strip())
    assert "listen 443 ssl" in teks and "ssl_certificate " in teks and "return 301 https" in teks
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"):
        assert teks.count(f"proxy_set_header {header}") == teks.count("proxy_pass ")
    statis = re.search(r"location /static/ \{(.*?)\n    \}", teks, re.S).group(1)
    assert "expires 1y" in statis and "immutable" in statis
    batas = re.findall(r"client_max_body_size (\d+m);", teks)
    assert _mb(batas[0]) == Config.MAX_CONTENT_LENGTH
    berita = re.search(r"location /staf/berita/ \{(.*?)\}", teks, re.S).group(1)
    assert _mb(re.search(r"client_max_body_size (\d+m);", berita).group(1)) == MAKS_UNGGAH
    impor = re.search(r"location /staf/impor \{(.*?)\}", teks, re.S).group(1)
    assert _mb(re.search(r"client_max_body_size (\d+m);", impor).group(1)) == MAKS_UKURAN


def test_readme_deploy_section_points_to_the_recipe():
    readme = (PROJECT_ROOT / "README.md").read_text()
    bagian = readme[readme.index("## Deploying"):]
    bagian = bagian[:bagian.index("\n## ", 5)]
    for berkas in [*(p.name for p in (DEPLOY / "systemd").iterdir()), "sigap.conf",
                   "sigap.env.example", "flask periksa"]:
        assert berkas in bagian, berkas
    assert Path(DEPLOY / "nginx" / "sigap.conf").is_file()


def test_periksa_warns_when_the_rules_ran_out_but_fails_before_they_begin(app, monkeypatch):
    import datetime as dt

    from app.cek import aturan

    monkeypatch.setattr(aturan, "hari_ini", lambda waktu=None: dt.date(2031, 1, 1))
    hasil = _jalankan(app, "periksa")
    assert "PERINGATAN aturan kelayakan: versi terakhir sudah berakhir" in hasil.output
    assert hasil.exit_code == 0
    monkeypatch.setattr(aturan, "hari_ini", lambda waktu=None: dt.date(2001, 1, 1))
    hasil = _jalankan(app, "periksa")
    assert "MASALAH    aturan kelayakan: belum ada versi" in hasil.output
    assert hasil.exit_code == 1


@pytest.mark.parametrize(("nilai", "umur"), [("5", 5.0), ("600", 60.0), (None, 60.0)])
def test_page_store_lifetime_comes_from_the_environment_and_never_exceeds_60_s(
        _schema, tmp_path, monkeypatch, nilai, umur):
    from app.config import ConfigError
    from app.simpanan import EKSTENSI

    if nilai is None:
        monkeypatch.delenv("SIGAP_SIMPANAN_UMUR", raising=False)
        lain = {}
    else:
        monkeypatch.setenv("SIGAP_SIMPANAN_UMUR", nilai)
        lain = {"SIGAP_SIMPANAN_UMUR": Config.from_environment()["SIGAP_SIMPANAN_UMUR"]}
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=_schema, UPLOAD_FOLDER=str(tmp_path),
                     **lain)
    assert app.extensions[EKSTENSI].umur == umur
    monkeypatch.setenv("SIGAP_SIMPANAN_UMUR", "satu menit")
    with pytest.raises(ConfigError, match="SIGAP_SIMPANAN_UMUR"):
        Config.from_environment()
