"""Delivering the outbox: ``flask kirim-notifikasi`` with a pluggable sender.

The log sender (default) writes one line per message without the text's personal parts: user
id, claim id, length and the text itself (which never holds a NIK). The SMTP sender is used when
``SMTP_HOST`` is configured; it mails the account's e-mail address, or ``{telepon}@gateway`` when
``SMTP_SMS_GATEWAY`` names an e-mail-to-SMS gateway.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.extensions import db
from app.logs import mask_niks
from app.models import Pesan, User
from app.services.waktu import sekarang

log = logging.getLogger("sigap.notifikasi")
MAKS_PERCOBAAN = 5


class GagalKirim(RuntimeError):
    """The sender could not deliver this message; it is retried later (up to a limit)."""


class Pengirim(Protocol):
    """Anything with ``nama`` and ``kirim(pesan, user)``."""

    nama: str

    def kirim(self, pesan: Pesan, user: User) -> None: ...


class PengirimLog:
    """Writes the message to the log instead of sending it (development, demos)."""

    nama = "log"

    def kirim(self, pesan: Pesan, user: User) -> None:
        """Log one line: message id, recipient id, claim id and the (NIK-free) text."""
        log.info("Pesan #%s untuk pengguna #%s (klaim #%s): %s",
                 pesan.id, user.id, pesan.klaim_id, mask_niks(pesan.teks))


class PengirimSMTP:
    """Sends each message as a short plain-text e-mail."""

    nama = "smtp"

    def __init__(self, host: str, port: int = 587, user: str | None = None,
                 sandi: str | None = None, pengirim: str = "sigap@localhost",
                 gateway_sms: str | None = None, tls: bool = True) -> None:
        self.host, self.port, self.user, self.sandi = host, port, user, sandi
        self.pengirim, self.gateway_sms, self.tls = pengirim, gateway_sms, tls

    def alamat(self, user: User) -> str | None:
        """Where this user's messages go."""
        if user.email:
            return user.email
        if self.gateway_sms and user.telepon:
            return self.gateway_sms.format(telepon=user.telepon)
        return None

    def kirim(self, pesan: Pesan, user: User) -> None:
        """Deliver by SMTP; raise GagalKirim with a reason."""
        tujuan = self.alamat(user)
        if not tujuan:
            raise GagalKirim("Pengguna tidak punya alamat e-mail atau nomor telepon.")
        surat = EmailMessage()
        surat["From"] = self.pengirim
        surat["To"] = tujuan
        surat["Subject"] = "SIGAP: kabar klaim Anda"
        surat.set_content(pesan.teks)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=15) as smtp:
                if self.tls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.sandi or "")
                smtp.send_message(surat)
        except (OSError, smtplib.SMTPException) as galat:
            raise GagalKirim(f"SMTP gagal: {type(galat).__name__}") from galat


def pilih_pengirim(app: Flask, nama: str | None = None) -> Pengirim:
    """SMTP when SMTP_HOST is configured (or asked for), else the log sender."""
    c = app.config
    host = c.get("SMTP_HOST")
    if nama == "log" or (nama is None and not host):
        return PengirimLog()
    if not host:
        raise click.ClickException("SMTP_HOST belum diatur.")
    return PengirimSMTP(
        host=host,
        port=int(c.get("SMTP_PORT") or 587),
        user=c.get("SMTP_USER"),
        sandi=c.get("SMTP_PASSWORD"),
        pengirim=c.get("SMTP_FROM") or "sigap@localhost",
        gateway_sms=c.get("SMTP_SMS_GATEWAY"),
        tls=bool(c.get("SMTP_TLS", True)),
    )


SEWA = dt.timedelta(minutes=10)  # how long a sender may hold a message before another retries


def _ambil_satu(sesi: Session, sekarang_: dt.datetime, setelah: int) -> Pesan | None:
    """Take the oldest free message: a conditional UPDATE sets the lease, so of two senders
    exactly one gets it (PostgreSQL also skips rows another sender has locked)."""
    bebas = (Pesan.status == "menunggu") & (
        Pesan.dikunci_sampai.is_(None) | (Pesan.dikunci_sampai < sekarang_)
    )
    cari = select(Pesan.id).where(bebas, Pesan.id > setelah).order_by(Pesan.id).limit(1)
    if sesi.get_bind().dialect.name == "postgresql":
        cari = cari.with_for_update(skip_locked=True)
    while True:
        pesan_id = sesi.scalar(cari)
        if pesan_id is None:
            sesi.commit()
            return None
        hasil = sesi.execute(
            update(Pesan).where(Pesan.id == pesan_id, bebas)
            .values(dikunci_sampai=sekarang_ + SEWA)
            .execution_options(synchronize_session=False)
        )
        sesi.commit()
        if hasil.rowcount == 1:
            return sesi.get(Pesan, pesan_id)
        # Another sender took it between our SELECT and UPDATE: look again.


def kirim_tertunda(sesi: Session, pengirim: Pengirim, batas: int = 500) -> tuple[int, int]:
    """Deliver up to ``batas`` pending messages, oldest first; returns (sent, failed).

    Each message is leased before it is sent, so overlapping runs (a slow SMTP server and
    the next timer tick) never send one message twice. A failed message
    gives its lease back and is retried by the next run (this run moves on by id).
    """
    terkirim = gagal = 0
    terakhir = 0
    for _ in range(batas):
        pesan = _ambil_satu(sesi, sekarang(), terakhir)
        if pesan is None:
            break
        terakhir = pesan.id
        pesan.percobaan += 1
        pesan.saluran = pengirim.nama
        try:
            pengirim.kirim(pesan, pesan.user)
        except GagalKirim as galat:
            gagal += 1
            pesan.galat = str(galat)
            pesan.dikunci_sampai = None
            if pesan.percobaan >= MAKS_PERCOBAAN:
                pesan.status = "gagal"
            log.warning("Pesan #%s belum terkirim (percobaan %s): %s",
                        pesan.id, pesan.percobaan, galat)
        else:
            terkirim += 1
            pesan.status = "terkirim"
            pesan.terkirim_pada = sekarang()
            pesan.galat = None
        sesi.commit()  # one message at a time: a crash never re-sends what already went out
    return terkirim, gagal


@click.command("kirim-notifikasi")
@click.option("--pengirim", "nama", type=click.Choice(["log", "smtp"]), default=None,
              help="Cara kirim (bawaan: smtp jika SMTP_HOST diatur, selain itu log).")
@click.option("--batas", default=500, show_default=True, help="Paling banyak pesan per jalan.")
@with_appcontext
def kirim_notifikasi(nama: str | None, batas: int) -> None:
    """Send the pending outbox messages."""
    pengirim = pilih_pengirim(current_app, nama)
    terkirim, gagal = kirim_tertunda(db.session, pengirim, batas)
    click.echo(f"Pesan terkirim: {terkirim}, gagal: {gagal} (lewat {pengirim.nama}).")
