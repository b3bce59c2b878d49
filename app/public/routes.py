"""Public views: parse the request, read what start-up prepared, render."""

from __future__ import annotations

from flask import abort, current_app, jsonify, render_template, request, url_for

from app.akses import publik
from app.domain.cari import MAKS_PANJANG_Q
from app.domain.kalkulator import KASUS, LABEL_KASUS, hitung
from app.konten_app import konten
from app.public import bp
from app.public.formulir_kalkulator import FormKalkulator
from app.public.situs import INDUK_MANFAAT, KUNCI_BERITA, berita_terbaru, situs
from app.simpanan import untuk_tamu
from app.web import render_page, wants_fragment

# How to name the calculator's fields still empty (FormKalkulator's order).
NAMA_KOLOM = {
    "kasus": "apa yang terjadi pada peserta",
    "peserta": "siapa yang membayar iuran",
    "penghasilan": "penghasilan yang dilaporkan ke BPJS",
    "lama_kepesertaan_tahun": "lama menjadi peserta",
}


@bp.get("/")
@publik
@untuk_tamu
def beranda():
    """Home page: the programme in three sentences, the main actions, key figures."""
    return render_page(
        "public/beranda.html",
        angka_kunci=situs().angka_kunci,
        berita_terbaru=berita_terbaru(),
    )


# ---------------------------------------------------------------- content pages


def _halaman(slug: str):
    """Render one content page with its breadcrumbs, children and related links."""
    semua = konten().halaman
    h = semua[slug]
    s = situs()
    remah = [("Beranda", url_for("public.beranda"))]
    if h.induk:
        remah.append((semua[h.induk].judul, s.alamat[h.induk]))
    return render_page(
        "public/halaman.html",
        halaman=h,
        remah=remah,
        anak=s.anak.get(slug, ()),
        terkait=s.terkait.get(slug, ()),
    )


@bp.get("/hak-dan-manfaat")
@publik
@untuk_tamu
def hak_dan_manfaat():
    """Rights and benefits: what the programme covers, with a page per benefit."""
    return _halaman(INDUK_MANFAAT)


@bp.get("/hak-dan-manfaat/<slug>")
@publik
@untuk_tamu
def manfaat(slug: str):
    """One benefit: JKK, JKM, JHT, beasiswa, or why JP and JKP are not for informal workers."""
    h = konten().halaman.get(slug)
    if h is None or h.induk != INDUK_MANFAAT:
        abort(404)
    return _halaman(slug)


@bp.get("/cara-mendaftar")
@publik
@untuk_tamu
def cara_mendaftar():
    """How people become participants (selection from data; self-registration as BPU)."""
    return _halaman("cara-mendaftar")


@bp.get("/cara-klaim")
@publik
@untuk_tamu
def cara_klaim():
    """How to claim: one section and document checklist per claim type."""
    return _halaman("cara-klaim")


@bp.get("/ahli-waris")
@publik
@untuk_tamu
def ahli_waris():
    """Who counts as an heir and in what order."""
    return _halaman("ahli-waris")


@bp.get("/program")
@publik
@untuk_tamu
def program():
    """The region's programme: who is covered, who pays, quota, budget, selection."""
    return _halaman("program")


@bp.get("/kontak")
@publik
@untuk_tamu
def kontak():
    """Offices and contact channels."""
    return _halaman("kontak")


@bp.get("/privasi")
@publik
@untuk_tamu
def privasi():
    """Privacy notice."""
    return _halaman("privasi")


@bp.get("/faq")
@publik
@untuk_tamu
def faq():
    """All frequently asked questions, grouped by topic, each question an anchor."""
    s = situs()
    return render_page(
        "public/faq.html",
        topik_faq=s.topik_faq,
        diperbarui=s.faq_diperbarui,
        sumber=s.faq_sumber,
    )


# ---------------------------------------------------------------- search


