"""``flask impor-peserta FILE [--terapkan]`` and ``flask pekerja`` (the background worker)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.domain.impor import BerkasTidakSah
from app.extensions import db


def init_cli_impor(app) -> None:
    app.cli.add_command(impor_peserta)
    app.cli.add_command(pekerja)


@click.command("impor-peserta")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--terapkan", is_flag=True,
              help="Simpan baris yang sah (tanpa ini hanya laporan, tidak ada yang disimpan).")
@click.option("--laporan", type=click.Path(dir_okay=False, path_type=Path),
              help="Tulis baris ditolak dan peringatan ke berkas CSV ini.")
@with_appcontext
def impor_peserta(berkas: Path, terapkan: bool, laporan: Path | None) -> None:
    """Check a participant CSV/XLSX and print the report; exit 1 when a row is rejected
    (dry run). With --terapkan the valid rows are written in one transaction, audited."""
    from app.konten_app import wilayah
    from app.models import AuditLog
    from app.services import impor as layanan
    from app.services.waktu import hari_ini
    from app.staf.forms import dibiayai_bawaan

    with berkas.open("rb") as f:
        total = layanan.kira_baris(f)
        sha = layanan.sha256_berkas(f)
    keluar = laporan.open("w", encoding="utf-8", newline="") if laporan else None
    try:
        with berkas.open("rb") as f, click.progressbar(
                length=max(total, 1), label="Memeriksa" if not terapkan else "Menyimpan",
                file=sys.stderr) as bar:
            sudah = [0]

            def maju(n: int) -> None:
                bar.update(n - sudah[0])
                sudah[0] = n

            r = layanan.proses(db.session, f, layanan.aturan_impor(hari_ini()), tulis=terapkan,
                               laporan=keluar, kemajuan=maju,
                               dibiayai_oleh=dibiayai_bawaan(wilayah()))
        if terapkan:
            db.session.add(AuditLog(aksi="peserta.impor", objek_jenis="berkas",
                                    objek_id=sha[:40], ringkasan=(
                f"Impor peserta lewat perintah dari berkas \u201c{berkas.name}\u201d "
                f"(SHA-256 {sha}): {r.baru} baru, {r.diubah} diubah, {r.sama} sama, "
                f"{r.ditolak} ditolak.")))
            db.session.commit()
        else:
            db.session.rollback()
    except BerkasTidakSah as galat:
        db.session.rollback()
        raise click.ClickException(str(galat)) from None
    except Exception:
        db.session.rollback()
        current_app.logger.exception("impor-peserta gagal")
        raise click.ClickException("Impor gagal; tidak ada data yang disimpan.") from None
    finally:
        if keluar is not None:
            keluar.close()
    click.echo(f"Berkas: {berkas.name} (SHA-256 {sha})")
    click.echo(f"Baris data: {r.total}")
    click.echo(f"Baru: {r.baru}")
    click.echo(f"Diperbarui: {r.diubah}")
    click.echo(f"Sama: {r.sama}")
    click.echo(f"Ditolak: {r.ditolak}")
    click.echo(f"Dengan peringatan: {r.peringatan}")
    if laporan:
        click.echo(f"Laporan baris: {laporan}")
    if terapkan:
        click.echo("Tersimpan.")
    else:
        click.echo("Uji coba: tidak ada yang disimpan. Tambahkan --terapkan untuk menyimpan.")
        if r.ditolak:
            raise SystemExit(1)


@click.command("pekerja")
@click.option("--burst", is_flag=True, help="Berhenti setelah antrean kosong.")
@with_appcontext
def pekerja(burst: bool) -> None:
    """Run the background worker (RQ on REDIS_URL) for imports."""
    from app.tugas import pekerja as jalankan

    app = current_app._get_current_object()
    if not app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL belum diatur: tanpa Redis pekerjaan berjalan di "
                                   "proses web, pekerja tidak diperlukan.")
    jalankan(app, burst=burst)
