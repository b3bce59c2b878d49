"""Staff second step (TOTP): enrolment, codes, recovery codes, throttle, admin reset."""

from __future__ import annotations

import pyotp
import pytest
from sqlalchemy import select

from app.models import AuditLog, KodePemulihan, User
from tests.akun_bantu import kode_totp, masuk, selesaikan_kode

SANDI = "sandi-uji-coba-123"


@pytest.fixture
def staf(factory):
    return factory.user(peran="petugas", nama="Agus Petugas")


def _daftarkan(client, db, user) -> list[str]:
    """Password, enrolment with a first code; returns the recovery codes shown."""
    assert masuk(client, user.email, SANDI).status_code == 302
    r = selesaikan_kode(client, user)
    assert r.status_code == 200
    import re

    return re.findall(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>", r.get_data(as_text=True))


def test_password_alone_does_not_sign_staff_in(client, staf):
    r = masuk(client, staf.email, SANDI)
    assert r.status_code == 302 and r.location == "/masuk/kode"
    assert client.get("/staf").status_code == 302  # still anonymous: back to sign-in


def test_enrolment_shows_a_qr_code_and_the_typed_secret(client, db, staf, page_checker):
    masuk(client, staf.email, SANDI)
    r = client.get("/masuk/kode")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    soup = page_checker.check(html)
    assert soup.select_one("img.kode-qr")["src"].startswith("data:image/svg+xml")
    db.session.refresh(staf)
    assert staf.totp_rahasia and not staf.totp_aktif
    assert soup.select_one("#kunci-rahasia").get_text().replace(" ", "") == staf.totp_rahasia


def test_enrolment_needs_a_right_first_code(client, db, staf, page_checker):
    masuk(client, staf.email, SANDI)
    client.get("/masuk/kode")
    r = client.post("/masuk/kode", data={"kode": "000000"})
    assert r.status_code == 422
    page_checker.check(r.get_data(as_text=True))
    assert 'href="#kode"' in r.get_data(as_text=True)
    db.session.refresh(staf)
    assert not staf.totp_aktif


def test_enrolment_then_signed_in_with_ten_hashed_recovery_codes(client, db, staf, page_checker):
    versi = staf.sesi_versi
    kode = _daftarkan(client, db, staf)
    assert len(kode) == 10 and len(set(kode)) == 10
    assert client.get("/staf").status_code == 200
    db.session.refresh(staf)
    assert staf.totp_aktif and staf.sesi_versi == versi + 1
    hash_ = db.session.scalars(select(KodePemulihan.kode_hash)
                               .where(KodePemulihan.user_id == staf.id)).all()
    assert len(hash_) == 10 and not set(kode) & set(hash_)
    assert all(h.startswith("$argon2id$") for h in hash_)
    assert db.session.scalar(select(AuditLog).where(AuditLog.aksi == "akun.totp_daftar"))


def test_sign_in_with_a_code_and_a_code_is_never_accepted_twice(app, db, staf):
    _daftarkan(app.test_client(), db, staf)
    klien = app.test_client()
    masuk(klien, staf.email, SANDI)
    kode = kode_totp(staf.id)
    r = klien.post("/masuk/kode", data={"kode": kode})
    assert r.status_code == 302 and r.location == "/staf"
    klien2 = app.test_client()
    masuk(klien2, staf.email, SANDI)
    assert klien2.post("/masuk/kode", data={"kode": kode}).status_code == 422


def test_recovery_code_works_once(app, db, staf):
    cadangan = _daftarkan(app.test_client(), db, staf)
    klien = app.test_client()
    masuk(klien, staf.email, SANDI)
    r = klien.post("/masuk/kode", data={"kode": cadangan[3].lower().replace("-", " ")})
    assert r.status_code == 302
    klien2 = app.test_client()
    masuk(klien2, staf.email, SANDI)
    assert klien2.post("/masuk/kode", data={"kode": cadangan[3]}).status_code == 422
    assert klien2.post("/masuk/kode", data={"kode": cadangan[4]}).status_code == 302


def test_wrong_codes_are_throttled_like_passwords(app, db, staf):
    _daftarkan(app.test_client(), db, staf)
    klien = app.test_client()
    masuk(klien, staf.email, SANDI)
    for _ in range(5):
        assert klien.post("/masuk/kode", data={"kode": "123456"}).status_code == 422
    r = klien.post("/masuk/kode", data={"kode": kode_totp(staf.id)})
    assert r.status_code == 429 and r.headers["Retry-After"]
    assert "Terlalu banyak kode yang salah" in r.get_data(as_text=True)


def test_workers_and_heirs_have_no_second_step(client, factory):
    user = factory.user(peran="ahli_waris")
    assert masuk(client, user.nik, SANDI).location == "/akun/"
    assert client.get("/masuk/kode").status_code == 302


def test_the_second_step_cannot_be_reached_without_the_password(client):
    r = client.get("/masuk/kode")
    assert r.status_code == 302 and r.location == "/masuk"
    assert client.post("/masuk/kode", data={"kode": "123456"}).status_code == 302


def test_next_survives_the_second_step(client, db, staf):
    _daftarkan(client, db, staf)
    client.post("/keluar")
    masuk(client, staf.email, SANDI, query_string={"next": "/staf/klaim"})
    r = client.post("/masuk/kode", data={"kode": kode_totp(staf.id)})
    assert r.location == "/staf/klaim"


def test_admin_resets_a_colleagues_second_factor(app, db, factory, staf):
    _daftarkan(app.test_client(), db, staf)
    korban = app.test_client()
    masuk(korban, staf.email, SANDI)
    korban.post("/masuk/kode", data={"kode": kode_totp(staf.id)})
    assert korban.get("/staf").status_code == 200
    admin = factory.user(peran="admin", nama="Admin Uji")
    klien = app.test_client()
    _daftarkan(klien, db, admin)
    assert "Agus Petugas" in klien.get("/staf/pengguna").get_data(as_text=True)
    r = klien.post(f"/staf/pengguna/{staf.id}/reset-dua-langkah")
    assert r.status_code == 303
    db.session.expire_all()
    target = db.session.get(User, staf.id)
    assert not target.totp_aktif and target.totp_rahasia is None
    assert not db.session.scalars(select(KodePemulihan).where(
        KodePemulihan.user_id == staf.id)).all()
    log = db.session.scalar(select(AuditLog).where(AuditLog.aksi == "akun.totp_reset"))
    assert log.actor_user_id == admin.id and log.objek_id == str(staf.id)
    assert log.ringkasan == "Verifikasi dua langkah Agus Petugas diatur ulang."
    assert log.ip == "127.0.0.1"
    assert korban.get("/staf").status_code == 302  # their session ended


def test_only_admins_reset_and_never_themselves(app, db, factory, staf):
    klien = app.test_client()
    _daftarkan(klien, db, staf)
    assert klien.post(f"/staf/pengguna/{staf.id}/reset-dua-langkah").status_code == 404
    assert klien.get("/staf/pengguna").status_code == 403
    admin = factory.user(peran="admin")
    k2 = app.test_client()
    _daftarkan(k2, db, admin)
    assert k2.post(f"/staf/pengguna/{admin.id}/reset-dua-langkah").status_code == 404


def test_demo_staff_get_the_published_secret(db):
    from app.demo import TOTP_DEMO, muat_akun

    muat_akun()
    db.session.commit()
    user = db.session.scalar(select(User).where(User.email == "petugas@sigap.test"))
    assert user.totp_aktif and user.totp_rahasia == TOTP_DEMO
    assert pyotp.TOTP(TOTP_DEMO).now().isdigit()


def test_a_second_step_left_too_long_ends(client, staf, monkeypatch):
    import time

    from app.auth import dua_langkah

    assert masuk(client, staf.email, SANDI).location == "/masuk/kode"
    nanti = time.time() + dua_langkah.MASA_LANGKAH_DETIK + 1
    monkeypatch.setattr(dua_langkah.time, "time", lambda: nanti)
    r = client.get("/masuk/kode")
    assert r.status_code == 302 and r.location == "/masuk"
    monkeypatch.undo()
    # the half-finished step is gone: a fresh code page needs the password again
    assert client.get("/masuk/kode").location == "/masuk"



@pytest.mark.parametrize("cara", ["GET", "POST"])
def test_an_ended_second_step_says_so_on_the_sign_in_page(client, staf, monkeypatch, cara):
    """Following the redirect lands on the sign-in page, which shows why (once)."""
    import time

    from app.auth import dua_langkah
    from tests.akun_bantu import token_csrf

    assert masuk(client, staf.email, SANDI).location == "/masuk/kode"
    token = token_csrf(client.get("/masuk/kode").get_data(as_text=True))
    nanti = time.time() + dua_langkah.MASA_LANGKAH_DETIK + 1
    monkeypatch.setattr(dua_langkah.time, "time", lambda: nanti)
    if cara == "GET":
        r = client.get("/masuk/kode", follow_redirects=True)
    else:
        r = client.post("/masuk/kode", data={"kode": "123456", "csrf_token": token},
                        follow_redirects=True)
    assert r.status_code == 200 and r.request.path == "/masuk"
    assert "Langkah masuk sudah berakhir" in r.get_data(as_text=True)
    assert "Langkah masuk sudah berakhir" not in client.get("/masuk").get_data(as_text=True)


def test_enrolling_replaces_only_ones_own_recovery_codes(app, db, factory, staf):
    """Enrolment stores ten new codes for this person and leaves a colleague's codes alone."""
    rekan = factory.user(peran="petugas", nama="Rekan Uji")
    _daftarkan(app.test_client(), db, rekan)
    milik_rekan = set(db.session.scalars(select(KodePemulihan.kode_hash)
                                         .where(KodePemulihan.user_id == rekan.id)))
    assert len(milik_rekan) == 10
    _daftarkan(app.test_client(), db, staf)
    db.session.expire_all()
    assert set(db.session.scalars(select(KodePemulihan.kode_hash)
                                  .where(KodePemulihan.user_id == rekan.id))) == milik_rekan
    assert len(db.session.scalars(select(KodePemulihan)
                                  .where(KodePemulihan.user_id == staf.id)).all()) == 10


@pytest.mark.parametrize("perubahan", ["sandi_diganti", "dinonaktifkan"])
def test_a_pending_second_step_ends_when_the_account_changes(client, db, staf, perubahan):
    """Between the password and the code, a password change elsewhere (the session version
    moves) or a deactivated account ends the pending step: back to the sign-in page."""
    assert masuk(client, staf.email, SANDI).location == "/masuk/kode"
    assert client.get("/masuk/kode").status_code == 200
    user = db.session.get(User, staf.id)
    if perubahan == "sandi_diganti":
        user.sesi_versi += 1
    else:
        user.aktif = False
    db.session.commit()
    r = client.get("/masuk/kode")
    assert r.status_code == 302 and r.location == "/masuk"
    assert client.get("/staf").status_code == 302


@pytest.mark.parametrize("sisa", [1.0, 9.9, 10.0, 29.0])
def test_the_test_helpers_code_still_counts_after_the_step_boundary(db, staf, monkeypatch, sisa):
    """kode_totp is used by every staff sign-in in the tests: a code it hands out must still
    match when the server checks it several seconds later, across a step boundary (CI once
    failed when the helper gave the previous step's code just before the window moved)."""
    import time

    from app.domain.totp import LANGKAH_DETIK, cocokkan

    staf.totp_rahasia, staf.totp_aktif, staf.totp_langkah = pyotp.random_base32(32), True, None
    db.session.commit()
    t = 1_800_000_000 // LANGKAH_DETIK * LANGKAH_DETIK + LANGKAH_DETIK - sisa
    monkeypatch.setattr(time, "time", lambda: t)
    kode = kode_totp(staf.id)
    assert cocokkan(staf.totp_rahasia, kode, None, waktu=t + 8) is not None
    assert cocokkan(staf.totp_rahasia, kode, None, waktu=t) is not None
