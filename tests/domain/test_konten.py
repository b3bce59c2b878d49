"""Content loader: both regions render, figures come from data, unverified ones are flagged."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from app.domain.klaim import JENIS_KLAIM, target_dari_data
from app.domain.konten import (
    PENANDA,
    format_nilai,
    muat_data,
    muat_konten,
    slugify,
    tandai_belum_pasti,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
WILAYAH = ("kota-bekasi", "kabupaten-bekasi")
HALAMAN = {
    "hak-dan-manfaat",
    "jkk",
    "jkm",
    "jht",
    "beasiswa",
    "jp-dan-jkp",
    "cara-mendaftar",
    "cara-klaim",
    "ahli-waris",
    "program",
    "kontak",
    "privasi",
}


@pytest.fixture(scope="module", params=WILAYAH)
def konten(request):
    return muat_konten(CONTENT, request.param)


@pytest.fixture(scope="module")
def kota():
    return muat_konten(CONTENT, "kota-bekasi")


@pytest.fixture(scope="module")
def kabupaten():
    return muat_konten(CONTENT, "kabupaten-bekasi")


# ---------------------------------------------------------------- loading


def test_both_regions_load_with_all_pages(konten):
    assert set(konten.halaman) == HALAMAN
    assert {k for k, _, _ in konten.daftar_wilayah} == set(WILAYAH)


def test_region_can_be_chosen_by_official_code():
    assert muat_konten(CONTENT, "3275").wilayah["nama"] == "Kota Bekasi"
    assert muat_konten(CONTENT, "3216").wilayah["nama"] == "Kabupaten Bekasi"


def test_unknown_region_lists_the_available_ones():
    with pytest.raises(ValueError) as exc:
        muat_konten(CONTENT, "kota-depok")
    pesan = str(exc.value)
    assert "kota-depok" in pesan
    assert "kota-bekasi (3275)" in pesan and "kabupaten-bekasi (3216)" in pesan


def test_every_page_has_front_matter(konten):
    for h in konten.halaman.values():
        assert h.judul and h.ringkasan, h.slug
        assert isinstance(h.diperbarui, dt.date), h.slug
        assert h.sumber and all(h.sumber), h.slug
        assert "{{" not in h.judul + h.ringkasan + "".join(h.sumber), h.slug


def test_pages_render_completely(konten):
    for h in konten.halaman.values():
        assert "{{" not in h.html and "{%" not in h.html, h.slug
        assert "%%checklist" not in h.html, h.slug
        assert "<h1" not in h.html, f"{h.slug}: the page template owns the h1"
        assert "<" not in h.teks, h.slug


def test_sections_split_at_h2_with_unique_slug_ids(konten):
    for h in konten.halaman.values():
        ids = [b.id for b in h.bagian]
        assert ids and len(ids) == len(set(ids)), h.slug
        assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids), h.slug
        for b in h.bagian:
            assert f'<h2 id="{b.id}">' in h.html
            assert "<h2" not in b.html


def test_claim_page_has_one_section_and_checklist_per_claim_type(kota):
    bagian = {b.id: b for b in kota.halaman["cara-klaim"].bagian}
    harapan = {
        "klaim-jkm": "JKM",
        "klaim-jkk": "JKK",
        "klaim-jkk-jika-peserta-meninggal": "JKK_meninggal",
        "klaim-beasiswa": "beasiswa",
    }
    for id_, jenis in harapan.items():
        assert f'data-checklist="{jenis}"' in bagian[id_].html
    assert 'data-kode="buku_nikah" data-wajib="tidak"' in bagian["klaim-jkm"].html
    assert "Hanya jika ahli waris adalah suami atau istri" in bagian["klaim-jkm"].teks


def test_faq_has_enough_unique_rendered_questions(konten):
    assert len(konten.faq) >= 18
    assert len({f.id for f in konten.faq}) == len(konten.faq)
    for f in konten.faq:
        assert f.pertanyaan.endswith("?") and f.topik, f.id
        assert "{{" not in f.jawaban and f.teks, f.id


def test_faq_questions_use_the_region(kabupaten):
    assert any("Kabupaten Bekasi" in f.pertanyaan for f in kabupaten.faq)


# ---------------------------------------------------------------- figures come from data


def _markdown_dan_faq() -> list[tuple[str, str]]:
    sumber = [(p.name, p.read_text(encoding="utf-8")) for p in (CONTENT / "halaman").glob("*.md")]
    faq = yaml.safe_load((CONTENT / "data" / "faq.yaml").read_text(encoding="utf-8"))
    sumber += [(f"faq:{f['id']}", f["pertanyaan"] + "\n" + f["jawaban"]) for f in faq]
    return sumber


def test_no_literal_rupiah_amounts_in_prose():
    for nama, teks in _markdown_dan_faq():
        assert not re.search(r"Rp\s?\d", teks), f"{nama}: tulis jumlah lewat data, bukan angka"


def test_no_literal_programme_name_or_region_in_prose():
    for nama, teks in _markdown_dan_faq():
        for literal in ("SIGAP", "Kota Bekasi", "Kabupaten Bekasi", "42.000.000", "11.666"):
            assert literal not in teks, f"{nama}: '{literal}' harus dari data wilayah"


def test_region_switch_changes_programme_page(kota, kabupaten):
    p_kota, p_kab = kota.halaman["program"], kabupaten.halaman["program"]
    assert p_kota.html != p_kab.html
    assert "SIGAP — Siap Jaga Pekerja Informal" in p_kota.html
    assert "11.666 orang" in p_kota.html and "Rp2.000.000.000" in p_kota.html
    assert "desil 1 sampai 5" in p_kota.teks
    assert "Program Perlindungan Pekerja Rentan Kabupaten Bekasi" in p_kab.html
    assert "75.903 orang" in p_kab.html and "28.800 orang" in p_kab.html
    assert "SIGAP" not in p_kab.html
    assert p_kota.judul == "Program SIGAP di Kota Bekasi"


def test_amounts_are_formatted_from_data(kota):
    jkm = kota.halaman["jkm"].teks
    assert "Rp42.000.000" in jkm and "Rp20.000.000" in jkm and "24 × Rp500.000" in jkm
    beasiswa = kota.halaman["beasiswa"].html
    assert "<td>SMA/sederajat</td>" in beasiswa and "<td>Rp9.000.000</td>" in beasiswa


def test_unverified_values_carry_the_marker(kota, kabupaten):
    assert format_nilai({"nilai": 65, "satuan": "tahun", "sumber": "x", "verified": False}) == (
        "65 tahun" + PENANDA
    )
    assert (
        format_nilai({"nilai": 20000000, "satuan": "rupiah", "sumber": "x", "verified": True})
        == "Rp20.000.000"
    )
    assert format_nilai({"nilai": None, "sumber": "x", "verified": False}) == (
        "belum tersedia" + PENANDA
    )
    # early-death JKM rule [U] and the invented Kabupaten figures
    assert "Rp10.000.000" + PENANDA in kota.halaman["jkm"].html
    assert "belum tersedia" + PENANDA in kabupaten.halaman["program"].html
    assert "Rp201.600" + PENANDA in kabupaten.halaman["program"].html
    assert "Rp201.600" + PENANDA not in kota.halaman["program"].html
    assert re.search("Balai Harta Peninggalan(</a>)?</strong>" + PENANDA,
                     str(kota.halaman["ahli-waris"].html))
    # the search text never carries the marker
    assert PENANDA not in kota.halaman["jkm"].teks


def test_marker_becomes_one_tag_per_section_and_one_note():
    html = (f"<main><h2>A</h2><p>x{PENANDA} y{PENANDA}</p><h3>B</h3><p>z{PENANDA}</p>"
            f'<p title="t{PENANDA}">w</p></main>')
    hasil = tandai_belum_pasti(html)
    assert PENANDA not in hasil
    assert hasil.count('class="tag tag--belum"') == 2
    assert hasil.count('id="catatan-belum-pasti"') == 1
    assert hasil.index("catatan-belum-pasti\"") < hasil.index("</main>")
    assert tandai_belum_pasti("<p>tidak ada</p>") == "<p>tidak ada</p>"


def test_format_nilai_refuses_non_figures():
    with pytest.raises(ValueError):
        format_nilai({"jumlah": 1})


def test_region_values_are_escaped(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    path = root / "wilayah" / "kota-bekasi.yaml"
    isi = yaml.safe_load(path.read_text(encoding="utf-8"))
    isi["program"]["nama"] = "<script>x</script>"
    path.write_text(yaml.safe_dump(isi, allow_unicode=True), encoding="utf-8")

    html = muat_konten(root, "kota-bekasi").halaman["program"].html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_broken_link_to_a_missing_page_is_reported(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    (root / "halaman" / "uji.md").write_text(
        "---\njudul: a\nringkasan: b\nurutan: 1\ndiperbarui: 2026-11-23\nsumber: [c]\n---\n"
        "[x]({{ tautan('tidak-ada') }})\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"uji\.md.*tidak-ada"):
        muat_konten(root, "kota-bekasi")


def test_missing_front_matter_is_reported(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    (root / "halaman" / "uji.md").write_text(
        "---\njudul: a\nurutan: 1\ndiperbarui: 2026-11-23\nsumber: [c]\n---\nisi\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="ringkasan"):
        muat_konten(root, "kota-bekasi")


def test_slugify():
    assert slugify("Klaim JKK jika peserta meninggal") == "klaim-jkk-jika-peserta-meninggal"
    assert slugify("Jaminan Pensiun (JP)") == "jaminan-pensiun-jp"


# ---------------------------------------------------------------- data integrity


def _angka_data(node, jalur=""):
    """Yield (path, mapping) for every figure mapping (one with a `nilai` key)."""
    if isinstance(node, Mapping):
        if "nilai" in node:
            yield jalur, node
        for k, v in node.items():
            yield from _angka_data(v, f"{jalur}.{k}")
    elif isinstance(node, list | tuple):
        for i, v in enumerate(node):
            yield from _angka_data(v, f"{jalur}[{i}]")


def test_every_figure_has_source_and_verified_flag(konten):
    semua = list(_angka_data(konten.data, "data")) + list(_angka_data(konten.wilayah, "wilayah"))
    assert len(semua) > 50
    for jalur, item in semua:
        assert isinstance(item.get("verified"), bool), jalur
        assert item.get("sumber"), jalur
        if not item["verified"]:
            # say why it is unverified: a note, or a source that admits it
            assert item.get("catatan") or "belum" in str(item["sumber"]).lower(), jalur


def test_benefit_figures_are_consistent():
    m = muat_data(CONTENT)["manfaat"]
    jkm = m["jkm"]
    assert (
        jkm["santunan_berkala_bulan"]["nilai"] * jkm["santunan_berkala_per_bulan"]["nilai"]
        == jkm["santunan_berkala"]["nilai"]
    )
    assert (
        sum(jkm[k]["nilai"] for k in ("santunan_sekaligus", "santunan_berkala", "biaya_pemakaman"))
        == jkm["total"]["nilai"]
    )
    assert m["jkk"]["meninggal"]["minimum"]["nilai"] == jkm["santunan_sekaligus"]["nilai"]
    b = m["beasiswa"]
    assert list(b["jenjang"]) == ["tk", "sd", "smp", "sma", "pt"]
    per_anak = sum(
        j["per_tahun"]["nilai"] * j["maks_tahun"]["nilai"] for j in b["jenjang"].values()
    )
    assert per_anak == b["maks_per_anak"]["nilai"]
    assert b["maks_anak"]["nilai"] * per_anak == b["maks_total"]["nilai"]


def test_contribution_figures_are_consistent():
    bpu = muat_data(CONTENT)["iuran"]["bpu"]
    terendah = bpu["penghasilan_terendah"]["nilai"]
    jkk = terendah * bpu["jkk_persen"]["nilai"] // 100
    assert jkk == bpu["jkk_terendah_per_bulan"]["nilai"]
    bulanan = jkk + bpu["jkm_per_bulan"]["nilai"]
    assert bulanan == bpu["jkk_jkm_terendah_per_bulan"]["nilai"]
    assert bulanan * 12 == bpu["jkk_jkm_terendah_per_tahun"]["nilai"]
    jht = terendah * bpu["jht_persen"]["nilai"] // 100
    assert bulanan + jht == bpu["jkk_jkm_jht_terendah_per_bulan"]["nilai"]


def test_claim_document_keys_match_the_claim_types():
    dokumen = muat_data(CONTENT)["dokumen_klaim"]
    assert set(dokumen) == set(JENIS_KLAIM)
    for jenis, daftar in dokumen.items():
        kode = [d["kode"] for d in daftar]
        assert len(kode) == len(set(kode)), jenis
        for d in daftar:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", d["kode"]), d["kode"]
            assert d["nama"] and d["keterangan"] and isinstance(d["wajib"], bool)
            assert d["wajib"] or d.get("syarat"), f"{jenis}/{d['kode']}: optional needs a syarat"


def test_service_target_is_readable_by_the_claim_module():
    layanan = yaml.safe_load((CONTENT / "data" / "layanan.yaml").read_text(encoding="utf-8"))
    assert target_dari_data(layanan) == {"JKM": 3}
    assert (
        layanan["target_layanan"]["JKM"]["nilai"] == layanan["target_layanan"]["JKM"]["hari_kerja"]
    )


def test_heir_order_is_unverified_and_complete():
    urutan = muat_data(CONTENT)["ahli_waris"]["urutan"]
    assert [u["urutan"] for u in urutan] == [1, 2, 3, 4, 5, 6]
    assert urutan[-1]["kode"] == "balai_harta_peninggalan"
    assert not any(u["verified"] for u in urutan)


def test_regions_list_their_kecamatan_and_segments(kota, kabupaten):
    assert len(kota.wilayah["kecamatan"]) == 12
    assert len(kabupaten.wilayah["kecamatan"]) == 23
    assert {s["kode"] for s in kota.wilayah["segmen"]} == {
        "ojol",
        "sopir",
        "kuli_bangunan",
        "pedagang_kecil",
        "pemulung",
    }
    assert "buruh_tani" in {s["kode"] for s in kabupaten.wilayah["segmen"]}
    assert kota.wilayah["kode_wilayah"] == "3275" and kabupaten.wilayah["kode_wilayah"] == "3216"
    assert kabupaten.wilayah["program"]["nama_resmi"] is False


def test_loaded_content_is_read_only(kota):
    with pytest.raises(TypeError):
        kota.wilayah["nama"] = "Kota Lain"  # type: ignore[index]


def test_first_use_of_each_term_links_the_glossary(kota):
    html = str(kota.halaman["program"].html)
    assert html.count('href="/istilah#dtsen"') == 1
    assert ('<a class="istilah-tautan" href="/istilah#dtsen">'
            '<abbr title="Data Tunggal Sosial') in html
    jkm = str(kota.halaman["jkm"].html)
    assert jkm.count('href="/istilah#santunan-berkala"') == 1
    # headings are never turned into links
    assert not re.search(r"<h[1-6][^>]*>[^<]*<a class=\"istilah-tautan", html)