@bp.get("/cari")
@publik
@untuk_tamu
def cari():
    """Site search; htmx asks for the results fragment alone as the visitor types."""
    # Direct read: free search text; Indeks.cari (and the news index) normalise and bound it.
    q = request.args.get("q")
    pencarian = situs().indeks.cari(q)
    sumber_berita = current_app.extensions.get(KUNCI_BERITA)
    if sumber_berita is not None:  # news changes while running: searched at request time
        from app.public.berita import gabung

        pencarian = gabung(pencarian, sumber_berita.cari(q))
    return render_page(
        "public/cari.html",
        "public/_cari_hasil.html",
        pencarian=pencarian,
        maks_panjang=MAKS_PANJANG_Q,
    )


# ---------------------------------------------------------------- calculator


def _belum_lengkap(form: FormKalkulator) -> bool:
    """True when every complaint is only a field not filled in yet (not a wrong value)."""
    return "anak" not in form.galat and all(form.kosong(k) for k in form.galat)


@bp.get("/kalkulator")
@publik
@untuk_tamu
def kalkulator():
    """Benefit calculator: an itemised estimate of what the family would receive."""
    data = konten().data
    konteks = {
        "isian": request.args,
        "kasus_pilihan": [(k, LABEL_KASUS[k]) for k in KASUS],
        "beasiswa": data["manfaat"]["beasiswa"],
        "penghasilan_terendah": data["iuran"]["bpu"]["penghasilan_terendah"],
        "sumber": situs().sumber_manfaat,
        "hasil": None,
        "galat": {},
        "belum_lengkap": (),
    }
    if not request.args:  # first visit: the form only
        return render_page("public/kalkulator.html", "public/_kalkulator_hasil.html", **konteks)
    form = FormKalkulator(request.args, data)
    if not form.periksa():
        if wants_fragment() and _belum_lengkap(form):
            # Filling the form in with htmx: a field still empty is not an error yet.
            konteks["belum_lengkap"] = tuple(NAMA_KOLOM[k] for k in form.galat)
            return render_page("public/kalkulator.html", "public/_kalkulator_hasil.html", **konteks)
        konteks["galat"] = form.galat
        return render_page(
            "public/kalkulator.html", "public/_kalkulator_hasil.html", status=422, **konteks
        )
    konteks["hasil"] = hitung(form.masukan(), data)
    return render_page("public/kalkulator.html", "public/_kalkulator_hasil.html", **konteks)


# ---------------------------------------------------------------- for machines


@bp.get("/sitemap.xml")
@publik
@untuk_tamu
def sitemap():
    """Every public page, as absolute URLs, for search engines."""
    entri = list(situs().peta_situs)
    # Pages of other blueprints and views outside the content pages.
    for endpoint in ("cek.mulai", "public.berita", "public.istilah", "public.statistik_halaman"):
        entri.append((url_for(endpoint), None))
    sumber_berita = current_app.extensions.get(KUNCI_BERITA)
    if sumber_berita is not None:
        entri += sumber_berita.peta_situs()
    akar = request.host_url.rstrip("/")
    xml = render_template("public/sitemap.xml", entri=[(akar + p, t) for p, t in entri])
    return xml, 200, {"Content-Type": "application/xml; charset=utf-8"}


@bp.get("/robots.txt")
@publik
@untuk_tamu
def robots():
    """Crawlers: the public pages are welcome, the account and staff areas are not."""
    baris = [
        "User-agent: *",
        "Disallow: /akun",
        "Disallow: /staf",
        "Allow: /",
        f"Sitemap: {url_for('public.sitemap', _external=True)}",
    ]
    return "\n".join(baris) + "\n", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/healthz")
@publik
def healthz():
    """200 when the database, Redis (when configured) and the upload folder all work; else 503
    naming the part that failed (never an address or a password)."""
    from app.batas import periksa_kesehatan

    bagian = periksa_kesehatan()
    gagal = sorted(nama for nama, baik in bagian.items() if not baik)
    if gagal:
        return jsonify(status="error", gagal=gagal,
                       bagian={k: ("ok" if v else "error") for k, v in bagian.items()}), 503
    return jsonify(status="ok", bagian={k: "ok" for k in bagian}), 200
