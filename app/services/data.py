"""Structured figures from content/data used by the claim services (from the one loader)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain import klaim as domain
from app.domain.kalkulator import santunan_kematian_kk
from app.konten_app import konten


def baca_data(nama: str) -> Mapping[str, Any]:
    """``content/data/<nama>.yaml`` of the running app, from the one content loader
    (app/konten_app.py: read once at start-up, frozen)."""
    return konten().data.get(nama) or {}


def checklist(jenis: str) -> list[dict[str, Any]]:
    """The document checklist for a claim type (``kode``, ``nama``, ``wajib``, ...)."""
    domain.jenis_klaim(jenis)
    return list(baca_data("dokumen_klaim").get(jenis) or [])


def target_layanan() -> dict[str, int]:
    """``{jenis: working days}`` from layanan.yaml."""
    return domain.target_dari_data(baca_data("layanan"))


def _nilai(data: Mapping[str, Any], *kunci: str) -> Any:
    isi: Any = data
    for k in kunci:
        isi = isi[k]
    return isi["nilai"]


def komponen_manfaat(
    jenis: str, penghasilan: int | None = None, jenjang: str | None = None
) -> list[dict[str, Any]]:
    """Benefit components for a new claim, from manfaat.yaml (amount None = decided later)."""
    m = baca_data("manfaat")
    if jenis == "JKM":
        return [
            _k("santunan_sekaligus", "Santunan kematian sekaligus",
               _nilai(m, "jkm", "santunan_sekaligus")),
            _k("santunan_berkala", "Santunan berkala (dibayar sekaligus)",
               _nilai(m, "jkm", "santunan_berkala")),
            _k("biaya_pemakaman", "Biaya pemakaman", _nilai(m, "jkm", "biaya_pemakaman")),
        ]
    if jenis == "JKK_meninggal":
        kali = _nilai(m, "jkk", "meninggal", "kali_penghasilan")
        santunan = santunan_kematian_kk(m["jkk"]["meninggal"], penghasilan) if penghasilan else None
        return [
            _k("santunan_kematian", f"Santunan kematian ({kali} × penghasilan)", santunan,
               None if santunan else "Dihitung dari penghasilan yang dilaporkan."),
            _k("santunan_berkala", "Santunan berkala (dibayar sekaligus)",
               _nilai(m, "jkk", "meninggal", "santunan_berkala")),
            _k("biaya_pemakaman", "Biaya pemakaman",
               _nilai(m, "jkk", "meninggal", "biaya_pemakaman")),
        ]
    if jenis == "JKK":
        return [
            _k("perawatan", "Perawatan dan pengobatan", None, _nilai(m, "jkk", "perawatan")),
            _k("stmb", "Santunan selama tidak mampu bekerja", None,
               "Dihitung dari penghasilan yang dilaporkan dan lama tidak bekerja."),
        ]
    if jenis == "beasiswa":
        daftar = m["beasiswa"]["jenjang"]
        if jenjang in daftar:
            j = daftar[jenjang]
            return [_k(f"beasiswa_{jenjang}", f"Beasiswa {j['nama']}, satu tahun",
                       j["per_tahun"]["nilai"])]
        return [_k("beasiswa", "Beasiswa pendidikan, satu tahun", None,
                   "Besarnya menurut jenjang sekolah anak.")]
    domain.jenis_klaim(jenis)  # raises for an unknown type
    return []


def _k(kode: str, nama: str, jumlah: int | None, keterangan: str | None = None) -> dict:
    return {"kode": kode, "nama": nama, "jumlah": jumlah, "keterangan": keterangan}
