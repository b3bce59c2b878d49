"""peserta.nik_akhir: the NIK's last four digits, indexed, for the officers' search

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("peserta", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nik_akhir", sa.String(length=4), nullable=True))
    op.execute("UPDATE peserta SET nik_akhir = substr(nik, 13, 4)")
    with op.batch_alter_table("peserta", schema=None) as batch_op:
        batch_op.alter_column("nik_akhir", existing_type=sa.String(length=4), nullable=False)
        batch_op.create_check_constraint("nik_akhir", "nik_akhir = substr(nik, 13, 4)")
        batch_op.create_index(batch_op.f("ix_peserta_nik_akhir"), ["nik_akhir"], unique=False)


def downgrade():
    with op.batch_alter_table("peserta", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peserta_nik_akhir"))
        batch_op.drop_constraint(batch_op.f("ck_peserta_nik_akhir"), type_="check")
        batch_op.drop_column("nik_akhir")
