"""Flask-WTF form classes of the applicant's claim pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class FormUnggahDokumen(FlaskForm):
    """One document upload. The content checks (type, size, re-encoding) are in
    app/domain/unggah.py; this form only reads the file field."""

    class Meta:
        csrf = False  # CSRFProtect already checked the token before the view runs

    berkas = FileField(
        "Berkas", validators=[FileRequired("Pilih berkas yang akan diunggah terlebih dulu.")]
    )
