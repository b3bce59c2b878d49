"""``flask kirim-notifikasi``: log sender by default, SMTP when configured, retries, no NIK."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from app.models import Pesan
from app.notifikasi import GagalKirim, PengirimLog, PengirimSMTP, kirim_tertunda, pilih_pengirim


@pytest.fixture
def antrean(db, factory):
    """Two pending messages for a heir with a phone number (NIK 3275…)."""
    pemohon = factory.user(peran="ahli_waris", telepon="081200000001")
    factory.klaim(pemohon=pemohon, state="verifikasi_berkas")
    return pemohon


def test_log_sender_delivers_pending_rows_without_nik_in_the_log(db, runner, antrean, caplog):
    caplog.set_level(logging.INFO)
    r = runner.invoke(args=["kirim-notifikasi", "--pengirim", "log"])
    assert r.exit_code == 0, r.output
    assert "Pesan terkirim: 2, gagal: 0" in r.output
    db.session.expire_all()
    baris = db.session.scalars(select(Pesan)).all()
    assert {p.status for p in baris} == {"terkirim"}
    assert all(p.terkirim_pada and p.saluran == "log" for p in baris)
    log = [rec.getMessage() for rec in caplog.records if rec.name == "sigap.notifikasi"]
    assert len(log) == 2 and all(antrean.nik not in baris for baris in log)
    # Nothing is sent twice.
    assert "Pesan terkirim: 0" in runner.invoke(args=["kirim-notifikasi",
                                                      "--pengirim", "log"]).output


def test_default_sender_follows_smtp_host(app):
    app.config["SMTP_HOST"] = None
    assert isinstance(pilih_pengirim(app), PengirimLog)
    app.config["SMTP_HOST"] = "smtp.contoh.test"
    assert isinstance(pilih_pengirim(app), PengirimSMTP)


def test_smtp_sender_mails_the_sms_gateway_address(db, app, antrean, monkeypatch):
    terkirim = []

    class SMTPPalsu:
        def __init__(self, host, port, timeout):
            self.host = host

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def login(self, user, sandi):
            pass

        def send_message(self, surat):
            terkirim.append(surat)

    monkeypatch.setattr("app.notifikasi.smtplib.SMTP", SMTPPalsu)
    pengirim = PengirimSMTP("smtp.contoh.test", gateway_sms="{telepon}@sms.contoh.test")
    assert kirim_tertunda(db.session, pengirim) == (2, 0)
    assert [s["To"] for s in terkirim] == ["081200000001@sms.contoh.test"] * 2
    assert antrean.nik not in terkirim[0].get_content()


def test_failed_delivery_is_retried_then_given_up(db, antrean):
    class Rusak:
        nama = "rusak"

        def kirim(self, pesan, user):
            raise GagalKirim("server mati")

    for percobaan in range(1, 6):
        assert kirim_tertunda(db.session, Rusak()) == (0, 2)
        p = db.session.scalars(select(Pesan)).first()
        assert p.percobaan == percobaan
    assert {p.status for p in db.session.scalars(select(Pesan))} == {"gagal"}
    assert kirim_tertunda(db.session, Rusak()) == (0, 0)


def test_unreachable_smtp_host_in_tests_fails_loudly_but_safely(db, runner, antrean):
    # TestingConfig points SMTP_HOST at smtp.invalid: the default sender is SMTP and fails.
    r = runner.invoke(args=["kirim-notifikasi"])
    assert r.exit_code == 0
    assert "gagal: 2" in r.output
    assert {p.status for p in db.session.scalars(select(Pesan))} == {"menunggu"}
