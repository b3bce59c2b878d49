"""Security boundary: claim version (optimistic lock), per-year claim number rows, outbox
lease, staff second factor (TOTP secret, recovery codes)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 13:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("klaim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("versi", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "nomor_klaim",
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("terakhir", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("jenis", "tahun", name=op.f("pk_nomor_klaim")),
    )
    op.execute(
        "INSERT INTO nomor_klaim (jenis, tahun, terakhir) "
        "SELECT jenis, tahun, MAX(urut) FROM klaim GROUP BY jenis, tahun"
    )
    with op.batch_alter_table("pesan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dikunci_sampai", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_rahasia", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_aktif", sa.Boolean(), server_default="0",
                                      nullable=False))
        batch_op.add_column(sa.Column("totp_langkah", sa.BigInteger(), nullable=True))
    op.create_table(
        "kode_pemulihan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kode_hash", sa.String(length=255), nullable=False),
        sa.Column("dipakai_pada", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_kode_pemulihan_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kode_pemulihan")),
    )
    with op.batch_alter_table("kode_pemulihan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kode_pemulihan_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("kode_pemulihan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kode_pemulihan_user_id"))
    op.drop_table("kode_pemulihan")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_langkah")
        batch_op.drop_column("totp_aktif")
        batch_op.drop_column("totp_rahasia")
    with op.batch_alter_table("pesan", schema=None) as batch_op:
        batch_op.drop_column("dikunci_sampai")
    op.drop_table("nomor_klaim")
    with op.batch_alter_table("klaim", schema=None) as batch_op:
        batch_op.drop_column("versi")
