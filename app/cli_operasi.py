"""Operations commands: ``flask cadangan``, ``pulihkan``, ``bersihkan``, ``periksa``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


def init_cli_operasi(app: Flask) -> None:
    """Register the operations commands."""
    for perintah in (cadangan, pulihkan):
        app.cli.add_command(perintah)


@click.command("cadangan")
@click.argument("folder", type=click.Path(file_okay=False))
@with_appcontext
def cadangan(folder: str) -> None:
    """Back up the database and stored files into FOLDER (new or empty), with a manifest."""
    from app.cadangan import CadanganGagal, cadangkan

    try:
        manifest = cadangkan(folder)
    except CadanganGagal as e:
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

    try:
        manifest = jalankan(folder, timpa=timpa)
    except CadanganGagal as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"Pemulihan selesai dari {folder} (dibuat {manifest['dibuat']}): jumlah baris "
               f"setiap tabel cocok, {len(manifest['berkas'])} berkas dengan hash yang cocok.")
