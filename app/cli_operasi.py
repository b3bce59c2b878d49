"""Operations commands: ``flask cadangan``, ``pulihkan``, ``bersihkan``, ``periksa``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


def init_cli_operasi(app: Flask) -> None:
    """Register the operations commands."""
    for perintah in (cadangan, pulihkan, bersihkan, periksa):
        app.cli.add_command(perintah)


@click.command("cadangan")
@click.argument("folder", type=click.Path(file_okay=False))
@with_appcontext
def cadangan(folder: str) -> None:
    """Back up the database and stored files into FOLDER (new or empty), with a manifest."""
    from app.cadangan import CadanganGagal, cadangkan
    from app.penyimpanan import PenyimpananGangguan

    try:
        manifest = cadangkan(folder)
    except (CadanganGagal, PenyimpananGangguan) as e:
        raise click.ClickException(str(e)) from e
    jumlah = sum(n for t, n in manifest["baris"].items() if t != "alembic_version")
    click.echo(f"Cadangan selesai di {folder}: basis data {manifest['database']['jenis']} "
               f"({jumlah} baris), {len(manifest['berkas'])} berkas, manifest.json dengan SHA-256.")


@click.command("pulihkan")
@click.argument("folder", type=click.Path(file_okay=False, exists=True))
@click.option("--timpa", is_flag=True,
              help="Ganti basis data dan berkas yang sudah berisi dengan isi cadangan.")
@with_appcontext
def pulihkan(folder: str, timpa: bool) -> None:
    """Restore a backup made by ``flask cadangan`` into an empty database and storage."""
    from app.cadangan import CadanganGagal
    from app.cadangan import pulihkan as jalankan
    from app.penyimpanan import PenyimpananGangguan

    try:
        manifest = jalankan(folder, timpa=timpa)
    except (CadanganGagal, PenyimpananGangguan) as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"Pemulihan selesai dari {folder} (dibuat {manifest['dibuat']}): jumlah baris "
               f"setiap tabel cocok, {len(manifest['berkas'])} berkas dengan hash yang cocok.")


@click.command("bersihkan")
@click.option("--coba", is_flag=True, help="Hanya tampilkan yang akan dihapus.")
@with_appcontext
def bersihkan(coba: bool) -> None:
    """Remove data past its retention period (content/data/retensi.yaml)."""
    from app import retensi
    from app.extensions import db

    r = retensi.rencana(db.session)
    baris = retensi.uraian(r)
    awalan = "Akan dihapus" if coba else "Dihapus"
    for b in baris:
        click.echo(f"{awalan}: {b}")
    if coba:
        click.echo(f"Uji coba: {retensi.jumlah(r)} akan dihapus. Tidak ada yang diubah.")
        db.session.rollback()
        return
    kunci = retensi.bersihkan(db.session, r)
    db.session.commit()
    retensi.hapus_tugas(r)
    tersisa = retensi.hapus_berkas(kunci)
    click.echo(f"Selesai: {retensi.jumlah(r)} dihapus.")
    if tersisa:
        click.echo(f"{len(tersisa)} berkas belum terhapus dari penyimpanan (gangguan); "
                   "catatannya sudah diperbarui. Hapus manual: " + ", ".join(tersisa), err=True)
        raise SystemExit(1)


@click.command("periksa")
@with_appcontext
def periksa() -> None:
    """Check this deployment's configuration; exit 1 when something is wrong."""
    from app.periksa import MASALAH, periksa_semua

    hasil = periksa_semua()
    for h in hasil:
        click.echo(f"{h.tingkat:<10} {h.hal}: {h.pesan}")
    masalah = sum(h.tingkat == MASALAH for h in hasil)
    if masalah:
        click.echo(f"{masalah} masalah: perbaiki sebelum melayani pengunjung.", err=True)
        raise SystemExit(1)
    click.echo("Konfigurasi siap.")
