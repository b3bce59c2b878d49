"""get_klaim_for: the single ownership check (owner, insured worker, officers; else 404)."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import NotFound

from app.services.akses import get_dokumen_for, get_klaim_for, klaim_milik


def test_owner_worker_and_officers_see_the_claim_others_get_404(db, factory):
    pekerja = factory.user(peran="peserta")
    peserta = factory.peserta(user_id=pekerja.id)
    klaim = factory.klaim(peserta=peserta)
    boleh = [klaim.pemohon, pekerja, factory.user(peran="petugas"), factory.user(peran="admin")]
    for user in boleh:
        assert get_klaim_for(db.session, user, klaim.public_id) is klaim
    for user in [factory.user(peran="ahli_waris"), factory.user(peran="peserta"),
                 factory.user(peran="humas"), None]:
        with pytest.raises(NotFound):
            get_klaim_for(db.session, user, klaim.public_id)
    with pytest.raises(NotFound):
        get_klaim_for(db.session, klaim.pemohon, "tidak-ada")


def test_document_must_belong_to_the_claim(db, factory):
    a = factory.klaim()
    b = factory.klaim()
    dok_b = b.dokumen[0]
    assert get_dokumen_for(db.session, b.pemohon, b.public_id, dok_b.id) is dok_b
    with pytest.raises(NotFound):
        get_dokumen_for(db.session, a.pemohon, a.public_id, dok_b.id)


def test_klaim_milik_lists_applied_and_insured_claims(db, factory):
    pekerja = factory.user(peran="peserta")
    peserta = factory.peserta(user_id=pekerja.id)
    sendiri = factory.klaim(peserta=peserta, jenis="JKK", pemohon=pekerja,
                            hubungan="peserta_sendiri")
    lain = factory.klaim()
    assert klaim_milik(db.session, pekerja) == [sendiri]
    assert lain not in klaim_milik(db.session, pekerja)
