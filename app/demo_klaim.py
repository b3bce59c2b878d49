"""Demo participants and claims: the PRODUCT.md people, ~200 workers, ~40 claims in every state.

Deterministic (one seeded random generator, fixed order) and idempotent (each part looks for
its first record before making anything). Times are counted back from now so the screens look
current; ``--besar`` adds 100 000 workers and 20 000 claims with bulk inserts for the bench.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, insert, select

from app.domain import klaim as domain
from app.extensions import db
from app.models import Dokumen, Klaim, KlaimEvent, Peserta, User
from app.services import data
from app.services.dokumen import minta_dokumen, terima_dokumen
from app.services.klaim import buat_klaim, catat_pembayaran, catat_persetujuan, pindahkan
from app.services.peserta import buat_peserta
from app.services.waktu import sekarang

BENIH = 2026
APBD = "APBD Kota Bekasi"

NAMA_DEPAN_L = ("Agus", "Bambang", "Dedi", "Eko", "Hendra", "Iwan", "Joko", "Rudi", "Slamet",
                "Supriyadi", "Wahyu", "Yusuf", "Asep", "Ujang", "Dadang", "Rahmat", "Hasan",
                "Andi", "Fajar", "Budi", "Irfan", "Taufik", "Sugeng", "Ahmad")
NAMA_DEPAN_P = ("Sri", "Nur", "Wati", "Yuni", "Lilis", "Ratna", "Euis", "Siti", "Dewi", "Rina",
                "Fitri", "Neneng", "Ani", "Tuti", "Endang", "Kartini", "Lestari", "Maya")
NAMA_BELAKANG = ("Santoso", "Hidayat", "Saputra", "Setiawan", "Kurniawan", "Wijaya", "Pratama",
                 "Nugroho", "Rahayu", "Susanti", "Lestari", "Suryani", "Permana", "Hakim",
                 "Maulana", "Sulaeman", "Gunawan", "Hermawan", "Sihombing", "Siregar",
                 "Nainggolan", "Purba", "Firmansyah", "Ramadhan")
# A few real kelurahan per kecamatan of Kota Bekasi, for plausible addresses in demo records.
KELURAHAN = {
    "bantargebang": ("Bantargebang", "Cikiwul", "Ciketing Udik", "Sumur Batu"),
    "bekasi-barat": ("Bintara", "Bintara Jaya", "Kranji", "Kota Baru", "Jakasampurna"),
    "bekasi-selatan": ("Pekayon Jaya", "Jaka Setia", "Kayuringin Jaya", "Marga Jaya"),
    "bekasi-timur": ("Aren Jaya", "Bekasi Jaya", "Duren Jaya", "Margahayu"),
    "bekasi-utara": ("Harapan Jaya", "Kaliabang Tengah", "Perwira", "Teluk Pucung"),
    "jatiasih": ("Jatiasih", "Jatikramat", "Jatimekar", "Jatirasa", "Jatiluhur"),
    "jatisampurna": ("Jatisampurna", "Jatikarya", "Jatiranggon", "Jatiraden"),
    "medan-satria": ("Medan Satria", "Harapan Mulya", "Kali Baru", "Pejuang"),
    "mustika-jaya": ("Mustika Jaya", "Mustika Sari", "Padurenan", "Cimuning"),
    "pondok-gede": ("Jatibening", "Jatibening Baru", "Jatimakmur", "Jatiwaringin"),
    "pondok-melati": ("Jatimelati", "Jatimurni", "Jatirahayu", "Jatiwarna"),
    "rawalumbu": ("Bojong Rawalumbu", "Bojong Menteng", "Pengasinan", "Sepanjang Jaya"),
}
NIK_BUDI = "3275011506880001"
NIK_SITI = "3275015203850002"
NIK_DEWI = "3275014708900004"
NIK_AHMAD = "3275010203800003"
NIK_JOKO = "3275030505850007"  # Dewi's late husband (invented for the demo)
STATE_DEMO = [s.value for s in domain.StatusKlaim]


def _acak(benih: int) -> random.Random:
    """A seeded generator: demo records must come out the same every time, not be secret."""
    return random.Random(benih)  # noqa: S311 - reproducible demo data, nothing secret


def _wilayah() -> Mapping[str, Any]:
    from app.konten_app import wilayah

    return wilayah()


def _user(**cari) -> User | None:
    (kolom, nilai), = cari.items()
    return db.session.scalar(select(User).where(getattr(User, kolom) == nilai))


def _nik(rng: random.Random, kec: int, perempuan: bool, serial: int) -> str:
    lahir = dt.date(rng.randint(1966, 2004), rng.randint(1, 12), rng.randint(1, 28))
    hari = lahir.day + (40 if perempuan else 0)
    return f"3275{kec:02d}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{serial:04d}"


def _orang(rng: random.Random) -> tuple[str, bool]:
    perempuan = rng.random() < 0.35
    depan = rng.choice(NAMA_DEPAN_P if perempuan else NAMA_DEPAN_L)
    return f"{depan} {rng.choice(NAMA_BELAKANG)}", perempuan


def _almarhum(nik: str, nama: str, kpj: str, wilayah: tuple[str, str], segmen: str, *,
              mulai: dt.date, desil: int, meninggal: dt.datetime):
    """A deceased participant of the city-paid programme (whose heir's claim the demo shows)."""
    kecamatan, kelurahan = wilayah
    return buat_peserta(
        db.session, nik=nik, nama=nama, oleh=None, kpj=kpj, kecamatan=kecamatan,
        kelurahan=kelurahan, segmen=segmen, mulai=mulai, akhir=dt.date(2026, 12, 31),
        dibiayai_oleh=APBD, penghasilan=1_000_000, desil=desil, status="meninggal",
        tanggal_meninggal=meninggal.date(),
    )


def _tokoh_utama(petugas: User | None, awal: dt.datetime) -> None:
    """Budi, Ahmad (deceased) with Siti's two claims, Joko (deceased) with Dewi's claim."""
    sesi = db.session
    budi = buat_peserta(
        sesi, nik=NIK_BUDI, nama="Budi Santoso", oleh=None, kpj="26011234567",
        telepon="081234560001", kecamatan="bekasi-timur", kelurahan="Aren Jaya", segmen="ojol",
        mulai=dt.date(2026, 1, 1), akhir=dt.date(2026, 12, 31), dibiayai_oleh=APBD,
        penghasilan=1_000_000, desil=2, user_id=_user(nik=NIK_BUDI).id,
    )
    siti = _user(nik=NIK_SITI)
    siti.telepon = "081234560002"
    ahmad = _almarhum(NIK_AHMAD, "Ahmad Hidayat", "22019876543", ("bekasi-timur", "Duren Jaya"),
                      "pedagang_kecil", mulai=dt.date(2022, 1, 1), desil=1,
                      meninggal=awal - dt.timedelta(days=150))
    semua_dok = [d["kode"] for d in data.checklist("JKM")]
    jkm = buat_klaim(sesi, ahmad, "JKM", oleh=petugas, pemohon=siti, hubungan="istri",
                     tanggal_kejadian=ahmad.tanggal_meninggal, waktu=awal - dt.timedelta(days=140))
    _jalan(jkm, "dibayar", petugas, awal - dt.timedelta(days=139), _acak(1),
           lengkap=semua_dok)
    bea = buat_klaim(sesi, ahmad, "beasiswa", oleh=petugas, pemohon=siti, hubungan="istri",
                     jenjang="sd", tanggal_kejadian=ahmad.tanggal_meninggal,
                     dokumen_diterima=["kartu_peserta", "kartu_keluarga", "ktp_wali"],
                     waktu=awal - dt.timedelta(days=20))
    _jalan(bea, "perlu_dokumen", petugas, awal - dt.timedelta(days=19), _acak(2))
    dewi = _user(nik=NIK_DEWI)
    dewi.telepon = "081234560004"
    joko = _almarhum(NIK_JOKO, "Joko Prasetyo", "25110007788", ("rawalumbu", "Pengasinan"),
                     "kuli_bangunan", mulai=dt.date(2025, 11, 5), desil=3,
                     meninggal=awal - dt.timedelta(days=12))
    jk = buat_klaim(sesi, joko, "JKM", oleh=petugas, pemohon=dewi, hubungan="istri",
                    tanggal_kejadian=joko.tanggal_meninggal,
                    dokumen_diterima=["kartu_peserta", "ktp_peserta", "ktp_ahli_waris"],
                    waktu=awal - dt.timedelta(days=6))
    _jalan(jk, "verifikasi_berkas", petugas, awal - dt.timedelta(days=5), _acak(3))
    sendiri = buat_klaim(sesi, budi, "JKK", oleh=petugas, hubungan="peserta_sendiri",
                         tanggal_kejadian=(awal - dt.timedelta(days=9)).date(),
                         dokumen_diterima=["kartu_peserta", "ktp_peserta"],
                         waktu=awal - dt.timedelta(days=8))
    _jalan(sendiri, "verifikasi_berkas", petugas, awal - dt.timedelta(days=7), _acak(4))


def _jalan(klaim: Klaim, tujuan: str, petugas: User | None, mulai: dt.datetime,
           rng: random.Random, lengkap: list[str] | None = None) -> None:
    """Move a claim along legal moves to ``tujuan`` with plausible gaps between steps."""
    sesi = db.session
    waktu = mulai

    def maju(jam_min: int = 4, jam_maks: int = 72) -> dt.datetime:
        nonlocal waktu
        waktu += dt.timedelta(hours=rng.randint(jam_min, jam_maks))
        return waktu

    if tujuan == "diterima":
        return
    if tujuan == "dibatalkan":
        pindahkan(sesi, klaim, "dibatalkan", petugas, waktu=maju(),
                  alasan="Dibatalkan atas permintaan ahli waris; klaim diajukan ulang.")
        return
    pindahkan(sesi, klaim, "verifikasi_berkas", petugas, waktu=maju())
    if tujuan == "verifikasi_berkas":
        return
    if tujuan == "perlu_dokumen":
        kurang = [d for d in klaim.dokumen if d.status == "diminta"]
        minta_dokumen(sesi, klaim, kurang[0].kode if kurang else "kartu_keluarga", petugas,
                      catatan="Mohon kirim foto yang jelas, semua sudut terlihat.", waktu=maju())
        return
    if tujuan == "ditolak":
        pindahkan(sesi, klaim, "ditolak", petugas, waktu=maju(),
                  alasan="Peserta tidak tercatat aktif pada tanggal meninggal.")
        return
    for dok in klaim.dokumen:
        if dok.status in ("diminta", "diunggah") and (lengkap is None or dok.kode in lengkap):
            terima_dokumen(sesi, dok, petugas, waktu=maju(1, 6))
    pindahkan(sesi, klaim, "diajukan_bpjs", petugas, waktu=maju(2, 24))
    if tujuan == "diajukan_bpjs":
        return
    jumlah = klaim.jumlah_komponen or rng.choice((4_500_000, 7_250_000, 12_000_000))
    catat_persetujuan(sesi, klaim, jumlah, petugas, waktu=maju(24, 48))
    if tujuan == "disetujui":
        return
    bayar = maju(12, 36)
    catat_pembayaran(sesi, klaim, jumlah, bayar.date(), f"BNI-{rng.randint(10**7, 10**8 - 1)}",
                     petugas, waktu=bayar)


def _peserta_acak(rng: random.Random, jumlah: int) -> list[Peserta]:
    """``jumlah`` ordinary participants spread over kecamatan and segments."""
    kecamatan = [k["kode"] for k in _wilayah()["kecamatan"]]
    segmen = [s["kode"] for s in _wilayah()["segmen"]]
    hasil = []
    for i in range(jumlah):
        nama, perempuan = _orang(rng)
        kec = rng.randrange(len(kecamatan))
        meninggal = i % 5 == 0  # a fifth, so death claims have someone to be about
        hasil.append(buat_peserta(
            db.session, nik=_nik(rng, kec + 1, perempuan, 100 + i), nama=nama, oleh=None,
            kpj=f"26{rng.randint(0, 10**9 - 1):09d}",
            telepon=f"0812{rng.randint(10**7, 10**8 - 1)}",
            kecamatan=kecamatan[kec], kelurahan=rng.choice(KELURAHAN.get(kecamatan[kec], ("",))),
            segmen=rng.choice(segmen), mulai=dt.date(2026, 1, 1), akhir=dt.date(2026, 12, 31),
            dibiayai_oleh=APBD, penghasilan=1_000_000, desil=rng.randint(1, 5),
            status="meninggal" if meninggal else "aktif",
        ))
    return hasil


def _klaim_acak(rng: random.Random, peserta: list[Peserta], petugas: User | None,
                awal: dt.datetime, per_state: int) -> int:
    """``per_state`` claims in each of the eight states, by heirs without accounts."""
    meninggal = [p for p in peserta if p.status == "meninggal"]
    hidup = [p for p in peserta if p.status == "aktif"]
    n = 0
    for urutan in range(per_state):
        for state in STATE_DEMO:
            jenis = ("JKM", "JKM", "JKK_meninggal", "JKK", "beasiswa")[(n + urutan) % 5]
            if jenis == "JKK":
                orang = hidup[n % len(hidup)]
                pemohon, hubungan = orang.nama, "peserta_sendiri"
            else:
                orang = meninggal[n % len(meninggal)]
                pemohon, _ = _orang(rng)
                hubungan = rng.choice(("istri", "suami", "anak", "orang_tua"))
            mulai = awal - dt.timedelta(days=rng.randint(3, 200), hours=rng.randint(0, 23))
            k = buat_klaim(db.session, orang, jenis, oleh=petugas, pemohon_nama=pemohon,
                           hubungan=hubungan,
                           tanggal_kejadian=(mulai - dt.timedelta(days=7)).date(),
                           jenjang="smp" if jenis == "beasiswa" else None, waktu=mulai)
            _jalan(k, state, petugas, mulai, rng)
            n += 1
    return n


def muat_peserta_klaim(besar: bool = False) -> str:
    """The PRODUCT.md people and claims plus ~200 participants and 40 claims (8 states × 5)."""
    if db.session.scalar(select(Peserta.id).where(Peserta.nik == NIK_BUDI)) is not None:
        return "Peserta dan klaim demo: sudah ada."
    rng = _acak(BENIH)
    petugas = _user(email="petugas@sigap.test")
    awal = sekarang().replace(microsecond=0)
    _tokoh_utama(petugas, awal)
    peserta = _peserta_acak(rng, 200)
    jumlah = _klaim_acak(rng, peserta, petugas, awal, per_state=5)
    db.session.flush()
    return f"Peserta dan klaim demo: {len(peserta) + 4} peserta, {jumlah + 4} klaim dibuat."


def muat_besar(besar: bool = False, peserta: int = 100_000, klaim: int = 20_000) -> str:
    """``--besar``: bulk-insert many participants and claims (for ``make bench``)."""
    if not besar:
        return "Data besar: dilewati (pakai --besar)."
    sesi = db.session
    if sesi.scalar(select(Peserta.id).where(Peserta.kpj == "27000000000")) is not None:
        return "Data besar: sudah ada."
    rng = _acak(BENIH + 1)
    kecamatan = [k["kode"] for k in _wilayah()["kecamatan"]]
    segmen = [s["kode"] for s in _wilayah()["segmen"]]
    waktu = sekarang()
    baris = []
    for i in range(peserta):
        nama, perempuan = _orang(rng)
        kec = i % len(kecamatan)
        hari = (i // 5000) % 28 + 1 + (40 if perempuan else 0)
        nik = f"3275{kec + 1:02d}{hari:02d}{rng.randint(1, 12):02d}{rng.randint(66, 99):02d}" \
              f"{5000 + i % 5000:04d}"
        baris.append({
            "nik": nik, "nik_akhir": nik[-4:], "nama": nama, "tanggal_lahir": dt.date(1980, 1, 1),
            "jenis_kelamin": "P" if perempuan else "L", "kecamatan": kecamatan[kec],
            "segmen": segmen[i % len(segmen)], "kpj": f"27{i:09d}", "program_jkk": True,
            "program_jkm": True, "program_jht": False, "mulai": dt.date(2026, 1, 1),
            "akhir": dt.date(2026, 12, 31), "dibiayai_oleh": APBD, "desil": 1 + i % 5,
            "status": "meninggal" if i < klaim else "aktif", "dibuat": waktu, "diubah": waktu,
        })
    for awal in range(0, len(baris), 10_000):
        sesi.execute(insert(Peserta), baris[awal:awal + 10_000])
    ids = sesi.scalars(
        select(Peserta.id).where(Peserta.kpj.like("27%")).order_by(Peserta.kpj).limit(klaim)
    ).all()
    tahun = 2025
    urut = (sesi.scalar(select(func.max(Klaim.urut)).where(Klaim.jenis == "JKM",
                                                           Klaim.tahun == tahun)) or 0)
    komponen = data.komponen_manfaat("JKM")
    checklist = data.checklist("JKM")
    for awal in range(0, len(ids), 5_000):
        potong = ids[awal:awal + 5_000]
        klaim_baris = []
        for j, pid in enumerate(potong, start=awal + 1):
            state = STATE_DEMO[j % len(STATE_DEMO)]
            klaim_baris.append({
                "jenis": "JKM", "tahun": tahun, "urut": urut + j,
                "nomor": domain.nomor_referensi("JKM", tahun, urut + j),
                "public_id": secrets.token_urlsafe(16), "peserta_id": pid,
                "pemohon_nama": _orang(rng)[0], "hubungan": "istri", "state": state,
                "state_sejak": waktu, "komponen": komponen, "rincian": {},
                "alasan": "Data demo." if state in ("ditolak", "dibatalkan") else None,
                "jumlah_disetujui": 42_000_000 if state in ("disetujui", "dibayar") else None,
                "jumlah_dibayar": 42_000_000 if state == "dibayar" else None,
                "tanggal_bayar": waktu.date() if state == "dibayar" else None,
                "referensi_bank": "DEMO" if state == "dibayar" else None,
                "dibuat": waktu, "diubah": waktu,
            })
        sesi.execute(insert(Klaim), klaim_baris)
        nomor = [b["nomor"] for b in klaim_baris]
        id_klaim = sesi.execute(select(Klaim.id, Klaim.state).where(Klaim.nomor.in_(nomor))).all()
        sesi.execute(insert(Dokumen), [
            {"klaim_id": kid, "kode": d["kode"], "nama": d["nama"], "wajib": bool(d["wajib"]),
             "status": "diterima" if d["wajib"] else "tidak_diperlukan"}
            for kid, _ in id_klaim for d in checklist
        ])
        sesi.execute(insert(KlaimEvent), [
            {"klaim_id": kid, "aksi": "dibuat", "dari": None, "ke": st, "waktu": waktu,
             "terlihat_pemohon": True}
            for kid, st in id_klaim
        ])
    return f"Data besar: {peserta} peserta dan {len(ids)} klaim ditambahkan."
