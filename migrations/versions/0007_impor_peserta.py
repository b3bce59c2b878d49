"""impor_peserta: participant import jobs (file, report counts, status)

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-07 13:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "impor_peserta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("oleh_user_id", sa.Integer(), nullable=True),
        sa.Column("nama_berkas", sa.String(length=200), nullable=False),
        sa.Column("berkas", sa.String(length=80), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("ukuran", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("pesan", sa.Text(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("baru", sa.Integer(), nullable=False),
        sa.Column("diubah", sa.Integer(), nullable=False),
        sa.Column("sama", sa.Integer(), nullable=False),
        sa.Column("ditolak", sa.Integer(), nullable=False),
        sa.Column("peringatan", sa.Integer(), nullable=False),
        sa.Column("diperiksa_pada", sa.DateTime(timezone=True), nullable=True),
        sa.Column("diterapkan_pada", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dibuat", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('antre', 'memeriksa', 'siap', 'antre_tulis', 'menulis', 'selesai', "
            "'gagal')",
            name=op.f("ck_impor_peserta_status"),
        ),
        sa.ForeignKeyConstraint(["oleh_user_id"], ["users.id"],
                                name=op.f("fk_impor_peserta_oleh_user_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impor_peserta")),
    )
    with op.batch_alter_table("impor_peserta", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_impor_peserta_oleh_user_id"), ["oleh_user_id"])
        batch_op.create_index(batch_op.f("ix_impor_peserta_sha256"), ["sha256"])


def downgrade():
    with op.batch_alter_table("impor_peserta", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impor_peserta_sha256"))
        batch_op.drop_index(batch_op.f("ix_impor_peserta_oleh_user_id"))
    op.drop_table("impor_peserta")
