"""Command-line tasks: ``flask demo-data``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.extensions import db


def init_cli(app: Flask) -> None:
    """Register the commands."""
    from app.notifikasi import kirim_notifikasi

    app.cli.add_command(demo_data)
    app.cli.add_command(kirim_notifikasi)
    from app.cli_impor import init_cli_impor

    init_cli_impor(app)
    from app.cli_operasi import init_cli_operasi

    init_cli_operasi(app)


@click.command("demo-data")
@with_appcontext
@click.option(
    "--besar", is_flag=True, help="Tambah 100.000 peserta dan 20.000 klaim (untuk bench)."
)
def demo_data(besar: bool) -> None:
    """Load the demo accounts and records (idempotent; refused in production)."""
    from app import demo

    if current_app.config["SIGAP_CONFIG_NAME"] == "ProductionConfig":
        raise click.ClickException("demo-data tidak boleh dijalankan di production.")
    ringkasan = demo.muat_demo(besar=besar)
    db.session.commit()
    for baris in ringkasan:
        click.echo(baris)
